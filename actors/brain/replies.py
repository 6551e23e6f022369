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
    "booked": ("✅ Proefrit bevestigd!\n📅 {day} om {time}\n🚗 {car}\n📍 {address}\nNeem je rijbewijs mee. Tot dan!",
               "✅ Test drive confirmed!\n📅 {day} at {time}\n🚗 {car}\n📍 {address}\nPlease bring your driving "
               "licence. See you then!"),
    "rescheduled": ("✅ Je proefrit is verzet!\n📅 {day} om {time}\n🚗 {car}\n📍 {address}\nTot dan!",
                    "✅ Your test drive has been moved!\n📅 {day} at {time}\n🚗 {car}\n📍 {address}\nSee you then!"),
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


def say(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang` ("en", else Dutch) with `values` filled in."""
    nl, en = _T[key]
    return (en if lang == "en" else nl).format(**values)


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
