"""Blind conversation set E: 50 WhatsApp conversations of customers with Seldenrijk Auto, with machine checks.

Writes conversations.jsonl and cars-dev.json beside this file, in the format of the shared development set and
judged by the same runner. Every stock truth is computed from integrations/data/stock.csv with the filters of
common.py; only the customers' words, the dates and the times are typed by hand. The moment is Tuesday
1 December 2026, 08:30 Europe/Amsterdam, with the embedded business defaults.

    python3 bench/conversations/blind_e/make.py              # write the set
    python3 bench/conversations/blind_e/make.py --coverage   # also print the capability table

36 Dutch conversations (e01-e36), 9 English (e37-e45; e45 switches from Dutch), 5 Flemish (e46-e50).
Standard library only.
"""
import os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import *  # noqa: E402,F403

N, MAX_TURNS = 50, 7
CONVS = []
NO_HANDOFF = handoff("end", False, DEALER_ONLY)


def conv(id_, name, phone, turns, checks):
    assert 3 <= len(turns) <= MAX_TURNS, id_
    CONVS.append({"id": id_, "name": name, "from": phone, "turns": turns, "checks": checks})


def nl_(turn, why="the customer writes Dutch, so the reply is Dutch"):
    return language(turn, "nl", why)


def en_(turn, why="the customer writes English, so the reply is English"):
    return language(turn, "en", why)


def loose(budget):
    """'rond de ...' / 'around ...': up to 15 % above the figure (the convention of the earlier sets)."""
    return int(budget * 1.15)


# topic words for the dealer's hours (the embedded defaults: Mon-Sat 09:00-18:00) and holidays
CLOSING = r"\b18[:.]?00|\b18 ?(uur|u)\b|\bzes uur|\b6 ?(uur|pm|p\.m\.|o.?clock)"
OPEN_WORDS = r"\bja\b|\byes\b|open|geopend|\b0?9[:.]00|\b18[:.]00|\bnegen uur|\bzes uur"
CHRISTMAS = r"kerst|christmas|boxing|25 ?dec|26 ?dec|feestdag|holiday"
NEW_YEAR = r"oudejaar|oudjaar|oud en nieuw|oud & nieuw|nieuwjaar|31 ?dec|1 ?jan|new year|jaarwisseling"
ALERT = r"zoeklijst|bericht|seintje|laten weten|binnenkomt|binnen komt|op de hoogte|melding|zoekopdracht"
NO_PITCH = "an opt-out or complaint reply carries no sales pitch"
YES_BENZINE = r"\bja\b|benzine"
YES_HYBRID = r"\bja\b|\byes\b|hybride|hybrid"
SUNDAY_CLOSED = r"zondag|sunday|gesloten|dicht|closed"
MON_SAT = ["mon", "tue", "wed", "thu", "fri", "sat"]

# ================================================================================================ Dutch
# e01 Polo's, "die rode", a fact, then a Saturday drive picked by "de eerste"
polos = S(model="Polo")
red_polo = one(model="Polo", color="rood")
conv("e01-polos-die-rode-de-eerste", "Sanne Verhoef", "+31655501001",
     ["hebben jullie polo's?", "die rode, hoeveel km heeft die gelopen?", "en is dat een automaat?",
      "ok kan ik er zaterdag mee proefrijden?", "de eerste"],
     [only(1, polos, "the Polos in stock and nothing else", min=2), no_fallback(1, "a plain stock question"),
      mentions(2, km(red_polo), why="'die rode' is the red Polo: its km"),
      only(2, [red_polo], "the red Polo, not another Polo"),
      mentions(3, GEARBOX["handgeschakeld"], why="the red Polo is a manual"),
      only(3, [red_polo], "still about the red Polo", min=0),
      slots(4, "times on Saturday are offered", date=SAT), slots(4, "only Saturday, as asked", date=SAT, all=True),
      appointment(5, "'de eerste' books the first offered Saturday time, the red Polo", date=SAT, offered_index=1,
                  car=car(red_polo)),
      NO_HANDOFF])

# e02 loose budget, superlative over all matches, a year, two dealer questions in one message
b02 = money(15000)
e02_set = S(gearbox="automaat", price_max=loose(b02))
e02_best = best(e02_set, "price")
assert e02_best == best(S(gearbox="automaat", price_max=b02), "price")  # same under the strict reading
conv("e02-automaat-rond-15-mille", "Peter Bosman", "+31655501002",
     ["goeiemorgen, ik zoek een automaat rond de 15 mille, wat hebben jullie", "welke is het goedkoopst",
      "welk bouwjaar is dat", "zijn jullie zaterdag ook open? en kan ik daar makkelijk parkeren"],
     [only(1, e02_set, "automatics around 15.000 (up to about 15 % above)"), no_fallback(1, "a plain search"),
      mentions(2, car(e02_best), why="the cheapest automatic of all the matches"),
      only(2, [e02_best], "only the cheapest, not the list again"),
      mentions(3, year(e02_best), why="the year of the cheapest automatic"),
      only(3, [e02_best], "still the same car", min=0),
      mentions(4, OPEN_WORDS, PARKING, why="both questions: open on Saturday, and parking"),
      NO_HANDOFF])

# e03 a model not in stock, alternatives keeping the wishes, newest of them, fuel, warranty
b03 = money(20000)
e03_alts = S(body="stationwagen", price_max=b03)
e03_new = best(e03_alts, "year", reverse=True)
conv("e03-ceed-sportswagon-niet-op-voorraad", "Marloes de Graaf", "+31655501003",
     [not_stock("hebben jullie een kia ceed sportswagon? max 20k"), "welke van die is het nieuwst?",
      "is dat een hybride?", "wat voor garantie krijg ik erbij"],
     [mentions(1, r"ceed", NOT_IN_STOCK, ALT_LABEL,
               why="the Ceed is named, said not to be in stock, and what is shown is labelled an alternative"),
      only(1, e03_alts, "alternatives keep the wishes: an estate up to 20.000"),
      mentions(2, car(e03_new), why="the newest of the estates up to 20.000"),
      only(2, [e03_new], "only the newest"),
      mentions(3, YES_HYBRID, why="the newest estate is a hybrid"),
      only(3, [e03_new], "still the same car", min=0),
      mentions(4, WARRANTY, why="warranty is answered by name"),
      NO_HANDOFF])

# e04 an exact time in words, yes, an hour later, what to bring, recall
kamiq = one(model="Kamiq")
conv("e04-kamiq-morgenmiddag-uur-later", "Ruud Hendriks", "+31655501004",
     ["kan ik morgenmiddag om 3 uur de skoda kamiq komen proberen?", "top",
      "o wacht, kan het een uur later? eerder red ik het niet van werk", "wat moet ik meenemen?",
      "en hoe laat was het nou ook alweer?"],
     [slots(1, "Wed 2 Dec 15:00, free, is offered or booked", at=free(WED, 15)),
      appointment(2, "booked: Wednesday 15:00, the Kamiq", at=free(WED, 15), car=car(kamiq)),
      appointment(3, "moved an hour later: Wednesday 16:00", at=free(WED, 16), car=car(kamiq)),
      mentions(4, DRIVING_LICENCE, why="what to bring to a test drive: the driving licence"),
      mentions(5, day_re(WED), hour_re(16), why="recalls Wednesday 16:00"),
      appointment("end", "still Wednesday 16:00", at=free(WED, 16)),
      NO_HANDOFF])

# e05 a car fact and warranty in one message, APK, delivery
mini = one(model="Cooper")
conv("e05-mini-km-garantie-apk-bezorgen", "Anouk Smits", "+31655501005",
     ["Wat is de km-stand van de Mini Cooper en zit er garantie op?", "en apk, is die nieuw?",
      "kunnen jullie hem ook bezorgen? ik woon in Groningen", "ok ik denk er even over na, bedankt!"],
     [mentions(1, km(mini), WARRANTY, why="both halves: the Mini's km and the warranty"),
      only(1, [mini], "about the Mini only"),
      mentions(2, APK, why="the APK is answered by name"),
      mentions(3, DELIVERY, why="delivery is answered"),
      replied(4, "a thank-you gets a reply"), opted_out("end", False, "a thank-you is no opt-out"),
      NO_HANDOFF])

# e06 financing, a trade-in sharing a make with the stock, a fact, an offer last
p208 = one(model="208")
own06 = not_stock("Opel Agila")
conv("e06-208-financieren-inruil-agila-bod", "Kevin Mulder", "+31655501006",
     ["kan ik de peugeot 208 financieren? wat zou ik dan per maand kwijt zijn",
      f"en kunnen jullie mijn oude auto meenemen als inruil? een {own06} uit 2010",
      "hoeveel km heeft de 208 eigenlijk", f"ik bied {fmt(money(17000))} als ik hem deze week kan ophalen"],
     [mentions(1, FINANCE, WARNING, why="financing is answered, with 'Geld lenen kost geld'"),
      only(1, [p208], "about the 208 only", min=0),
      mentions(2, TRADE_IN, why="the trade-in is taken up"),
      only(2, [p208], "the Agila is the trade-in, not a search for Opels", min=0),
      mentions(3, km(p208), why="the 208's km"), only(3, [p208], "still the 208"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      only(4, [p208], "the offer is about the 208", min=0), handoff(3, False, "no handover before the offer")])

# e07 electric search, range, STOP, a thank-you after it
b07 = money(25000)
evs07 = S(fuel="elektrisch", price_max=b07)
kona = one(model="Kona")
conv("e07-elektrisch-bereik-stop", "Joyce van Dam", "+31655501007",
     ["zoek een elektrische auto onder de 25 duizend", "hoe ver kom je met de kona op een volle accu?", "STOP",
      "ok dankje"],
     [only(1, evs07, "electric cars up to 25.000"), no_fallback(1, "a plain search"),
      mentions(2, EV_RANGE, why="the range question is answered"), only(2, [kona], "about the Kona", min=0),
      opted_out(3, True, "STOP unsubscribes"), only(3, [], NO_PITCH, min=0),
      opted_out(4, True, "a thank-you after STOP does not re-subscribe"),
      handoff("end", False, "an opt-out is no handover")])

# e08 a car question next to a yes, then "afmelden voor de proefrit" (a cancellation, not an opt-out)
captur = one(model="Captur")
conv("e08-captur-afmelden-voor-de-proefrit", "Ingrid Koster", "+31655501008",
     ["Kan ik donderdagochtend om 10 uur een proefrit maken in de Renault Captur?",
      "ja graag. is dat eigenlijk een automaat?",
      "wil me toch afmelden voor de proefrit, ik heb al wat anders gevonden", "bedankt he"],
     [slots(1, "Thu 3 Dec 10:00, free, is offered or booked", at=free(THU, 10)),
      appointment(2, "booked: Thursday 10:00, the Captur", at=free(THU, 10), car=car(captur)),
      mentions(2, GEARBOX["automaat"], why="the Captur is an automatic"),
      appointment(3, "the drive is cancelled", exists=False), mentions(3, CANCELLED, why="the cancellation is confirmed"),
      opted_out(3, False, "'afmelden voor de proefrit' cancels the drive, it does not unsubscribe"),
      opted_out("end", False, "never unsubscribed"), NO_HANDOFF])

# e09 diesel estates, a km, "stop maar met zoeken naar diesels" (no opt-out), narrowed by km, cheapest, gearbox
diesel_estates = S(body="stationwagen", fuel="diesel")
a4 = one(model="A4")
km09 = 90000
e09_set = S(body="stationwagen", fuel=("benzine", "diesel"), km_max=km09)
assert e09_set == S(body="stationwagen", fuel="benzine", km_max=km09)  # either reading of the message
e09_cheap = best(e09_set, "price")
conv("e09-diesel-stations-stop-maar-met-zoeken", "Gerard Prins", "+31655501009",
     ["ik zoek een stationwagen, diesel", "hoeveel km heeft die audi?",
      "pff dat is veel. stop maar met zoeken naar diesels, benzine mag ook, wel max 90.000 km",
      "welke is het goedkoopst", "is dat een automaat?"],
     [only(1, diesel_estates, "diesel estates only", min=2),
      mentions(2, km(a4), why="'die audi' is the A4: its km"), only(2, [a4], "the A4"),
      opted_out(3, False, "'stop maar met zoeken' is no opt-out"),
      only(3, e09_set, "petrol estates with at most 90.000 km"),
      mentions(4, car(e09_cheap), why="the cheapest of the new matches"), only(4, [e09_cheap], "only the cheapest"),
      mentions(5, GEARBOX["handgeschakeld"], why="that car is a manual"),
      only(5, [e09_cheap], "still the same car", min=0),
      opted_out("end", False, "never unsubscribed"), NO_HANDOFF])

# e10 a complaint about a bought car
conv("e10-klacht-motorlampje", "Wim de Vries", "+31655501010",
     ["goedemiddag",
      "ik heb vorige maand een auto bij jullie gekocht en nu brandt het motorlampje al voor de tweede keer. ik ben er "
      "echt klaar mee", "wie gaat dit oplossen?"],
     [replied(1, "a greeting is answered"), handoff(1, False, "a greeting is no reason to hand over"),
      handoff(2, True, "a complaint is handed to a person"), mentions(2, APOLOGY, why="with an apology"),
      only(2, [], NO_PITCH, min=0), opted_out("end", False, "a complaint is no opt-out")])

# e11 facts of one car, then a call asked for
bmw3 = one(model="3 Serie")
conv("e11-3-serie-iemand-spreken", "Esther Jansen", "+31655501011",
     ["hoi, hebben jullie de BMW 3 serie touring nog?", "wat is de kilometerstand en wat voor brandstof is het",
      "ik wil graag even iemand spreken, kan iemand mij bellen?"],
     [only(1, [bmw3], "the 3 Serie"), no_fallback(1, "a plain stock question"),
      mentions(2, km(bmw3), FUEL[CARS[bmw3]["fuel"]], why="both: km and fuel of the 3 Serie"),
      only(2, [bmw3], "still the 3 Serie", min=0), handoff(2, False, "no handover before it is asked"),
      handoff(3, True, "a call asked for is handed over"), mentions(3, PERSON, why="says a person will follow up")])

# e12 SUVs under 20.000, narrowed to automatic, least km over all of them, EV range and charging
b12 = money(20000)
suv12 = S(body="suv", price_max=b12)
suv12a = S(body="suv", price_max=b12, gearbox="automaat")
e12_best = best(suv12a, "km")
assert CARS[e12_best]["fuel"] == "elektrisch"
conv("e12-suvs-alleen-automaat-minste-km", "Bas Visser", "+31655501012",
     ["Welke SUV's hebben jullie onder de 20.000?", "alleen automaat graag", "welke heeft de minste kilometers?",
      "oh is dat een elektrische? hoe ver kom je daarmee", "en opladen, hoe lang duurt dat ongeveer"],
     [only(1, suv12, "SUVs up to 20.000"),
      only(2, suv12a, "narrowed: automatic SUVs up to 20.000 only"),
      mentions(3, car(e12_best), why="the fewest km over all automatic SUVs up to 20.000"),
      only(3, [e12_best], "only that car"),
      mentions(4, r"\bja\b|elektrisch", EV_RANGE, why="yes, electric, and the range"),
      mentions(5, CHARGING, why="charging is answered"), NO_HANDOFF])

# e13 a price range, the newest in it, its colour, an afternoon, a time picked, the address
e13_set = S(fuel="benzine", price_min=money(10000), price_max=money(15000))
e13_new = best(e13_set, "year", reverse=True)
conv("e13-tussen-10-en-15-duizend-nieuwste", "Lotte Brouwer", "+31655501013",
     ["zoek iets tussen de 10 en 15 duizend, benzine, maakt niet uit welk merk",
      "wat is de nieuwste die je hebt in die prijsklasse?", "welke kleur heeft ie",
      "kan ik hem vrijdag na de lunch komen bekijken", "14:00 is goed", "welk adres moet ik zijn?"],
     [only(1, e13_set, "petrol cars from 10.000 to 15.000"),
      mentions(2, car(e13_new), why="the newest in that range"), only(2, [e13_new], "only the newest"),
      mentions(3, colour(e13_new), why="its colour"), only(3, [e13_new], "still the same car", min=0),
      slots(4, "Friday afternoon times are offered", date=FRI, hour_min=13),
      slots(4, "only Friday after lunch", date=FRI, hour_min=13, all=True),
      appointment(5, "booked: Friday 14:00, that car", at=free(FRI, 14), car=car(e13_new)),
      mentions(6, ADDRESS, why="the address"), NO_HANDOFF])

# e14 "max 20k", the three with fewest km, "de tweede, wat kost die?", year, a time, 👍
b14 = money(20000)
e14_set = S(body="hatchback", gearbox="automaat", price_max=b14)
e14_top3 = top(e14_set, "km", 3)
assert len(e14_top3) == 3
e14_second = sorted(e14_top3, key=lambda s: CARS[s]["km"])[1]
conv("e14-max-20k-de-tweede-wat-kost-die", "Jeroen Kuipers", "+31655501014",
     ["automaat, hatchback, max 20k. wat heb je", "welke 3 hebben het minst gereden",
      "de tweede, wat kost die?", "welk bouwjaar", "kan ik die morgen om 11 uur proefrijden", "👍"],
     [only(1, e14_set, "automatic hatchbacks up to 20.000"),
      only(2, e14_top3, "the three with the fewest km of all matches, all three", min=3),
      mentions(3, price(e14_second), why="the price of the second of those three"),
      only(3, [e14_second], "'de tweede' is the one with the second fewest km"),
      mentions(4, year(e14_second), why="its year"), only(4, [e14_second], "still the same car", min=0),
      slots(5, "Wed 2 Dec 11:00, free, is offered or booked", at=free(WED, 11)),
      appointment(6, "👍 books Wednesday 11:00 for that car", at=free(WED, 11), car=car(e14_second)),
      NO_HANDOFF])

# e15 booked, "liever donderdag, zelfde tijd", "een uurtje later", a km
chr_ = one(model="C-HR")
conv("e15-chr-liever-donderdag-uurtje-later", "Femke Dijkstra", "+31655501015",
     ["Kan ik vrijdag om 13:00 een proefrit maken met de Toyota C-HR?", "is goed",
      "oh wacht, liever donderdag, zelfde tijd", "en als het kan een uurtje later",
      "perfect. hoeveel km staat er eigenlijk op?"],
     [slots(1, "Fri 4 Dec 13:00, free, is offered or booked", at=free(FRI, 13)),
      appointment(2, "booked: Friday 13:00, the C-HR", at=free(FRI, 13), car=car(chr_)),
      appointment(3, "moved to Thursday, same time", at=free(THU, 13), car=car(chr_)),
      appointment(4, "an hour later: Thursday 14:00", at=free(THU, 14), car=car(chr_)),
      mentions(5, km(chr_), why="the C-HR's km"), appointment("end", "still Thursday 14:00", at=free(THU, 14)),
      NO_HANDOFF])

# e16 "een dag eerder" from a Monday is a Sunday (closed): not booked; then Saturday, same time
passat = one(model="Passat")
conv("e16-passat-dag-eerder-is-zondag", "Hans Vermeulen", "+31655501016",
     ["Ik wil de Passat GTE graag proefrijden, maandag om 4 uur 's middags?", "Ja dat is goed",
      "oh kan het ook een dag eerder?", "o ja natuurlijk. zaterdag dan, zelfde tijd",
      "hoeveel km heeft ie trouwens"],
     [slots(1, "Mon 7 Dec 16:00, free, is offered or booked", at=free(MON, 16)),
      appointment(2, "booked: Monday 16:00, the Passat", at=free(MON, 16), car=car(passat)),
      appointment(3, "a day earlier is Sunday, closed: the drive is kept, never on a Sunday", weekday=MON_SAT),
      mentions(3, SUNDAY_CLOSED, why="says Sunday is closed"),
      appointment(4, "moved to Saturday 16:00", at=free(SAT, 16), car=car(passat)),
      mentions(5, km(passat), why="the Passat's km"), NO_HANDOFF])

# e17 booked, the fuel, recall, cancel
xc40 = one(model="XC40")
conv("e17-xc40-hoe-laat-annuleren", "Monique Bakker", "+31655501017",
     ["Ik wil maandag om 14:00 een proefrit met de Volvo XC40, kan dat?", "prima",
      "is dat een hybride of volledig elektrisch?", "hoe laat had ik ook alweer afgesproken?",
      "sorry, moet toch annuleren, er is iets tussengekomen"],
     [slots(1, "Mon 7 Dec 14:00, free, is offered or booked", at=free(MON, 14)),
      appointment(2, "booked: Monday 14:00, the XC40", at=free(MON, 14), car=car(xc40)),
      mentions(3, r"hybride|hybrid|plug-?in", why="the XC40 is a (plug-in) hybrid"),
      mentions(4, day_re(MON), hour_re(14), why="recalls Monday 14:00"),
      appointment(5, "cancelled", exists=False), mentions(5, CANCELLED, why="the cancellation is confirmed"),
      opted_out("end", False, "a cancellation is no opt-out"), NO_HANDOFF])

# e18 two facts in one message, warranty, purchase intent last
aygo = one(model="Aygo X")
conv("e18-aygo-x-kopen", "Daan Willems", "+31655501018",
     ["Is de Toyota Aygo X nog beschikbaar?", "hoeveel km en welke kleur",
      "zit er nog fabrieksgarantie op?", "ik wil hem kopen, hoe gaat dat verder"],
     [only(1, [aygo], "the Aygo X"), no_fallback(1, "a plain stock question"),
      mentions(2, km(aygo), colour(aygo), why="both: km and colour"),
      only(2, [aygo], "still the Aygo", min=0),
      mentions(3, WARRANTY, why="warranty is answered by name"), handoff(3, False, "no handover before buying"),
      mentions(4, BUY, why="the next steps of buying")])

# e19 price (shared by others), km, discount, an offer last
tiguan_d = one(model="Tiguan", fuel="diesel")
conv("e19-tiguan-diesel-korting-bod", "Rob Hoekstra", "+31655501019",
     ["Wat kost de Tiguan diesel?", "hoeveel km heeft ie", "kan er nog wat vanaf?",
      f"ik bied {fmt(money(20000))}, dan kom ik hem morgen halen"],
     [mentions(1, price(tiguan_d), why="the diesel Tiguan's price"), only(1, [tiguan_d], "the diesel Tiguan"),
      mentions(2, km(tiguan_d), why="its km"), only(2, [tiguan_d], "still the diesel Tiguan", min=0),
      mentions(3, NEGOTIATE, why="the discount question is answered"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      handoff(3, False, "a discount question is answered, not handed over"),
      mentions(4, OFFER_HANDLED, why="the offer is passed on"),
      only(4, [tiguan_d], "the offer is about the diesel Tiguan", min=0)])

# e20 voice-to-text run-on with a loose budget, fewest km, colour + a thing the stock does not record, a booking
b20 = money(8000)
e20_set = S(price_max=loose(b20))
e20_best = best(e20_set, "km")
conv("e20-spraak-dochter-rond-8000", "Hennie Smit", "+31655501020",
     ["ja hallo ik zoek eigenlijk een auto voor mijn dochter die net haar rijbewijs heeft iets kleins en zuinigs "
      "niet te duur zo rond de 8000 euro heb je zoiets",
      "welke heeft het minst gereden",
      "welke kleur is die en heeft ie vier deuren of twee",
      "ok zaterdag om 11 uur kijken kan dat", "ja"],
     [only(1, e20_set, "cars around 8.000 (up to about 15 % above)"), no_fallback(1, "a run-on is still a search"),
      mentions(2, car(e20_best), why="the fewest km of those cars"), only(2, [e20_best], "only that car"),
      mentions(3, colour(e20_best), r"deur|door", why="the colour, and the doors by name"),
      only(3, [e20_best], "still that car", min=0),
      slots(4, "Sat 5 Dec 11:00, free, is offered or booked", at=free(SAT, 11)),
      appointment(5, "'ja' books Saturday 11:00 for that car", at=free(SAT, 11), car=car(e20_best)),
      NO_HANDOFF])

# e21 a km and the closing time in one message, a late drive, what to bring
oct_b = one(model="Octavia", fuel="benzine")
conv("e21-octavia-km-en-vrijdag-open", "Saskia Meijer", "+31655501021",
     ["Hoeveel km heeft de Octavia benzine en tot hoe laat zijn jullie vrijdag open?",
      "en kan ik die vrijdag om 5 uur nog proefrijden?", "ja is goed", "moet ik mn rijbewijs meenemen?"],
     [mentions(1, km(oct_b), CLOSING, why="both: the km and Friday's closing time"),
      only(1, [oct_b], "the petrol Octavia, not the diesel"),
      slots(2, "Fri 4 Dec 17:00, free, is offered or booked", at=free(FRI, 17)),
      appointment(3, "booked: Friday 17:00, the petrol Octavia", at=free(FRI, 17), car=car(oct_b)),
      mentions(4, DRIVING_LICENCE, why="the driving licence"), NO_HANDOFF])

# e22 a car for Christmas, holidays, delivery, year and km
corolla = one(model="Corolla")
conv("e22-corolla-kerst-thuis-afleveren", "Marco Peters", "+31655501022",
     ["Staat de Corolla Touring Sports er nog? Ik wil hem voor de kerst hebben",
      "zijn jullie tussen kerst en oud en nieuw gewoon open?",
      "en kunnen jullie hem thuis afleveren? woon in zwolle", "welk jaar is ie en hoeveel km"],
     [only(1, [corolla], "the Corolla"), no_fallback(1, "a plain stock question"),
      mentions(2, CHRISTMAS + "|" + NEW_YEAR, why="the holidays are answered by name"),
      mentions(3, DELIVERY, why="delivery is answered"),
      mentions(4, year(corolla), km(corolla), why="both: year and km"), only(4, [corolla], "the Corolla", min=0),
      NO_HANDOFF])

# e23 a trade-in sharing a make with the stock, how trading in works, newest, fuel
b23 = money(25000)
own23 = not_stock("vw touran")
suv23 = S(body="suv", gearbox="automaat", price_max=b23)
e23_new = best(suv23, "year", reverse=True)
conv("e23-touran-inruilen-suv-nieuwste", "Ilse en Mark Groen", "+31655501023",
     [f"hoi! wij willen onze {own23} inruilen voor een suv, automaat, max 25.000. wat hebben jullie",
      "hoe gaat dat inruilen precies? moeten we de touran meenemen?", "welke van die suv's is het nieuwst",
      "is dat een hybride?"],
     [only(1, suv23, "automatic SUVs up to 25.000; the Touran is the trade-in, not the search"),
      mentions(2, TRADE_IN, why="how trading in works"), only(2, suv23, "no Volkswagens searched for", min=0),
      mentions(3, car(e23_new), why="the newest of the matching SUVs"), only(3, [e23_new], "only the newest"),
      mentions(4, YES_HYBRID, why="it is a hybrid"), NO_HANDOFF])

# e24 APK and servicing in one message, price and km, a time window, a time picked
swift = one(model="Swift")
conv("e24-swift-apk-onderhoud", "Bram Jacobs", "+31655501024",
     ["Als ik de Suzuki Swift koop, heeft die dan een nieuwe APK? En kan ik hem later bij jullie laten onderhouden?",
      "wat kost ie ook alweer en hoeveel km", "kan ik morgen tussen 2 en 4 komen kijken", "doe maar 3 uur"],
     [mentions(1, APK, SERVICING, why="both: the APK and servicing"),
      mentions(2, price(swift), km(swift), why="both: price and km"), only(2, [swift], "the Swift"),
      slots(3, "Wednesday afternoon between 2 and 4 is offered", date=WED, hour_min=14, hour_max=16),
      slots(3, "only in that window", date=WED, hour_min=14, hour_max=16, all=True),
      appointment(4, "booked: Wednesday 15:00, the Swift", at=free(WED, 15), car=car(swift)), NO_HANDOFF])

# e25 Peugeots, "die van 2019", its km, "en die van 2020?", closing today
peugeots = S(make="Peugeot")
p19 = one(make="Peugeot", where=lambda c: c["year"] == 2019)
p20 = one(make="Peugeot", where=lambda c: c["year"] == 2020)
conv("e25-peugeots-die-van-2019", "Rianne Bos", "+31655501025",
     ["wat voor peugeots hebben jullie staan?", "die van 2019, is dat een automaat?", "hoeveel heeft ie gereden",
      "en die van 2020?", "ok, ik denk er even over na. tot hoe laat zijn jullie vandaag open?"],
     [only(1, peugeots, "the Peugeots", min=2),
      mentions(2, GEARBOX["automaat"], why="the 2019 Peugeot is an automatic"), only(2, [p19], "the 2019 one"),
      mentions(3, km(p19), why="its km"), only(3, [p19], "still the 2019 one", min=0),
      mentions(4, km(p20), why="the same question for the 2020 one: its km"), only(4, [p20], "the 2020 one"),
      mentions(5, CLOSING, why="closing time today"), NO_HANDOFF])

# e26 SUVs, replaced by estates, fewest km, colour, a Monday at nine
b26 = money(18000)
suv26 = S(body="suv", price_max=b26)
est26 = S(body="stationwagen", price_max=b26)
e26_best = best(est26, "km")
conv("e26-suv-toch-stationwagen", "Thomas van Leeuwen", "+31655501026",
     ["zoek een suv tot 18.000", "hmm toch liever een stationwagen, zelfde budget", "welke heeft de minste km",
      "en welke kleur is die", "kan ik maandag om 9 uur langskomen om te rijden", "ja top"],
     [only(1, suv26, "SUVs up to 18.000"),
      only(2, est26, "replaced: estates up to 18.000, no SUVs"),
      mentions(3, car(e26_best), why="the fewest km of those estates"), only(3, [e26_best], "only that one"),
      mentions(4, colour(e26_best), why="its colour"), only(4, [e26_best], "still that car", min=0),
      slots(5, "Mon 7 Dec 09:00, free, is offered or booked", at=free(MON, 9)),
      appointment(6, "booked: Monday 09:00, that estate", at=free(MON, 9), car=car(e26_best)), NO_HANDOFF])

# e27 automatic petrol cars up to 15k, widened to manuals, cheapest, its km, fewest km
b27 = money(15000)
e27_a = S(fuel="benzine", gearbox="automaat", price_max=b27)
e27_w = S(fuel="benzine", price_max=b27)
e27_cheap = best(e27_w, "price")
e27_least = best(e27_w, "km")
conv("e27-benzine-automaat-handbak-mag-ook", "Nicole Vos", "+31655501027",
     ["benzine automaat, max 15k", "handbak mag ook hoor", "wat is de goedkoopste", "hoeveel km",
      "hmm veel. welke heeft het minst gereden in die prijsklasse?"],
     [only(1, e27_a, "automatic petrol cars up to 15.000"),
      only(2, e27_w, "widened: petrol cars up to 15.000, any gearbox"),
      mentions(2, any_car(sorted(set(e27_w) - set(e27_a))), why="widened: manuals are shown now"),
      mentions(3, car(e27_cheap), why="the cheapest of all widened matches"), only(3, [e27_cheap], "only that one"),
      mentions(4, km(e27_cheap), why="its km"), only(4, [e27_cheap], "still that car", min=0),
      mentions(5, car(e27_least), why="the fewest km of petrol cars up to 15.000"), only(5, [e27_least], "only that one"),
      NO_HANDOFF])

# e28 a date next week, a yes, "een dag eerder", parking
aklasse = one(model="A-Klasse")
conv("e28-a-klasse-volgende-week-dag-eerder", "Karin Hoogendoorn", "+31655501028",
     ["Ik wil graag de Mercedes A-klasse proefrijden, kan dat volgende week dinsdag om 10:00?",
      "ja, zet maar vast", "kan het een dag eerder?", "super, en kan ik bij jullie gratis parkeren?"],
     [slots(1, "Tue 8 Dec 10:00, free, is offered or booked", at=free(TUE2, 10)),
      appointment(2, "booked: Tuesday 8 Dec 10:00, the A-Klasse", at=free(TUE2, 10), car=car(aklasse)),
      appointment(3, "a day earlier: Monday 7 Dec 10:00", at=free(MON, 10), car=car(aklasse)),
      mentions(4, PARKING, why="parking is answered"), appointment("end", "still Monday 10:00", at=free(MON, 10)),
      NO_HANDOFF])

# e29 emoji yes, address, recall, fuel
ibiza = one(model="Ibiza")
conv("e29-ibiza-duimpje-adres-hoe-laat", "Yusuf Demir", "+31655501029",
     ["kan ik vrijdag om 11 uur de seat ibiza proefrijden?", "👍", "wat was jullie adres ook alweer",
      "en hoe laat precies? ben het vergeten 🙈", "is het een benzine trouwens?"],
     [slots(1, "Fri 4 Dec 11:00, free, is offered or booked", at=free(FRI, 11)),
      appointment(2, "👍 books Friday 11:00, the Ibiza", at=free(FRI, 11), car=car(ibiza)),
      mentions(3, ADDRESS, why="the address"),
      mentions(4, hour_re(11), why="'hoe laat precies' is answered: 11:00"),
      mentions(5, YES_BENZINE, why="yes, petrol"), NO_HANDOFF])

# e30 typos and no capitals throughout
yaris = one(model="Yaris")
conv("e30-toyta-yaris-typos", "Dylan Schouten", "+31655501030",
     ["hebbe jullie nog een toyta yaris", "wat kost ie", "is t een automaat", "kan k morgn om 4 uur langs om te rijden",
      "ja prima"],
     [only(1, [yaris], "the Yaris"), no_fallback(1, "typos are still a stock question"),
      mentions(2, price(yaris), why="the Yaris's price"), only(2, [yaris], "the Yaris"),
      mentions(3, GEARBOX["automaat"], why="the Yaris is an automatic"),
      slots(4, "Wed 2 Dec 16:00, free, is offered or booked", at=free(WED, 16)),
      appointment(5, "booked: Wednesday 16:00, the Yaris", at=free(WED, 16), car=car(yaris)), NO_HANDOFF])

# e31 financing per month, km, warranty term, reserving last
kuga = one(model="Kuga")
conv("e31-kuga-per-maand-reserveren", "Patrick Dekker", "+31655501031",
     ["Hoeveel kost de Kuga plug-in per maand als ik hem financier?", "hoeveel km heeft ie?",
      "en de BOVAG garantie, hoelang is dat?", "ok ik wil m reserveren"],
     [mentions(1, FINANCE, WARNING, why="financing, with 'Geld lenen kost geld'"), only(1, [kuga], "the Kuga", min=0),
      mentions(2, km(kuga), why="the Kuga's km"),
      mentions(3, WARRANTY, why="the warranty is answered by name"), handoff(3, False, "no handover before buying"),
      mentions(4, BUY, why="reserving: the next steps")])

# e32 a model not in stock, a stock alert (no opt-out), then an opt-out, a thank-you after it
mokka = not_stock("opel mokka")
conv("e32-mokka-zoeklijst-afmelden", "Gert-Jan Kramer", "+31655501032",
     [f"hebben jullie een {mokka} automaat?", "jammer. kunnen jullie me een berichtje sturen als er een binnenkomt?",
      "eigenlijk toch maar niet, meld me maar af voor alle berichten van jullie", "thx"],
     [mentions(1, r"mokka", NOT_IN_STOCK, ALT_LABEL,
               why="the Mokka is named, not in stock, alternatives labelled"),
      only(1, S(gearbox="automaat"), "alternatives are automatics"),
      mentions(2, ALERT, why="the stock alert is taken up"),
      opted_out(2, False, "asking for a message when one comes in is no opt-out"),
      opted_out(3, True, "'meld me af voor alle berichten' unsubscribes"), only(3, [], NO_PITCH, min=0),
      opted_out(4, True, "a thank-you does not re-subscribe"), handoff("end", False, "no handover")])

# e33 today at 9 is too soon (2 hours' notice): not booked; 11 then; "2 uurtjes later" (past lunch)
fiesta = one(model="Fiesta")
conv("e33-fiesta-vandaag-negen-uur-te-vroeg", "Linda Post", "+31655501033",
     ["Kan ik vandaag nog de Ford Fiesta komen bekijken, rond 9 uur?", "11 uur dan maar",
      "ah wacht, kan het 2 uurtjes later?", "welke kleur is hij eigenlijk"],
     [appointment(1, "today 09:00 is within the notice: nothing booked yet", exists=False),
      slots(1, "a later time today is offered", date=TUE, hour_min=11),
      appointment(2, "booked: today 11:00, the Fiesta", at=free(TUE, 11), car=car(fiesta)),
      appointment(3, "two hours later: today 13:00", at=free(TUE, 13), car=car(fiesta)),
      mentions(4, colour(fiesta), why="the Fiesta's colour"), NO_HANDOFF])

# e34 Teslas, "die witte", "en de andere?", a comparison, "die grijze" booked
teslas = S(make="Tesla")
t_white = one(make="Tesla", color="wit")
t_grey = one(make="Tesla", color="grijs")
conv("e34-teslas-die-witte-en-de-andere", "Mehmet Yilmaz", "+31655501034",
     ["welke tesla's staan er?", "die witte, hoeveel km heeft die?", "en de andere?",
      "wat is eigenlijk het verschil tussen die twee, behalve de prijs",
      "ok kan ik donderdag om 4 uur in die grijze rijden?", "ja", "hoe snel laadt die aan een snellader?"],
     [only(1, teslas, "the Teslas", min=2),
      mentions(2, km(t_white), why="'die witte': its km"), only(2, [t_white], "the white Tesla"),
      mentions(3, km(t_grey), why="the same question for the other Tesla"), only(3, teslas, "the Teslas only"),
      mentions(4, car(t_white), car(t_grey),
               r"suv|sedan|awd|long range|standard range|vierwiel|achterwiel|groter|ruimte|bereik|km|20\d\d",
               why="a comparison names both and what differs"),
      slots(5, "Thu 3 Dec 16:00, free, is offered or booked", at=free(THU, 16)),
      appointment(6, "booked: Thursday 16:00, the grey Tesla", at=free(THU, 16), car=car(t_grey)),
      mentions(7, CHARGING, why="fast charging is answered"), NO_HANDOFF])

# e35 the dearest car, the dearest electric one, its km, negotiation, an offer last
dearest = best(list(CARS), "price", reverse=True)
dearest_ev = best(S(fuel="elektrisch"), "price", reverse=True)
conv("e35-duurste-elektrisch-over-de-prijs", "Frank Scholten", "+31655501035",
     ["wat is de duurste auto die jullie hebben?", "en de duurste elektrische?", "hoeveel km heeft die",
      "valt er over de prijs te praten?", f"ik geef {fmt(money(35000))}, morgen contant"],
     [mentions(1, car(dearest), why="the dearest car in stock"), only(1, [dearest], "only that one"),
      mentions(2, car(dearest_ev), why="the dearest electric car"), only(2, [dearest_ev], "only that one"),
      mentions(3, km(dearest_ev), why="its km"),
      mentions(4, NEGOTIATE, why="the negotiation question is answered"),
      not_mentions(4, INVENTED_DISCOUNT, why="no invented discount"),
      handoff(4, False, "a price question is answered, not handed over"),
      mentions(5, OFFER_HANDLED, why="the offer is passed on"),
      only(5, [dearest_ev], "the offer is about that car", min=0)])

# e36 three facts in one message, end of the afternoon, "de laatste", warranty and servicing
x1 = one(model="X1")
conv("e36-x1-drie-vragen-de-laatste", "Ellen Vink", "+31655501036",
     ["Staat die witte BMW X1 nog te koop?", "hoeveel km, welk bouwjaar en is het een automaat?",
      "kan ik zaterdag aan het eind van de middag komen proefrijden", "de laatste",
      "zit er garantie op en kunnen jullie m later ook onderhouden?"],
     [only(1, [x1], "the X1"),
      mentions(2, km(x1), year(x1), GEARBOX["automaat"], why="all three: km, year, gearbox"),
      only(2, [x1], "still the X1", min=0),
      slots(3, "Saturday late-afternoon times are offered", date=SAT, hour_min=16),
      slots(3, "only Saturday afternoon", date=SAT, hour_min=15, all=True),
      appointment(4, "'de laatste' books the last offered time, the X1", date=SAT, offered_index=-1, car=car(x1)),
      mentions(5, WARRANTY, SERVICING, why="both: warranty and servicing"), NO_HANDOFF])

# ================================================================================================ English
# e37 automatic estates, lowest mileage, year and colour, tomorrow 2pm, Boxing Day
b37 = money(25000)
e37_set = S(body="stationwagen", gearbox="automaat", price_max=b37)
e37_best = best(e37_set, "km")
conv("e37-en-automatic-estate-lowest-mileage", "Oliver Bennett", "+447700900137",
     ["Hi there, I'm looking for an automatic estate, max 25k", "which one has the lowest mileage?",
      "what year is it and what colour?", "Can I come and drive it tomorrow at 2pm?", "Perfect, thanks!",
      "By the way, are you open on Boxing Day?"],
     [only(1, e37_set, "automatic estates up to 25.000"),
      mentions(2, car(e37_best), why="the lowest mileage of all matches"), only(2, [e37_best], "only that one"),
      mentions(3, year(e37_best), colour(e37_best), why="both: year and colour"),
      slots(4, "Wed 2 Dec 14:00, free, is offered or booked", at=free(WED, 14)), en_(4),
      appointment(5, "booked: Wednesday 14:00, that estate", at=free(WED, 14), car=car(e37_best)),
      mentions(6, r"boxing|26|christmas|closed|\bno\b", why="Boxing Day answered by name or a plain no"),
      NO_HANDOFF])

# e38 a model not in stock, the Mazda 2 asked about, km and price, warranty
b38 = money(18000)
mazda3 = not_stock("Mazda 3")
e38_alts = S(fuel="benzine", price_max=b38)
mazda2 = one(make="Mazda", model="2")
conv("e38-en-mazda-3-not-in-stock", "Emily Carter", "+447700900138",
     [f"Do you have a {mazda3}? Petrol, under 18k", "what about the Mazda 2, is that an automatic?",
      "how many km has it done and what's the price?", "Is there a warranty?"],
     [mentions(1, r"mazda ?3", NOT_IN_STOCK, ALT_LABEL, why="the Mazda 3 named, not in stock, alternatives labelled"),
      only(1, e38_alts, "alternatives keep the wishes: petrol up to 18.000"), en_(1),
      mentions(2, GEARBOX["automaat"], why="the Mazda 2 is an automatic"), only(2, [mazda2], "the Mazda 2"),
      mentions(3, km(mazda2), price(mazda2), why="both: km and price"), only(3, [mazda2], "the Mazda 2"),
      mentions(4, WARRANTY, why="warranty answered by name"), NO_HANDOFF])

# e39 an exact time, yes, an hour later, colour, what to bring
model3 = one(model="Model 3")
conv("e39-en-model-3-hour-later", "James Whitfield", "+447700900139",
     ["Can I test drive the Tesla Model 3 on Thursday at 1pm?", "yes please",
      "sorry, could we make it an hour later?", "what colour is it?", "and what should I bring?"],
     [slots(1, "Thu 3 Dec 13:00, free, is offered or booked", at=free(THU, 13)),
      appointment(2, "booked: Thursday 13:00, the Model 3", at=free(THU, 13), car=car(model3)), en_(2),
      appointment(3, "an hour later: Thursday 14:00", at=free(THU, 14), car=car(model3)), en_(3),
      mentions(4, colour(model3), why="its colour"),
      mentions(5, DRIVING_LICENCE, why="the driving licence"), NO_HANDOFF])

# e40 Saturday times, "the second one", range, fast charging
niro_ev = one(model="Niro", fuel="elektrisch")
conv("e40-en-niro-ev-second-one", "Sophie Turner", "+447700900140",
     ["What times are free on Saturday for a test drive in the Kia Niro EV?", "the second one works",
      "How far does it go on a full charge?", "and can it fast charge?"],
     [slots(1, "Saturday times are offered", date=SAT), slots(1, "only Saturday", date=SAT, all=True), en_(1),
      appointment(2, "'the second one' books the second offered time, the Niro EV", date=SAT, offered_index=2,
                  car=car(niro_ev)), en_(2),
      mentions(3, EV_RANGE, why="the range"), mentions(4, CHARGING, why="fast charging"),
      NO_HANDOFF])

# e41 a complaint
conv("e41-en-complaint-nobody-there", "Daniel Hughes", "+447700900141",
     ["Hello",
      "I came in for a test drive last Saturday and nobody was there to help me. I took a day off for this. Very "
      "disappointing.", "I'd like someone to call me back today"],
     [replied(1, "a greeting is answered"), handoff(2, True, "a complaint is handed to a person"),
      mentions(2, APOLOGY, why="with an apology"), only(2, [], NO_PITCH, min=0), en_(2),
      handoff("end", True, "still with a person"), opted_out("end", False, "a complaint is no opt-out")])

# e42 availability, two facts, room on the price, an offer last
q3 = one(model="Q3")
conv("e42-en-q3-room-on-price-offer", "Harry Lloyd", "+447700900142",
     ["Hi, is the Audi Q3 still available?", "What's the mileage and is it automatic?", "Any room on the price?",
      f"I'll offer {money(30000):,}, cash, and I can pick it up this week"],
     [only(1, [q3], "the Q3"), en_(1),
      mentions(2, km(q3), GEARBOX["automaat"], why="both: mileage and gearbox"),
      mentions(3, NEGOTIATE, why="the price question is answered"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"), en_(3),
      handoff(3, False, "a price question is answered, not handed over"),
      mentions(4, OFFER_HANDLED, why="the offer is passed on"), en_(4)])

# e43 financing, a trade-in that shares nothing with the stock, two facts, delivery
tucson = one(model="Tucson")
own43 = not_stock("Honda CR-V")
conv("e43-en-tucson-monthly-trade-in", "Charlotte Evans", "+447700900143",
     ["Hi, I'm interested in the Hyundai Tucson. Can I pay monthly?",
      f"I'd also like to trade in my {own43} from 2014", "What colour is the Tucson and how many km?",
      "Do you deliver? I live in Utrecht"],
     [mentions(1, FINANCE, WARNING, why="financing, with the credit warning"), en_(1),
      mentions(2, TRADE_IN, why="the trade-in is taken up"), only(2, [tucson], "the CR-V is the trade-in", min=0), en_(2),
      mentions(3, colour(tucson), km(tucson), why="both: colour and km"), only(3, [tucson], "the Tucson", min=0),
      mentions(4, DELIVERY, why="delivery answered"), NO_HANDOFF])

# e44 cheapest SUV (price shared with other cars), manual, opt-out, thanks
cheap_suv = best(S(body="suv"), "price")
conv("e44-en-cheapest-suv-stop-messaging", "Ryan Walsh", "+447700900144",
     ["what's the cheapest SUV you have?", "is it automatic", "ok not for me. please stop messaging me", "thanks"],
     [mentions(1, car(cheap_suv), why="the cheapest SUV"), only(1, [cheap_suv], "only the cheapest SUV"),
      mentions(2, GEARBOX["handgeschakeld"], why="it is a manual"),
      opted_out(3, True, "'stop messaging me' unsubscribes"), only(3, [], NO_PITCH, min=0), en_(3),
      opted_out(4, True, "a thank-you does not re-subscribe"), handoff("end", False, "no handover")])

# e45 Dutch, then English: km (shared with another car), battery warranty, an afternoon, 3pm
golf_eh = one(model="Golf", fuel="hybride")
conv("e45-nl-en-golf-ehybrid-switch", "Lucas Meijer", "+31655501045",
     ["Hoi, hebben jullie de Golf eHybrid nog?",
      "Sorry, my Dutch is not great, can we continue in English? How many km does it have?",
      "and is there still warranty on the battery?", "Can I see it on Friday afternoon?", "3pm is fine"],
     [only(1, [golf_eh], "the Golf eHybrid"), nl_(1),
      mentions(2, km(golf_eh), why="its km"), only(2, [golf_eh], "the Golf eHybrid"), en_(2, "switched to English"),
      mentions(3, WARRANTY, why="the battery warranty by name"),
      slots(4, "Friday afternoon times are offered", date=FRI, hour_min=13),
      slots(4, "only Friday afternoon", date=FRI, hour_min=13, all=True), en_(4),
      appointment(5, "booked: Friday 15:00, the Golf eHybrid", at=free(FRI, 15), car=car(golf_eh)), en_(5),
      NO_HANDOFF])

# ================================================================================================ Flemish
# e46 Duster, km and fuel, Saturday morning at ten, what to bring
duster = one(model="Duster")
conv("e46-vl-duster-zaterdagvoormiddag", "Koen Peeters", "+32478550146",
     ["Goeiendag, hebt ge nog ne Dacia Duster staan?", "Hoeveel kilometers staan daar op? En is da op LPG?",
      "Kan ik zaterdagvoormiddag passeren voor een proefrit, rond tien uur?", "Da's goed, merci",
      "Moet ik iets meebrengen?"],
     [only(1, [duster], "the Duster"), nl_(1),
      mentions(2, km(duster), r"\bja\b|lpg", why="both: km and LPG"), only(2, [duster], "the Duster", min=0), nl_(2),
      slots(3, "Sat 5 Dec 10:00, free, is offered or booked", at=free(SAT, 10)),
      appointment(4, "booked: Saturday 10:00, the Duster", at=free(SAT, 10), car=car(duster)),
      mentions(5, DRIVING_LICENCE, why="the driving licence"), NO_HANDOFF])

# e47 automatic "break" (estate) up to 20.000, the difference, "den Toyota", a drive, registering in Belgium
b47 = money(20000)
e47_set = S(body="stationwagen", gearbox="automaat", price_max=b47)
assert len(e47_set) == 2
e47_toy = one(body="stationwagen", gearbox="automaat", price_max=b47, make="Toyota")
e47_other = [s for s in e47_set if s != e47_toy][0]
conv("e47-vl-automaat-break-verschil", "Lies Claes", "+32478550147",
     ["Dag, ik zoek nen automaat, ne break, tot 20.000 euro", "Wat is het verschil tussen de twee?",
      "Den Toyota, hoeveel kilometers heeft die?", "Kan ik donderdagnamiddag om 3 uur eens komen rijden?",
      "Ja, da's goed", "Moet ik als Belg iets speciaals regelen als ik hem koop?"],
     [only(1, e47_set, "automatic estates up to 20.000", min=2),
      mentions(2, car(e47_toy), car(e47_other), r"diesel|hybride|hybrid|km|20\d\d|prijs|€",
               why="a comparison names both and what differs"),
      mentions(3, km(e47_toy), why="the Toyota's km"), only(3, [e47_toy], "the Toyota", min=0),
      slots(4, "Thu 3 Dec 15:00, free, is offered or booked", at=free(THU, 15)),
      appointment(5, "booked: Thursday 15:00, the Toyota", at=free(THU, 15), car=car(e47_toy)),
      mentions(6, r"belg|export|kenteken|nummerplaat|inschrij|papieren|div\b|btw",
               why="registering in Belgium answered by topic"), nl_(6), NO_HANDOFF])

# e48 paying off in instalments, inspection, km and year, buying last
niro_h = one(model="Niro", fuel="hybride")
conv("e48-vl-niro-hybride-afbetalen-kopen", "Jan Maes", "+32478550148",
     ["Hallo, kunde gij mij zeggen of ik die Niro hybride kan afbetalen?", "En is die gekeurd?",
      "Hoeveel kilometers heeft die al gedaan? En welk bouwjaar?", "Ik zou hem willen kopen, wa moet ik doen?"],
     [mentions(1, FINANCE, WARNING, why="financing, with 'Geld lenen kost geld'"),
      only(1, [niro_h], "the Niro hybrid, not the EV", min=0), nl_(1),
      mentions(2, r"\bapk\b|keuring|gekeurd", why="the inspection (APK) is answered"),
      mentions(3, km(niro_h), year(niro_h), why="both: km and year"), only(3, [niro_h], "the Niro hybrid", min=0),
      handoff(3, False, "no handover before buying"), mentions(4, BUY, why="the next steps of buying"), nl_(4)])

# e49 Christmas, New Year's Eve, address and parking, a drive next week Saturday
sandero = one(model="Sandero")
conv("e49-vl-tweede-kerstdag-sandero", "An Janssens", "+32478550149",
     ["Zijt gij open op tweede kerstdag?", "En op oudejaarsdag, tot hoe laat?",
      "Waar zijt ge juist gelegen, en kan ik daar parkeren?",
      "Kan ik volgende week zaterdag om 10u een proefrit doen met de Sandero?", "Ok, merci!"],
     [mentions(1, r"kerst|26|gesloten|dicht|\bnee\b|niet open", why="Boxing Day answered by name or a plain no"),
      mentions(2, r"oudejaar|oudjaar|31", why="New Year's Eve answered by name"),
      mentions(3, ADDRESS, PARKING, why="both: where, and parking"), nl_(3),
      slots(4, "Sat 12 Dec 10:00, free, is offered or booked", at=free(SAT2, 10)),
      appointment(5, "booked: Saturday 12 Dec 10:00, the Sandero", at=free(SAT2, 10), car=car(sandero)),
      NO_HANDOFF])

# e50 "inschrijven" (no opt-out), a drive, yes, a manual, the drive called off
fiat = one(model="500")
conv("e50-vl-inschrijven-fiat-500-afzeggen", "Wout De Smet", "+32478550150",
     ["Goeiemiddag, moet ik mij eerst ergens inschrijven om een proefrit te doen?",
      "Allee, dan wil ik de Fiat 500 cabrio eens proberen, morgen om 11u", "Ja, perfect",
      "Is da nen automaat eigenlijk?", "Oei. Dan zeg ik die afspraak liever af"],
     [opted_out(1, False, "'inschrijven' is no opt-out"), nl_(1),
      mentions(1, r"niet nodig|hoeft niet|\bgeen\b|\bnee\b|hier|chat|zo ?maar|gewoon", why="no need to register"),
      slots(2, "Wed 2 Dec 11:00, free, is offered or booked", at=free(WED, 11)),
      appointment(3, "booked: Wednesday 11:00, the Fiat 500", at=free(WED, 11), car=car(fiat)),
      mentions(4, GEARBOX["handgeschakeld"], why="the 500 is a manual"),
      appointment(5, "the drive is called off", exists=False), mentions(5, CANCELLED, why="confirmed"),
      opted_out("end", False, "calling off a drive is no opt-out"), NO_HANDOFF])

# ================================================================================================ coverage
COVER = {
    "questions about a listed car / the car in focus":
        "e01 e02 e03 e05 e06 e08 e09 e11 e12 e13 e14 e15 e16 e17 e18 e19 e20 e21 e22 e23 e24 e25 e26 e27 e29 e30 "
        "e31 e33 e34 e35 e36 e37 e38 e39 e42 e43 e44 e45 e46 e47 e48",
    "superlatives over the matches": "e02 e03 e09 e12 e14 e20 e23 e26 e27 e35 e37 e44",
    "comparison of two cars": "e34 e47",
    "several questions in one message": "e02 e05 e11 e18 e21 e22 e24 e36 e37 e38 e42 e43 e46 e48 e49",
    "dealer knowledge: parking": "e02 e28 e49",
    "dealer knowledge: warranty/BOVAG": "e03 e05 e18 e31 e36 e38 e45",
    "dealer knowledge: APK": "e05 e24 e48",
    "dealer knowledge: delivery": "e05 e22 e43",
    "dealer knowledge: servicing": "e24 e36",
    "dealer knowledge: financing + 'Geld lenen kost geld'": "e06 e31 e43 e48",
    "dealer knowledge: trade-in process / valuation": "e06 e23 e43",
    "dealer knowledge: EV range / charging": "e07 e12 e34 e40",
    "dealer knowledge: holidays": "e22 e37 e49",
    "honest 'not in stock' + labelled alternatives": "e03 e32 e38",
    "widening / narrowing / excluding / replacing / preferring criteria": "e09 e12 e26 e27",
    "booking in few turns, slot by number/ordinal": "e01 e36 e40",
    "booking an exact free time asked for":
        "e04 e08 e13 e14 e15 e16 e17 e20 e21 e24 e26 e28 e29 e30 e33 e34 e37 e39 e45 e46 e47 e49 e50",
    "yes/no in context":
        "e04 e08 e14 e15 e16 e17 e20 e21 e26 e28 e29 e30 e34 e37 e39 e46 e47 e49 e50",
    "moving a booking relative to itself": "e04 e15 e16 e28 e33 e39",
    "recalling the appointment": "e04 e17 e29",
    "cancelling": "e08 e17 e50",
    "negotiation (discount ask, an offer)": "e06 e19 e35 e42",
    "purchase intent": "e18 e31 e48",
    "trade-in while still buying": "e06 e23 e43",
    "complaint / human handoff": "e10 e11 e41",
    "opt-out": "e07 e32 e44",
    "opt-out look-alikes": "e08 e09 e32 e50",
    "no needless handoff (handoff false at the end)":
        "e01 e02 e03 e04 e05 e08 e09 e12 e13 e14 e15 e16 e17 e20 e21 e22 e23 e24 e25 e26 e27 e28 e29 e30 e33 e34 "
        "e36 e37 e38 e39 e40 e43 e45 e46 e47 e49 e50",
    "English": "e37 e38 e39 e40 e41 e42 e43 e44 e45",
    "Flemish": "e46 e47 e48 e49 e50",
}
EXTRA = {
    "a car referred to after a list (colour, position, year, make, 'die witte', 'de andere')":
        "e01 e09 e14 e25 e34 e47",
    "a car fact and a dealer question in one message": "e05 e21 e24 e36",
    "a budget written loosely (rond de 15 mille, max 20k, tussen 10 en 15 duizend, under 18k, tot 20.000 euro)":
        "e02 e07 e12 e13 e14 e20 e23 e26 e27 e37 e38 e47",
    "a time or day in words (morgenmiddag om 3 uur, na de lunch, tussen 2 en 4, eind van de middag, 1pm)":
        "e04 e13 e16 e24 e30 e36 e39 e45 e46 e47",
    "a time that cannot be booked (a Sunday, too little notice), then one that can": "e16 e33",
    "an emoji confirmation": "e14 e29",
    "typos / no capitals / voice-to-text run-on": "e20 e27 e30",
    "what to bring to a test drive": "e04 e21 e39 e46",
    "opening hours / location": "e02 e13 e21 e25 e29 e49",
    "a model that is not in stock": "e03 e32 e38",
    "switching from Dutch to English": "e45",
}


def build():
    return list(CONVS)


def main():
    convs = build()
    for c in convs:  # languages by design: Dutch e01-e36, English e37-e45, Flemish (Belgian numbers) e46-e50
        k = int(c["id"][1:3])
        assert c["from"].startswith("+324") == (k >= 46), c["id"]
        assert c["from"].startswith("+447") == (37 <= k <= 44), c["id"]
    write(HERE, convs, "e", n=N, max_turns=MAX_TURNS)
    table = coverage(convs, COVER, EXTRA)
    if "--coverage" in sys.argv:
        print("| capability | n | conversations |\n|---|---|---|\n" + table)


if __name__ == "__main__":
    main()
