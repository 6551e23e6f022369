#!/usr/bin/env python3
"""Blind conversation set D: writes conversations.jsonl and cars-dev.json beside this file.

    python3 bench/conversations/blind_d/make.py              # from the project root
    python3 bench/conversations/blind_d/make.py --coverage   # also prints the capability table

60 conversations (44 Dutch, 10 English of which one switches from Dutch, 6 Flemish), 3-7 customer messages each.
Every stock truth (the car a reference points at, the cheapest / newest / least-km match, a car's km, price,
year or colour, the set of cars a reply may name) is computed from integrations/data/stock.csv by a filter in
this file; only the customers' words and the dates are typed by hand. common.py holds the stock, the detection
patterns, the check constructors, the calendar of the fixed moment (Tuesday 1 December 2026, 08:30
Europe/Amsterdam) and the consistency checks of the output. The generator fails loudly if an assumption of a
conversation stops holding (a unique blue car, a unique cheapest match, a bookable time, a budget that is no
stock price, a customer's own car that no stock pattern matches).

Loose budgets: "rond de ..." / "ongeveer" / "ofzo" / "around ..." allow cars up to 15 % above the figure (a
stricter reading is a subset and passes). Where a superlative follows a loose budget, the answer is asserted to
be the same under the strict and the loose reading.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import *  # noqa: E402,F401,F403  (stock, patterns, filters, checks, calendar, output)

# --- topic words beyond common.py (dealer knowledge is checked by topic, never by the product's figures) -----
YES_AUTO = GEARBOX["automaat"] + r"|klopt"
MANUAL = GEARBOX["handgeschakeld"]
HOLIDAY = (r"kerst|christmas|feestdag|holiday|oud ?(en|&) ?nieuw|oudjaar|oudejaar|nieuwjaar|new year|boxing"
           r"|\b(24|25|26|31) ?(dec|december)|\b1 ?(jan|januari)")
HOLIDAY_YN = HOLIDAY + r"|\b(nee|no|ja|yes)\b"  # a direct yes or no to "open on ...?" answers it too
OPENING = (r"\bopen|geopend|openingstijd|gesloten|\bdicht\b|\bsluit|closed|opening hours|\b0?9[:.]00|\b18[:.]00"
           r"|\b18 ?uur|zes uur|negen uur|\b9 ?(tot|-|–) ?18")
CLOSING = r"18[:.]?00|\b18 ?uur|zes uur|\b6 ?uur|\bsluit|\bdicht\b|gesloten|\bopen"
TRANSIT = (r"openbaar vervoer|\bov\b|trein|\bstation\b|\bbus|public transport|\btrain|ophal|\bhalen\b|pick you up"
           r"|lopen|wandel|taxi")
BRING = DRIVING_LICENCE + r"|\bniets\b|\bniks\b|nothing"
SUNDAY = r"zondag|sunday|gesloten|\bdicht\b|closed|niet open"
LUNCH = r"lunch|pauze|middag|\b12|\bniet\b|\bgeen\b|helaas|bezet"
REGISTER = r"\bnaam|kenteken|tenaamstelling|overschrijv|inschrijv|\brdw\b|registr"
BELGIUM = r"belgi|inschrijv|kenteken|nummerplaat|export|papieren|douane|\bcoc\b|registr|\bdiv\b"
SUV_WORD = r"\bsuv\b|crossover"
CABRIO = r"cabrio|\bja\b|open dak|\bdak\b|convertible"
TRADE = (TRADE_IN + r"|taxe|inname|\bneem[^\n.]{0,40}\bin\b|\bnemen[^\n.]{0,40}\bin\b|waarde|valu|apprais"
         r"|take (it|your car|the car) (in|as)")
VALUATION = TRADE + r"|inspect|assess|see the car|look at (it|the car)|depend|bekijk|beoordel"
ACCEPTED = (r"\b(we|wij|ik) (gaan |ga )?akkoord|\bis akkoord|geaccepteerd|we accepteren|\bdeal!|is een deal"
            r"|it'?s a deal|\baccepted\b|we accept\b|you'?ve got a deal")
NO_PITCH = r"proefrit|test ?drive|bekijk (ook|eens)|aanbieding"

# --- cars of the conversations (each asserted to be exactly one stock car) -----------------------------------
corsa_auto = one(model="Corsa", gearbox="automaat")
corsa12 = one(model="Corsa", gearbox="handgeschakeld")
mazda2, v40, c3, fiesta, swift = (one(model="2"), one(model="V40"), one(model="C3"), one(model="Fiesta"),
                                  one(model="Swift"))
up, astra, fiat, cx5, i20 = (one(model="Up"), one(model="Astra"), one(model="500"), one(model="CX-5"),
                             one(model="i20"))
yaris, chr_, corolla, captur, kamiq = (one(model="Yaris"), one(model="C-HR"), one(model="Corolla"),
                                       one(model="Captur"), one(model="Kamiq"))
qashqai, p2008, p208, x1, one_serie = (one(model="Qashqai"), one(model="2008"), one(model="208"),
                                       one(model="X1"), one(model="1 Serie"))
kona, id3, model3, model_y = (one(model="Kona"), one(model="ID.3"), one(model="Model 3"),
                              one(model="Model Y"))
niro_ev, niro_hev = one(model="Niro", fuel="elektrisch"), one(model="Niro", fuel="hybride")
picanto_gt = one(model="Picanto", gearbox="automaat")
picanto_eco = one(model="Picanto", gearbox="handgeschakeld")
octavia_tsi, octavia_tdi = one(model="Octavia", fuel="benzine"), one(model="Octavia", fuel="diesel")
megane, a4, q3, aklasse, xc40 = (one(model="Megane"), one(model="A4"), one(model="Q3"),
                                 one(model="A-Klasse"), one(model="XC40"))
kuga, sportage, mini = one(model="Kuga"), one(model="Sportage"), one(model="Cooper")
tiguan_tsi = one(model="Tiguan", year_min=2021)
tiguan_tdi = one(model="Tiguan", fuel="diesel")
golf_eh = one(model="Golf", fuel="hybride")
golf_life = one(model="Golf", gearbox="automaat", fuel="benzine")
clio_lpg = one(model="Clio", fuel="lpg")
polo_white = one(model="Polo", color="wit")
FRENCH = ("Peugeot", "Citroen", "Renault")


def loose(budget):
    """The upper price bound of a loose budget ("rond de ...", "ongeveer", "ofzo", "around ...")."""
    return round(money(budget) * 1.15)


def the(ids, **k):
    """The one car of ids matching k (a reference such as 'die blauwe' or 'die van 2019')."""
    hits = [s for s in ids if all(CARS[s][f] == v for f, v in k.items())]
    assert len(hits) == 1, f"{k} in {ids}: {hits}"
    return hits[0]


def same_best(strict, wide, key, reverse=False):
    """A superlative after a loose budget: the same single car under the strict and the loose reading."""
    a, b = best(strict, key, reverse), best(wide, key, reverse)
    assert a == b, f"best {key}: {a} (strict) vs {b} (loose)"
    return a


def is_(sid, **k):
    for f, v in k.items():
        assert CARS[sid][f] == v, f"{sid} {f}={CARS[sid][f]!r}, expected {v!r}"
    return sid


def both(*res):
    """Several answers required in one reply (one regex each)."""
    return list(res)


# --- conversations --------------------------------------------------------------------------------------------
C = []
TAGS = {}
CAP = {"car": "questions about a listed car / the car in focus", "super": "superlatives over the matches",
       "compare": "comparison of two cars", "multi": "several questions in one message",
       "parking": "dealer knowledge: parking", "warranty": "dealer knowledge: warranty/BOVAG",
       "apk": "dealer knowledge: APK", "delivery": "dealer knowledge: delivery",
       "servicing": "dealer knowledge: servicing", "finance": "dealer knowledge: financing + 'Geld lenen kost geld'",
       "tradeproc": "dealer knowledge: trade-in process / valuation", "ev": "dealer knowledge: EV range / charging",
       "holiday": "dealer knowledge: holidays", "nostock": "honest 'not in stock' + labelled alternatives",
       "criteria": "widening / narrowing / excluding / replacing / preferring criteria",
       "ordinal": "booking in few turns, slot by number/ordinal", "exact": "booking an exact free time asked for",
       "yesno": "yes/no in context", "move": "moving a booking relative to itself",
       "recall": "recalling the appointment", "cancel": "cancelling", "nego": "negotiation (discount ask, an offer)",
       "buy": "purchase intent", "tradein": "trade-in while still buying", "handoff": "complaint / human handoff",
       "optout": "opt-out", "lookalike": "opt-out look-alikes",
       "nohandoff": "no needless handoff (handoff false at the end)", "en": "English", "vl": "Flemish"}
EXTRA = {"ref": "a car referred back to (colour, number, year, price rank, make, 'die andere', 'the first one')",
         "ref2": "a question about a car shown two or more turns earlier",
         "daypart": "a day with a daypart (donderdagmiddag, zaterdagochtend vroeg, voormiddag, na de lunch)",
         "rnv": "a time with rond / na / voor / after / zo laat mogelijk",
         "unbook": "a time that cannot be booked (Sunday, lunch, too soon, after closing), then a bookable one",
         "rebook": "booking again after a cancellation", "emoji": "an emoji confirmation",
         "budget": "a budget in words (max 15k, tot 12.500, rond de 20 mille, onder de 10, around 13k, ...)",
         "equip": "equipment the stock does not record", "transit": "dealer knowledge: public transport",
         "hours": "dealer knowledge: opening hours", "charger": "dealer knowledge: charging at home",
         "ownyear": "own car with year and/or km in the message (never the search)",
         "style": "slang, abbreviations, typos, no capitals or a voice-to-text run-on",
         "formal": "a formal register with 'u'", "switch": "switching from Dutch to English"}
NL_PHONE, BE_PHONE, UK_PHONE = "+3165551{:04d}", "+3247555{:04d}", "+447700900{:03d}"


def conv(n, slug, name, phone, turns, checks, tags):
    cid = f"d{n:02d}-{slug}"
    assert 3 <= len(turns) <= 7, (cid, len(turns))
    unknown = set(tags.split()) - set(CAP) - set(EXTRA)
    assert not unknown, (cid, unknown)
    C.append({"id": cid, "name": name, "from": phone.format(n), "turns": turns, "checks": checks})
    TAGS[cid[:3]] = tags.split()


# d01: young, terse; "max 15k", narrowed by km, "die blauwe", "na 4en", "de laatste"
auto15 = S(gearbox="automaat", price_max=money(15000))
auto15k = S(gearbox="automaat", price_max=15000, km_max=99999)
assert len(auto15k) < len(auto15)
blue = the(auto15k, color="blauw")
conv(1, "automaat-max15k-die-blauwe", "Jayden Bakker", NL_PHONE,
     ["hoi hebben jullie automaten max 15k", "wel onder de 100.000 km graag", "die blauwe hoeveel km heeft die",
      "en bouwjaar?", "ff proefrit morgen na 4en?", "de laatste", "moet ik nog iets meenemen"],
     [only(1, auto15, "automatics of at most € 15.000", min=2),
      only(2, auto15k, f"narrowed to under 100.000 km: the {title(the(auto15, km=118200))} drops out", min=2),
      mentions(3, km(blue), why=f"'die blauwe' is the {title(blue)}: {fmt(CARS[blue]['km'])} km"),
      only(3, [blue], "only the blue one is meant", min=0),
      mentions(4, year(blue), why=f"'en bouwjaar?' is about the blue car in focus: {CARS[blue]['year']}"),
      slots(5, "'morgen na 4en': times on Wednesday from 16:00", date=WED, hour_min=16),
      slots(5, "no time before 16:00 or on another day", all=True, date=WED, hour_min=16),
      appointment(6, "'de laatste' books the last time offered, for the blue Corsa", car=car(blue),
                  offered_index=-1, date=WED),
      mentions(7, BRING, why="what to bring to a test drive (a driving licence), or that nothing is needed"),
      appointment("end", "the drive is still booked", date=WED, hour_min=16, car=car(blue)),
      handoff("end", False, DEALER_ONLY)],
     "car ref criteria budget rnv ordinal style nohandoff")

# d02: older customer, formal; estate automatic "tot ongeveer 20.000", the Audi is a diesel, no diesel
sw_auto = S(body="stationwagen", gearbox="automaat", price_max=loose(20000))
sw_auto_strict = S(body="stationwagen", gearbox="automaat", price_max=20000)
audi = the(sw_auto_strict, make="Audi")
is_(audi, fuel="diesel")
sw_auto_nd = S(body="stationwagen", gearbox="automaat", price_max=loose(20000), not_fuel="diesel")
toyota = the(sw_auto_nd, make="Toyota")
conv(2, "stationwagen-automaat-geen-diesel-parkeren", "Gerard van der Linden", NL_PHONE,
     ["Goedemorgen. Ik ben op zoek naar een stationwagen met automatische versnellingsbak, tot ongeveer 20.000 "
      "euro. Wat kunt u mij aanbieden?",
      "Is de Audi een diesel? Ik rijd namelijk niet zo veel.",
      "Dan liever geen diesel.",
      "Wat is de kilometerstand van de Toyota, en uit welk jaar is hij?",
      "Zou ik die donderdagmiddag kunnen bekijken? En is er parkeergelegenheid dicht bij de ingang? Ik loop wat "
      "moeilijk.",
      "Om drie uur zou mij het beste uitkomen.",
      "Ja, dat is goed. Dank u wel."],
     [only(1, sw_auto, "automatic estates around € 20.000", min=2),
      mentions(2, r"\bja\b|klopt|diesel", why=f"the {title(audi)} is a diesel"),
      only(3, sw_auto_nd, "'geen diesel' drops the Audi A4 TDI"),
      mentions(4, km(toyota), year(toyota), why=f"both answers: {fmt(CARS[toyota]['km'])} km, {CARS[toyota]['year']}"),
      slots(5, "'donderdagmiddag': Thursday afternoon times", date=THU, hour_min=13),
      slots(5, "only Thursday afternoon", all=True, date=THU, hour_min=13, hour_max=17),
      mentions(5, PARKING, why="the parking question is answered too"),
      slots(6, "three o'clock on Thursday is offered or booked", at=free(THU, 15)),
      appointment("end", "booked: Thursday 15:00, the Corolla", at=free(THU, 15), car=car(toyota)),
      handoff("end", False, DEALER_ONLY)],
     "car ref ref2 criteria budget multi parking daypart exact yesno formal nohandoff")

# d03: voice-to-text run-on; "rond de 7500", least km, manual, "zaterdagochtend vroeg"
small = S(price_max=loose(7500))
least_small = same_best(S(price_max=7500), small, "km")
is_(least_small, transmission="handgeschakeld")
conv(3, "dochter-rond-7500-zaterdagochtend-vroeg", "Marieke Hoekstra", NL_PHONE,
     ["hallo ik zoek eigenlijk een kleine auto voor mijn dochter die net haar rijbewijs heeft het mag niet te duur "
      "zijn zo rond de 7500 euro en het liefst een beetje zuinig heeft u iets",
      "welke van die heeft het minst gelopen want ze moet elke dag naar utrecht",
      "en is dat een automaat of moet ze zelf schakelen",
      "kunnen we zaterdagochtend vroeg komen kijken want ze werkt s middags",
      "negen uur is prima",
      "super bedankt tot zaterdag"],
     [only(1, small, "cars around € 7.500 (up to about 15 % above)", min=2),
      mentions(2, km(least_small),
               why=f"least km around € 7.500: {title(least_small)} ({fmt(CARS[least_small]['km'])} km)"),
      only(2, [least_small], "only the one with the fewest km", min=0),
      mentions(3, MANUAL, why="the Up is a manual"),
      slots(4, "'zaterdagochtend vroeg': early Saturday times", date=SAT, hour_max=10),
      slots(4, "only Saturday morning", all=True, date=SAT, hour_max=11),
      appointment(5, "nine o'clock is booked, for the Up", at=free(SAT, 9), car=car(least_small)),
      appointment("end", "still booked after the thanks", at=free(SAT, 9), car=car(least_small)),
      handoff("end", False, DEALER_ONLY)],
     "super car budget daypart rnv exact style nohandoff")

# d04: slang; a Ford Puma is not in stock, "max 25k ofzo", least km, per month, "rond 2 uur", emoji
not_stock("ford puma")
suv25 = S(body="suv", price_max=loose(25000))
least_suv25 = same_best(S(body="suv", price_max=25000), suv25, "km")
is_(least_suv25, fuel="hybride")
conv(4, "ford-puma-niet-op-voorraad-per-maand", "Dani Yilmaz", NL_PHONE,
     ["yo hebben jullie een ford puma? max 25k ofzo", "ok welke heeft de minste km", "is da hybride of benzine",
      "en hoeveel kost da per maand ongeveer", "kan ik vrijdag rond 2 uur ff langskomen om te rijden",
      "2 uur is chill 👍"],
     [mentions(1, r"\bpuma", NOT_IN_STOCK, ALT_LABEL,
               why="says the Puma is not there, naming it, and labels what it shows as alternatives"),
      only(1, suv25, "the alternatives keep the wishes: SUVs within the budget (no Ford of another kind)"),
      mentions(2, car(least_suv25), why=f"least km of those SUVs: {title(least_suv25)}"),
      only(2, [least_suv25], "only the top of the ranking"),
      mentions(3, FUEL["hybride"], why="the Captur E-Tech is a hybrid"),
      mentions(4, FINANCE, WARNING, why="monthly payment: financing, with 'Geld lenen kost geld'"),
      slots(5, "'rond 2 uur' on Friday: 13:00-15:00", date=FRI, hour_min=13, hour_max=15),
      appointment("end", "booked: Friday 14:00, the Captur", at=free(FRI, 14), car=car(least_suv25)),
      handoff("end", False, DEALER_ONLY)],
     "nostock super car finance budget rnv exact yesno emoji style nohandoff")

# d05: chatty; three questions about the Kona, battery warranty, other EVs under 25, "die Tesla"
ev25 = S(fuel="elektrisch", price_max=24999)
tesla25 = the(ev25, make="Tesla")
conv(5, "kona-drie-vragen-die-tesla", "Sanne Verbeek", NL_PHONE,
     ["Hoi! Drie vraagjes: staat de Hyundai Kona elektrisch nog te koop, hoe ver kom je ermee op een volle accu en "
      "kan ik hem thuis gewoon aan het stopcontact laden?",
      "Wat kost hij en zit er garantie op de accu?",
      "Hebben jullie nog andere elektrische onder de 25?",
      "Die Tesla, hoeveel km heeft die gereden?",
      "Kan ik die morgen om 11 uur proberen?",
      "ja graag!"],
     [mentions(1, car(kona), EV_RANGE, CHARGING, why="all three: the Kona is there, its range, charging at home"),
      mentions(2, price(kona), WARRANTY, why=f"the price (€ {fmt(CARS[kona]['price'])}) and the warranty"),
      only(2, [kona], "the price is the Kona's", min=0),
      only(3, ev25, "electric cars under € 25.000", min=2),
      mentions(4, km(tesla25), why=f"'die Tesla' is the {title(tesla25)}: {fmt(CARS[tesla25]['km'])} km"),
      only(4, [tesla25], "only the Tesla is meant", min=0),
      slots(5, "Wednesday 11:00 is offered or booked", at=free(WED, 11)),
      appointment("end", "booked: Wednesday 11:00, the Model 3", at=free(WED, 11), car=car(tesla25)),
      handoff("end", False, DEALER_ONLY)],
     "multi ev charger car warranty ref budget exact yesno nohandoff")

# d06: formal; financing the Octavia, trade-in of an own Touran (2011, 210.000 km), Monday morning
not_stock("Volkswagen Touran uit 2011 met ruim 210.000 km")
conv(6, "octavia-financiering-touran-inruil", "Willem Jonkers", NL_PHONE,
     ["Geachte heer, mevrouw, ik heb belangstelling voor de Skoda Octavia Combi op benzine. Is het mogelijk deze "
      "te financieren?",
      "Mijn huidige auto is een Volkswagen Touran uit 2011 met ruim 210.000 km. Nemen jullie die in, en hoe gaat "
      "dat in zijn werk?",
      "Wat is de kilometerstand van de Octavia?",
      "Ik zou maandagochtend met de Touran kunnen langskomen, zodat u hem meteen kunt bekijken. Is dat mogelijk?",
      "Tien uur graag.",
      "Akkoord, tot maandag."],
     [mentions(1, FINANCE, WARNING, why="financing, with 'Geld lenen kost geld'"),
      only(1, [octavia_tsi], "about the petrol Octavia only", min=0),
      mentions(2, TRADE, why="how a trade-in works"),
      only(2, [octavia_tsi], "the own Touran is no search: no Volkswagens listed", min=0),
      mentions(3, km(octavia_tsi), why=f"the petrol Octavia: {fmt(CARS[octavia_tsi]['km'])} km"),
      only(3, [octavia_tsi], "the Octavia meant is the petrol one", min=0),
      slots(4, "'maandagochtend': Monday morning times", date=MON, hour_max=11),
      slots(4, "only Monday morning", all=True, date=MON, hour_max=11),
      slots(5, "ten o'clock on Monday is offered or booked", at=free(MON, 10)),
      appointment("end", "booked: Monday 10:00, for the Octavia (not the Touran)", at=free(MON, 10),
                  car=car(octavia_tsi)),
      handoff("end", False, DEALER_ONLY)],
     "finance tradeproc tradein ownyear car daypart exact yesno formal nohandoff")

# d07: three cheapest hybrids, "nummer 2", SUV or not, discount, Saturday "voor 11en", "de eerste"
hyb = S(fuel="hybride")
cheap3 = top(hyb, "price", 3)
assert len(cheap3) == 3 and len({CARS[s]["price"] for s in cheap3}) == 3, cheap3
second = cheap3[1]
is_(second, body_type="suv")
conv(7, "drie-goedkoopste-hybrides-nummer-2", "Priya Ramdin", NL_PHONE,
     ["Hee, wat zijn jullie 3 goedkoopste hybrides?", "nummer 2, welk bouwjaar en welke kleur?",
      "is dat een suv of meer een gewone hatchback?", "kan er nog wat van de prijs af?",
      "ok ik kom m zaterdag bekijken, liefst voor 11en", "de eerste"],
     [only(1, cheap3, "the three cheapest hybrids", min=3),
      mentions(2, year(second), colour(second),
               why=f"number 2 of the three is the {title(second)}: {CARS[second]['year']}, {CARS[second]['color']}"),
      only(2, [second], "only number 2 is meant", min=0),
      mentions(3, SUV_WORD, why="the Niro is an SUV"),
      mentions(4, NEGOTIATE, why="the discount question is answered (price, salesperson, room)"),
      not_mentions(4, INVENTED_DISCOUNT, why="no invented discount"),
      slots(5, "Saturday times before 11", date=SAT, hour_max=10),
      slots(5, "none at 11 or later", all=True, date=SAT, hour_max=10),
      appointment(6, "'de eerste' books the first time offered, for the Niro hybrid", car=car(second),
                  offered_index=1, date=SAT),
      handoff("end", False, DEALER_ONLY)],
     "super ref car multi nego rnv ordinal nohandoff")

# d08: Sunday is closed, Saturday "rond 11", closing time, "twee uurtjes later"
conv(8, "208-zondag-dicht-zaterdag-later", "Tom Hendriks", NL_PHONE,
     ["Hallo, ik wil graag een proefrit maken in de Peugeot 208. Kan dat zondag?",
      "O jammer. Zaterdag dan, rond 11 uur?",
      "11 uur is goed",
      "Hoe laat gaan jullie zaterdag dicht eigenlijk?",
      "Kan het ook twee uurtjes later? Dan kan ik uitslapen 😄",
      "ja prima"],
     [appointment(1, "no drive on a Sunday (closed)", exists=False),
      mentions(1, SUNDAY, why="says Sunday is closed"),
      slots(1, "no Sunday time offered", all=True, weekday=["mon", "tue", "wed", "thu", "fri", "sat"]),
      slots(2, "'rond 11 uur' on Saturday", date=SAT, hour_min=10, hour_max=11),
      appointment(3, "booked: Saturday 11:00, the 208", at=free(SAT, 11), car=car(p208)),
      mentions(4, CLOSING, why="the Saturday closing time is answered"),
      appointment(4, "still booked", at=free(SAT, 11)),
      slots(5, "two hours later: Saturday 13:00", at=free(SAT, 13)),
      appointment("end", "moved: Saturday 13:00, the 208", at=free(SAT, 13), car=car(p208)),
      handoff("end", False, DEALER_ONLY)],
     "unbook rnv exact yesno hours move nohandoff")

# d09: book, cancel, book again "volgende week dinsdag zelfde tijd"
conv(9, "mini-afzeggen-volgende-week", "Kevin de Wit", NL_PHONE,
     ["kan ik donderdag om 10 uur een proefrit maken in de mini cooper", "ja",
      "shit moet toch afzeggen, mijn vrouw heeft de auto nodig", "kan het dan volgende week dinsdag zelfde tijd",
      "ja super"],
     [slots(1, "Thursday 10:00 is offered or booked", at=free(THU, 10)),
      appointment(2, "booked: Thursday 10:00, the Mini", at=free(THU, 10), car=car(mini)),
      appointment(3, "'afzeggen' cancels the drive", exists=False),
      mentions(3, CANCELLED, why="confirms the cancellation"),
      opted_out(3, False, "cancelling a drive is no opt-out"),
      slots(4, "next Tuesday at the same time (10:00)", at=free(TUE2, 10)),
      appointment("end", "booked again: Tuesday 8 December 10:00, the Mini", at=free(TUE2, 10), car=car(mini)),
      handoff("end", False, DEALER_ONLY)],
     "exact yesno cancel rebook style nohandoff")

# d10: Yaris versus C-HR, "de duurste van de twee", "die andere", today "zo laat mogelijk"
pair = [yaris, chr_]
dearer = max(pair, key=lambda s: CARS[s]["price"])
other = [s for s in pair if s != dearer][0]
assert CARS[dearer]["price"] != CARS[other]["price"] and dearer == chr_
is_(dearer, transmission="automaat")
conv(10, "yaris-chr-duurste-die-andere", "Ilse Kramer", NL_PHONE,
     ["Wat is eigenlijk het verschil tussen de Yaris en de C-HR die jullie hebben staan?",
      "De duurste van de twee, is dat een automaat?",
      "En die andere, hoeveel km staat daarop?",
      "Oké, de Yaris wil ik wel proberen. Kan dat vandaag nog?",
      "Liefst zo laat mogelijk, ik werk tot 4",
      "ja doe maar"],
     [only(1, pair, "a comparison of exactly these two", min=2),
      mentions(1, fact(yaris), fact(chr_), why="facts of both cars (price, km or year)"),
      mentions(2, YES_AUTO, why=f"the dearer of the two is the {title(dearer)}, an automatic"),
      only(2, pair, "about these two only", min=0),
      mentions(3, km(other), why=f"'die andere' is the {title(other)}: {fmt(CARS[other]['km'])} km"),
      only(3, pair, "about these two only", min=0),
      slots(4, "times today", date=TUE),
      slots(4, "today only from 11:00 (two hours' notice)", all=True, date=TUE, hour_min=11),
      slots(5, "as late as possible today: 17:00", at=free(TUE, 17)),
      appointment("end", "booked: today 17:00, the Yaris", at=free(TUE, 17), car=car(yaris)),
      handoff("end", False, DEALER_ONLY)],
     "compare ref car rnv exact yesno nohandoff")

# d11: petrol estate "tot 15 mille", widened "mag ook een diesel", km + APK, price difference, "rond half 11"
sw15b = S(body="stationwagen", fuel="benzine", price_max=money(15000))
sw15 = S(body="stationwagen", price_max=15000)
assert sw15b == [megane] and sorted(sw15) == sorted([megane, octavia_tdi]), (sw15b, sw15)
diff = abs(CARS[megane]["price"] - CARS[octavia_tdi]["price"])
conv(11, "stationwagen-mag-ook-diesel-apk", "Petra Smit", NL_PHONE,
     ["Goedenavond. Wij zoeken een stationwagen op benzine, budget tot 15 mille.",
      "Mag ook een diesel hoor, als hij maar ruim is.",
      "Die Skoda, hoeveel km heeft die en krijgt hij een nieuwe APK mee?",
      "Dat is wel veel km. Wat is het prijsverschil tussen die twee?",
      "Dan wordt het de Renault. Kunnen we zaterdag rond half 11 komen?",
      "Doe maar 10 uur dan.",
      "Prima, tot zaterdag!"],
     [only(1, sw15b, "petrol estates of at most € 15.000: the Megane Estate"),
      only(2, sw15, "widened to diesel: the Octavia Combi TDI joins", min=2),
      mentions(3, km(octavia_tdi), APK, why=f"the Octavia's km ({fmt(CARS[octavia_tdi]['km'])}) and the APK"),
      only(3, sw15, "about the two estates only", min=0),
      mentions(4, f"{num(diff)}|{price(megane)}", f"{num(diff)}|{price(octavia_tdi)}",
               why=f"the difference (€ {fmt(diff)}) or both prices"),
      only(4, sw15, "about these two only", min=0),
      slots(5, "'rond half 11' on Saturday: 10:00 or 11:00", date=SAT, hour_min=10, hour_max=11),
      appointment(6, "booked: Saturday 10:00, the Megane", at=free(SAT, 10), car=car(megane)),
      appointment("end", "still booked", at=free(SAT, 10), car=car(megane)),
      handoff("end", False, DEALER_ONLY)],
     "criteria budget car ref multi apk compare rnv exact yesno nohandoff")

# d12: BMWs, "die van 2019", why the X1 is cheaper, "woensdag of donderdag na de lunch"
bmw = S(make="BMW")
bmw2019 = the(bmw, year=2019)
assert bmw2019 == one_serie and x1 in bmw
is_(bmw2019, transmission="automaat")
conv(12, "bmw-die-van-2019-na-de-lunch", "Ruben Mulder", NL_PHONE,
     ["Hebben jullie BMW's staan?", "die van 2019, wat kost die en is het een automaat?",
      "En waarom is die X1 zoveel goedkoper?", "Ok ik wil de 1 serie zien. Woensdag of donderdag na de lunch?",
      "woensdag 14:00", "ja"],
     [only(1, bmw, "the BMWs in stock", min=2),
      mentions(2, price(bmw2019), YES_AUTO, why=f"'die van 2019' is the {title(bmw2019)}: its price, and yes"),
      only(2, [bmw2019], "only the 2019 BMW is meant", min=0),
      mentions(3, f"{year(x1)}|{km(x1)}|ouder|meer (km|kilometer)",
               why=f"the X1 is older ({CARS[x1]['year']}) with more km ({fmt(CARS[x1]['km'])})"),
      only(3, bmw, "about the BMWs", min=0),
      slots(4, "Wednesday or Thursday after lunch", date=[WED, THU], hour_min=13),
      slots(4, "only those afternoons", all=True, date=[WED, THU], hour_min=13),
      slots(5, "Wednesday 14:00 is offered or booked", at=free(WED, 14)),
      appointment("end", "booked: Wednesday 14:00, the 1 Serie", at=free(WED, 14), car=car(bmw2019)),
      handoff("end", False, DEALER_ONLY)],
     "ref ref2 car multi daypart exact yesno nohandoff")

# d13: three models named; the dearest, the cheapest and the least km of the three
three = [kamiq, qashqai, p2008]
dear3, cheap_3, least3 = best(three, "price", True), best(three, "price"), best(three, "km")
is_(cheap_3, transmission="automaat")
conv(13, "drie-modellen-duurste-goedkoopste", "Fatima Benali", NL_PHONE,
     ["Wat kosten de Kamiq, de Qashqai en de Peugeot 2008 bij jullie?",
      "De duurste van de drie, hoeveel km heeft die en welke kleur?",
      "en de goedkoopste van de drie, is dat een automaat?",
      "Welke van de drie heeft het minst gereden?",
      "Die wil ik wel zien. Vrijdagochtend?",
      "9 uur",
      "👍"],
     [mentions(1, price(kamiq), price(qashqai), price(p2008), why="the three prices"),
      only(1, three, "the three asked about", min=3),
      mentions(2, km(dear3), colour(dear3), why=f"the dearest of the three is the {title(dear3)}"),
      only(2, three, "among the three", min=0),
      mentions(3, YES_AUTO, why=f"the cheapest of the three is the {title(cheap_3)}, an automatic"),
      only(3, three, "among the three", min=0),
      mentions(4, car(least3), why=f"least km of the three: {title(least3)} ({fmt(CARS[least3]['km'])} km)"),
      only(4, [least3], "only the top of the ranking"),
      slots(5, "Friday morning times", date=FRI, hour_max=11),
      slots(5, "only Friday morning", all=True, date=FRI, hour_max=11),
      slots(6, "Friday 9:00 is offered or booked", at=free(FRI, 9)),
      appointment("end", "booked: Friday 9:00, the Kamiq", at=free(FRI, 9), car=car(least3)),
      handoff("end", False, DEALER_ONLY)],
     "super ref car multi daypart exact yesno emoji nohandoff")

# d14: Captur, then Kamiq, "de laatste die je noemde", back to the Captur, address and parking
conv(14, "captur-kamiq-de-laatste-die-je-noemde", "Lars Vos", NL_PHONE,
     ["hoi is de renault captur nog beschikbaar?", "en de skoda kamiq?",
      "de laatste die je noemde, hoeveel km en welk bouwjaar?",
      "ok doe toch maar de captur. kan ik dinsdag 8 december om 16:00 langskomen?", "ja is goed",
      "wat is het adres precies en kan ik daar parkeren?"],
     [mentions(1, car(captur), why="the Captur is in stock"),
      mentions(2, car(kamiq), why="the Kamiq is in stock"),
      mentions(3, km(kamiq), year(kamiq), why=f"the last one named is the Kamiq: {fmt(CARS[kamiq]['km'])} km, "
                                               f"{CARS[kamiq]['year']}"),
      only(3, [kamiq], "only the Kamiq is meant", min=0),
      slots(4, "Tuesday 8 December 16:00 is offered or booked", at=free(TUE2, 16)),
      appointment(5, "booked: Tuesday 8 December 16:00, the Captur (not the Kamiq)", at=free(TUE2, 16),
                  car=car(captur)),
      mentions(6, ADDRESS, PARKING, why="both: the address and parking"),
      appointment("end", "still booked", at=free(TUE2, 16), car=car(captur)),
      handoff("end", False, DEALER_ONLY)],
     "car ref ref2 exact yesno multi parking style nohandoff")

# d15: a complaint about a bought car -> handoff with an apology, no sales pitch
not_stock("Toyota Verso")
conv(15, "klacht-verso-motorlampje", "Annemarie Bakker", NL_PHONE,
     ["Goedemiddag, u spreekt met mevrouw Bakker. Vorige maand heb ik bij u een Toyota Verso gekocht.",
      "Sinds vorige week brandt het motorlampje en ik heb al drie keer gebeld zonder dat iemand terugbelt. Ik ben "
      "hier werkelijk zeer ontevreden over.",
      "Ik verwacht vandaag nog een telefoontje."],
     [replied(1, "the opening statement is answered"),
      handoff(2, True, "a complaint is handed to a person"),
      mentions(2, APOLOGY, why="with an apology"),
      not_mentions(2, NO_PITCH, why="no sales pitch in a complaint"),
      only(2, [], "no stock car offered to a complaining customer", min=0),
      handoff(3, True, "still with a person")],
     "handoff formal")

# d16: a 7-seater (not recorded in the stock), then "kan iemand me ff bellen"
conv(16, "zevenzitter-bel-me-ff", "Mo Haddou", NL_PHONE,
     ["hallo", "zoeken een 7 zitter voor ons gezin, 5 kids 😅 budget max 20k",
      "kan iemand me gewoon ff bellen? makkelijker"],
     [replied(1, "a greeting is answered"),
      mentions(2, r"\b7\b|zeven|zitplaats|zitter|stoelen|seat", why="the 7-seat wish is addressed by name"),
      no_fallback(2, "the wish is understood"),
      only(2, S(price_max=money(20000)), "any car shown is within € 20.000", min=0),
      handoff(3, True, "an explicit ask for a call is handed to a person"),
      mentions(3, PERSON, why="says a colleague will call")],
     "equip budget handoff style")

# d17: the red C3, km, STOP, a goodbye stays unsubscribed
red_c3 = is_(c3, color="rood")
conv(17, "rode-c3-stop", "Bianca Koster", NL_PHONE,
     ["Hebben jullie die rode citroen c3 nog?", "hoeveel km", "STOP", "oke doei"],
     [mentions(1, car(red_c3), why="the red C3 is in stock"),
      mentions(2, km(red_c3), why=f"the C3 in focus: {fmt(CARS[red_c3]['km'])} km"),
      opted_out(2, False, "not unsubscribed before STOP"),
      opted_out(3, True, "STOP unsubscribes"),
      only(3, [], "the confirmation carries no sales pitch", min=0),
      opted_out(4, True, "a goodbye does not re-subscribe")],
     "car optout style")

# d18: formal; financing, trade-in, then a polite opt-out
conv(18, "financiering-inruil-geen-berichten-meer", "Henk Veldman", NL_PHONE,
     ["Goedendag, wat zijn de mogelijkheden voor financiering bij u?",
      "En kan ik dan ook mijn oude auto inruilen?",
      "Ik heb er nog eens over nagedacht, ik wil graag geen berichten meer van u ontvangen.",
      "Bedankt."],
     [mentions(1, FINANCE, WARNING, why="financing, with 'Geld lenen kost geld'"),
      mentions(2, TRADE, why="the trade-in is answered"),
      opted_out(2, False, "not unsubscribed before asking"),
      opted_out(3, True, "'geen berichten meer ontvangen' unsubscribes"),
      only(3, [], "the confirmation carries no sales pitch", min=0),
      opted_out(4, True, "a thank-you does not re-subscribe")],
     "finance tradeproc optout formal")

# d19: the Swift for a son, registration in the son's name (no opt-out), "rond half 5", buying
red_swift = is_(swift, color="rood")
conv(19, "swift-inschrijven-op-naam-zoon", "Yvonne Dekker", NL_PHONE,
     ["Hoi! Is de Suzuki Swift nog te koop? Voor mijn zoon van 18",
      "Wat voor kleur is hij en hoeveel km?",
      "Kan ik hem op naam van mijn zoon laten inschrijven als ik betaal?",
      "Top. Kunnen we morgen rond half 5 komen kijken?",
      "Doe maar 16:00",
      "Ik denk dat we hem gewoon kopen als hij goed rijdt. Hoe gaat dat dan verder?"],
     [mentions(1, car(red_swift), why="the Swift is in stock"),
      mentions(2, colour(red_swift), km(red_swift), why="both: red, and its km"),
      opted_out(3, False, "'inschrijven op naam' is a registration question, no opt-out"),
      mentions(3, REGISTER, why="the registration in the son's name is answered"),
      slots(4, "'rond half 5' tomorrow: 16:00 or 17:00", date=WED, hour_min=16, hour_max=17),
      appointment(5, "booked: Wednesday 16:00, the Swift", at=free(WED, 16), car=car(red_swift)),
      mentions(6, BUY, why="the next steps of buying"),
      appointment("end", "the drive stays booked", at=free(WED, 16), car=car(red_swift))],
     "car multi lookalike rnv exact buy")

# d20: "stop maar met zoeken" (no opt-out), "die witte polo", km, an offer
hb_auto20 = S(body="hatchback", gearbox="automaat", price_max=money(20000))
assert polo_white in hb_auto20
offer20 = money(16000)
conv(20, "stop-maar-met-zoeken-witte-polo-bod", "Sem Jacobs", NL_PHONE,
     ["zoek een automaat hatchback tot 20k",
      "stop maar met zoeken, ik heb m al gezien op jullie site: die witte polo. wat kost die nog?",
      "en hoeveel km heeft ie gelopen", f"ik bied {offer20 // 1000}.000 cash, deal?"],
     [only(1, hb_auto20, "automatic hatchbacks of at most € 20.000", min=2),
      opted_out(2, False, "'stop maar met zoeken' is no opt-out"),
      mentions(2, price(polo_white),
               why=f"the white Polo is the {title(polo_white)}: € {fmt(CARS[polo_white]['price'])}"),
      only(2, [polo_white], "only the white Polo", min=0),
      mentions(3, km(polo_white), why=f"{fmt(CARS[polo_white]['km'])} km"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      not_mentions(4, ACCEPTED, why="the offer is not accepted by the assistant"),
      only(4, [polo_white], "the offer is about the white Polo", min=0)],
     "lookalike ref car nego budget style")

# d21: formal; the Kuga plug-in, electric range, price and year, room on the price, an offer
offer21 = money(25500)
conv(21, "kuga-plugin-bereik-bod", "Arjen Brouwer", NL_PHONE,
     ["Goedemiddag, ik heb interesse in de Ford Kuga plug-in hybride. Hoeveel kilometer kan ik daarmee elektrisch "
      "rijden?",
      "En wat is de vraagprijs en het bouwjaar?",
      "Is er over de prijs nog te praten?",
      f"Ik wil u een bod doen: {fmt(offer21)} euro, inclusief een set winterbanden."],
     [mentions(1, EV_RANGE, why="the electric range of the plug-in"),
      mentions(2, price(kuga), year(kuga), why=f"€ {fmt(CARS[kuga]['price'])}, {CARS[kuga]['year']}"),
      only(2, [kuga], "about the Kuga", min=0),
      mentions(3, NEGOTIATE, why="the price question is answered"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      mentions(4, OFFER_HANDLED, why="the offer is passed on"),
      not_mentions(4, ACCEPTED, why="not accepted by the assistant"),
      only(4, [kuga], "the offer is about the Kuga", min=0)],
     "ev car multi nego formal")

# d22: the white Captur; km and servicing, home delivery, "ik wil hem kopen"
white_captur = is_(captur, color="wit")
conv(22, "witte-captur-afleveren-kopen", "Lotte Willems", NL_PHONE,
     ["Goedemorgen! Is de witte Renault Captur hybride nog beschikbaar?",
      "Wat is de kilometerstand en wanneer is hij voor het laatst onderhouden?",
      "Kan hij thuis afgeleverd worden? Ik woon in Zwolle.",
      "Ok, ik wil hem kopen. Wat moet ik doen?"],
     [mentions(1, car(white_captur), why="the white Captur is in stock"),
      mentions(2, km(white_captur), SERVICING, why="both: the km and the servicing"),
      mentions(3, DELIVERY, why="home delivery is answered"),
      mentions(4, BUY, why="the next steps of buying"),
      only(4, [white_captur], "about the Captur", min=0)],
     "car multi servicing delivery buy")

# d23: Wednesday at 12 is lunch; then 13:00
is_(mazda2, transmission="automaat")
assert not bookable(WED, 12)
conv(23, "mazda2-woensdag-12-uur-lunch", "Wim de Graaf", NL_PHONE,
     ["Goedemorgen. Staat de Mazda 2 automaat er nog?",
      "Kan ik hem woensdag om 12 uur komen proberen? Dan heb ik middagpauze.",
      "Dan maar om 1 uur.", "Goed."],
     [mentions(1, car(mazda2), why="the Mazda 2 is in stock"),
      slots(2, "no offer or booking at 12:00 (lunch)", all=True, hour=HOURS),
      slots(2, "other Wednesday times are offered", date=WED),
      mentions(2, LUNCH, why="says 12:00 is not possible"),
      slots(3, "Wednesday 13:00 is offered or booked", at=free(WED, 13)),
      appointment("end", "booked: Wednesday 13:00, the Mazda 2", at=free(WED, 13), car=car(mazda2)),
      handoff("end", False, DEALER_ONLY)],
     "car unbook exact yesno formal nohandoff")

# d24: today at 10 is too soon (2 hours' notice); "kan ook morgen", morning, emoji
assert not bookable(TUE, 10)
conv(24, "astra-vandaag-te-vroeg-kan-ook-morgen", "Daan Vermeulen", NL_PHONE,
     ["hoi, kan ik vandaag om 10 uur even de Opel Astra komen proefrijden?",
      "hmm kan ook morgen hoor, liefst ochtend", "10 uur", "👌"],
     [appointment(1, "no drive today at 10:00 (two hours' notice)", exists=False),
      slots(2, "Wednesday morning times", date=WED, hour_max=11),
      slots(2, "only Wednesday morning", all=True, date=WED, hour_max=11),
      slots(3, "Wednesday 10:00 is offered or booked", at=free(WED, 10)),
      appointment("end", "booked: Wednesday 10:00, the Astra", at=free(WED, 10), car=car(astra)),
      handoff("end", False, DEALER_ONLY)],
     "unbook daypart exact yesno emoji style nohandoff")

# d25: the 2025 Picanto, its km; Friday after 18:30 is after closing; the last time; 17:00
conv(25, "picanto-vrijdag-na-sluiting", "Sophie van Dam", NL_PHONE,
     ["Hoi! Ik zag de Kia Picanto GT-Line automaat op jullie site, die van 2025. Klopt het dat die pas "
      f"{CARS[picanto_gt]['km']} km heeft gereden?",
      "Kan ik hem vrijdag na mijn werk proefrijden? Ik ben om half 7 vrij.",
      "Jammer. Wat is het laatste tijdstip op vrijdag dan?",
      "Ok, dan neem ik eerder vrij. Vrijdag 17:00 dan?",
      "Ja top"],
     [mentions(1, rf"klopt|\bja\b|{km(picanto_gt)}", why="confirms the km"),
      only(1, [picanto_gt], "about the 2025 Picanto only", min=0),
      appointment(2, "no drive after closing time", exists=False),
      slots(2, "nothing offered after closing", all=True, hour_max=17),
      mentions(2, CLOSING + r"|\b17[:.]00|laatst|lukt niet|niet mogelijk|helaas",
               why="says half past six is after closing"),
      mentions(3, hour_re(17), why="the last Friday time is 17:00"),
      slots(4, "Friday 17:00 is offered or booked", at=free(FRI, 17)),
      appointment("end", "booked: Friday 17:00, the Picanto", at=free(FRI, 17), car=car(picanto_gt)),
      handoff("end", False, DEALER_ONLY)],
     "car ref unbook hours exact yesno nohandoff")

# d26: XC40 Thursday 15:00, "een dag eerder, zelfde tijd", what to bring
conv(26, "xc40-dag-eerder", "Rik Bosman", NL_PHONE,
     ["Hallo, ik wil de Volvo XC40 graag proefrijden. Heeft u donderdag om 15:00 plek?",
      "Ja, graag.",
      "Oh wacht, donderdag kan ik toch niet. Kan het een dag eerder, zelfde tijd?",
      "Perfect.",
      "Moet ik iets meenemen?"],
     [slots(1, "Thursday 15:00 is offered or booked", at=free(THU, 15)),
      appointment(2, "booked: Thursday 15:00, the XC40", at=free(THU, 15), car=car(xc40)),
      slots(3, "a day earlier, same time: Wednesday 15:00", at=free(WED, 15)),
      appointment(4, "moved: Wednesday 15:00", at=free(WED, 15), car=car(xc40)),
      mentions(5, BRING, why="what to bring (a driving licence)"),
      appointment("end", "still Wednesday 15:00", at=free(WED, 15), car=car(xc40)),
      handoff("end", False, DEALER_ONLY)],
     "exact yesno move formal nohandoff")

# d27: Golf eHybrid Friday 11:00, "volgende week zelfde dag en tijd", electric range
conv(27, "golf-ehybrid-volgende-week-zelfde-tijd", "Esther Visser", NL_PHONE,
     ["Goedemiddag! Kan ik vrijdag om 11 uur een proefrit maken met de Golf eHybrid?",
      "Ja prima",
      "Ik moet het helaas verzetten. Volgende week zelfde dag en tijd, gaat dat?",
      "Ja graag",
      "Nog een vraag: rijdt hij ook volledig elektrisch, en hoe ver dan ongeveer?"],
     [slots(1, "Friday 11:00 is offered or booked", at=free(FRI, 11)),
      appointment(2, "booked: Friday 11:00, the Golf eHybrid", at=free(FRI, 11), car=car(golf_eh)),
      slots(3, "a week later, same time: Friday 11 December 11:00", at=free(FRI2, 11)),
      appointment(4, "moved: Friday 11 December 11:00", at=free(FRI2, 11), car=car(golf_eh)),
      mentions(5, EV_RANGE, why="the electric range of the plug-in hybrid"),
      appointment("end", "still booked", at=free(FRI2, 11), car=car(golf_eh)),
      handoff("end", False, DEALER_ONLY)],
     "exact yesno move ev nohandoff")

# d28: "de tiguan van 2021", Saturday 10:00, recall + address, "een uur later"
tig2021 = the(S(model="Tiguan"), year=2021)
assert tig2021 == tiguan_tsi
conv(28, "tiguan-2021-hoe-laat-een-uur-later", "Koen Smeets", NL_PHONE,
     ["is de tiguan van 2021 nog te koop", "mooi. zaterdag om 10 uur proefrit?", "top",
      "hoe laat was het ook alweer? en op welk adres?",
      "kan het een uur later? ben op zaterdag nooit zo vroeg wakker haha", "ok 👍"],
     [mentions(1, car(tig2021), why=f"the 2021 Tiguan is the {title(tig2021)}"),
      only(1, [tig2021], "not the 2017 Tiguan", min=0),
      slots(2, "Saturday 10:00 is offered or booked", at=free(SAT, 10)),
      appointment(3, "booked: Saturday 10:00, the 2021 Tiguan", at=free(SAT, 10), car=car(tig2021)),
      mentions(4, day_re(SAT), hour_re(10), ADDRESS, why="recalls Saturday 10:00 and gives the address"),
      slots(5, "an hour later: Saturday 11:00", at=free(SAT, 11)),
      appointment("end", "moved: Saturday 11:00", at=free(SAT, 11), car=car(tig2021)),
      handoff("end", False, DEALER_ONLY)],
     "ref car exact yesno recall multi move emoji style nohandoff")

# d29: trading in an own Fabia (2019, 45.000 km) for an electric car "max 25.000"
not_stock("Skoda Fabia van 2019")
ev25b = S(fuel="elektrisch", price_max=money(25000))
cheap_ev = best(ev25b, "price")
conv(29, "fabia-inruilen-elektrisch", "Nadia Ouali", NL_PHONE,
     ["Hallo! Ik wil mijn Skoda Fabia van 2019 inruilen voor een elektrische auto, max 25.000. Wat hebben jullie?",
      "Hij heeft 45.000 km gereden en is goed onderhouden. Wat zou ik ervoor krijgen ongeveer?",
      "Welke van de elektrische heeft de grootste actieradius?",
      "En de goedkoopste daarvan?",
      "Kan ik die zaterdag om 14:00 proberen en mijn Fabia meteen laten taxeren?",
      "ja dat is goed"],
     [only(1, ev25b, "electric cars of at most € 25.000; the own Skoda is no search", min=2),
      mentions(2, VALUATION, why="how the trade-in is valued"),
      only(2, ev25b, "no Skodas or cars with 45.000 km as a search", min=0),
      mentions(3, EV_RANGE, why="the range question is answered"),
      only(3, ev25b, "among the electric cars in budget", min=0),
      mentions(4, car(cheap_ev), why=f"the cheapest of them: {title(cheap_ev)}"),
      only(4, [cheap_ev], "only the top of the ranking"),
      slots(5, "Saturday 14:00 is offered or booked", at=free(SAT, 14)),
      mentions(5, TRADE, why="the valuation at the visit is answered too"),
      appointment("end", "booked: Saturday 14:00, the Kona (not the Fabia)", at=free(SAT, 14), car=car(cheap_ev)),
      handoff("end", False, DEALER_ONLY)],
     "tradein tradeproc ownyear ev super ref multi exact yesno budget nohandoff")

# d30: automatic hatchback "rond de 20 mille", "geen Franse auto's, en ook geen Opel", least km, "na 3en"
hb20 = S(body="hatchback", gearbox="automaat", price_max=loose(20000))
hb20x = [s for s in hb20 if CARS[s]["make"] not in FRENCH + ("Opel",)]
assert len(hb20x) < len(hb20) - 2
least_hb = same_best([s for s in hb20x if CARS[s]["price"] <= 20000], hb20x, "km")
conv(30, "hatchback-rond-20-mille-geen-franse-geen-opel", "Bram Koning", NL_PHONE,
     ["Ik zoek een automaat hatchback, rond de 20 mille", "geen Franse auto's graag, en ook geen Opel",
      "welke heeft de minste km?", "nice, kleur?", "kan ik m maandag na 3en proberen", "16:00", "ja"],
     [only(1, hb20, "automatic hatchbacks around € 20.000", min=2),
      only(2, hb20x, "no Peugeot, Citroen, Renault or Opel", min=2),
      mentions(3, car(least_hb), why=f"least km of the remaining ones: {title(least_hb)}"),
      only(3, [least_hb], "only the top of the ranking"),
      mentions(4, colour(least_hb), why=f"the Picanto is {CARS[least_hb]['color']}"),
      slots(5, "Monday times from 15:00", date=MON, hour_min=15),
      slots(5, "only Monday from 15:00", all=True, date=MON, hour_min=15),
      slots(6, "Monday 16:00 is offered or booked", at=free(MON, 16)),
      appointment("end", "booked: Monday 16:00, the Picanto", at=free(MON, 16), car=car(least_hb)),
      handoff("end", False, DEALER_ONLY)],
     "budget criteria super car rnv exact yesno style nohandoff")

# d31: SUV "max 18k", replaced by an estate, the newest, a tow bar, Thursday morning, "2"
suv18, sw18 = S(body="suv", price_max=money(18000)), S(body="stationwagen", price_max=18000)
newest_sw = best(sw18, "year", True)
conv(31, "suv-liever-stationwagen-trekhaak", "Jeroen Hoogland", NL_PHONE,
     ["Goedemorgen, ik zoek een SUV tot max 18k",
      "hmm eigenlijk liever een stationwagen, meer ruimte voor de hond",
      "welke daarvan is het nieuwst?",
      "en heeft die een trekhaak? we hebben een aanhanger",
      "ok, kan ik donderdagochtend even komen kijken?",
      "2"],
     [only(1, suv18, "SUVs of at most € 18.000", min=2),
      only(2, sw18, "replaced by estates of at most € 18.000 (no SUVs)", min=2),
      mentions(3, car(newest_sw), why=f"the newest of those estates: {title(newest_sw)} ({CARS[newest_sw]['year']})"),
      only(3, [newest_sw], "only the top of the ranking"),
      mentions(4, r"trekhaak|tow", why="the tow bar is addressed by name"),
      no_fallback(4, "the tow bar question is understood"),
      only(4, [newest_sw], "about the Megane", min=0),
      slots(5, "Thursday morning times", date=THU, hour_max=11),
      slots(5, "only Thursday morning", all=True, date=THU, hour_max=11),
      appointment(6, "'2' books the second time offered, for the Megane", car=car(newest_sw), offered_index=2,
                  date=THU),
      handoff("end", False, DEALER_ONLY)],
     "criteria budget super equip car daypart ordinal nohandoff")

# d32: petrol automatic "niet meer dan 14 duizend", "zo min mogelijk kilometers", warranty, Friday afternoon
ba14 = S(fuel="benzine", gearbox="automaat", price_max=money(14000))
least_ba14 = best(ba14, "km")
conv(32, "benzine-automaat-zo-min-mogelijk-km", "Ingrid Meijer", NL_PHONE,
     ["Hallo, ik zoek een benzine automaat, niet meer dan 14 duizend euro. Zo min mogelijk kilometers graag.",
      "Hoeveel km heeft die precies en wat is de kleur?",
      "Krijg ik daar garantie op?",
      "Prima. Ik kom vrijdagmiddag graag kijken.",
      "14:00 graag",
      "Dank je!"],
     [mentions(1, car(least_ba14), why=f"the one with the fewest km first: {title(least_ba14)}"),
      only(1, ba14, "petrol automatics of at most € 14.000"),
      mentions(2, km(least_ba14), colour(least_ba14), why="both: its km and its colour"),
      only(2, [least_ba14], "about the Corsa", min=0),
      mentions(3, WARRANTY, why="the warranty is answered"),
      slots(4, "Friday afternoon times", date=FRI, hour_min=13),
      slots(4, "only Friday afternoon", all=True, date=FRI, hour_min=13),
      slots(5, "Friday 14:00 is offered or booked", at=free(FRI, 14)),
      appointment("end", "booked: Friday 14:00, the Corsa", at=free(FRI, 14), car=car(least_ba14)),
      handoff("end", False, DEALER_ONLY)],
     "criteria budget car multi warranty daypart exact nohandoff")

# d33: Christmas and New Year, Boxing Day, then the Sportage on Wednesday 9:00
conv(33, "kerst-oud-en-nieuw-sportage", "Marco van Leeuwen", NL_PHONE,
     ["Zijn jullie tussen kerst en oud en nieuw gewoon open?", "en op tweede kerstdag?",
      "ok dan kom ik deze week al. hebben jullie een Kia Sportage staan?", "mooi, woensdag om 9 uur kijken?",
      "yes"],
     [mentions(1, HOLIDAY_YN, why="the holiday opening is answered"),
      mentions(2, HOLIDAY_YN, why="Boxing Day is answered"),
      mentions(3, car(sportage), why="the Sportage is in stock"),
      slots(4, "Wednesday 9:00 is offered or booked", at=free(WED, 9)),
      appointment("end", "booked: Wednesday 9:00, the Sportage", at=free(WED, 9), car=car(sportage)),
      handoff("end", False, DEALER_ONLY)],
     "holiday hours car exact yesno nohandoff")

# d34: no car: public transport, home delivery, "onder de 10", the cheapest, Tuesday 8 December 13:00
cheap10 = S(price_max=money(10000) - 1)
cheapest10 = best(cheap10, "price")
conv(34, "ov-thuisbrengen-onder-de-10", "Femke de Jong", NL_PHONE,
     ["Hoi, ik heb geen auto (vandaar 😉). Hoe kom ik bij jullie met het openbaar vervoer?",
      "En als ik een auto koop, kunnen jullie die thuisbrengen? Ik woon in Amersfoort.",
      "Ik zoek iets kleins en zuinigs, handgeschakeld is prima, onder de 10",
      "de goedkoopste, hoeveel km heeft die?",
      "oke, dinsdag 8 december om 13:00 kijken?",
      "ja"],
     [mentions(1, TRANSIT, why="public transport is answered"),
      mentions(2, DELIVERY, why="home delivery is answered"),
      only(3, cheap10, "cars under € 10.000", min=2),
      mentions(4, km(cheapest10), why=f"the cheapest is the {title(cheapest10)}: {fmt(CARS[cheapest10]['km'])} km"),
      only(4, [cheapest10], "only the cheapest", min=0),
      slots(5, "Tuesday 8 December 13:00 is offered or booked", at=free(TUE2, 13)),
      appointment("end", "booked: Tuesday 8 December 13:00, the Picanto", at=free(TUE2, 13),
                  car=car(cheapest10)),
      handoff("end", False, DEALER_ONLY)],
     "transit delivery budget super car exact yesno nohandoff")

# d35: formal; BOVAG warranty, APK and servicing in one message; km; hybrid; Friday 10:00
conv(35, "corolla-bovag-apk-onderhoud", "Peter Schouten", NL_PHONE,
     ["Goedemiddag. Ik heb interesse in de Toyota Corolla Touring Sports. Zit er BOVAG-garantie op, krijgt hij "
      "een nieuwe APK en kan ik hem bij u laten onderhouden?",
      "Wat is de kilometerstand?",
      "Is het een hybride? Ik rijd veel korte ritten.",
      "Dan wil ik hem graag zien. Heeft u vrijdag om 10:00 tijd?",
      "Uitstekend."],
     [mentions(1, WARRANTY, APK, SERVICING, why="all three: warranty, APK, servicing"),
      mentions(2, km(corolla), why=f"the Corolla: {fmt(CARS[corolla]['km'])} km"),
      mentions(3, r"\bja\b|" + FUEL["hybride"], why="the Corolla is a hybrid"),
      slots(4, "Friday 10:00 is offered or booked", at=free(FRI, 10)),
      appointment("end", "booked: Friday 10:00, the Corolla", at=free(FRI, 10), car=car(corolla)),
      handoff("end", False, DEALER_ONLY)],
     "multi warranty apk servicing car exact yesno formal nohandoff")

# d36: trading in an own Citroen Berlingo (2014); hybrid automatic up to 20.000; least km; delivery; price
not_stock("Citroën Berlingo uit 2014")
hyb20 = S(fuel="hybride", gearbox="automaat", price_max=money(20000))
least_hyb20 = best(hyb20, "km")
conv(36, "berlingo-inruil-hybride-thuis-afleveren", "Gerrit Post", NL_PHONE,
     ["Hallo, ik wil mijn Citroën Berlingo uit 2014 inruilen. Hoe werkt dat bij jullie?",
      "Ik zoek een hybride automaat, tot 20.000.",
      "Welke heeft het minst gelopen?",
      "Kunnen jullie de nieuwe auto bij mij thuis afleveren en de Berlingo dan meteen meenemen?",
      "Top. Wat is de prijs van die auto precies?"],
     [mentions(1, TRADE, why="how a trade-in works"),
      not_mentions(1, car(c3), car(S(model="C4")[0]), why="the own Citroen is no search: no Citroens offered"),
      only(2, hyb20, "hybrid automatics of at most € 20.000 (no Citroens)", min=2),
      mentions(3, car(least_hyb20), why=f"least km: {title(least_hyb20)}"),
      only(3, [least_hyb20], "only the top of the ranking"),
      mentions(4, DELIVERY, why="delivery at home is answered"),
      mentions(5, price(least_hyb20), why=f"the Yaris: € {fmt(CARS[least_hyb20]['price'])}"),
      only(5, [least_hyb20], "the price of the Yaris", min=0),
      handoff("end", False, DEALER_ONLY)],
     "tradeproc tradein ownyear super delivery car ref nohandoff")

# d37: the i20; Apple CarPlay and parking sensors (not recorded); km and price; Saturday 15:00
conv(37, "i20-carplay-sensoren", "Thijs van Dijk", NL_PHONE,
     ["Hey! Die Hyundai i20, heeft die Apple CarPlay?", "en parkeersensoren achter?", "hoeveel km en wat kost ie",
      "ok kan ik em zaterdag om 15:00 proberen", "top"],
     [mentions(1, r"carplay|apple", why="CarPlay is addressed by name"),
      no_fallback(1, "the equipment question is understood"),
      mentions(2, r"sensor|parkeerhulp|\bpdc\b|parkeer", why="the parking sensors are addressed by name"),
      no_fallback(2, "the follow-up is understood"),
      mentions(3, km(i20), price(i20), why=f"both: {fmt(CARS[i20]['km'])} km, € {fmt(CARS[i20]['price'])}"),
      only(3, [i20], "about the i20", min=0),
      slots(4, "Saturday 15:00 is offered or booked", at=free(SAT, 15)),
      appointment("end", "booked: Saturday 15:00, the i20", at=free(SAT, 15), car=car(i20)),
      handoff("end", False, DEALER_ONLY)],
     "equip car multi exact yesno style nohandoff")

# d38: formal; the A-Klasse; seat heating, winter tyres, two keys, servicing, year and km; Thursday 11:00
conv(38, "a-klasse-stoelverwarming-sleutels", "Carla Groen", NL_PHONE,
     ["Goedemiddag, ik overweeg de Mercedes A-Klasse. Heeft hij stoelverwarming? Ik heb het snel koud.",
      "Worden er winterbanden bij geleverd? En zijn er twee sleutels?",
      "Wanneer is hij voor het laatst onderhouden en wat kost een beurt bij jullie ongeveer?",
      "Welk bouwjaar is het en hoeveel heeft hij gelopen?",
      "Dank u. Ik kom donderdag om 11 uur kijken, als dat schikt.",
      "Fijn, tot donderdag."],
     [mentions(1, r"stoelverwarming|verwarmde stoel|stoelen", why="seat heating is addressed by name"),
      no_fallback(1, "the equipment question is understood"),
      mentions(2, r"winterband|banden", r"sleutel", why="both: winter tyres and keys"),
      mentions(3, SERVICING, why="the servicing questions are answered"),
      mentions(4, year(aklasse), km(aklasse), why=f"{CARS[aklasse]['year']}, {fmt(CARS[aklasse]['km'])} km"),
      slots(5, "Thursday 11:00 is offered or booked", at=free(THU, 11)),
      appointment("end", "booked: Thursday 11:00, the A-Klasse", at=free(THU, 11), car=car(aklasse)),
      handoff("end", False, DEALER_ONLY)],
     "equip multi servicing car exact yesno formal nohandoff")

# d39: Niro EV range in winter, a home charger, fast charging, versus the Niro hybrid, Monday 14:00
conv(39, "niro-ev-laadpaal-vs-hybride", "Hans Timmer", NL_PHONE,
     ["Hallo, ik twijfel tussen elektrisch en hybride. Hoe ver komt de Kia Niro EV op een volle accu in de winter?",
      "Moet ik dan een laadpaal thuis hebben of kan het ook zonder? En regelen jullie zo'n thuislader?",
      "En hoe lang duurt snelladen ongeveer?",
      "Wat is het verschil met de Niro hybride, qua prijs en km?",
      "Ik denk de EV. Maandag 14:00?",
      "Ja goed"],
     [mentions(1, EV_RANGE, why="the range is answered"),
      no_fallback(1, "understood"),
      mentions(2, CHARGING, why="charging at home is answered"),
      mentions(3, CHARGING, why="fast charging is answered"),
      mentions(4, price(niro_ev), price(niro_hev), km(niro_ev), km(niro_hev), why="prices and km of both Niros"),
      only(4, [niro_ev, niro_hev], "a comparison of the two Niros", min=2),
      slots(5, "Monday 14:00 is offered or booked", at=free(MON, 14)),
      appointment("end", "booked: Monday 14:00, the Niro EV (not the hybrid)", at=free(MON, 14), car=car(niro_ev)),
      handoff("end", False, DEALER_ONLY)],
     "ev charger multi compare car exact yesno nohandoff")

# d40: "afmelden voor de proefrit" cancels the drive; it is no opt-out
conv(40, "fiesta-afmelden-voor-de-proefrit", "Wendy Schipper", NL_PHONE,
     ["hoi ik wil zaterdag om 13:00 een proefrit in de ford fiesta", "ja graag",
      "ik moet me helaas afmelden voor de proefrit van zaterdag, ziek geworden",
      "dankje, ik laat het weten als ik beter ben"],
     [slots(1, "Saturday 13:00 is offered or booked", at=free(SAT, 13)),
      appointment(2, "booked: Saturday 13:00, the Fiesta", at=free(SAT, 13), car=car(fiesta)),
      appointment(3, "the drive is cancelled", exists=False),
      opted_out(3, False, "'afmelden voor de proefrit' is no opt-out"),
      mentions(3, CANCELLED, why="confirms the cancellation"),
      opted_out(4, False, "still subscribed"),
      appointment("end", "no drive left", exists=False),
      handoff("end", False, DEALER_ONLY)],
     "exact yesno cancel lookalike style nohandoff")

# d41: a Nissan Leaf is not in stock, "rond de 24.000"; range of "die Hyundai" and "de Volkswagen"; "de eerste"
not_stock("Nissan Leaf")
ev24 = S(fuel="elektrisch", price_max=loose(24000))
assert kona in S(fuel="elektrisch", price_max=24000) and id3 in S(fuel="elektrisch", price_max=24000)
hyundai_ev, vw_ev = the(ev24, make="Hyundai"), the(ev24, make="Volkswagen")
conv(41, "nissan-leaf-niet-op-voorraad-id3", "Roos Brink", NL_PHONE,
     ["Goedemorgen, hebben jullie een Nissan Leaf? Budget rond de 24.000.",
      "Hoe ver kom ik met die Hyundai?",
      "En met de Volkswagen?",
      "Kan ik de Volkswagen morgenmiddag proefrijden?",
      "Doe maar de eerste"],
     [mentions(1, r"\bleaf", NOT_IN_STOCK, ALT_LABEL, why="says the Leaf is not there and labels alternatives"),
      only(1, ev24, "the alternatives keep the wishes: electric, around € 24.000"),
      mentions(2, EV_RANGE, why="the Kona's range"),
      only(2, [hyundai_ev], "'die Hyundai' is the Kona", min=0),
      mentions(3, EV_RANGE, why="the ID.3's range"),
      only(3, [hyundai_ev, vw_ev], "'de Volkswagen' is the ID.3", min=0),
      slots(4, "Wednesday afternoon times", date=WED, hour_min=13),
      slots(4, "only Wednesday afternoon", all=True, date=WED, hour_min=13),
      appointment(5, "'de eerste' books the first time offered, for the ID.3", car=car(vw_ev), offered_index=1,
                  date=WED),
      handoff("end", False, DEALER_ONLY)],
     "nostock budget ev ref ref2 daypart ordinal nohandoff")

# d42: "stop, ik bedoel een diesel stationwagen" (no opt-out); cheapest; petrol estates < 100.000 km; "die van 2019"
dsuv, dsw = S(fuel="diesel", body="suv"), S(fuel="diesel", body="stationwagen")
cheap_dsw = best(dsw, "price")
sw_b100 = S(fuel="benzine", body="stationwagen", km_max=99999)
sw2019 = the(sw_b100, year=2019)
is_(sw2019, transmission="handgeschakeld")
conv(42, "stop-ik-bedoel-diesel-stationwagen", "Youssef Amrani", NL_PHONE,
     ["zoek een diesel suv", "stop, ik bedoel een diesel stationwagen", "welke is het goedkoopst",
      "hoeveel km?? 😬", "ok laat maar dan, welke benzine stationwagen heb je met minder dan 100.000 km?",
      "die van 2019 is die handgeschakeld?"],
     [only(1, dsuv, "diesel SUVs"),
      opted_out(2, False, "'stop, ik bedoel...' is no opt-out"),
      only(2, dsw, "replaced: diesel estates, no SUV", min=2),
      mentions(3, car(cheap_dsw), why=f"the cheapest diesel estate: {title(cheap_dsw)}"),
      only(3, [cheap_dsw], "only the top of the ranking"),
      mentions(4, km(cheap_dsw), why=f"{fmt(CARS[cheap_dsw]['km'])} km"),
      only(5, sw_b100, "petrol estates under 100.000 km", min=2),
      mentions(6, MANUAL, why=f"'die van 2019' is the {title(sw2019)}, a manual"),
      only(6, [sw2019], "only the 2019 one", min=0),
      opted_out("end", False, "never unsubscribed"),
      handoff("end", False, DEALER_ONLY)],
     "lookalike criteria super car ref style nohandoff")

# d43: car fact + booking in the first message; parking; warranty; price and time sent again
conv(43, "corsa-paar-vragen-tegelijk", "Erik Jansen", NL_PHONE,
     ["Hoi, paar vragen tegelijk: heb je de Opel Corsa 1.2 nog, wat is de kilometerstand, en kan ik er zaterdag om "
      "10 uur in rijden?",
      "ja graag. is er parkeerplek bij jullie?",
      "en zit er garantie op?",
      "kun je me de prijs en de tijd van de afspraak nog even sturen"],
     [mentions(1, car(corsa12), km(corsa12), why="the Corsa 1.2 is there, with its km"),
      slots(1, "Saturday 10:00 is offered or booked", at=free(SAT, 10)),
      appointment(2, "booked: Saturday 10:00, the Corsa 1.2", at=free(SAT, 10), car=car(corsa12)),
      mentions(2, PARKING, why="parking is answered"),
      mentions(3, WARRANTY, why="the warranty is answered"),
      mentions(4, price(corsa12), day_re(SAT), hour_re(10), why="the price, and Saturday 10:00"),
      only(4, [corsa12], "about the Corsa 1.2", min=0),
      appointment("end", "still booked", at=free(SAT, 10), car=car(corsa12)),
      handoff("end", False, DEALER_ONLY)],
     "multi car exact yesno parking warranty recall nohandoff")

# d44: young, abbreviations; "tot 12.500", least km, "hoeveel kost da", weekend opening, "za rond 3en"
b125 = S(price_max=money(12500))
least125 = best(b125, "km")
conv(44, "tot-12500-wnr-open-za-rond-3en", "Kim Tran", NL_PHONE,
     ["hoi ik zoek n auto tot 12.500 mag ook lpg zijn", "welke heeft de minste km", "hoeveel kost da",
      "wnr zijn jullie open dit weekend", "ok kan ik za ff langs rond 3en", "3 uur ok"],
     [only(1, b125, "cars of at most € 12.500", min=2),
      mentions(2, car(least125), why=f"least km: {title(least125)}"),
      only(2, [least125], "only the top of the ranking"),
      mentions(3, price(least125), why=f"€ {fmt(CARS[least125]['price'])}"),
      only(3, [least125], "the Swift's price", min=0),
      mentions(4, OPENING, why="the weekend opening hours are answered"),
      mentions(4, r"zaterdag|\bza\b|zondag|\bzo\b", why="about the weekend"),
      slots(5, "'za rond 3en': Saturday 14:00-16:00", date=SAT, hour_min=14, hour_max=16),
      appointment("end", "booked: Saturday 15:00, the Swift", at=free(SAT, 15), car=car(least125)),
      handoff("end", False, DEALER_ONLY)],
     "budget super car hours rnv exact yesno style nohandoff")

# --- English ---------------------------------------------------------------------------------------------------
# d45: automatic "under 20 grand", the three cheapest, "the first one", Thursday afternoon, "the second one"
auto20 = S(gearbox="automaat", price_max=money(20000) - 1)
cheap3a = top(auto20, "price", 3)
first = best(auto20, "price")
conv(45, "automatic-under-20-grand-the-first-one", "James Carter", UK_PHONE,
     ["Hi there, I'm looking for an automatic car under 20 grand. Just moved to the Netherlands, what do you have?",
      "Which are the three cheapest?",
      "The first one, what year is it and how many km?",
      "Can I test drive it Thursday afternoon?",
      "The second one please",
      "Great, thanks! Are you open on Boxing Day by the way?"],
     [only(1, auto20, "automatics under € 20.000", min=2),
      language(1, "en", "English customer, English reply"),
      mentions(2, car(first), why=f"the cheapest is the {title(first)}"),
      only(2, cheap3a, "the three cheapest (ties included)", min=2),
      language(2, "en", "English"),
      mentions(3, year(first), km(first), why=f"the first one is the {title(first)}"),
      only(3, [first], "only the first one", min=0),
      slots(4, "Thursday afternoon times", date=THU, hour_min=13),
      slots(4, "only Thursday afternoon", all=True, date=THU, hour_min=13),
      appointment(5, "'the second one' books the second time offered, for the Corsa", car=car(first),
                  offered_index=2, date=THU),
      mentions(6, HOLIDAY_YN, why="Boxing Day is answered"),
      handoff("end", False, DEALER_ONLY)],
     "en budget super ref car multi daypart ordinal holiday nohandoff")

# d46: electric SUVs, "that Kia", range, home charging, price and km, Friday 3pm
ev_suv = S(fuel="elektrisch", body="suv")
kia_ev = the(ev_suv, make="Kia")
conv(46, "electric-suv-that-kia-wallbox", "Emily Watson", UK_PHONE,
     ["Hello! Do you have any electric SUVs?",
      "That Kia, what's the range on a full charge?",
      "Can I charge it at home with a normal socket, or do I need a wallbox? Can you install one?",
      "How much is it and how many miles... sorry, km, has it done?",
      "Could I come and see it on Friday at 3pm?",
      "Perfect, see you then 👍"],
     [only(1, ev_suv, "electric SUVs", min=2),
      language(1, "en", "English"),
      mentions(2, EV_RANGE, why="the Niro EV's range"),
      only(2, [kia_ev], "'that Kia' is the Niro EV", min=0),
      language(2, "en", "English"),
      mentions(3, CHARGING, why="charging at home"),
      language(3, "en", "English"),
      mentions(4, price(kia_ev), km(kia_ev), why=f"€ {fmt(CARS[kia_ev]['price'])}, {fmt(CARS[kia_ev]['km'])} km"),
      only(4, [kia_ev], "the Niro EV's figures", min=0),
      slots(5, "Friday 15:00 is offered or booked", at=free(FRI, 15)),
      appointment("end", "booked: Friday 15:00, the Niro EV", at=free(FRI, 15), car=car(kia_ev)),
      handoff("end", False, DEALER_ONLY)],
     "en ev charger ref car multi exact yesno emoji nohandoff")

# d47: starts in Dutch, switches to English; hybrid SUV up to 25.000, least km, gearbox and colour, tomorrow morning
hsuv25 = S(fuel="hybride", body="suv", price_max=money(25000))
least_hsuv = best(hsuv25, "km")
is_(least_hsuv, transmission="automaat")
conv(47, "switch-hybrid-suv-lowest-mileage", "Lucas Oliveira", NL_PHONE,
     ["Hallo, ik zoek een hybride SUV tot 25.000",
      "Sorry, my Dutch is not so good. Can we continue in English? Which one has the lowest mileage?",
      "Is it an automatic? And what colour is it?",
      "Can I see it tomorrow morning?",
      "10 am works",
      "Yes please"],
     [only(1, hsuv25, "hybrid SUVs of at most € 25.000", min=2),
      language(1, "nl", "still Dutch before the switch"),
      mentions(2, car(least_hsuv), why=f"lowest mileage: {title(least_hsuv)}"),
      only(2, [least_hsuv], "only the top of the ranking"),
      language(2, "en", "switched to English"),
      mentions(3, YES_AUTO, colour(least_hsuv), why="both: automatic, and its colour"),
      language(3, "en", "English"),
      slots(4, "Wednesday morning times", date=WED, hour_max=11),
      slots(4, "only Wednesday morning", all=True, date=WED, hour_max=11),
      slots(5, "Wednesday 10:00 is offered or booked", at=free(WED, 10)),
      appointment("end", "booked: Wednesday 10:00, the Captur", at=free(WED, 10), car=car(least_hsuv)),
      handoff("end", False, DEALER_ONLY)],
     "en switch super car multi daypart exact yesno nohandoff")

# d48: a complaint about an air conditioning, a manager asked for
not_stock("Skoda Superb")
conv(48, "complaint-superb-aircon-manager", "Oliver Bennett", UK_PHONE,
     ["Hi, I bought a used Skoda Superb from you in October.",
      "The air conditioning stopped working last week and the garage says it's a known issue. I'm really not happy "
      "that nobody told me. I want to speak to a manager.",
      "Hello?"],
     [replied(1, "the opening statement is answered"),
      handoff(2, True, "a complaint with a request for a manager is handed over"),
      mentions(2, APOLOGY, why="with an apology"),
      not_mentions(2, NO_PITCH, why="no sales pitch"),
      only(2, [], "no stock car offered", min=0),
      language(2, "en", "English"),
      handoff(3, True, "still with a person")],
     "en handoff")

# d49: the Model 3, mileage, then "please stop sending me messages"
conv(49, "model-3-stop-sending-messages", "Sarah Mitchell", UK_PHONE,
     ["Hi, do you still have the Tesla Model 3?", "What's the mileage?",
      "Thanks. Actually please stop sending me messages, I've found a car elsewhere.", "Thanks, bye"],
     [mentions(1, car(model3), why="the Model 3 is in stock"),
      language(1, "en", "English"),
      mentions(2, km(model3), why=f"{fmt(CARS[model3]['km'])} km"),
      opted_out(2, False, "not unsubscribed before asking"),
      opted_out(3, True, "'stop sending me messages' unsubscribes"),
      only(3, [], "no sales pitch in the confirmation", min=0),
      opted_out(4, True, "a goodbye does not re-subscribe")],
     "en car optout")

# d50: financing the ID.3, trading in an own Ford Focus (2016, 120,000 km), valuation, range, Saturday 11:00
not_stock("2016 Ford Focus with about 120,000 km")
conv(50, "id3-finance-trade-in-focus", "Daniel Hughes", UK_PHONE,
     ["Hi, I'm interested in the Volkswagen ID.3. Can I finance it?",
      "I also have a 2016 Ford Focus with about 120,000 km I'd like to trade in. How does that work?",
      "Roughly what would you offer for it?",
      "OK. What's the range of the ID.3 in winter?",
      "Can I come Saturday at 11 to test drive it and bring the Focus for a valuation?",
      "Yes, that's fine"],
     [mentions(1, FINANCE, WARNING, why="financing, with the credit warning"),
      language(1, "en", "English"),
      mentions(2, TRADE, why="how a trade-in works"),
      only(2, [id3], "the own Ford is no search: no Fords listed", min=0),
      language(2, "en", "English"),
      mentions(3, VALUATION, why="the valuation is explained (seen, assessed), not ignored"),
      only(3, [id3], "no other cars offered", min=0),
      mentions(4, EV_RANGE, why="the ID.3's range"),
      slots(5, "Saturday 11:00 is offered or booked", at=free(SAT, 11)),
      appointment("end", "booked: Saturday 11:00, the ID.3 (not the Focus)", at=free(SAT, 11), car=car(id3)),
      handoff("end", False, DEALER_ONLY)],
     "en finance tradeproc tradein ownyear ev multi exact yesno nohandoff")

# d51: the Q3 Wednesday 2pm, "an hour later", "what time was it again" + address
conv(51, "q3-an-hour-later-what-time", "Chloe Evans", UK_PHONE,
     ["Hi! I'd like to test drive the Audi Q3. Is Wednesday at 2pm possible?",
      "Great, book it please",
      "Actually could we make it an hour later?",
      "Cool. Sorry, what time was it again? And what's your address?",
      "Thanks!"],
     [slots(1, "Wednesday 14:00 is offered or booked", at=free(WED, 14)),
      appointment(2, "booked: Wednesday 14:00, the Q3", at=free(WED, 14), car=car(q3)),
      slots(3, "an hour later: Wednesday 15:00", at=free(WED, 15)),
      appointment(4, "moved: Wednesday 15:00", at=free(WED, 15), car=car(q3)),
      mentions(4, hour_re(15), ADDRESS, why="recalls 15:00 (3 pm) and gives the address"),
      language(4, "en", "English"),
      appointment("end", "still Wednesday 15:00", at=free(WED, 15), car=car(q3)),
      handoff("end", False, DEALER_ONLY)],
     "en exact yesno move recall multi nohandoff")

# d52: the Golf 1.5 TSI Life Saturday 9am, cancel, Monday 4pm instead
conv(52, "golf-life-cancel-monday-instead", "Ryan Walsh", UK_PHONE,
     ["Hello, I want to test drive the Volkswagen Golf 1.5 TSI Life on Saturday at 9am.",
      "Yes",
      "Something came up, I need to cancel the test drive, sorry.",
      "Could we do Monday at 4pm instead?",
      "👍"],
     [slots(1, "Saturday 9:00 is offered or booked", at=free(SAT, 9)),
      appointment(2, "booked: Saturday 9:00, the Golf Life", at=free(SAT, 9), car=car(golf_life)),
      appointment(3, "cancelled", exists=False),
      opted_out(3, False, "cancelling a drive is no opt-out"),
      language(3, "en", "English"),
      slots(4, "Monday 16:00 is offered or booked", at=free(MON, 16)),
      appointment("end", "booked again: Monday 16:00, the Golf Life", at=free(MON, 16), car=car(golf_life)),
      handoff("end", False, DEALER_ONLY)],
     "en exact yesno cancel rebook emoji nohandoff")

# d53: a Honda Jazz is not in stock; automatic "around 13k"; lowest mileage; colour; Tuesday next week after 2
not_stock("Honda Jazz")
auto13 = S(gearbox="automaat", price_max=loose(13000))
least_auto13 = same_best(S(gearbox="automaat", price_max=13000), auto13, "km")
conv(53, "honda-jazz-not-in-stock-after-2", "Grace Thompson", UK_PHONE,
     ["Hi, have you got a Honda Jazz? Needs to be an automatic, budget around 13k.",
      "Ok, which of those has the lowest mileage?",
      "What colour is it?",
      "Could I come and look at it Tuesday next week, after 2?",
      "3pm",
      "Lovely, thanks"],
     [mentions(1, r"\bjazz", NOT_IN_STOCK, ALT_LABEL, why="says the Jazz is not there and labels alternatives"),
      only(1, auto13, "the alternatives keep the wishes: automatic, around € 13.000"),
      language(1, "en", "English"),
      mentions(2, car(least_auto13), why=f"lowest mileage: {title(least_auto13)}"),
      only(2, [least_auto13], "only the top of the ranking"),
      mentions(3, colour(least_auto13), why=f"the Corsa is {CARS[least_auto13]['color']}"),
      slots(4, "Tuesday 8 December from 14:00", date=TUE2, hour_min=14),
      slots(4, "only Tuesday 8 December from 14:00", all=True, date=TUE2, hour_min=14),
      slots(5, "Tuesday 8 December 15:00 is offered or booked", at=free(TUE2, 15)),
      appointment("end", "booked: Tuesday 8 December 15:00, the Corsa", at=free(TUE2, 15), car=car(least_auto13)),
      handoff("end", False, DEALER_ONLY)],
     "en nostock budget super car rnv exact nohandoff")

# d54: the Model Y; price and km; room on the price; an offer
offer54 = money(35000)
conv(54, "model-y-room-on-price-offer", "Michael Brown", UK_PHONE,
     ["Hi, is the Tesla Model Y still for sale?", "What's the asking price and how many km?",
      "Is there any room on the price? I can pay cash.", f"Would you take {offer54 // 1000},000 for it?"],
     [mentions(1, car(model_y), why="the Model Y is in stock"),
      language(1, "en", "English"),
      mentions(2, price(model_y), km(model_y), why=f"€ {fmt(CARS[model_y]['price'])}, {fmt(CARS[model_y]['km'])} km"),
      only(2, [model_y], "the Model Y's figures", min=0),
      mentions(3, NEGOTIATE, why="the price question is answered"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      language(3, "en", "English"),
      mentions(4, OFFER_HANDLED, why="the offer is passed on"),
      not_mentions(4, ACCEPTED, why="not accepted by the assistant"),
      only(4, [model_y], "the offer is about the Model Y", min=0)],
     "en car multi nego")

# --- Flemish ---------------------------------------------------------------------------------------------------
# d55: "ne manuele" up to 11.000, "die Fiat" a cabrio, km, "donderdagnamiddag", 3 o'clock
man11 = S(gearbox="handgeschakeld", price_max=money(11000))
fiat_ = the(man11, make="Fiat")
is_(fiat_, body_type="cabrio")
conv(55, "manuele-tot-11000-die-fiat-namiddag", "Jens Peeters", BE_PHONE,
     ["Goeiendag, ik zoek ne kleine auto voor in de stad, liefst ne manuele, tot 11.000 euro. Wat hebt ge staan?",
      "Is die Fiat een cabrio? Amai, da's plezant.",
      "Hoeveel kilometers heeft hij al gedaan?",
      "Kan ik donderdagnamiddag eens komen proefrijden?",
      "Om 3 uur, is da goed?",
      "Merci! Als hij goed rijdt, koop ik hem. Hoe gaat dat dan verder met betalen en de papieren?"],
     [only(1, man11, "manual cars of at most € 11.000", min=2),
      language(1, "nl", "a Flemish writer gets Dutch"),
      mentions(2, CABRIO, why="the Fiat 500C is a cabrio"),
      mentions(3, km(fiat_), why=f"{fmt(CARS[fiat_]['km'])} km"),
      slots(4, "'donderdagnamiddag': Thursday afternoon", date=THU, hour_min=13),
      slots(4, "only Thursday afternoon", all=True, date=THU, hour_min=13),
      slots(5, "Thursday 15:00 is offered or booked", at=free(THU, 15)),
      mentions(6, BUY, why="the next steps of buying"),
      appointment("end", "the drive stays booked: Thursday 15:00, the Fiat 500C", at=free(THU, 15), car=car(fiat_))],
     "vl budget ref car daypart exact buy")

# d56: the LPG Clio, price; km and "gekeurd" (APK); "zaterdagvoormiddag"; 10 o'clock, then "een uurke vroeger"
conv(56, "clio-lpg-gekeurd-uurke-vroeger", "Lotte Claes", BE_PHONE,
     ["Dag! Staat de Renault Clio op LPG nog te koop? Wat kost die?",
      "Hoeveel kilometers staan erop en is hij al gekeurd?",
      "Kan ik zaterdagvoormiddag komen kijken?",
      "Tien uur past mij.",
      "Ah nee, kan da een uurke vroeger?",
      "Da's goed, merci!"],
     [mentions(1, price(clio_lpg), why=f"€ {fmt(CARS[clio_lpg]['price'])}"),
      only(1, [clio_lpg], "the LPG Clio", min=0),
      language(1, "nl", "a Flemish writer gets Dutch"),
      mentions(2, km(clio_lpg), r"\bapk\b|keur", why="both: the km and the inspection (APK)"),
      slots(3, "'zaterdagvoormiddag': Saturday morning", date=SAT, hour_max=11),
      slots(3, "only Saturday morning", all=True, date=SAT, hour_max=11),
      appointment(4, "booked: Saturday 10:00, the Clio", at=free(SAT, 10), car=car(clio_lpg)),
      slots(5, "an hour earlier: Saturday 9:00", at=free(SAT, 9)),
      appointment("end", "moved: Saturday 9:00, the Clio", at=free(SAT, 9), car=car(clio_lpg)),
      handoff("end", False, DEALER_ONLY)],
     "vl car multi apk daypart exact move yesno nohandoff")

# d57: a Belgian buyer; registering the A4 in Belgium (no opt-out); delivery to Antwerp; km and gearbox;
# holidays; the last price
is_(a4, transmission="automaat")
conv(57, "belg-a4-inschrijven-leveren-antwerpen", "Wout Janssens", BE_PHONE,
     ["Goeiemiddag, ik woon in Antwerpen. Verkopen jullie ook aan Belgen?",
      "Ik heb mijn oog laten vallen op de Audi A4 Avant. Kan ik die hier in België laten inschrijven?",
      "En kunt ge hem tot in Antwerpen leveren?",
      "Hoeveel kilometers heeft hij en is het ne automaat?",
      "Zijt ge open tussen Kerstmis en Nieuwjaar? Dan heb ik verlof.",
      "Wat is jullie laatste prijs?"],
     [no_fallback(1, "understood"),
      language(1, "nl", "a Flemish writer gets Dutch"),
      opted_out(2, False, "'laten inschrijven' is a registration question, no opt-out"),
      mentions(2, BELGIUM, why="the Belgian registration is answered"),
      mentions(3, DELIVERY, why="delivery to Antwerp is answered"),
      mentions(4, km(a4), YES_AUTO, why=f"{fmt(CARS[a4]['km'])} km, and an automatic"),
      only(4, [a4], "about the A4", min=0),
      mentions(5, HOLIDAY_YN, why="the holiday opening is answered"),
      mentions(6, NEGOTIATE, why="the price question is answered"),
      not_mentions(6, INVENTED_DISCOUNT, why="no invented discount"),
      handoff("end", False, "a price question is answered without a handover")],
     "vl lookalike delivery car multi holiday nego nohandoff")

# d58: no answer to a quote request; a call asked for today
conv(58, "offerte-v40-niks-gehoord-bellen", "Marc Wouters", BE_PHONE,
     ["Goeiendag, ik heb vorige week een offerte gevraagd voor de Volvo V40 maar nooit iets teruggehoord.",
      "Da's toch niet serieus. Kan er iemand mij vandaag nog bellen aub?",
      "Ik wacht."],
     [mentions(1, APOLOGY, why="an apology for the missed quote"),
      handoff(2, True, "an explicit ask for a call is handed to a person"),
      handoff(3, True, "still with a person")],
     "vl handoff")

# d59: "hoeveel kost da, die Mazda CX-5", "afbetalen", fuel and gearbox, "volgende week dinsdag in de voormiddag"
is_(cx5, fuel="benzine", transmission="handgeschakeld")
conv(59, "cx5-afbetalen-voormiddag", "Elke Maes", BE_PHONE,
     ["Hallo, hoeveel kost da, die Mazda CX-5?",
      "Kan ik da ook afbetalen, op een paar jaar?",
      "Is da ne diesel of ne benzine? En manueel of automaat?",
      "Kan ik volgende week dinsdag in de voormiddag eens passeren?",
      "Om 11u",
      "Oké, merci"],
     [mentions(1, price(cx5), why=f"€ {fmt(CARS[cx5]['price'])}"),
      only(1, [cx5], "the CX-5's price", min=0),
      mentions(2, FINANCE, WARNING, why="financing, with 'Geld lenen kost geld'"),
      language(2, "nl", "a Flemish writer gets Dutch"),
      mentions(3, FUEL["benzine"], MANUAL + r"|manueel", why="both: petrol, manual"),
      slots(4, "Tuesday 8 December morning", date=TUE2, hour_max=11),
      slots(4, "only that morning", all=True, date=TUE2, hour_max=11),
      slots(5, "Tuesday 8 December 11:00 is offered or booked", at=free(TUE2, 11)),
      appointment("end", "booked: Tuesday 8 December 11:00, the CX-5", at=free(TUE2, 11), car=car(cx5)),
      handoff("end", False, DEALER_ONLY)],
     "vl car finance multi daypart exact yesno nohandoff")

# d60: a diesel under 12.000, the youngest, then "stuur mij maar niks meer"
d12 = S(fuel="diesel", price_max=money(12000) - 1)
young_d = best(d12, "year", True)
conv(60, "diesel-onder-12000-jongste-niks-meer", "Dirk Goossens", BE_PHONE,
     ["Goeiendag, hebt ge nog een diesel staan onder de 12.000 euro?",
      "Welke is de jongste?",
      "Hmm, 2016 of 2017, da's mij te oud. Laat maar zitten, stuur mij maar niks meer.",
      "Merci, salut"],
     [only(1, d12, "diesels under € 12.000", min=2),
      language(1, "nl", "a Flemish writer gets Dutch"),
      mentions(2, car(young_d), why=f"the youngest: {title(young_d)} ({CARS[young_d]['year']})"),
      only(2, [young_d], "only the top of the ranking"),
      opted_out(2, False, "not unsubscribed before"),
      opted_out(3, True, "'stuur mij maar niks meer' unsubscribes"),
      only(3, [], "no sales pitch in the confirmation", min=0),
      opted_out(4, True, "a goodbye does not re-subscribe")],
     "vl super optout")


# --- coverage and output ---------------------------------------------------------------------------------------
def table():
    rows = {}
    for key, cap in list(CAP.items()) + list(EXTRA.items()):
        rows[cap] = " ".join(t for t, tags in TAGS.items() if key in tags)
    cover = {CAP[k]: rows[CAP[k]] for k in CAP}
    extra = {EXTRA[k]: rows[EXTRA[k]] for k in EXTRA}
    return coverage(C, cover, extra)


def main():
    langs = {"en": sum("en" in t for t in TAGS.values()), "vl": sum("vl" in t for t in TAGS.values())}
    assert len(C) == 60 and langs == {"en": 10, "vl": 6}, langs
    text = table()
    write(HERE, C, "d", n=60, max_turns=7)
    print(f"44 Dutch, {langs['en']} English (one switching from Dutch), {langs['vl']} Flemish")
    if "--coverage" in sys.argv:
        print("| capability | n | conversations |\n|---|---|---|")
        print(text)


if __name__ == "__main__":
    main()
