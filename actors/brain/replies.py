"""Every sentence the assistant sends a customer, in Dutch and English.

Tone: a friendly Dutch salesperson on WhatsApp — informal "je", short, at most one or two
emoji. Facts (cars, prices, times, address, hours) are never written here: they are
filled in from the store, the calendar and the config.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote_plus

from daemon.config import WEEKDAYS, BusinessConfig

_T: dict[str, tuple[str, str]] = {
    "greeting": (
        "Hoi {name}! 👋 Welkom bij {business}. Waar kan ik je mee helpen? Zoek je een auto, wil je een "
        "proefrit plannen of heb je een andere vraag?",
        "Hi {name}! 👋 Welcome to {business}. How can I help? Looking for a car, want to book a test "
        "drive, or something else?"),
    "greeting_anon": (
        "Hoi! 👋 Welkom bij {business}. Waar kan ik je mee helpen? Zoek je een auto, wil je een proefrit "
        "plannen of heb je een andere vraag?",
        "Hi! 👋 Welcome to {business}. How can I help? Looking for a car, want to book a test drive, or "
        "something else?"),
    "ask_criteria": (
        "Leuk dat je bij ons zoekt! Waar ben je naar op zoek? Vertel me bijvoorbeeld je budget, het merk, "
        "de brandstof en of het een automaat moet zijn.",
        "Great that you're looking with us! What are you after? Tell me your budget, the make, the fuel "
        "and whether it should be an automatic."),
    "found": ("Dit heb ik voor je gevonden:", "Here's what I found:"),
    "found_many": ("Ik heb {total} auto's die passen, dit zijn de beste {n}:",
                   "I have {total} cars that fit, here are the best {n}:"),
    "found_relaxed": (
        "Precies zo heb ik er nu geen. Deze komen het dichtst in de buurt ({wishes}):",
        "I don't have exactly that right now. These come closest ({wishes}):"),
    "found_none": (
        "Daar heb ik op dit moment helaas niets voor op voorraad. Wil je iets anders proberen, bijvoorbeeld "
        "een ander merk of budget?",
        "Sorry, I have nothing in stock for that right now. Want to try something else, like another make "
        "or budget?"),
    "color_missing": ("In het {color} heb ik er nu geen, wel deze:", "I have none in {color} right now, but "
                      "there are these:"),
    "invite": ("Wil je er een komen bekijken of een proefrit maken?",
               "Would you like to come and see one or book a test drive?"),
    "invite_one": ("Wil je hem komen bekijken of een proefrit maken?",
                   "Would you like to come and see it or book a test drive?"),
    "ask_which_car": ("Leuk! Met welke auto wil je een proefrit maken?",
                      "Great! Which car would you like to test drive?"),
    "ask_which_car_list": ("Leuk! Met welke auto wil je een proefrit maken?\n{cars}",
                           "Great! Which car would you like to test drive?\n{cars}"),
    "not_in_stock": (
        "Een {wanted} hebben we op dit moment helaas niet op voorraad. Deze komen het dichtst in de buurt:",
        "Sorry, we don't have a {wanted} in stock right now. These come closest:"),
    "pick_car": ("Met welke wil je een proefrit maken?", "Which one would you like to test drive?"),
    "offer": ("Top, een proefrit met de {car}! 🚗 Wanneer past het je?\n{slots}\nStuur het nummer van je keuze.",
              "Great, a test drive in the {car}! 🚗 When suits you?\n{slots}\nReply with the number of your "
              "choice."),
    "offer_day": ("Voor de {car} heb ik op {day} deze momenten vrij:\n{slots}\nStuur het nummer van je keuze.",
                  "For the {car} I have these times free on {day}:\n{slots}\nReply with the number of your "
                  "choice."),
    "offer_day_full": ("Op dat moment lukt het helaas niet. Dit zijn de eerstvolgende mogelijkheden voor de "
                       "{car}:\n{slots}\nStuur het nummer van je keuze.",
                       "That time doesn't work, sorry. These are the first options for the {car}:\n{slots}\n"
                       "Reply with the number of your choice."),
    "offer_more": ("Geen probleem! Deze momenten zijn er ook nog:\n{slots}\nWelke past je?",
                   "No problem! These times are available too:\n{slots}\nWhich one suits you?"),
    "offer_reschedule": ("Geen probleem, we zoeken een ander moment voor je proefrit met de {car}:\n{slots}\n"
                         "Stuur het nummer van je keuze.",
                         "No problem, let's find another time for your test drive in the {car}:\n{slots}\n"
                         "Reply with the number of your choice."),
    "slot_taken": ("Oei, sorry! Dat moment is net door iemand anders geboekt. 🙈 Deze zijn nog vrij:\n{slots}\n"
                   "Stuur het nummer van je keuze.",
                   "Oops, sorry! Someone else just booked that time. 🙈 These are still free:\n{slots}\n"
                   "Reply with the number of your choice."),
    "slot_unclear": ("Welk moment past je? Stuur het nummer van je keuze of een dag en tijd.\n{slots}",
                     "Which time suits you? Reply with the number of your choice or a day and time.\n{slots}"),
    "no_slots": ("Ik zie in de komende {days} dagen helaas geen vrij moment. Een collega neemt contact met je op "
                 "om samen een tijd te prikken.",
                 "I can't find a free time in the next {days} days, sorry. A colleague will contact you to "
                 "arrange a time."),
    "calendar_down": ("Sorry, ik kan de agenda nu even niet inzien. Een collega neemt zo snel mogelijk contact "
                      "met je op om een tijd af te spreken.",
                      "Sorry, I can't check the calendar right now. A colleague will contact you as soon as "
                      "possible to arrange a time."),
    # Two emoji at most: the tick and the pin carry the structure, the rest is plain text.
    "booked": ("✅ Proefrit bevestigd!\n{day} om {time}\n{car}\n📍 {address}\nNeem je rijbewijs mee. Tot dan!",
               "✅ Test drive confirmed!\n{day} at {time}\n{car}\n📍 {address}\nPlease bring your driving "
               "licence. See you then!"),
    "rescheduled": ("✅ Je proefrit is verzet!\n{day} om {time}\n{car}\n📍 {address}\nTot dan!",
                    "✅ Your test drive has been moved!\n{day} at {time}\n{car}\n📍 {address}\nSee you then!"),
    "cancelled": ("Geen probleem, ik heb je proefrit van {when} geannuleerd. Wil je later toch komen kijken? "
                  "Stuur gerust een berichtje.",
                  "No problem, I've cancelled your test drive on {when}. Want to come by later after all? Just "
                  "send a message."),
    "offer_dropped": ("Geen probleem, dan plannen we niets in. Laat het gerust weten als je toch een keer wilt "
                      "komen kijken.",
                      "No problem, we won't book anything. Let me know if you'd like to come by another time."),
    "nothing_to_cancel": ("Je hebt op dit moment geen proefrit bij ons staan. Kan ik je ergens anders mee helpen?",
                          "You don't have a test drive booked with us at the moment. Can I help with anything "
                          "else?"),
    "price_lines": ("Dit zijn de prijzen:\n{cars}", "Here are the prices:\n{cars}"),
    "price_one": ("De {car} staat voor € {price} bij ons te koop.", "The {car} is for sale at € {price}."),
    "price_which": ("Van welke auto wil je de prijs weten?", "Which car would you like to know the price of?"),
    "haggle": ("De prijzen zijn scherp gezet, maar een verkoper kijkt graag met je mee, bijvoorbeeld bij een "
               "proefrit of als je een auto inruilt. 🙂",
               "Our prices are sharp, but a salesperson is happy to talk it through with you, for example "
               "during a test drive or with a trade-in. 🙂"),
    "trade_in_ask": ("Inruilen kan zeker! Vertel me nog {missing}, dan laat ik een collega een voorstel maken.",
                     "Trading in is absolutely possible! Tell me {missing} and a colleague will make you an "
                     "offer."),
    "trade_in_done": ("Dank je! Ik geef je gegevens door aan een collega; die neemt contact met je op met een "
                      "inruilvoorstel.",
                      "Thanks! I'm passing your details to a colleague, who will contact you with a trade-in "
                      "offer."),
    "financing_ask": ("Financieren kan bij ons. Om welk bedrag gaat het ongeveer en over hoeveel maanden wil je "
                      "het spreiden?",
                      "Financing is possible. Roughly what amount, and over how many months would you like to "
                      "spread it?"),
    "financing_done": ("Dank je! Een collega rekent het voor je door en neemt contact met je op.",
                       "Thanks! A colleague will work out the numbers and get in touch with you."),
    "opening_hours": ("Onze openingstijden:\n{hours}", "Our opening hours:\n{hours}"),
    "location": ("Je vindt ons op {address}.\n🗺️ {maps}{parking}",
                 "You'll find us at {address}.\n🗺️ {maps}{parking}"),
    "goodbye": ("Graag gedaan! Fijne dag nog 👋", "You're welcome! Have a nice day 👋"),
    "goodbye_booked": ("Graag gedaan! Tot {when} 👋", "You're welcome! See you {when} 👋"),
    "opt_out": ("Je bent afgemeld en krijgt geen berichten meer van ons. Stuur gerust weer een berichtje als je "
                "ons nodig hebt.",
                "You're unsubscribed and won't get any more messages from us. Just send a message if you need "
                "us again."),
    "human": ("Ik zet je door naar een collega; die neemt zo snel mogelijk contact met je op. 🙋",
              "I'm passing you to a colleague, who will get back to you as soon as possible. 🙋"),
    "complaint": ("Wat vervelend om te horen, sorry daarvoor! Ik geef dit direct door aan een collega; die neemt "
                  "zo snel mogelijk contact met je op.",
                  "I'm sorry to hear that! I'm passing this on to a colleague right away, who will contact you "
                  "as soon as possible."),
    "clarify": ("Sorry, dat begreep ik niet helemaal. Zoek je een auto, wil je een proefrit maken of heb je een "
                "vraag over inruil, financiering of onze openingstijden?",
                "Sorry, I didn't quite get that. Are you looking for a car, want to book a test drive, or do "
                "you have a question about trade-in, financing or our opening hours?"),
    "misunderstood": ("Sorry, ik begrijp je niet goed. Ik vraag een collega om je verder te helpen; die neemt zo "
                      "snel mogelijk contact met je op.",
                      "Sorry, I'm not getting it. I'll ask a colleague to help you further; they'll get back to "
                      "you as soon as possible."),
    "hot": ("Een collega neemt zo snel mogelijk contact met je op om je persoonlijk verder te helpen.",
            "A colleague will contact you as soon as possible to help you personally."),
    "greeting_again": ("Hoi{name}! Waar kan ik je nog mee helpen?", "Hi{name}! What else can I help you with?"),
    "ack": ("Waar kan ik je mee helpen? Zoek je een auto, wil je een proefrit plannen of heb je een vraag?",
            "What can I help you with? Looking for a car, want to book a test drive, or do you have a question?"),
    "no_thanks": ("Helemaal goed! Laat het gerust weten als je nog iets wilt weten. 🙂",
                  "No problem at all! Just let me know if there's anything else. 🙂"),
    "focus": ("{line}\nWil je die komen bekijken of een proefrit maken?",
              "{line}\nWould you like to come and see it or book a test drive?"),
    "focus_available": ("Ja, de {car} is nog beschikbaar! 🙂\n{line}\nZal ik een proefrit voor je inplannen?",
                        "Yes, the {car} is still available! 🙂\n{line}\nShall I book a test drive for you?"),
    "compare": ("Op een rij:\n{cars}\nBouwjaar, kilometerstand en prijs zie je hierboven; voor de uitrusting kun je de "
                "links bekijken of ze komen proefrijden. Wil je dat?",
                "Side by side:\n{cars}\nYear, mileage and price are above; for the equipment, check the links or come "
                "and try them. Would you like that?"),
    "refine_cheaper": ("Iets goedkoper dan € {value}:", "A bit cheaper than € {value}:"),
    "refine_newer": ("Iets nieuwer dan bouwjaar {value}:", "A bit newer than {value}:"),
    "refine_less_km": ("Met minder dan {value} km:", "With less than {value} km:"),
    "refine_more": ("Dit zijn er nog meer die passen:", "Here are some more that fit:"),
    "refine_none_cheaper": ("Goedkoper dan € {value} heb ik op dit moment niets dat bij je wensen past.",
                            "I have nothing cheaper than € {value} that fits your wishes right now."),
    "refine_none_newer": ("Nieuwer dan bouwjaar {value} heb ik op dit moment niets dat bij je wensen past.",
                          "I have nothing newer than {value} that fits your wishes right now."),
    "refine_none_less_km": ("Met minder dan {value} km heb ik op dit moment niets dat bij je wensen past.",
                            "I have nothing with less than {value} km that fits your wishes right now."),
    "refine_none_more": ("Meer auto's die bij je wensen passen heb ik op dit moment niet.",
                         "I don't have more cars that fit your wishes right now."),
    "refine_none_tail": ("Wil je een van de vorige komen bekijken, of zal ik zoeken met andere wensen?",
                         "Would you like to see one of the earlier ones, or shall I search with other wishes?"),
    "detail_car": ("Goeie vraag! Dat kan ik hier niet met zekerheid zien voor de {car}. Zal ik het door een collega "
                   "laten nakijken? Je hoort het dan zo snel mogelijk.",
                   "Good question! I can't tell that for sure for the {car} from here. Shall I have a colleague "
                   "check it? You'll hear back as soon as possible."),
    "detail_general": ("Goeie vraag! Dat verschilt per auto en kan ik hier niet met zekerheid zien. Zal ik een "
                       "collega vragen het voor je na te kijken?",
                       "Good question! That differs per car and I can't tell for sure from here. Shall I ask a "
                       "colleague to check it for you?"),
    "photos_car": ("Alle foto's van de {car} staan op de pagina van de auto:\n{url}",
                   "All photos of the {car} are on its page:\n{url}"),
    "check_done": ("Top, ik heb het bij een collega uitgezet. Je hoort zo snel mogelijk van ons! Kan ik je "
                   "ondertussen nog ergens mee helpen?",
                   "Great, I've asked a colleague to check. You'll hear from us as soon as possible! Anything else "
                   "I can help with in the meantime?"),
    "already_booked": ("Je hebt al een proefrit staan: {when} met de {car}. Zal ik die verzetten naar een ander "
                       "moment?",
                       "You already have a test drive booked: {when} in the {car}. Shall I move it to another "
                       "time?"),
    "already_booked_other": ("Je hebt al een proefrit staan: {when} met de {car}. Zal ik die omzetten naar de {other}, "
                             "op een nieuw moment?",
                             "You already have a test drive booked: {when} in the {car}. Shall I switch it to the "
                             "{other}, at a new time?"),
    "keep_booking": ("Prima, dan blijft je proefrit van {when} gewoon staan. Tot dan! 👋",
                     "Sure, your test drive on {when} stays as it is. See you then! 👋"),
    "media_image": ("Ik kan helaas geen foto's bekijken. 🙈", "Sorry, I can't view photos. 🙈"),
    "media_audio": ("Ik kan helaas geen spraakberichten afluisteren. 🙈", "Sorry, I can't listen to voice messages. 🙈"),
    "media_video": ("Ik kan helaas geen video's bekijken. 🙈", "Sorry, I can't watch videos. 🙈"),
    "media_file": ("Ik kan helaas geen bijlagen openen. 🙈", "Sorry, I can't open attachments. 🙈"),
    "media_empty": ("Ik zie geen tekst in je bericht.", "I don't see any text in your message."),
    "media_ask": ("Typ je vraag gerust, dan help ik je verder!", "Just type your question and I'll help you out!"),
    "media_slots": ("Kies je nog een moment voor de proefrit? Stuur het nummer van je keuze.",
                    "Still want to pick a time for the test drive? Reply with the number of your choice."),
    "media_trade_in": ("Een collega kan je bijlage straks wel bekijken. Vertel je me nog {missing}?",
                       "A colleague can look at your attachment later. Could you tell me {missing}?"),
    "location_shared": ("Dank je voor je locatie! Je vindt ons op {address}.\n🗺️ {maps}\nWaar kan ik je mee helpen?",
                        "Thanks for your location! You'll find us at {address}.\n🗺️ {maps}\nHow can I help?"),
    "closed_day": ("Op {day} zijn we gesloten.", "We're closed on {day}."),
    "outside_hours": ("Om {time} zijn we niet open; op {day} zijn we er van {hours}.",
                      "We're not open at {time}; on {day} we're open {hours}."),
    "in_lunch": ("Tussen {lunch} hebben we lunchpauze.", "We're on a lunch break {lunch}."),
    "day_full": ("Op {day} heb ik helaas niets meer vrij.", "I have nothing free on {day}, sorry."),
    "in_past": ("Dat moment is helaas al voorbij.", "That time has already passed."),
    "too_soon": ("Zo snel lukt het helaas niet meer.", "That's a bit too soon, sorry."),
    "slot_busy": ("Dat moment is helaas al bezet.", "That time is already taken, sorry."),
    "nearest": ("Dit zijn de dichtstbijzijnde momenten voor de {car}:\n{slots}\nStuur het nummer van je keuze.",
                "These are the nearest times for the {car}:\n{slots}\nReply with the number of your choice."),
}

# A second wording for what we may have to say twice in a row: a salesperson does not
# repeat the same sentence to the same customer.
_ALT: dict[str, tuple[str, str]] = {
    "invite_one": ("Zin om hem te komen bekijken of een proefrit te maken?",
                   "Fancy coming to see it or taking a test drive?"),
    "invite": ("Zin om er een te komen bekijken of een proefrit te maken?",
               "Fancy coming to see one or taking a test drive?"),
    "clarify": ("Ik volg je nog niet helemaal. Kun je het anders zeggen? Ik help je bijvoorbeeld met ons aanbod, "
                "een proefrit, inruil of financiering.",
                "I'm not quite following. Could you put it differently? I can help with our stock, a test drive, "
                "trade-in or financing."),
    "ack": ("Vertel het maar: waar kan ik je mee helpen?", "Go ahead: what can I help you with?"),
    "no_thanks": ("Prima! Ik hoor het wel als je nog vragen hebt.", "Sure! Just message me if you have questions."),
    "found": ("Kijk, deze heb ik voor je:", "Have a look at these:"),
    "ask_which_car": ("Met welke auto wil je de proefrit maken? Noem gerust het merk en model.",
                      "Which car would you like to test drive? Just name the make and model."),
    "ask_which_car_list": ("Welke van deze wil je proberen? Stuur het nummer of de naam.\n{cars}",
                           "Which of these would you like to try? Reply with the number or the name.\n{cars}"),
    "price_which": ("Over welke auto gaat het? Dan zoek ik de prijs voor je op.",
                    "Which car is it about? Then I'll look up the price."),
    "media_ask": ("Waar kan ik je mee helpen? Typ het gerust.", "What can I help you with? Feel free to type it."),
}

_MISSING = {
    "car": ("het merk en model", "the make and model"),
    "year": ("het bouwjaar", "the year"),
    "km": ("de kilometerstand", "the mileage"),
}
_RELAXED = {
    "budget_max": ("iets boven je budget", "slightly over budget"),
    "year_min": ("wat ouder", "a bit older"),
    "mileage_max": ("meer kilometers", "higher mileage"),
    "body_type": ("andere carrosserie", "different body type"),
    "transmission": ("andere transmissie", "different gearbox"),
    "fuel": ("andere brandstof", "different fuel"),
    "model": ("ander model", "different model"),
}
_DAY_NAMES = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTH_NAMES = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_COLORS_EN = {"wit": "white", "zwart": "black", "grijs": "grey", "blauw": "blue", "rood": "red",
              "zilver": "silver"}


def say(key: str, lang: str, alt: bool = False, **values: object) -> str:
    """The sentence `key` in `lang` ("en", else Dutch) with `values` filled in; `alt` asks for the second wording."""
    nl, en = _ALT[key] if alt and key in _ALT else _T[key]
    return (en if lang == "en" else nl).format(**values)


def has_alt(key: str) -> bool:
    return key in _ALT


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def join_words(words: list[str], lang: str) -> str:
    """ "a, b en c" / "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + (" and " if lang == "en" else " en ") + words[-1]


def missing_trade_in(missing: list[str], lang: str) -> str:
    return join_words([_pick(_MISSING[m], lang) for m in missing], lang)


def relaxed_wishes(relaxed: list[str], lang: str) -> str:
    return ", ".join(_pick(_RELAXED[r], lang) for r in relaxed if r in _RELAXED)


def color_name(color: str, lang: str) -> str:
    return _COLORS_EN.get(color, color) if lang == "en" else color


def long_date(start: datetime, lang: str) -> str:
    """ "woensdag 25 november" / "Wednesday 25 November"."""
    lang = "en" if lang == "en" else "nl"
    return f"{_DAY_NAMES[lang][start.weekday()]} {start.day} {_MONTH_NAMES[lang][start.month - 1]}"


def day_name(weekday: int, lang: str) -> str:
    return _DAY_NAMES["en" if lang == "en" else "nl"][weekday]


def opening_hours(business: BusinessConfig, lang: str) -> str:
    """One line per run of days with the same hours: "maandag t/m zaterdag: 09:00–18:00"."""
    closed = "closed" if lang == "en" else "gesloten"
    through = " to " if lang == "en" else " t/m "
    runs: list[tuple[int, int, str]] = []
    for index in range(len(WEEKDAYS)):
        hours = business.opening_hours.for_weekday(index)
        if runs and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], index, hours)
        else:
            runs.append((index, index, hours))
    lines = []
    for first, last, hours in runs:
        days = day_name(first, lang) if first == last else day_name(first, lang) + through + day_name(last, lang)
        lines.append(f"{days}: {hours.replace('-', '–') if hours else closed}")
    return "\n".join(lines)


def maps_link(address: str) -> str:
    return "https://www.google.com/maps/search/?api=1&query=" + quote_plus(address)


def first_name(name: str) -> str:
    """The first word of a WhatsApp profile name ("Jan de Vries" → "Jan")."""
    parts = (name or "").strip().split()
    return parts[0] if parts else ""
