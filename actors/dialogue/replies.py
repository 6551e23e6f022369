"""The phrasebook: every sentence the assistant sends, in Dutch and English.

Tone: a friendly Dutch salesperson on WhatsApp — informal "je", short, at most one or two
emoji. No fact is written here: cars, prices, times, hours and dealer knowledge are filled
in from the stock, the calendar, the config and the knowledge file.
"""

from __future__ import annotations

from typing import Any

_T: dict[str, tuple[str, str]] = {
    # -- welcome and small talk
    "greet": ("Hoi{name}! 👋 Welkom bij {business}. Zoek je een auto, wil je een proefrit plannen of heb je een andere "
              "vraag? Ik help je graag.",
              "Hi{name}! 👋 Welcome to {business}. Looking for a car, want to book a test drive or have another "
              "question? Happy to help."),
    "greet_again": ("Hoi{name}! Waar kan ik je nog mee helpen?", "Hi{name}! What else can I help you with?"),
    "thanks": ("Graag gedaan! Fijne dag nog 👋", "You're welcome! Have a nice day 👋"),
    "thanks_booked": ("Graag gedaan! Tot {when} 👋", "You're welcome! See you {when} 👋"),
    "ack": ("Top! 👍 Laat het gerust weten als je nog iets wilt weten.", "Great! 👍 Just let me know if there's "
            "anything else."),
    "ack_booked": ("Top, dan zien we je graag {when}! 👋", "Great, we'll see you {when}! 👋"),
    "ack_again": ("Prima! Waar kan ik je verder nog mee helpen?", "Alright! What else can I help you with?"),
    "ack_booked_again": ("Tot {when}! 👋", "See you {when}! 👋"),
    "thanks_again": ("Graag gedaan! 🙂", "You're welcome! 🙂"),
    "thanks_booked_again": ("Graag gedaan, tot {when}! 👋", "You're welcome, see you {when}! 👋"),
    "no_thanks": ("Helemaal goed! Laat het gerust weten als je nog iets wilt weten. 🙂",
                  "No problem at all! Just let me know if there's anything else. 🙂"),
    "defer": ("Neem gerust de tijd! Heb je nog vragen of wil je toch een proefrit plannen, stuur me dan gewoon een "
              "berichtje.",
              "Take your time! If you have more questions or want to book a test drive after all, just send me a "
              "message."),
    "clarify": ("Sorry, dat begreep ik niet helemaal. Zoek je een auto, wil je een proefrit maken of heb je een vraag over "
                "bijvoorbeeld inruil, financiering of onze openingstijden?",
                "Sorry, I didn't quite get that. Are you looking for a car, want to book a test drive, or do you have a "
                "question about trade-in, financing or our opening hours?"),
    "clarify_again": ("Ik volg je nog niet helemaal, sorry. Kun je het anders zeggen? Of zal ik een collega vragen om "
                      "contact met je op te nemen?",
                      "I'm still not quite following, sorry. Could you put it differently? Or shall I ask a colleague "
                      "to contact you?"),
    # -- searching
    "found": ("Dit heb ik voor je{what}:", "Here's what I have for you{what}:"),
    "found_many": ("Ik heb {total} auto's die passen{what}. Dit zijn de beste {n}:",
                   "I have {total} cars that fit{what}. These are the best {n}:"),
    "found_one": ("Ja, die hebben we! 🚗", "Yes, we have that one! 🚗"),
    "found_one_match": ("Ik heb er één die past{what}:", "I have one that fits{what}:"),
    "named_does_not_fit": ("De {car} die we hebben past niet helemaal: die is {why}.",
                           "The {car} we have doesn't quite fit: it is {why}."),
    "found_similar": ("Dit zijn de beste opties{what}, vergelijkbare auto's erbij:",
                      "These are the best options{what}, similar cars included:"),
    "ask_wishes": ("We hebben nu {total} auto's op voorraad. Vertel me wat voor jou belangrijk is, dan zoek ik de beste "
                   "voor je uit: bijvoorbeeld je budget, automaat of handgeschakeld, de brandstof of het soort auto.",
                   "We have {total} cars in stock right now. Tell me what matters to you and I'll pick the best ones: "
                   "for example your budget, automatic or manual, the fuel or the type of car."),
    "wish_unknown": ("Of ze met {wish} geleverd worden, staat niet in mijn gegevens; dat laat ik graag door een collega "
                     "nakijken.",
                     "Whether they have {wish} isn't in my details; I'm happy to have a colleague check that."),
    "not_in_stock": ("Een {wanted} hebben we op dit moment helaas niet op voorraad.",
                     "Unfortunately we don't have a {wanted} in stock right now."),
    "link_gone": ("Die auto staat niet meer in onze voorraad; waarschijnlijk is hij net verkocht of gereserveerd.",
                  "That car is no longer in our stock; it has probably just been sold or reserved."),
    "gone_instead": ("Wel heb ik dit voor je{what}:", "What I do have for you{what}:"),
    "link_gone_ask": ("Vertel me wat je zoekt (bijvoorbeeld merk, budget of automaat), dan kijk ik wat we wel hebben.",
                      "Tell me what you're looking for (make, budget or automatic, say) and I'll see what we do have."),
    "alternatives": ("Wel hebben we deze alternatieven{what}:", "But we do have these alternatives for you{what}:"),
    "colour_not_in_stock": ("Een {colour} {model} heb ik op dit moment helaas niet. Deze hebben we wel:",
                            "I'm afraid I don't have a {colour} {model} right now. These are the {model}s we do have:"),
    "hurry": ("Dan gaan we je snel helpen! Deze kun je direct komen bekijken en proefrijden.",
              "Then let's get you sorted quickly! You can come and see and drive these right away."),
    "no_more": ("Dit waren ze: meer auto's die bij je wensen passen heb ik op dit moment niet. Zal ik je wensen wat ruimer "
                "nemen?", "That was all of them: I have no more cars that fit your wishes right now. Shall I widen the search?"),
    "more_found": ("Deze passen ook{what}:", "These fit as well{what}:"),
    "relative_none_cheaper": ("Goedkoper dan de {car} ({price}) heb ik op dit moment niets dat bij je wensen past.",
                              "I have nothing cheaper than the {car} ({price}) that fits your wishes right now."),
    "relative_none_newer": ("Nieuwer dan de {car} (bouwjaar {year}) heb ik op dit moment niets dat bij je wensen past.",
                            "I have nothing newer than the {car} ({year}) that fits your wishes right now."),
    "relative_none_less_km": ("Met minder kilometers dan de {car} ({km}) heb ik op dit moment niets dat bij je wensen past.",
                              "I have nothing with fewer km than the {car} ({km}) that fits your wishes right now."),
    "relaxed": ("Precies zo heb ik er nu geen. Deze komen het dichtst in de buurt ({what}):",
                "I don't have exactly that right now. These come closest ({what}):"),
    "none": ("Daar heb ik op dit moment helaas niets voor op voorraad. Zal ik je een berichtje sturen als er iets "
             "binnenkomt, of zoeken we met andere wensen?",
             "Unfortunately I have nothing in stock for that right now. Shall I message you when something comes in, "
             "or shall we search with other wishes?"),
    "invite_many": ("Wil je er een komen bekijken of een proefrit maken?",
                    "Would you like to come and see one or book a test drive?"),
    "invite_one": ("Wil je hem komen bekijken of een proefrit maken?",
                   "Would you like to come and see it or book a test drive?"),
    "ambiguous": ("Welke van deze bedoel je?\n{cars}", "Which one of these do you mean?\n{cars}"),
    "which_car": ("Over welke auto gaat het? Noem gerust het merk en model.",
                  "Which car is it about? Just name the make and model."),
    # -- facts about a car
    "fact_sentence": ("De {car} {facts}.", "The {car} {facts}."),
    "fact_sentence_yes": ("Ja, de {car} {facts}.", "Yes, the {car} {facts}."),
    "fact_sentence_no": ("Nee, de {car} {facts}.", "No, the {car} {facts}."),
    "frag_price": ("staat voor {value} bij ons te koop", "is for sale at {value}"),
    "frag_km": ("heeft {value} gelopen", "has {value} on the clock"),
    "frag_year": ("is van bouwjaar {value}", "is from {value}"),
    "frag_colour": ("is {value} van kleur", "has a {value} colour"),
    "frag_fuel": ("rijdt op {value}", "runs on {value}"),
    "frag_body": ("is een {value}", "is {a}{value}"),
    "fact_plugin": ("De {car} is een plug-in hybride: hij rijdt een stuk volledig elektrisch en daarna op benzine.",
                    "The {car} is a plug-in hybrid: it drives a stretch fully electric, then on petrol."),
    "fact_unknown_feature": ("Of de {car} met {feature} geleverd wordt, staat niet in mijn gegevens. Zal ik een collega "
                             "het voor je laten nakijken?",
                             "I don't have in my details whether the {car} has {feature}. Shall I have a colleague "
                             "check it for you?"),
    "fact_price": ("De {car} staat voor {value} bij ons te koop.", "The {car} is for sale at {value}."),
    "fact_km": ("De {car} heeft {value} gelopen.", "The {car} has done {value}."),
    "fact_year": ("De {car} is van {value} (bouwjaar).", "The {car} is from {value}."),
    "fact_colour": ("De {car} is {value} van kleur.", "The {car} has a {value} colour."),
    "fact_gear_yes": ("Ja, de {car} is een automaat.", "Yes, the {car} is an automatic."),
    "fact_gear_no": ("Nee, de {car} is handgeschakeld (geen automaat).", "No, the {car} is a manual (not an automatic)."),
    "fact_gear_manual_yes": ("Ja, de {car} is handgeschakeld (geen automaat).", "Yes, the {car} is a manual."),
    "fact_gear_manual_no": ("Nee, de {car} is een automaat.", "No, the {car} is an automatic."),
    "fact_gear": ("De {car} is een {value}.", "The {car} has a {value} gearbox."),
    "fact_fuel": ("De {car} rijdt op {value}.", "The {car} has a {value} engine."),
    "fact_fuel_ev": ("De {car} is volledig elektrisch: hij rijdt op een accu.", "The {car} is fully electric: it runs on "
                     "a battery."),
    "fact_fuel_hybrid": ("De {car} is een hybride: een benzinemotor met een elektromotor.",
                         "The {car} is a hybrid: a petrol engine with an electric motor."),
    "fact_body": ("De {car} is een {value}.", "The {car} is a {value} (that is its body type)."),
    "fact_battery": ("De {car} heeft een accu van {value}.", "The {car} has a {value} battery."),
    "fact_extra": ("{label} van de {car}: {value}.", "{label} of the {car}: {value}."),
    "fact_more": ("De {car} is van bouwjaar {year} en heeft {km} gelopen. Hij rijdt op {fuel}, is een {gear}, een "
                  "{body} en {colour} van kleur. De prijs is {price}.",
                  "The {car} is from {year} and has {km} on the clock. It runs on {fuel}, is {a_gear}{gear}, {a_body}{body} and "
                  "{colour}. The price is {price}."),
    "fact_available": ("Ja, de {car} is nog beschikbaar! 🚗", "Yes, the {car} is still available! 🚗"),
    "fact_photos": ("Foto's van de {car} vind je hier: {url}", "Photos of the {car} are here: {url}"),
    "fact_unknown": ("{what} van de {car} staat niet in mijn gegevens. Zal ik een collega het voor je laten nakijken?",
                     "I don't have the {what} of the {car} in my details. Shall I have a colleague check it for you?"),
    "rank_unknown": ("{what} van deze auto's staat niet in mijn gegevens, dus welke het best scoort kan ik niet zeggen. "
                     "Zal ik een collega het voor je laten nakijken?",
                     "I don't have the {what} of these cars in my details, so I can't say which comes out best. Shall I "
                     "have a colleague check it for you?"),
    "colleague_checks": ("Top, ik vraag het na bij een collega; je hoort het zo snel mogelijk. Kan ik je ondertussen "
                         "nog ergens mee helpen?",
                         "Great, I'll ask a colleague to check; you'll hear back as soon as possible. Anything else I "
                         "can help with in the meantime?"),
    # -- ranking and comparing
    "rank_one": ("{label} van deze is de {line}.", "{label} of these is the {line}."),
    "table_match_one": ("Dat is de {line}.", "That's the {line}."),
    "table_match_many": ("Deze passen daarbij:\n{cars}", "These fit that:\n{cars}"),
    "table_match_none": ("Volgens mijn gegevens heeft geen van deze {n} dat.", "According to my records none of these {n} has that."),
    "price_difference": ("Het prijsverschil is {amount}: de {car} is de goedkoopste.",
                         "The price difference is {amount}: the {car} is the cheaper one."),
    "rank_top": ("De {n} {label}:\n{cars}", "The {n} {label}:\n{cars}"),
    "rank_tie": ("{label} zijn er {n}, allemaal voor {value}:\n{cars}",
                 "{label}: there are {n} of them, all at {value}:\n{cars}"),
    "advice": ("Als ik moet kiezen, zou ik de {car} nemen: {why}.", "If I had to choose, I would take the {car}: {why}."),
    "compare": ("Ik zet ze voor je op een rij:\n{cars}", "Here they are side by side:\n{cars}"),
    "compare_diff": ("Het grootste verschil: {diff}.", "The main difference is that {diff}."),
    "compare_which": ("Welke twee auto's wil je vergelijken?", "Which two cars would you like to compare?"),
    # -- test drives
    "offer": ("Leuk, een proefrit met de {car}! 🚗 Deze momenten zijn nog vrij:\n{slots}\nWelke past je? Stuur het "
              "nummer, of noem zelf een dag en tijd.",
              "Great, a test drive in the {car}! 🚗 These times are free:\n{slots}\nWhich one suits you? Reply with "
              "the number, or name a day and time."),
    "offer_best": ("Voor de proefrit stel ik de {car} voor (liever een andere uit de lijst? Zeg het maar). Deze momenten "
                   "zijn nog vrij:\n{slots}\nWelke past je? Stuur het nummer.",
                   "For the test drive I suggest the {car} (prefer another one from the list? Just say). These times "
                   "are free:\n{slots}\nWhich one suits you? Reply with the number."),
    "times_follow": ("Ik kijk even in de agenda welke momenten vrij zijn voor een proefrit met de {car} en stuur je zo "
                     "de vrije tijden. ⏳",
                     "I'm checking the calendar for free times for a test drive in the {car} and will send them to you "
                     "shortly. ⏳"),
    "times_follow_again": ("Ik ben de agenda nog aan het bekijken; de vrije tijden voor de {car} stuur ik je zo.",
                           "I'm still checking the calendar; I'll send you the free times for the {car} shortly."),
    "offer_match": ("Voor de {car} zijn deze momenten vrij:\n{slots}\nWelke past je?",
                    "For the {car} these times are free:\n{slots}\nWhich one suits you?"),
    "offer_match_one": ("Voor de {car} is {slot} nog vrij. Zal ik die voor je vastzetten?",
                        "For the {car}, {slot} is still free. Shall I book it for you?"),
    "offer_switch_best": ("Prima, dan stel ik de {car} voor (liever een andere? Zeg het maar). Deze momenten zijn vrij:"
                          "\n{slots}\nWelke past je?",
                          "Sure, I suggest the {car} then (prefer another one? Just say). These times are free:\n{slots}\n"
                          "Which one suits you?"),
    "offer_switch": ("Prima, dan plannen we de proefrit met de {car}. Deze momenten zijn vrij:\n{slots}\nWelke past je?",
                     "Sure, the test drive is in the {car} then. These times are free:\n{slots}\nWhich one suits you?"),
    "offer_move": ("Naar deze momenten kan ik je proefrit met de {car} verzetten:\n{slots}\nWelke past je?",
                   "I can move your test drive in the {car} to one of these times:\n{slots}\nWhich one suits you?"),
    "offer_more": ("Geen probleem! Deze momenten zijn er ook nog:\n{slots}\nWelke past je?",
                   "No problem! These times are free as well:\n{slots}\nWhich one suits you?"),
    "slot_unclear": ("Welk moment past je? Stuur het nummer of een dag en tijd.\n{slots}",
                     "Which time suits you? Reply with the number or a day and time.\n{slots}"),
    "booked": ("✅ Staat genoteerd! Proefrit met de {car}: {when}.\n📍 {address}\nNeem je rijbewijs mee. Tot dan!",
               "✅ Booked! Test drive in the {car}: {when}.\n📍 {address}\nPlease bring your driving licence. See you "
               "then!"),
    "moved": ("✅ Geregeld: je proefrit met de {car} is verzet naar {when}. Tot dan!",
              "✅ Done: your test drive in the {car} has been moved to {when}. See you then!"),
    "cancelled": ("Geen probleem, ik heb je proefrit van {when} geannuleerd. Wil je later alsnog een nieuwe afspraak? "
                  "Stuur gerust een berichtje.",
                  "No problem, I've cancelled your test drive on {when}. Want to book a new one later? Just send a "
                  "message."),
    "offer_dropped": ("Geen probleem, dan plannen we niets in. Laat het gerust weten als je toch een keer wilt komen "
                      "kijken.",
                      "No problem, we won't book anything. Let me know if you'd like to come by another time."),
    "nothing_to_cancel": ("Je hebt op dit moment geen proefrit bij ons staan. Kan ik je ergens anders mee helpen?",
                          "You don't have a test drive booked with us at the moment. Can I help with anything else?"),
    "recall": ("Je proefrit met de {car} staat op {when}.\n📍 {address}",
               "Your test drive in the {car} is on {when}.\n📍 {address}"),
    "recall_several": ("Je hebt deze proefritten staan:\n{drives}\n📍 {address}",
                       "You have these test drives booked:\n{drives}\n📍 {address}"),
    "no_appointment": ("Je hebt op dit moment nog geen proefrit bij ons staan. Zal ik er een voor je inplannen?",
                       "You don't have a test drive booked with us yet. Shall I book one for you?"),
    "keeps_booked": ("Helemaal goed, dan blijft je proefrit met de {car} op {when} gewoon staan. 👍",
                     "All right, your test drive in the {car} on {when} stays as it is. 👍"),
    "also_booked": ("Je proefrit met de {car} op {when} blijft gewoon staan.",
                    "Your test drive in the {car} on {when} stays booked."),
    "already_booked": ("Je hebt al een proefrit staan: {when} met de {car}. Wil je die verzetten? Noem gerust een "
                       "andere dag of tijd.",
                       "You already have a test drive booked: {when} in the {car}. Would you like to move it? Just "
                       "name another day or time."),
    "which_drive_car": ("Leuk! Met welke auto wil je een proefrit maken?", "Great! Which car would you like to test "
                        "drive?"),
    "closed_day": ("Op {day} zijn we helaas gesloten.", "Unfortunately we are closed on {day}."),
    "holiday_closed": ("Op {day} ({holiday}) zijn we helaas gesloten.", "Unfortunately we are closed on {day} "
                       "({holiday})."),
    "outside_hours": ("Om {time} zijn we niet open; op {day} zijn we er van {hours}.",
                      "We're not open at {time}; on {day} we're open {hours}."),
    "after_closing": ("Na {time} zijn we op {day} helaas dicht; we zijn er dan van {hours}.",
                      "After {time} we're closed on {day}; we're open {hours} that day."),
    "in_lunch": ("Tussen {lunch} hebben we lunchpauze.", "Unfortunately that is our lunch break ({lunch})."),
    "day_full": ("Op {day} heb ik helaas niets meer vrij.", "Unfortunately I have nothing free on {day}."),
    "part_full": ("Op {part} heb ik helaas niets meer vrij.", "Unfortunately I have nothing free on {part}."),
    "in_past": ("Dat moment is helaas al voorbij.", "That time has already passed."),
    "too_soon": ("Zo snel lukt het helaas niet meer.", "That's a bit too soon, sorry."),
    "on_the_hour": ("Om {time} lukt niet precies: we plannen proefritten op het hele uur.",
                    "{time} exactly isn't possible: we schedule test drives on the hour."),
    "on_the_grid": ("Om {time} lukt niet precies: we plannen proefritten per {minutes} minuten.",
                    "{time} exactly isn't possible: we schedule test drives every {minutes} minutes."),
    "slot_busy": ("Dat moment is helaas al bezet.", "That time is already taken, sorry."),
    "nearest": ("Dit zijn de dichtstbijzijnde vrije momenten voor de {car}:\n{slots}\nWelke past je?",
                "These are the nearest free times for the {car}:\n{slots}\nWhich one suits you?"),
    "slot_taken": ("Oei, dat moment is net door iemand anders geboekt. 🙈 Deze zijn nog vrij:\n{slots}\nWelke past je?",
                   "Oops, someone else just booked that time. 🙈 These are still free:\n{slots}\nWhich one suits you?"),
    "no_slots": ("Ik zie in de komende {days} dagen helaas geen vrij moment. Een collega neemt contact met je op om "
                 "samen een tijd te prikken.",
                 "I can't find a free time in the next {days} days. A colleague will contact you to arrange a time."),
    "calendar_down": ("Sorry, ik kan de agenda nu even niet inzien. Een collega neemt zo snel mogelijk contact met je op "
                      "om een tijd af te spreken.",
                      "Sorry, I can't check the calendar right now. A colleague will contact you as soon as possible to "
                      "arrange a time."),
    # -- trade-in, financing, buying
    "trade_in_ask": ("Inruilen kan zeker! Om je {car} goed in te schatten: wat is nog {missing}?",
                     "Trading in is certainly possible! To value your {car}: what's {missing}?"),
    "trade_in_noted": ("Inruilen kan zeker! Ik noteer je {car}. Een collega taxeert hem bij je bezoek, en de "
                       "inruilwaarde gaat direct van de koopprijs af.",
                       "Trading in is certainly possible! I've noted your {car}. A colleague will value it when you "
                       "visit, and the trade-in value comes straight off the price."),
    "trade_in_value": ("Een inruilprijs kan ik je hier niet noemen zonder de auto te zien; dat doen we met een taxatie.",
                       "I can't give a trade-in price here without seeing the car; we do that with a valuation."),
    "trade_in_general": ("Inruilen kan zeker bij ons!", "Yes, we are happy to take your car in trade!"),
    "financing": ("Financieren kan via onze financieringspartner{lender}. Een voorbeeld voor de {car} ({price}): zonder aanbetaling, over {months} "
                  "maanden tegen {apr}% JKP betaal je ongeveer {monthly} per maand (indicatief, onder voorbehoud van "
                  "acceptatie).\nLet op! Geld lenen kost geld.",
                  "Financing is possible through our finance partner{lender}. An example for the {car} ({price}): no deposit, over {months} "
                  "months at {apr}% APR you pay about {monthly} a month (indicative, subject to approval).\nPlease note: "
                  "borrowing money costs money (Geld lenen kost geld)."),
    "financing_down": ("Financieren kan via onze financieringspartner{lender}. Voor de {car} ({price}) met {down} "
                       "aanbetaling, over {months} maanden tegen {apr}% JKP, betaal je ongeveer {monthly} per maand "
                       "(indicatief, onder voorbehoud van acceptatie).\nLet op! Geld lenen kost geld.",
                       "Financing is possible through our finance partner{lender}. For the {car} ({price}) with a "
                       "down payment of {down}, over {months} months at {apr}% APR, you pay about {monthly} a month "
                       "(indicative, subject to approval).\nPlease note: borrowing money costs money (Geld lenen kost "
                       "geld)."),
    "financing_general": ("Financieren kan via onze financieringspartner{lender}, bijvoorbeeld over {months} maanden tegen {apr}% JKP. Het "
                          "maandbedrag reken ik graag voor je uit voor de auto die je kiest.\nLet op! Geld lenen kost geld.",
                          "Financing is possible through our finance partner{lender}, for example over {months} months at {apr}% APR. I'm "
                          "happy to work out the monthly amount for the car you choose.\nPlease note: borrowing money "
                          "costs money (Geld lenen kost geld)."),
    "financing_apply": ("Een collega neemt contact met je op om de financieringsaanvraag met je door te nemen.",
                        "A colleague will contact you to go through the financing application with you."),
    "bid": ("Dank je voor je bod van {amount} op de {car} (vraagprijs {price}). Ik leg het voor aan de verkoper; die laat "
            "je zo snel mogelijk weten of we eruit komen.",
            "Thanks for your offer of {amount} on the {car} (asking price {price}). I'll put it to the salesperson, who "
            "will let you know as soon as possible whether we can make it work."),
    "bid_no_car": ("Dank je voor je bod van {amount}! Over welke auto gaat het? Dan leg ik het voor aan de verkoper.",
                   "Thanks for your offer of {amount}! Which car is it for? Then I'll put it to the salesperson."),
    "haggle_more": ("Zal ik een verkoper vragen om met je mee te kijken?", "Shall I ask a salesperson to look into it "
                    "with you?"),
    "buy": ("Wat leuk dat je de {car} wilt kopen! 🎉", "Great that you'd like to buy the {car}! 🎉"),
    "buy_no_car": ("Wat leuk dat je wilt kopen! 🎉 Over welke auto gaat het?",
                   "Great that you'd like to buy! 🎉 Which car is it?"),
    "buy_next": ("Ik laat een verkoper contact met je opnemen om de koop rond te maken.",
                 "I'll have a salesperson contact you to complete the purchase."),
    # -- people
    "human": ("Ik zet je door naar een collega; die neemt {when} contact met je op. 🙋",
              "I'm passing you to a colleague, who will contact you {when}. 🙋"),
    "complaint": ("Wat vervelend om te horen, sorry daarvoor! Ik geef dit direct door aan een collega; die neemt {when} "
                  "contact met je op.",
                  "I'm sorry to hear that! I'm passing this on to a colleague right away, who will contact you {when}."),
    "person_soon": ("zo snel mogelijk", "as soon as possible"),
    "person_later": ("{when} (we zijn nu gesloten)", "{when} (we are closed right now)"),
    # -- opting out and in
    "opt_out_again": ("Je staat al afgemeld: je krijgt geen berichten meer van ons. Een vraag beantwoorden we natuurlijk wel.",
                      "You're already unsubscribed: you won't get messages from us. We'll still answer any question "
                      "you send."),
    "opt_out": ("Je bent afgemeld: je krijgt geen berichten meer van ons. Heb je later toch een vraag? Stuur gerust een "
                "berichtje, dan antwoorden we gewoon.",
                "You're unsubscribed: you won't get any more messages from us. Have a question later? Just send a "
                "message and we'll answer."),
    "opted_out_still": ("Je blijft afgemeld voor onze berichten; stuur START als je ze weer wilt ontvangen.",
                        "You stay unsubscribed from our messages; send START if you'd like to receive them again."),
    "opt_in": ("Welkom terug! Je ontvangt weer berichten van ons.", "Welcome back! You'll receive our messages again."),
    "wish_noted": ("Ik heb je wens genoteerd: {wish}.", "I have noted your wish: {wish}."),
    # -- the dealer
    "hours_week": ("Dit zijn onze openingstijden:\n{hours}", "These are our opening hours:\n{hours}"),
    "hours_day": ("{day} zijn we open van {opens} tot {closes}.", "{day} we're open from {opens} to {closes}."),
    "hours_day_closed": ("{day} zijn we helaas gesloten.", "Unfortunately {day} we are closed."),
    "hours_holiday": ("Op {holiday} ({day}) zijn we open van {opens} tot {closes}.",
                      "On {holiday} ({day}) we're open from {opens} to {closes}."),
    "hours_holiday_closed": ("Op {holiday} ({day}) zijn we gesloten.", "Unfortunately we are closed on {holiday} "
                             "({day})."),
    "hours_until_yes": ("Ja, {day} zijn we open tot {closes}.", "Yes, {day} we are open until {closes}."),
    "hours_until_no": ("Nee, {day} zijn we open tot {closes}.", "No, sorry: {day} we are open until {closes}."),
    "hours_other_days": ("Op de andere dagen gelden onze gewone openingstijden:\n{hours}",
                         "On the other days our normal opening hours apply:\n{hours}"),
    "location": ("Je vindt ons op {address}.\n🗺️ {maps}", "You'll find us at {address}.\n🗺️ {maps}"),
    "location_shared": ("Dank je voor je locatie! Je vindt ons op {address}; hier is de route:\n🗺️ {maps}",
                        "Thanks for your location! You'll find us at {address}; here's the route:\n🗺️ {maps}"),
    # -- attachments
    "media_image": ("Dank je voor de foto! Foto's kan ik hier zelf helaas niet bekijken. 🙈",
                    "Thanks for the photo! I can't view photos here myself, I'm afraid. 🙈"),
    "media_image_again": ("Ook deze foto kan ik helaas niet bekijken.", "I can't view this photo either, I'm afraid."),
    "media_image_trade_in": ("Dank je voor de foto van je {car}! Ik geef hem door aan de collega die de taxatie doet.",
                             "Thanks for the photo of your {car}! I'll pass it to the colleague doing the valuation."),
    "media_audio": ("Ik kan helaas geen spraakberichten afluisteren. 🙈 Wil je je vraag even typen?",
                    "Sorry, I can't listen to voice messages. 🙈 Could you type your question?"),
    "media_audio_again": ("Ook dit spraakbericht kan ik helaas niet afluisteren. Typ je je vraag even?",
                          "I can't listen to this voice message either. Could you type your question?"),
    "media_video": ("Dank je voor de video! Video's kan ik hier zelf helaas niet bekijken. 🙈",
                    "Thanks for the video! I can't watch videos here myself, I'm afraid. 🙈"),
    "media_video_again": ("Ook deze video kan ik helaas niet bekijken.", "I can't watch this video either, I'm afraid."),
    "media_other": ("Dank je! Bijlagen kan ik hier zelf helaas niet openen.",
                    "Thanks! I can't open attachments here myself, I'm afraid."),
    "media_other_again": ("Ook deze bijlage kan ik helaas niet openen.", "I can't open this attachment either, I'm afraid."),
    "media_ask": ("Waar kan ik je mee helpen? Typ je vraag gerust.", "What can I help you with? Just type your question."),
    "media_slots": ("Kies je nog een moment voor de proefrit? Stuur het nummer van je keuze.",
                    "Would you still like to pick a time for the test drive? Send me its number."),
    "media_trade_in": ("Vertel je me nog {missing} van je auto?", "Could you still tell me {missing} of your car?"),
    "trade_in_word_year": ("het bouwjaar", "the year"),
    "trade_in_word_km": ("de kilometerstand", "the mileage"),
}


def say(key: str, lang: str, **values: Any) -> str:
    """The sentence `key` in `lang` ("en", else Dutch) with `values` filled in."""
    nl, en = _T[key]
    return (en if lang == "en" else nl).format(**values)


def keys() -> frozenset[str]:
    return frozenset(_T)
