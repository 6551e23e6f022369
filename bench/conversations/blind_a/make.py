#!/usr/bin/env python3
"""Builds blind set A: conversations.jsonl and cars-dev.json next to this file, from the dealer's stock file.

    cd <project root> && python3 bench/conversations/blind_a/make.py

Every stock truth in the checks (which car is cheapest, a car's km or colour, the set of cars a reply may name)
is computed here from integrations/data/stock.csv by a filter, and the script asserts the assumptions the checks
rest on (a unique best car, a pattern that names only its own car, a bookable time). Only the customers' words and
the dates of the fixed moment are typed by hand. The moment is Tuesday 1 December 2026, 08:30 Europe/Amsterdam:
"vandaag" = Tue 1 Dec, "morgen" = Wed 2 Dec, "overmorgen"/"donderdag" = Thu 3 Dec, "vrijdag" = Fri 4 Dec,
"zaterdag" = Sat 5 Dec, "zondag" = Sun 6 Dec (closed), "maandag" = Mon 7 Dec.
Set A may be read and tuned on. Standard library only.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import *  # noqa: E402,F401,F403

C = []


def conv(cid, name, phone, turns, checks):
    C.append({"id": cid, "name": name, "from": phone, "turns": turns, "checks": checks})


# --- cars the customers name ---------------------------------------------------------------------------------
swift, yaris, chr_, qashqai, p2008, kuga = (one(model="Swift"), one(model="Yaris"), one(model="C-HR"),
    one(model="Qashqai"), one(model="2008"), one(model="Kuga"))
a4, megane, cx5, a3, octavia_d, niro_hev = (one(model="A4"), one(model="Megane"), one(model="CX-5"), one(model="A3"),
    one(model="Octavia", fuel="diesel"), one(model="Niro", fuel="hybride"))
kamiq, sandero, aygo, golf_eh, corsa_auto, up = (one(model="Kamiq"), one(model="Sandero"), one(model="Aygo X"),
    one(model="Golf", fuel="hybride"), one(model="Corsa", gearbox="automaat"), one(model="Up"))
corolla, passat, kona, x1, id3, model3, modely = (one(model="Corolla"), one(model="Passat"), one(model="Kona"),
    one(model="X1"), one(model="ID.3"), one(model="Model 3"), one(model="Model Y"))
v40, octavia_b, p3008, c3, mazda2, mini, captur, fiat500 = (one(model="V40"), one(model="Octavia", fuel="benzine"),
    one(model="3008"), one(model="C3"), one(model="2"), one(model="Cooper"), one(model="Captur"), one(model="500"))
ev = S(fuel="elektrisch")

# --- the conversations ---------------------------------------------------------------------------------------
assert CARS[swift]["color"] == "rood" and CARS[swift]["make"] == "Suzuki"
conv("a01-swift-vragen-tweede-tijd", "Lisa Verbeek", "+31652710001",
     ["hoi, die rode suzuki swift die op jullie site staat, is die er nog?",
      "hoeveel km heeft hij gereden en uit welk jaar is hij",
      "mooi. zit er cruise control op?", "wanneer kan ik er een rondje in rijden?", "doe maar de tweede"],
     [only(1, [swift], "the Swift asked about is in stock: the reply names it and no other car"),
      mentions(2, km(swift), year(swift), why=f"both answers: {fmt(CARS[swift]['km'])} km and {CARS[swift]['year']}"),
      no_fallback(3, "a question about equipment the stock list does not record is still understood"),
      mentions(3, r"cruise", why="the cruise-control question is addressed by name (an honest 'I'll check' passes)"),
      slots(4, "'wanneer kan ik rijden?' with one car in focus gets times at once"),
      appointment(5, "'de tweede' books the second time offered, for the Swift", car=car(swift), offered_index=2),
      handoff("end", False, DEALER_ONLY)])

hyb20 = S(fuel="hybride", price_max=money(20000))
hyb20_low, hyb20_old = best(hyb20, "km"), best(hyb20, "year")
assert CARS[hyb20_old]["transmission"] == "automaat" and "automaat" not in title(hyb20_old).lower()
conv("a02-hybride-minst-gereden-oudste", "Peter van Dam", "+31652710002",
     ["Goedemiddag. Ik zoek een hybride, mag niet meer kosten dan 20.000 euro",
      "welke daarvan heeft het minst gereden?", "en welke is het oudste?", "is dat een automaat?"],
     [only(1, hyb20, "hybrids of at most € 20.000", min=2),
      mentions(2, car(hyb20_low), why=f"fewest km of ALL hybrids ≤ € 20.000: {title(hyb20_low)} "
                                      f"({fmt(CARS[hyb20_low]['km'])} km)"),
      only(2, top(hyb20, "km", 2), "ranked by km, not the earlier list re-sent"),
      mentions(3, car(hyb20_old), year(hyb20_old),
               why=f"the oldest match is the {title(hyb20_old)} ({CARS[hyb20_old]['year']})"),
      only(3, top(hyb20, "year", 2), "oldest first: only the oldest matches are named"),
      mentions(4, GEARBOX["automaat"], why=f"the {title(hyb20_old)} is an automatic: a yes or the gearbox word"),
      handoff("end", False, DEALER_ONLY)])

assert CARS[p2008]["km"] < CARS[qashqai]["km"]
conv("a03-qashqai-of-2008", "Sander Kuijpers", "+31652710003",
     ["wat is nou beter, de Nissan Qashqai of de Peugeot 2008 die jullie hebben staan?",
      "welke van de twee heeft minder kilometers?",
      "ok dan de peugeot. kan ik vrijdag om 11 uur langskomen om te rijden?", "prima!"],
     [only(1, [qashqai, p2008], "a comparison of exactly these two", min=2),
      mentions(1, fact(qashqai), fact(p2008), why="a comparison gives facts (price, km or year) of both cars"),
      mentions(2, car(p2008), km(p2008), why=f"the 2008 has fewer km ({fmt(CARS[p2008]['km'])})"),
      only(2, [qashqai, p2008], "still about these two", min=1),
      slots(3, "the free time asked for (Fri 4 Dec 11:00) is offered or booked", at=free(FRI, 11)),
      appointment("end", "booked: Friday 11:00, the 2008", at=free(FRI, 11), car=car(p2008)),
      handoff("end", False, DEALER_ONLY)])

hybsuv30 = S(fuel="hybride", body="suv", price_max=money(30000))
assert kuga in hybsuv30
conv("a04-rav4-niet-kuga-phev", "Gert-Jan Brink", "+31652710004",
     [f"Hebben jullie een {not_stock('Toyota RAV4')} hybride staan? mag max 30 mille kosten",
      "die Kuga, is dat een plug-in?", "en hoeveel km kan hij volledig elektrisch rijden?"],
     [mentions(1, r"rav ?4", NOT_IN_STOCK, why="names the RAV4 and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="the cars shown are labelled as alternatives"),
      only(1, hybsuv30, "alternatives keep the wishes: hybrid SUV of at most € 30.000"),
      mentions(2, r"plug-?in|phev|stekker|oplaad|\bja\b", why="the Kuga is a plug-in hybrid (PHEV): a yes"),
      only(2, [kuga], "about the Kuga only", min=0),
      no_fallback(3, "the electric-range question is understood"),
      mentions(3, EV_RANGE + r"|elektrisch", why="the electric range is addressed by name"),
      only(3, [kuga], "about the Kuga only", min=0)])

sw_a18 = S(body="stationwagen", gearbox="automaat", price_max=money(18000))
sw18 = S(body="stationwagen", price_max=18000)
sw18_nd = S(body="stationwagen", price_max=18000, not_fuel="diesel")
assert len(sw_a18) == 1 and len(sw18) > len(sw_a18) and sw18_nd == [megane]
conv("a05-stationwagen-handbak-geen-diesel", "Marloes Hofman", "+31652710005",
     ["zoek een stationwagen, automaat, max 18.000", "mag ook een handbak zijn hoor", "liever geen diesel trouwens",
      "wat kost die en hoeveel km heeft hij?", "kan ik morgenmiddag om 2 uur komen kijken?", "top"],
     [only(1, sw_a18, "the only automatic estate of at most € 18.000"),
      only(2, sw18, "widened: estates ≤ € 18.000 with any gearbox", min=2),
      mentions(2, any_car([s for s in sw18 if s not in sw_a18]), why="the widened search shows more than before"),
      only(3, sw18_nd, "'geen diesel' leaves the Megane Estate"),
      mentions(4, price(megane), km(megane),
               why=f"both: € {fmt(CARS[megane]['price'])} and {fmt(CARS[megane]['km'])} km"),
      only(4, [megane], "about the Megane (the Sandero has the same price)", min=0),
      slots(5, "the free time asked for (Wed 2 Dec 14:00) is offered or booked", at=free(WED, 14)),
      appointment("end", "booked: Wednesday 14:00, the Megane", at=free(WED, 14), car=car(megane))])

conv("a06-stoppen-met-leasen-ev", "Rianne Smeets", "+31652710006",
     ["Goedemiddag, mijn leasecontract loopt in januari af en ik wil stoppen met leasen. Welke elektrische auto's hebben jullie?",
      "kan ik thuis met een gewone stekker laden of heb ik een laadpaal nodig?",
      "en financieren, kan dat bij jullie?", "ok ik ga er even over nadenken"],
     [opted_out(1, False, "'stoppen met leasen' is no opt-out"),
      only(1, ev, "electric cars", min=2),
      mentions(2, CHARGING, why="home charging is addressed"),
      mentions(3, FINANCE, why="the financing question is answered"),
      mentions(3, WARNING, why="financing information carries 'Geld lenen kost geld'"),
      no_fallback(4, "'ik ga er over nadenken' is understood"),
      opted_out("end", False, "never unsubscribed"),
      handoff("end", False, DEALER_ONLY)])

auto15 = S(gearbox="automaat", price_max=money(15000))
auto15_low = best(auto15, "km")
assert len(auto15) == 3 and auto15_low == corsa_auto
conv("a07-inruil-scenic-automaat", "Wim Kramer", "+31652710007",
     [f"hallo, ik heb een {not_stock('Renault Scenic uit 2011')} en die wil ik inruilen voor een automaat tot 15.000",
      "de scenic is een diesel en heeft 183.000 km gelopen", "welke van die drie heeft de minste km?",
      "kan ik die zaterdag om 13:00 proefrijden? dan neem ik de scenic mee om te laten taxeren", "👍"],
     [only(1, auto15, "the wanted car is an automatic ≤ € 15.000 (the Scenic is the customer's own car)"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      no_fallback(2, "facts about the trade-in car are understood"),
      only(2, auto15, "the Scenic's fuel and km do not become a search (no diesels)", min=0),
      mentions(3, car(auto15_low), why=f"fewest km of the three: {title(auto15_low)} ({fmt(CARS[auto15_low]['km'])} km)"),
      only(3, top(auto15, "km", 2), "ranked by km"),
      slots(4, "the free time asked for (Sat 5 Dec 13:00) is offered or booked", at=free(SAT, 13)),
      appointment("end", "booked: Saturday 13:00 in the Corsa automaat (not the Scenic)", at=free(SAT, 13),
                  car=car(corsa_auto)),
      handoff("end", False, DEALER_ONLY)])

conv("a08-bovag-apk-parkeren-onderhoud", "Johan de Ruiter", "+31652710008",
     ["Goedemorgen, twee vragen: krijg ik BOVAG-garantie op een occasion van jullie? En wordt hij met nieuwe APK afgeleverd?",
      "waar kan ik mijn auto laten als ik bij jullie kom kijken, hebben jullie parkeerplaatsen?",
      "doen jullie ook onderhoud aan auto's die niet bij jullie gekocht zijn?", "fijn, dank je wel. fijne dag nog"],
     [mentions(1, WARRANTY, APK, why="both questions of one message: the warranty and the APK"),
      mentions(2, PARKING, why="parking is addressed"),
      mentions(3, SERVICING, why="servicing is addressed"),
      no_fallback(4, "a thank-you is understood"),
      only(4, [], "no sales pitch to a goodbye", min=0),
      handoff("end", False, DEALER_ONLY)])

conv("a09-kerst-bezorgen-zeeland", "Karin Wolters", "+31652710009",
     ["zijn jullie tussen kerst en oud en nieuw gewoon open? ik ben dan vrij",
      "ik woon in middelburg, dat is een eind rijden. brengen jullie een auto ook thuis?",
      "wat kost dat ongeveer?", "ok top"],
     [mentions(1, r"kerst|oud en nieuw|oudjaar|oudejaar|nieuwjaar|feestdag|jaarwisseling|2[4-9] dec|3[01] dec",
               why="the holiday period is addressed by name, not only the normal week hours"),
      mentions(2, DELIVERY, why="home delivery is addressed"),
      no_fallback(3, "the question about the delivery cost is understood"),
      mentions(3, r"bezorg|aflever|transport|breng|afstand|tarief|gratis|thuis|lever",
               why="the delivery cost is addressed"),
      no_fallback(4, "'ok top' is understood"),
      handoff("end", False, DEALER_ONLY)])

conv("a10-cx5-week-later-onderhoud", "Erik Verhoeven", "+31652710010",
     ["Kan ik donderdag om 10 uur een proefrit maken in de Mazda CX-5?", "ja is goed",
      "balen, donderdag moet ik toch werken. kan het precies een week later, zelfde tijd?", "ok",
      "en kan ik hem na aankoop ook bij jullie laten onderhouden?"],
     [slots(1, "the free time asked for (Thu 3 Dec 10:00) is offered or booked", at=free(THU, 10)),
      only(1, [cx5], "the CX-5 and no other car", min=0),
      appointment(2, "after 'ja is goed' Thursday 10:00 is booked", at=free(THU, 10)),
      slots(3, "'een week later, zelfde tijd' moves the drive to Thursday 10 Dec 10:00", at=free(THU2, 10)),
      slots(3, "nothing but Thursday 10 Dec is offered", all=True, date=THU2),
      no_fallback(4, "'ok' is understood"),
      mentions(5, SERVICING, why="servicing is addressed"),
      appointment("end", "one drive, moved to Thursday 10 Dec 10:00, the CX-5", at=free(THU2, 10), car=car(cx5))])

conv("a11-a3-terugvragen-annuleren", "Dewi Pranoto", "+31652710011",
     ["Ik wil zaterdag om 9 uur de Audi A3 komen proberen", "helemaal goed",
      "hoe laat moest ik zaterdag ook alweer komen?",
      "er is iets tussengekomen, ik kan zaterdag toch niet. wil je het annuleren?", "dank je, ik kom later wel een keer"],
     [slots(1, "the free time asked for (Sat 5 Dec 09:00) is offered or booked", at=free(SAT, 9)),
      appointment(2, "after 'helemaal goed' Saturday 09:00 is booked, for the A3", at=free(SAT, 9), car=car(a3)),
      mentions(3, hour_re(9), why="recalls the time: 09:00"),
      appointment(4, "the drive is cancelled", exists=False),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      no_fallback(5, "'ik kom later wel een keer' is understood"),
      appointment("end", "nothing booked at the end", exists=False),
      opted_out("end", False, "cancelling a drive is no opt-out")])

conv("a12-klacht-kenteken-octavia", "Yvonne Lammers", "+31652710012",
     [f"ik heb 2 maanden geleden een {not_stock('Skoda Octavia')} bij jullie gekocht en het kenteken staat nog steeds niet op mijn naam. hoe kan dat??",
      "en wanneer wordt dit geregeld?"],
     [handoff(1, True, "a complaint about a sale goes to a person"),
      mentions(1, APOLOGY, why="the complaint is met with an apology"),
      not_mentions(1, r"proefrit|aanbieding", why="no sales pitch to a complaining customer"),
      only(1, [], "no stock cars offered", min=0),
      handoff("end", True, "still handed over")])

conv("a13-bel-mij-model-y-zakelijk", "Martijn Post", "+31652710013",
     ["Kan iemand me even bellen over de Tesla Model Y? Ik heb wat vragen over bijtelling en zakelijk rijden",
      "na vijf uur ben ik het best bereikbaar"],
     [handoff(1, True, "an explicit ask for a call from a person is handed over"),
      replied(1, "the handover is announced to the customer, not done in silence"),
      mentions(1, PERSON, why="says a person will get in touch"),
      handoff("end", True, "still handed over")])

conv("a14-sandero-te-duur-afmelden", "Bianca Koster", "+31652710014",
     ["Wat kost de Dacia Sandero?", "ok dank je, dat is te duur voor mij",
      "en ik wil verder geen whatsappjes meer van jullie ontvangen", "👍"],
     [mentions(1, price(sandero), why=f"the Sandero costs € {fmt(CARS[sandero]['price'])}"),
      only(1, [sandero], "the Sandero and no other car (the Megane has the same price)"),
      no_fallback(2, "'te duur' is understood"),
      opted_out(2, False, "'te duur' is no opt-out"),
      opted_out(3, True, "'geen whatsappjes meer ontvangen' unsubscribes"),
      mentions(3, r"afgemeld|geen berichten|uitgeschreven|niet meer|geen (whatsapp|bericht)|ontvangt",
               why="the opt-out is confirmed"),
      opted_out(4, True, "a thumbs-up after the opt-out is no consent to more messages"),
      only(4, [], "no sales pitch after the opt-out", min=0)])

conv("a15-aanmelden-afmelden-proefrit", "Noor Aydin", "+31652710015",
     ["goedemiddag, kan ik me aanmelden voor een proefrit in de Kia Niro hybride? vrijdagmiddag 15:00 zou mooi zijn",
      "ja graag", "ik moet me helaas weer afmelden voor vrijdag, mijn zoontje is ziek",
      "ik app volgende week wel weer voor een nieuwe afspraak"],
     [opted_out(1, False, "'aanmelden voor een proefrit' is no opt-out"),
      slots(1, "the free time asked for (Fri 4 Dec 15:00) is offered or booked", at=free(FRI, 15)),
      appointment(2, "after 'ja graag' Friday 15:00 is booked, for the Niro hybrid", at=free(FRI, 15),
                  car=car(niro_hev)),
      opted_out(3, False, "'afmelden voor vrijdag' cancels the drive; it is no opt-out"),
      appointment(3, "the drive is cancelled", exists=False),
      mentions(3, CANCELLED, why="the cancellation is confirmed"),
      no_fallback(4, "'ik app volgende week wel weer' is understood"),
      opted_out("end", False, "never unsubscribed")])

offer = money(21500)
conv("a16-kamiq-afdingen-bod", "Ronald Boer", "+31652710016",
     ["Is de Skoda Kamiq nog te koop en wat is de vraagprijs?",
      "kan er niet wat vanaf? ik zag een vergelijkbare bij een andere dealer voor minder",
      f"ik bied {fmt(offer)} euro, dan haal ik hem deze week nog op"],
     [mentions(1, price(kamiq), why=f"the Kamiq costs € {fmt(CARS[kamiq]['price'])}"),
      only(1, [kamiq], "the Kamiq and no other car (two other cars have the same price)"),
      no_fallback(2, "haggling is understood"),
      mentions(2, NEGOTIATE, why="answers about the price / passes it to a salesperson"),
      not_mentions(2, INVENTED_DISCOUNT, why="no invented discount"),
      no_fallback(3, "an offer is understood"),
      mentions(3, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount")])

conv("a17-aygo-betalen-kopen", "Femke Scholten", "+31652710017",
     ["is de toyota aygo x nog beschikbaar?", "bouwjaar en km stand?", "hoe betaal ik bij jullie, pinnen of overmaken?",
      "ik wil hem kopen. kan hij tot zaterdag voor mij gereserveerd worden?"],
     [only(1, [aygo], "the Aygo X is in stock: named, and no other car"),
      mentions(2, year(aygo), km(aygo), why=f"both: {CARS[aygo]['year']} and {fmt(CARS[aygo]['km'])} km"),
      no_fallback(3, "the payment question is understood"),
      mentions(3, r"betal|pin|overma|overschrij|bank|contant|aanbetal", why="how to pay is addressed"),
      no_fallback(4, "purchase intent is understood"),
      mentions(4, BUY, why="the next steps of buying: reserving, a salesperson, paperwork"),
      only(4, [aygo], "about the Aygo X, no new search", min=0)])

conv("a18-golf-ehybrid-financieren", "Hans Brouwer", "+31652710018",
     ["wat zou ik per maand kwijt zijn voor de Golf eHybrid als ik hem financier?", "en moet ik iets aanbetalen?",
      "als ik hem contant betaal, gaat er dan wat van de prijs af?",
      "ik kom hem eerst bekijken, maandag om 4 uur kan dat?", "ja"],
     [mentions(1, FINANCE, why="the financing question is answered"),
      mentions(1, WARNING, why="financing information carries 'Geld lenen kost geld'"),
      only(1, [golf_eh], "about the Golf eHybrid only", min=0),
      no_fallback(2, "the down-payment question is understood"),
      mentions(2, r"aanbetal|eigen geld|financ|inbreng|inruil|looptijd|lenen", why="the down payment is addressed"),
      mentions(3, NEGOTIATE, why="answers about the price / passes it to a salesperson"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      slots(4, "the free time asked for (Mon 7 Dec 16:00) is offered or booked", at=free(MON, 16)),
      appointment("end", "booked: Monday 16:00, the Golf eHybrid", at=free(MON, 16), car=car(golf_eh))])

auto_r15 = S(gearbox="automaat", price_max=17000)  # "rond de 15 mille": up to € 17.000
cheap_r15 = best(auto_r15, "price")
assert cheap_r15 == corsa_auto
conv("a19-tikfouten-rond-15-mille", "Kevin Mulder", "+31652710019",
     ["hebbe jullie nog een goedkoope automaat rond de 15 mille", "wlke is het goedkoopst", "heeft die ook airco",
      "kan ik m vandaag nog zien vanmiddag om 3 uur", "oke"],
     [only(1, auto_r15, "automatics around € 15.000 (at most € 17.000)"),
      mentions(2, car(cheap_r15), why=f"the cheapest match is the {title(cheap_r15)} (€ {fmt(CARS[cheap_r15]['price'])})"),
      only(2, top(auto_r15, "price", 2), "ranked by price over all matches"),
      no_fallback(3, "a question about equipment the stock list does not record is understood"),
      mentions(3, r"airco|klimaat|climate", why="the airco question is addressed by name"),
      slots(4, "the free time asked for (today 15:00) is offered or booked", at=free(TUE, 15)),
      appointment("end", "booked: today 15:00, the Corsa automaat", at=free(TUE, 15), car=car(corsa_auto))])

cheap8 = S(price_max=money(8000))
cheap8_low = best(cheap8, "km")
assert cheap8_low == up and all(CARS[s]["body_type"] == "hatchback" for s in cheap8)
conv("a20-spraak-dochter-weinig-km", "Henk Vos", "+31652710020",
     ["ja hallo met henk ik zoek eigenlijk een auto voor mijn dochter die heeft net haar rijbewijs dus iets kleins en niet te duur zo tot een euro of 8000 en het liefst met weinig kilometers want ze moet elke dag naar haar werk in apeldoorn",
      "die volkswagen up is dat een vijfdeurs", "en hoe lang heeft die nog apk",
      "top dan komen we zaterdag om 11 uur kijken", "ja prima"],
     [only(1, cheap8, "cars of at most € 8.000"),
      mentions(1, car(cheap8_low), why=f"'liefst weinig km': the {title(cheap8_low)} has the fewest km of them"),
      no_fallback(2, "the doors question is understood"),
      mentions(2, r"deur|door", why="the doors question is addressed by name (the stock list does not record it)"),
      only(2, [up], "about the Up only", min=0),
      mentions(3, APK, why="the APK question is addressed"),
      slots(4, "the free time asked for (Sat 5 Dec 11:00) is offered or booked", at=free(SAT, 11)),
      appointment("end", "booked: Saturday 11:00, the Up", at=free(SAT, 11), car=car(up))])

hatch_a20 = S(body="hatchback", gearbox="automaat", price_max=money(20000))
sw_a20 = S(body="stationwagen", gearbox="automaat", price_max=20000)
sw_a20_low = best(sw_a20, "km")
assert len(sw_a20) == 2 and sw_a20_low == corolla
conv("a21-hatchback-wordt-stationwagen", "Laura Meijer", "+31652710021",
     ["Ik zoek een hatchback met automaat tot 20.000 euro",
      "oh nee sorry, het moet toch een stationwagen worden, de hond moet achterin",
      "welke van de twee heeft minder gelopen?", "zit er op die corolla een trekhaak?",
      "ik kom hem woensdag om 5 uur bekijken", "👌"],
     [only(1, hatch_a20, "automatic hatchbacks of at most € 20.000", min=2),
      only(2, sw_a20, "replaced: automatic estates of at most € 20.000"),
      opted_out(2, False, "a correction is no opt-out"),
      mentions(3, car(sw_a20_low), why=f"fewer km: {title(sw_a20_low)} ({fmt(CARS[sw_a20_low]['km'])} km)"),
      only(3, sw_a20, "within the replaced search"),
      no_fallback(4, "the tow-bar question is understood"),
      mentions(4, r"trekhaak|trekgewicht|aanhanger", why="the tow-bar question is addressed by name"),
      slots(5, "the free time asked for (Wed 2 Dec 17:00) is offered or booked", at=free(WED, 17)),
      appointment("end", "booked: Wednesday 17:00, the Corolla", at=free(WED, 17), car=car(corolla))])

suv25 = S(body="suv", price_max=money(25000))
suvb25 = S(body="suv", fuel="benzine", price_max=25000)
suvb25k = S(body="suv", fuel="benzine", price_max=25000, km_max=80000)
assert kamiq in suvb25k and len(suvb25k) < len(suvb25) < len(suv25)
conv("a22-suv-alleen-benzine-max-km", "Bas Jongeneel", "+31652710022",
     ["Welke SUV's hebben jullie onder de 25.000?", "alleen benzine graag, geen hybride of elektrisch",
      "en maximaal 80.000 km", "de kamiq, welke kleur heeft die?", "wanneer kan ik hem rijden?", "de eerste"],
     [only(1, suv25, "SUVs of at most € 25.000", min=2),
      only(2, suvb25, "narrowed to petrol SUVs"),
      only(3, suvb25k, "narrowed to at most 80.000 km: the CX-5 and the X1 are gone"),
      mentions(4, colour(kamiq), why=f"the Kamiq is {CARS[kamiq]['color']}"),
      only(4, [kamiq], "about the Kamiq only", min=0),
      slots(5, "a test-drive question with one car in focus gets times at once"),
      appointment(6, "'de eerste' books the first time offered, for the Kamiq", car=car(kamiq), offered_index=1),
      handoff("end", False, DEALER_ONLY)])

sw_a24 = S(body="stationwagen", gearbox="automaat", price_max=money(24000))
assert passat in sw_a24 and "hybrid" not in title(passat).lower()
conv("a23-inruil-cmax-hoe-werkt-het", "Anton Claassen", "+31652710023",
     [f"Hoe werkt inruilen bij jullie? Ik heb een {not_stock('Ford C-Max uit 2014')}",
      "moet ik dan ook een auto bij jullie kopen of kopen jullie hem zo ook in?",
      "ok, wat hebben jullie aan stationwagens met automaat tot 24.000?", "is de passat een plug-in hybride?"],
     [mentions(1, TRADE_IN, r"taxat|kenteken|kilometerstand|km-stand|\bkm\b|bouwjaar|foto|langs|bekijk|voorstel|\bbod\b|waarde",
               why="how trading in works (what is needed, valuation)"),
      only(1, [], "the C-Max is the customer's own car: no Ford search results", min=0),
      no_fallback(2, "the question about selling without buying is understood"),
      mentions(2, r"inruil|inkoop|inkopen|opkopen|kopen|overnemen|taxat", why="answers whether they buy cars outright"),
      only(2, [], "no search results yet", min=0),
      only(3, sw_a24, "automatic estates of at most € 24.000 (no Fords)", min=2),
      mentions(4, r"plug-?in|phev|stekker|\bja\b|hybride|hybrid", why="the Passat GTE is a plug-in hybrid: a yes"),
      only(4, [passat], "about the Passat only", min=0)])

conv("a24-kona-bereik-laden-accu", "Sevda Yilmaz", "+31652710024",
     ["hoeveel km kom ik met de Hyundai Kona elektrisch op een volle accu, ook in de winter?",
      "en snelladen, hoe lang duurt dat ongeveer van 10 naar 80 procent?", "wat is de kilometerstand en het bouwjaar?",
      "kunnen jullie voor aankoop een accutest laten zien?"],
     [no_fallback(1, "the range question is understood"),
      mentions(1, EV_RANGE, why="the range is addressed by name"),
      only(1, [kona], "about the Kona only", min=0),
      mentions(2, CHARGING, why="fast charging is addressed"),
      mentions(3, km(kona), year(kona), why=f"both: {fmt(CARS[kona]['km'])} km and {CARS[kona]['year']}"),
      no_fallback(4, "the battery-test question is understood"),
      mentions(4, r"accu|batterij|soh|state of health", why="the battery test is addressed by name")])

sw15 = S(body="stationwagen", price_max=money(15000))
sw15_low = best(sw15, "km")
assert sw15_low == megane
conv("a25-zaterdag-open-stationwagen-laatste", "Ellen Dijkstra", "+31652710025",
     ["Tot hoe laat zijn jullie zaterdag open?", "en zondag?",
      "we zoeken een gezinsauto, stationwagen, onder de 15 mille", "welke heeft de minste km?",
      "dan komen we zaterdag naar de megane kijken", "doe maar de laatste"],
     [mentions(1, r"18[:.]00|18 ?uur|zes uur|\b6 uur", why="Saturday: open until 18:00"),
      mentions(2, r"gesloten|dicht|niet open|zijn we niet|closed", why="closed on Sunday"),
      only(3, sw15, "estates of at most € 15.000", min=2),
      mentions(4, car(sw15_low), why=f"fewest km: {title(sw15_low)} ({fmt(CARS[sw15_low]['km'])} km)"),
      only(4, sw15, "within the search"),
      slots(5, "Saturday times are offered for the Megane", date=SAT),
      slots(5, "only Saturday, the day asked for", all=True, date=SAT),
      appointment(6, "'de laatste' books the last time offered, for the Megane", car=car(megane), offered_index=-1),
      handoff("end", False, DEALER_ONLY)])

assert not bookable(SUN, 11)
conv("a26-zondag-dicht-maandag-tesla", "Ilse Timmer", "+31652710026",
     ["kan ik zondagochtend om 11 uur een proefrit maken in de Tesla Model 3?", "maandag zelfde tijd dan", "prima",
      "moet ik iets meenemen?"],
     [mentions(1, r"gesloten|dicht|niet open|zijn we niet|closed|geen proefrit|niet mogelijk|kan (helaas )?niet",
               why="Sunday is closed: said honestly"),
      appointment(1, "nothing is booked on a closed day", exists=False),
      slots(2, "the free time asked for (Mon 7 Dec 11:00) is offered or booked", at=free(MON, 11)),
      appointment(3, "after 'prima' Monday 11:00 is booked, for the Model 3", at=free(MON, 11), car=car(model3)),
      mentions(4, DRIVING_LICENCE, why="what to bring: the driving licence"),
      appointment("end", "still booked: Monday 11:00", at=free(MON, 11))])

assert not bookable(TUE, 9)
conv("a27-mini-vandaag-te-vroeg-uurtje-later", "Priscilla Gomes", "+31652710027",
     ["hoi, vandaag om 9 uur nog plek voor een proefrit in de Mini Cooper?", "doe dan morgen om 9 uur", "ja",
      "kan het toch een uurtje later? 9 uur is krap met de kinderen naar school", "ok dank je"],
     [appointment(1, "today 09:00 is too soon (2 hours' notice): nothing is booked", exists=False),
      slots(1, "other times are offered instead"),
      slots(2, "the free time asked for (Wed 2 Dec 09:00) is offered or booked", at=free(WED, 9)),
      appointment(3, "after 'ja' Wednesday 09:00 is booked, for the Mini", at=free(WED, 9), car=car(mini)),
      slots(4, "'een uurtje later' moves the drive to Wednesday 10:00", at=free(WED, 10)),
      appointment("end", "one drive, Wednesday 10:00, the Mini", at=free(WED, 10), car=car(mini))])

three = [x1, qashqai, chr_]
three_cheap, three_new = best(three, "price"), best(three, "year", reverse=True)
assert three_cheap == chr_ and three_new == qashqai and CARS[qashqai]["transmission"] == "automaat"
conv("a28-goedkoopste-van-die-drie", "Dirk Willemsen", "+31652710028",
     ["Ik twijfel tussen de BMW X1, de Nissan Qashqai en de Toyota C-HR. Welke is de goedkoopste van die drie?",
      "en welke is het nieuwst?", "de qashqai is een automaat toch?", "kan ik die vrijdag om 13:00 komen proberen?",
      "is goed"],
     [mentions(1, car(three_cheap), why=f"the cheapest of the three is the {title(three_cheap)} "
                                        f"(€ {fmt(CARS[three_cheap]['price'])})"),
      only(1, three, "about these three only"),
      mentions(2, car(three_new), year(three_new), why=f"the newest of the three is the {title(three_new)} "
                                                         f"({CARS[three_new]['year']})"),
      only(2, three, "about these three only"),
      mentions(3, GEARBOX["automaat"], why="the Qashqai DCT is an automatic: a yes"),
      slots(4, "the free time asked for (Fri 4 Dec 13:00) is offered or booked", at=free(FRI, 13)),
      appointment("end", "booked: Friday 13:00, the Qashqai", at=free(FRI, 13), car=car(qashqai))])

ev25 = S(fuel="elektrisch", price_max=money(25000))
assert model3 in ev25 and modely not in ev25 and id3 in ev25 and kona in ev25
conv("a29-ev-id3-kona-tesla", "Thijs Bakker", "+31652710029",
     ["hebben jullie elektrische auto's onder de 25.000?", "wat is het verschil tussen de ID.3 en de Kona?",
      "en de Tesla, welke kleur en welk bouwjaar?", "hoeveel garantie zit er op de accu?",
      "ok ik kom zaterdag om 14:00 naar de tesla kijken", "👍🏼"],
     [only(1, ev25, "electric cars of at most € 25.000", min=2),
      only(2, [id3, kona], "a comparison of exactly these two", min=2),
      mentions(2, fact(id3), fact(kona), why="facts (price, km or year) of both cars"),
      mentions(3, colour(model3), year(model3),
               why=f"the Tesla under € 25.000 is the Model 3: {CARS[model3]['color']}, {CARS[model3]['year']}"),
      only(3, [model3], "the Tesla of the list is the Model 3, not the Model Y", min=0),
      mentions(4, WARRANTY, r"accu|batterij|battery", why="the battery warranty is addressed by name"),
      slots(5, "the free time asked for (Sat 5 Dec 14:00) is offered or booked", at=free(SAT, 14)),
      appointment("end", "booked: Saturday 14:00, the Model 3", at=free(SAT, 14), car=car(model3))])

assert CARS[v40]["transmission"] == "automaat" and "automa" not in title(v40).lower()
conv("a30-v40-nl-naar-engels", "Tom Hendriksen", "+31652710030",
     ["Hallo, is de Volvo V40 nog te koop?", "Sorry, my Dutch is not very good. Is it an automatic?",
      "What's the mileage and the price?", "Can I come and see it tomorrow at 4pm?", "great, thanks"],
     [only(1, [v40], "the V40 and no other car"),
      mentions(2, GEARBOX["automaat"], why="the V40 T3 is an automatic: a yes"),
      language(2, "en", "the customer switched to English: English out"),
      mentions(3, km(v40), price(v40), why=f"both: {fmt(CARS[v40]['km'])} km and € {fmt(CARS[v40]['price'])}"),
      only(3, [v40], "about the V40 (four other cars have the same price)", min=0),
      language(3, "en", "English"),
      slots(4, "the free time asked for (Wed 2 Dec 16:00) is offered or booked", at=free(WED, 16)),
      language(4, "en", "English"),
      appointment("end", "booked: Wednesday 16:00, the V40", at=free(WED, 16), car=car(v40))])

sw_a25 = S(body="stationwagen", gearbox="automaat", price_max=25000)
sw_a25_new = best(sw_a25, "year", reverse=True)
assert sw_a25_new == octavia_b and [s for s in sw_a25 if CARS[s]["make"] == "Skoda"] == [octavia_b]
conv("a31-en-estate-newest-parking", "Rachel Green", "+447700900131",
     ["Hi! Do you have any estate cars with an automatic gearbox for under 25k?", "Which one is the newest?",
      "Is there parking at your place? And what's the exact address?",
      "Could I test drive the Skoda on Friday at 10am?", "Yes please"],
     [language(1, "en", "English in, English out"),
      only(1, sw_a25, "automatic estates of at most € 25.000", min=2),
      mentions(2, car(sw_a25_new), why=f"the newest match is the {title(sw_a25_new)} ({CARS[sw_a25_new]['year']})"),
      only(2, top(sw_a25, "year", 2, reverse=True), "newest first: only the newest matches are named"),
      mentions(3, PARKING, ADDRESS, why="both questions: parking and the address"),
      language(3, "en", "English"),
      slots(4, "the free time asked for (Fri 4 Dec 10:00) is offered or booked", at=free(FRI, 10)),
      language(4, "en", "English"),
      appointment("end", "booked: Friday 10:00, the Octavia", at=free(FRI, 10), car=car(octavia_b))])

conv("a32-en-complaint-airco", "Graham Foster", "+447700900132",
     [f"Hello, I bought a {not_stock('Kia Picanto')} from you last month and the air conditioning has stopped working already. I'd like someone to look at it as soon as possible.",
      "When can I expect a call?"],
     [handoff(1, True, "a complaint about a bought car goes to a person"),
      mentions(1, APOLOGY, why="an apology"),
      language(1, "en", "English"),
      not_mentions(1, r"test drive|special offer", why="no sales pitch to a complaining customer"),
      only(1, [], "no stock cars offered", min=0),
      handoff("end", True, "still handed over")])

conv("a33-en-3008-haggle-tradein-buy", "Hannah Wright", "+447700900133",
     ["Hi, is the Peugeot 3008 hybrid still available? What's the price?",
      f"Any room on the price? I would also trade in my {not_stock('2013 Skoda Fabia')}",
      "How does the valuation of my car work?", "OK, I'd like to buy the 3008. What are the next steps?"],
     [mentions(1, price(p3008), why=f"the 3008 costs € {fmt(CARS[p3008]['price'])}"),
      only(1, [p3008], "the 3008 and no other car (two other cars have the same price)"),
      language(1, "en", "English"),
      no_fallback(2, "haggling and a trade-in in one message are understood"),
      mentions(2, NEGOTIATE, TRADE_IN, why="both: the price question and the trade-in"),
      not_mentions(2, INVENTED_DISCOUNT, why="no invented discount"),
      only(2, [p3008], "the Fabia is the customer's own car: no Skoda results", min=0),
      mentions(3, r"valu|apprais|inspect|look at|registration|mileage|photo|trad(e|ing)|assess",
               why="how the valuation works"),
      language(3, "en", "English"),
      only(3, [p3008], "no search for the Fabia", min=0),
      mentions(4, BUY_EN, why="the next steps of buying (reserve, a salesperson, paperwork)"),
      language(4, "en", "English")])

assert bookable(THU, 11)
conv("a34-en-model-y-boxing-day-cancel", "Liam O'Connor", "+447700900134",
     ["Hi there, what's the range of the Tesla Model Y you have?", "And are you open on Boxing Day?",
      "Can I book a test drive for Thursday at 11?", "yes that works", "Sorry, something came up. Please cancel it."],
     [mentions(1, EV_RANGE, why="the range is addressed by name"),
      language(1, "en", "English"),
      only(1, [modely], "about the Model Y only", min=0),
      mentions(2, r"boxing|26(th)? dec|december 26|christmas|holiday",
               why="the holiday is addressed by name, not only the normal week hours"),
      language(2, "en", "English"),
      slots(3, "the free time asked for (Thu 3 Dec 11:00) is offered or booked", at=free(THU, 11)),
      appointment(4, "after 'yes that works' Thursday 11:00 is booked, for the Model Y", at=free(THU, 11),
                  car=car(modely)),
      appointment(5, "the drive is cancelled", exists=False),
      mentions(5, CANCELLED, why="the cancellation is confirmed"),
      language(5, "en", "English")])

conv("a35-vl-c3-prijs-km-overmorgen", "Lotte Vermeulen", "+32475220135",
     ["Goeiemiddag, hebt ge nog een Citroën C3 staan?",
      "wat kost die en hoeveel kilometers heeft die al op de teller?", "kan ik die overmorgen om 16u komen bezien?",
      "dat is in orde, merci"],
     [only(1, [c3], "the C3 and no other car"),
      language(1, "nl", "Flemish in, Dutch out"),
      mentions(2, price(c3), km(c3), why=f"both: € {fmt(CARS[c3]['price'])} and {fmt(CARS[c3]['km'])} km"),
      only(2, [c3], "about the C3 (the Golf TDI has the same price)", min=0),
      slots(3, "the free time asked for (Thu 3 Dec 16:00) is offered or booked", at=free(THU, 16)),
      language(3, "nl", "Dutch"),
      appointment("end", "booked: Thursday 16:00, the C3", at=free(THU, 16), car=car(c3))])

ab14 = S(fuel="benzine", gearbox="automaat", price_max=money(14000))
assert mazda2 in ab14
conv("a36-vl-gent-leveren-afbetalen", "Pieter De Smet", "+32486220136",
     ["Dag, ik woon in Gent. Leveren jullie ook auto's af in België?", "en kan ik afbetalen op een paar jaar?",
      "ik zoek ne benzine automaat, niet duurder dan 14.000 euro", "is die mazda al gekeurd?"],
     [mentions(1, r"belgi|bezorg|aflever|lever|transport|export|ophal", why="delivery to Belgium is addressed"),
      language(1, "nl", "Flemish in, Dutch out"),
      mentions(2, FINANCE, why="the financing question is answered"),
      mentions(2, WARNING, why="financing information carries 'Geld lenen kost geld'"),
      only(3, ab14, "automatic petrol cars of at most € 14.000"),
      language(3, "nl", "Dutch"),
      mentions(4, r"\bapk\b|keuring|gekeurd", why="the inspection (APK, 'keuring') is addressed"),
      only(4, [mazda2], "about the Mazda 2 only", min=0)])

conv("a37-vl-yaris-dagske-later", "Bram Wouters", "+32471220137",
     ["Kan ik morgen om 10u een proefrit doen met de Toyota Yaris?", "ja, is goed",
      "allee, 't zal toch een dagske later moeten zijn, zelfde uur", "oké, merci",
      "nog eens voor de zekerheid: welke dag en hoe laat is het nu?"],
     [slots(1, "the free time asked for (Wed 2 Dec 10:00) is offered or booked", at=free(WED, 10)),
      language(1, "nl", "Flemish in, Dutch out"),
      appointment(2, "after 'ja, is goed' Wednesday 10:00 is booked, for the Yaris", at=free(WED, 10), car=car(yaris)),
      slots(3, "'een dagske later, zelfde uur' moves the drive to Thursday 10:00", at=free(THU, 10)),
      mentions(5, day_re(THU), hour_re(10), why="recalls the moved drive: Thursday 10:00"),
      language(5, "nl", "Dutch"),
      appointment("end", "one drive, Thursday 10:00, the Yaris", at=free(THU, 10), car=car(yaris))])

ev22 = S(fuel="elektrisch", price_max=money(22000))
assert ev22 == [kona]
conv("a38-leaf-niet-kona-kopen", "Jolanda Pieters", "+31652710038",
     [f"Hebben jullie een {not_stock('Nissan Leaf')}? Mag max 22.000 kosten", "hoe ver komt die kona op een lading?",
      "hoeveel km staat er op de teller?", "kan er nog wat van de prijs af?",
      "ik wil hem graag kopen, kan ik een aanbetaling doen?"],
     [mentions(1, r"leaf", NOT_IN_STOCK, why="names the Leaf and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="the car shown is labelled as an alternative"),
      only(1, ev22, "the alternative keeps the wishes: electric, at most € 22.000 (no petrol Nissans)"),
      mentions(2, EV_RANGE, why="the range is addressed by name"),
      only(2, [kona], "about the Kona only", min=0),
      mentions(3, km(kona), why=f"the Kona has {fmt(CARS[kona]['km'])} km"),
      mentions(4, NEGOTIATE, why="answers about the price / passes it to a salesperson"),
      not_mentions(4, INVENTED_DISCOUNT, why="no invented discount"),
      no_fallback(5, "purchase intent is understood"),
      mentions(5, BUY, why="the next steps of buying: reserving, a down payment, a salesperson"),
      only(5, [kona], "about the Kona, no new search", min=0)])

hyb_a25 = S(fuel="hybride", gearbox="automaat", price_max=25000)
hyb_a25_new = best(hyb_a25, "year", reverse=True)
assert hyb_a25_new == captur and not any(CARS[s]["model"] == "Golf" for s in hyb_a25)
conv("a39-inruil-golf6-hybride-nieuwste", "Esther en Rob Vink", "+31652710039",
     [f"Wij willen onze {not_stock('Volkswagen Golf 6 uit 2009')} inruilen. We zoeken een hybride automaat tot 25.000.",
      "welke is de nieuwste?", "wat zouden jullie ongeveer voor onze golf geven? hij heeft 210.000 km gelopen",
      "kunnen we zaterdag om 10 uur in de captur rijden en dan meteen de golf laten taxeren?", "prima"],
     [only(1, hyb_a25, "hybrid automatics ≤ € 25.000; the Golf is the customers' own car, so no Golfs"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      mentions(2, car(hyb_a25_new), why=f"the newest match is the {title(hyb_a25_new)} ({CARS[hyb_a25_new]['year']})"),
      only(2, top(hyb_a25, "year", 2, reverse=True), "newest first: only the newest matches are named"),
      no_fallback(3, "the valuation question is understood"),
      mentions(3, r"inruil|taxat|waarde|\bbod\b|voorstel|schat|bekijk|prijs", why="the trade-in valuation is addressed"),
      only(3, hyb_a25, "no Golf search results", min=0),
      slots(4, "the free time asked for (Sat 5 Dec 10:00) is offered or booked", at=free(SAT, 10)),
      appointment("end", "booked: Saturday 10:00 in the Captur (not the Golf)", at=free(SAT, 10), car=car(captur)),
      handoff("end", False, DEALER_ONLY)])

cabrio = S(body="cabrio")
assert cabrio == [fiat500]
conv("a40-nieuwsbrief-cabrio-stop-maar-afmelden", "Sanne Groen", "+31652710040",
     ["Kan ik me ergens inschrijven voor een nieuwsbrief met jullie nieuwste occasions?",
      "ik zoek namelijk een cabrio voor de zomer", "welke kleur heeft hij?",
      "nee rood is niks voor mij. stop maar, ik wacht wel tot er een andere binnenkomt",
      "eigenlijk, laat ook maar. meld me maar af voor al jullie berichten"],
     [opted_out(1, False, "'inschrijven' is the opposite of an opt-out"),
      no_fallback(1, "the newsletter question is understood"),
      only(2, cabrio, "the only cabrio in stock"),
      mentions(3, colour(fiat500), why=f"the 500C is {CARS[fiat500]['color']}"),
      no_fallback(4, "a polite no is understood"),
      opted_out(4, False, "'stop maar, ik wacht wel op een andere' is no opt-out"),
      appointment(4, "a no books nothing", exists=False),
      opted_out(5, True, "'meld me maar af voor al jullie berichten' unsubscribes")])

# every car regex used for a named car must match that car's own title
for sid in {swift, yaris, chr_, qashqai, p2008, kuga, megane, cx5, a3, niro_hev, kamiq, sandero, aygo, golf_eh,
            corsa_auto, up, corolla, passat, kona, model3, modely, v40, octavia_b, p3008, c3, mazda2, mini, captur}:
    assert re.search(car(sid), title(sid), re.I), sid

# --- coverage (capability -> conversations), asserted: every capability row of CONVERSATIONS.md at least twice ----
COVER = {
    "questions about a listed car / the car in focus": "a01 a02 a04 a05 a14 a17 a20 a22 a23 a24 a28 a29 a30 a35 a36 a38 a40",
    "superlatives over the matches": "a02 a07 a19 a21 a25 a28 a31 a39",
    "comparison of two cars": "a03 a29",
    "several questions in one message": "a01 a05 a08 a17 a24 a29 a30 a31 a33 a35",
    "dealer knowledge: parking": "a08 a31",
    "dealer knowledge: warranty/BOVAG": "a08 a29",
    "dealer knowledge: APK": "a08 a20 a36",
    "dealer knowledge: delivery": "a09 a36",
    "dealer knowledge: servicing": "a08 a10",
    "dealer knowledge: financing + 'Geld lenen kost geld'": "a06 a18 a36",
    "dealer knowledge: trade-in process / valuation": "a23 a33 a39",
    "dealer knowledge: EV range / charging": "a04 a06 a24 a34 a38",
    "dealer knowledge: holidays": "a09 a34",
    "honest 'not in stock' + labelled alternatives": "a04 a38",
    "widening / narrowing / excluding / replacing / preferring criteria": "a05 a20 a21 a22",
    "booking in few turns, slot by number/ordinal": "a01 a22 a25",
    "booking an exact free time asked for": ("a03 a05 a07 a10 a11 a15 a18 a19 a20 a21 a26 a27 a28 a29 a30 a31 a34 a35 "
                                             "a37 a39"),
    "yes/no in context": ("a03 a05 a07 a10 a11 a14 a15 a18 a19 a20 a21 a26 a27 a28 a29 a30 a31 a34 a35 a37 a39 a40"),
    "moving a booking relative to itself": "a10 a27 a37",
    "recalling the appointment": "a11 a37",
    "cancelling": "a11 a15 a34",
    "negotiation (discount ask, an offer)": "a16 a18 a33 a38",
    "purchase intent": "a17 a33 a38",
    "trade-in while still buying": "a07 a23 a33 a39",
    "complaint / human handoff": "a12 a13 a32",
    "opt-out": "a14 a40",
    "opt-out look-alikes": "a06 a15 a21 a40",
    "no needless handoff (handoff false at the end)": "a01 a02 a03 a06 a07 a08 a09 a22 a25 a39",
    "English": "a30 a31 a32 a33 a34",
    "Flemish": "a35 a36 a37",
}
EXTRA = {
    "a car feature the stock does not record (cruise control, airco, doors, tow bar, battery test)": "a01 a19 a20 a21 a24",
    "a time that cannot be booked (Sunday, too little notice)": "a26 a27",
    "a second question about a car from an earlier list": "a04 a22 a29 a36",
    "superlative over a set the customer names ('die drie')": "a07 a28",
    "budget as 'rond de 15 mille'": "a19",
    "typos / no capitals / voice-to-text run-on": "a19 a20",
    "switching from Dutch to English": "a30",
}
TABLE = coverage(C, COVER, EXTRA)
if "--coverage" in sys.argv:
    print(TABLE)

write(HERE, C, "a")
