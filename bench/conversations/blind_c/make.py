#!/usr/bin/env python3
"""Builds blind set C: conversations.jsonl and cars-dev.json beside this file, from integrations/data/stock.csv.

    python3 bench/conversations/blind_c/make.py [--coverage]

50 WhatsApp conversations (38 Dutch, 8 English, 4 Flemish; 2-7 customer messages each) in the format of the
shared development set, judged by the same runner. Every stock truth (which car is cheapest, a car's km or
colour, the set of cars a reply may name) is computed here from the stock by a filter; only the customers' words
and the dates of the fixed moment (Tuesday 1 December 2026, 08:30 Europe/Amsterdam) are typed by hand. The
helpers (stock, patterns, filters, check constructors, calendar, output, coverage) are those of ../common.py.

What set C leans on: several questions in one message; cars referred to by position, colour, price, variant
words or "die andere"; follow-ups that do not name the car; a superlative, then a narrower search, then another
superlative; customers changing their mind; times written as people write them ("kwart over 2", "half 11",
"rond de middag", "na vijven", "2pm", "14.00u"); moves by relative amounts; confirmations, cancellations and
opt-outs in many forms, and their look-alikes; trade-ins of a car that shares a make or model with the stock.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from common import (CARS, S, one, top, best, fmt, km, price, year, title, car, any_car, colour, money, not_stock,
                    free, mentions, not_mentions, replied, no_fallback, handoff, opted_out, language, only, slots,
                    appointment, NOT_IN_STOCK, ALT_LABEL, CANCELLED, NEGOTIATE, INVENTED_DISCOUNT, OFFER_HANDLED,
                    BUY, BUY_EN, WARNING, FINANCE, TRADE_IN, APOLOGY, PERSON, PARKING, ADDRESS, WARRANTY, APK,
                    SERVICING, DELIVERY, EV_RANGE, CHARGING, DRIVING_LICENCE, DEALER_ONLY, GEARBOX, hour_re,
                    day_re, write, coverage, TUE, WED, THU, FRI, SAT, MON, TUE2, THU2, SAT2)

# --- regexes of this set ------------------------------------------------------------------------------------
YES_AUTO = GEARBOX["automaat"]
MANUAL_YES = r"\bja\b|\byes\b|handgeschakeld|handbak|schakel|manue|\bmanual"   # "is dat een handbak?" -> a yes
YES_HYBRID = r"\bja\b|\byes\b|hybride|hybrid"
YES_DIESEL = r"\bja\b|\byes\b|diesel|\btdi\b"
YES_PETROL = r"\bja\b|\byes\b|benzine|petrol"
OPTED_OUT_SAID = (r"afgemeld|uitgeschreven|verwijderd|geen (berichten|appjes|whatsapp|nieuwe berichten)|niet meer"
                  r"|unsubscribed|removed|no (more|further) messages|won'?t (message|contact|send)")
VALUATION = (r"taxat|waarde|schat|bekijk|langs|voorstel|\bbod\b|inruilprijs|inruilwaarde|kenteken|foto"
             r"|valu|apprais|inspect|look at|offer")
TRADE_STEPS = (r"taxat|bekijk|meenemen|meebrengen|langs|kenteken|foto|kilometerstand|km-stand|voorstel|\bbod\b"
               r"|waarde|\bja\b|valu|apprais|inspect|see it|look at|photo|bring|registration|mileage|check")
SAT_CLOSE = r"18[:.]00|\b18 ?u(ur)?\b|zes uur|\b6 uur|6 ?pm"
NO_PITCH = r"proefrit|aanbieding|test ?drive|occasions? (voor|for) (u|je|you)"


def at(hour):
    """A full hour as a reply may write it: common.hour_re plus '3 uur' for an afternoon hour."""
    h12 = hour - 12 if hour > 12 else hour
    return hour_re(hour) + (rf"|\b{h12} uur\b" if hour > 12 else "")


def name_or(sid, bare, *facts):
    """A regex naming a car: by its own pattern (or id), or by the bare model word `bare` together with one of its
    facts somewhere in the reply. For a model the stock holds twice ("de Niro", "de Corsa") where the context
    leaves only one of them; the fact pins which."""
    return car(sid) + r"|^(?=[\s\S]*(?:%s))(?=[\s\S]*(?:%s))" % (bare, "|".join(facts))


def facts_pk(sid):
    """Price or km of a car (for a comparison of two cars of the same year)."""
    return f"{price(sid)}|{km(sid)}"


def fact(sid):
    return f"{price(sid)}|{km(sid)}|{year(sid)}"


# --- the cars and sets the conversations use -------------------------------------------------------------
golfs = S(model="Golf")
golf_trend, golf_eh, golf15 = one(model="Golf", price_max=8000), one(model="Golf", fuel="hybride"), \
    one(model="Golf", fuel="benzine", gearbox="automaat")
golf_auto = S(model="Golf", gearbox="automaat")
polo_dsg = one(model="Polo", color="wit")
tiguan_tsi, tiguan_tdi = one(model="Tiguan", fuel="benzine"), one(model="Tiguan", fuel="diesel")
corsa_auto = one(model="Corsa", gearbox="automaat")
picanto_gt = one(model="Picanto", gearbox="automaat")
niro_ev, niro_hev = one(model="Niro", fuel="elektrisch"), one(model="Niro", fuel="hybride")
octavia_tdi, octavia_tsi = one(model="Octavia", fuel="diesel"), one(model="Octavia", fuel="benzine")
clio_red = one(model="Clio", color="rood")
(swift, kamiq, a4, kona, model3, id3, ibiza, captur, p2008, p3008, mazda2, yaris, astra, c4, q3, fiesta, c3,
 corolla, passat, v40, micra, bmw1, i20, x1, chr_, model_y, qashqai, sportage, bmw3) = (
    one(model=m) for m in ("Swift", "Kamiq", "A4", "Kona", "Model 3", "ID.3", "Ibiza", "Captur", "2008", "3008",
                           "2", "Yaris", "Astra", "C4", "Q3", "Fiesta", "C3", "Corolla", "Passat", "V40", "Micra",
                           "1 Serie", "i20", "X1", "C-HR", "Model Y", "Qashqai", "Sportage", "3 Serie"))
assert CARS[golf_trend]["title"].endswith("Trendline")

# the facts the customers' words rely on
assert S(make="Skoda", body="suv", color="blauw") == [kamiq]                       # "die blauwe skoda suv"
assert S(make="Opel", color="zwart") == [astra]                                    # "die zwarte opel"
assert S(make="Citroen", model="C4", color="grijs") == [c4]                     # "die grijze citroen c4"
assert S(model="Clio", color="rood") == [clio_red]                                 # "die rode clio"
assert S(model="Polo", color="wit") == [polo_dsg]                                  # "de witte polo"
assert S(make="BMW", model="X1", color="wit") == [x1]                              # "die witte bmw x1"
assert S(make="Tesla", price_max=25000) == [model3]                                # "de tesla" under 25k
assert S(model="Tiguan", price_max=25000) == [tiguan_tdi]                          # "de tiguan" under 25k
assert S(model="Tiguan", where=lambda c: "4Motion" in c["title"]) == [tiguan_tdi]  # "welke heeft 4x4"
assert [s for s in golfs if CARS[s]["year"] == 2021 and s != golf_eh] == [golf15]  # "die andere van 2021"
assert CARS[golf_eh]["fuel"] == "hybride" and "eHybrid" in title(golf_eh)          # "die plug-in"
assert [s for s in CARS if CARS[s]["price"] == 11450] == [corsa_auto]              # "die van 11.450"


def conv(cid, name, phone, turns, checks):
    C.append({"id": cid, "name": name, "from": phone, "turns": turns, "checks": checks})


C = []

# ============================================================================================================
# Dutch
# ============================================================================================================
# c01: five Golfs; two superlatives in one message; "die plug-in"; "die andere van 2021"; "rond de middag"
cheap_golf, low_golf = best(golfs, "price"), best(golfs, "km")
assert (cheap_golf, low_golf) == (golf_trend, golf_eh)
conv("c01-golfs-plugin-andere-middag", "Marloes Verbeek", "+31613570001",
     ["hoi, wat voor golfs hebben jullie op dit moment staan?",
      "welke is de goedkoopste en welke heeft de minste km?",
      "en die plug-in, is dat een automaat en welke kleur heeft ie",
      "te duur eigenlijk. die andere van 2021, wat kost die?",
      "kan ik die donderdag rond de middag proberen?",
      "doe maar 13:00"],
     [only(1, golfs, "Golfs only", min=2),
      mentions(2, name_or(cheap_golf, "golf", price(cheap_golf), year(cheap_golf)),
               why=f"cheapest Golf over all five: {title(cheap_golf)} (€ {fmt(CARS[cheap_golf]['price'])})"),
      mentions(2, name_or(low_golf, "golf", km(low_golf)), why=f"fewest km: {title(low_golf)} ({fmt(CARS[low_golf]['km'])} km)"),
      only(2, top(golfs, "price", 2) + top(golfs, "km", 2), "both rankings over all Golfs, not the list again"),
      mentions(3, YES_AUTO, colour(golf_eh), why="'die plug-in' is the eHybrid: an automatic, blue"),
      only(3, [golf_eh], "about the eHybrid", min=0),
      mentions(4, price(golf15), why=f"the other 2021 Golf is the {title(golf15)}: € {fmt(CARS[golf15]['price'])}"),
      only(4, [golf15, golf_eh], "the 1.5 Life (the eHybrid may be compared)", min=0),
      slots(5, "'rond de middag' on Thursday: 11:00 or 13:00 (lunch 12-13)", date=THU, hour_min=11, hour_max=13),
      slots(5, "only Thursday times", all=True, date=THU),
      appointment(6, "booked: Thursday 13:00, the Golf 1.5 Life", at=free(THU, 13), car=car(golf15)),
      handoff("end", False, DEALER_ONLY)])

# c02: automatics <= 15k, least km; budget up to 18.500; least km again; "half 11"
auto15, auto185 = S(gearbox="automaat", price_max=money(15000)), S(gearbox="automaat", price_max=money(18500))
low15, low185 = best(auto15, "km"), best(auto185, "km")
assert low15 == corsa_auto and low185 == picanto_gt
conv("c02-automaatje-budget-omhoog", "Dirk Wolters", "+31613570002",
     ["hoi zoek een automaatje, max 15 mille", "welke heeft het minst gereden",
      "mag eigenlijk ook wat meer kosten hoor, tot 18.500", "en welke heeft nu de minste km?",
      "3200 km serieus? welk bouwjaar en wat moet ie kosten", "kan ik zaterdag om half 11 komen kijken?",
      "11 uur is prima 👌"],
     [only(1, auto15, "automatics of at most € 15.000", min=2),
      mentions(2, name_or(low15, "corsa", km(low15)), why=f"fewest km ≤ € 15.000: {title(low15)} ({fmt(CARS[low15]['km'])} km)"),
      only(2, top(auto15, "km", 2), "ranked by km, not the list again", min=0),
      only(3, auto185, "automatics of at most € 18.500 (budget raised)", min=2),
      mentions(4, name_or(low185, "picanto", km(low185), year(low185)),
               why=f"fewest km ≤ € 18.500 over all matches: {title(low185)} ({fmt(CARS[low185]['km'])} km)"),
      only(4, top(auto185, "km", 3), "ranked by km within the new budget", min=0),
      mentions(5, year(low185), price(low185), why=f"both: {CARS[low185]['year']} and € {fmt(CARS[low185]['price'])}"),
      only(5, [low185], "about the Picanto only (its price is shared)", min=0),
      slots(6, "'half 11' on Saturday: 10:00 or 11:00 (or 10:30)", date=SAT, hour_min=10, hour_max=11),
      appointment(7, "booked on Saturday morning for the Picanto GT-Line", date=SAT, hour_min=10, hour_max=11,
                  car=car(picanto_gt)),
      handoff("end", False, DEALER_ONLY)])

# c03: own Kia Picanto (a make and model the stock has) traded in for a hybrid SUV; "de kia"; "kwart over 2"
hyb_suv20 = S(body="suv", fuel="hybride", price_max=money(20000))
not_stock("kia picanto uit 2012")
assert best(hyb_suv20, "year", reverse=True) == best(hyb_suv20, "km") == niro_hev
conv("c03-picanto-inruil-niro-kwart-over-2", "Sandra Kramer", "+31613570003",
     ["goedemiddag, ik wil mijn kia picanto uit 2012 inruilen tegen een hybride suv. budget tot 20k",
      "welke van de twee is het jongst en welke heeft minder gelopen?",
      "hoe gaat dat inruilen eigenlijk, moet ik de picanto dan meenemen?",
      "ok. kan ik de kia vrijdag kwart over 2 proberen, dan neem ik de picanto meteen mee",
      "14:00 is goed"],
     [only(1, hyb_suv20, "hybrid SUVs ≤ € 20.000; the Picanto is the customer's own car, not the search"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      mentions(2, name_or(niro_hev, r"niro|kia", year(niro_hev), km(niro_hev)),
               why=f"the Niro Hybrid is both younger ({CARS[niro_hev]['year']}) and lower in km ({fmt(CARS[niro_hev]['km'])})"),
      only(2, hyb_suv20, "the two hybrid SUVs", min=0),
      mentions(3, TRADE_IN, TRADE_STEPS, why="how trading in works (bring it, valuation)"),
      only(3, hyb_suv20, "no Picanto search results", min=0),
      slots(4, "'kwart over 2' on Friday: 14:00 or 15:00 offered (or 14:15 booked)", date=FRI, hour_min=14, hour_max=15),
      appointment(5, "booked: Friday 14:00 in the Niro Hybrid, not the Picanto", at=free(FRI, 14), car=car(niro_hev)),
      handoff("end", False, DEALER_ONLY)])

# c04: holidays by name, parking and closing time in one message, the address
conv("c04-kerst-parkeren-adres", "Gerda Hoogendoorn", "+31613570004",
     ["Hallo! Zijn jullie met de kerstdagen open? En op nieuwjaarsdag?",
      "en kan ik de auto bij jullie kwijt als ik kom kijken? en hoe laat gaan jullie zaterdag dicht?",
      "wat is het adres precies? ik kom vanaf apeldoorn", "super, dank je"],
     [mentions(1, r"kerst|25 dec|26 dec|feestdag", why="Christmas is addressed by name"),
      mentions(1, r"nieuwjaar|1 jan|feestdag", why="New Year's Day is addressed by name"),
      mentions(2, PARKING, why="the parking question"),
      mentions(2, SAT_CLOSE, why="the closing time on Saturday: 18:00"),
      mentions(3, ADDRESS, why="the address"),
      no_fallback(4, "a thank-you is understood"),
      handoff("end", False, DEALER_ONLY)])

# c05: warranty + APK in one message, BOVAG, km + colour, "na vijven", "is prima zo"
conv("c05-swift-garantie-apk-na-vijven", "Hasan Demir", "+31613570005",
     ["Is er garantie op die Suzuki Swift en heeft ie nieuwe apk?", "zijn jullie eigenlijk bovag?",
      "hoeveel heeft ie gelopen en wat voor kleur is het", "kan ik zaterdag na vijven komen proefrijden?",
      "is prima zo"],
     [mentions(1, WARRANTY, APK, why="both: warranty and APK"),
      only(1, [swift], "about the Swift", min=0),
      mentions(2, r"bovag", why="the BOVAG question by name"),
      mentions(3, km(swift), colour(swift), why=f"both: {fmt(CARS[swift]['km'])} km and red"),
      slots(4, "'na vijven' on Saturday: 17:00 (open until 18:00)", at=free(SAT, 17)),
      appointment("end", "booked: Saturday 17:00, the Swift", at=free(SAT, 17), car=car(swift)),
      handoff("end", False, DEALER_ONLY)])

# c06: "die blauwe skoda suv"; price + instalments; own Golf (a model the stock has) as trade-in
not_stock("mijn golf is een 2011 met 190dkm, benzine")
conv("c06-blauwe-skoda-termijnen-golf-inruil", "Wesley Schipper", "+31613570006",
     ["hoi is die blauwe skoda suv nog te koop?", "wat kost ie en kan ik dat in termijnen betalen?",
      "en als ik mijn golf inruil, gaat dat dan van de prijs af?",
      "mijn golf is een 2011 met 190dkm, benzine. wat zou ie ongeveer opbrengen?"],
     [only(1, [kamiq], "the blue Skoda SUV is the Kamiq"),
      mentions(2, price(kamiq), why=f"the Kamiq costs € {fmt(CARS[kamiq]['price'])}"),
      only(2, [kamiq], "about the Kamiq (its price is shared)", min=0),
      mentions(2, FINANCE, why="the instalments question"),
      mentions(2, WARNING, why="credit information carries 'Geld lenen kost geld'"),
      mentions(3, TRADE_IN, why="the trade-in question"),
      only(3, [kamiq], "the Golf is the customer's own car: no Golf search results", min=0),
      mentions(4, VALUATION, why="the valuation is addressed (appraisal, a proposal)"),
      only(4, [kamiq], "no Golf search results", min=0),
      handoff("end", False, "a trade-in valuation is answered, not handed over")])

# c07: delivery, servicing, a diesel estate with a tow bar (not recorded), "de audi", "en de skoda?"
dsw = S(body="stationwagen", fuel="diesel")
assert sorted(dsw) == sorted([octavia_tdi, a4])
conv("c07-zeeland-afleveren-onderhoud-diesel-combi", "Jolanda de Ridder", "+31613570007",
     ["wij wonen in zeeland, kunnen jullie de auto bij ons afleveren of moeten we m zelf ophalen?",
      "en de onderhoudsbeurten, kan dat ook bij jullie?",
      "we zoeken trouwens een stationwagen op diesel met trekhaak", "de audi, welk jaar en hoeveel km?",
      "en de skoda?"],
     [mentions(1, DELIVERY, why="delivery is addressed"),
      mentions(2, SERVICING, why="servicing is addressed"),
      only(3, dsw, "diesel estates"),
      mentions(3, r"trekhaak|trekgewicht|tow", why="the tow bar is addressed by name (not recorded in the stock)"),
      mentions(4, year(a4), km(a4), why=f"the A4: {CARS[a4]['year']}, {fmt(CARS[a4]['km'])} km"),
      only(4, [a4], "about the A4", min=0),
      mentions(5, km(octavia_tdi), why=f"'en de skoda?' asks the same of the Octavia: {fmt(CARS[octavia_tdi]['km'])} km"),
      only(5, dsw, "the Octavia (the A4 may be compared)", min=0),
      handoff("end", False, DEALER_ONLY)])

# c08: EV range + charging; home charger; more EVs under 25k; "de tesla" = the Model 3; "om 3 uur s middags"
ev25 = S(fuel="elektrisch", price_max=money(25000))
conv("c08-kona-laden-tesla-3-uur", "Priya Ramdin", "+31613570008",
     ["hoeveel km kan ik rijden met die kona elektrisch en hoe snel laadt ie?",
      "kunnen jullie ook een laadpaal thuis regelen?", "wat hebben jullie nog meer aan elektrisch onder de 25k?",
      "de tesla, is dat een witte?", "mooi. kan ik morgen om 3 uur s middags een proefrit maken",
      "doe maar"],
     [mentions(1, EV_RANGE, CHARGING, why="both: range and charging"),
      only(1, [kona], "about the Kona", min=0),
      mentions(2, r"laadpaal|laadpunt|wallbox|thuislader|laden|installat", why="home charging is addressed"),
      mentions(3, any_car([id3, model3]), why="the other EVs ≤ € 25.000 are named"),
      only(3, ev25, "EVs ≤ € 25.000"),
      mentions(4, r"\bja\b|\bwit|white", why="the Model 3 is white: a yes"),
      only(4, [model3], "under 25k 'de tesla' is the Model 3", min=0),
      slots(5, "the free time asked for (Wed 2 Dec 15:00)", at=free(WED, 15)),
      appointment("end", "booked: Wednesday 15:00, the Model 3", at=free(WED, 15), car=car(model3)),
      handoff("end", False, DEALER_ONLY)])

# c09: a Seat Leon is not in stock; the Ibiza; "is dat een handbak?"; "klinkt goed"
not_stock("seat leon")
petrol15 = S(fuel="benzine", price_max=money(15000))
conv("c09-leon-niet-ibiza-handbak", "Bas Vermeer", "+31613570009",
     ["hebben jullie een seat leon of iets vergelijkbaars? benzine, max 15k",
      "jullie hebben toch ook een seat ibiza? welke kleur en hoeveel km", "en is dat een handbak?",
      "oké. zet m maar vrijdag om 9 uur voor me klaar", "klinkt goed"],
     [mentions(1, r"leon", NOT_IN_STOCK, why="names the Leon and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="what is shown is labelled as an alternative"),
      only(1, petrol15, "alternatives keep the wish: petrol, ≤ € 15.000"),
      mentions(2, colour(ibiza), km(ibiza), why=f"both: white and {fmt(CARS[ibiza]['km'])} km"),
      only(2, [ibiza], "about the Ibiza", min=0),
      mentions(3, MANUAL_YES, why="the Ibiza is a manual: a yes"),
      slots(4, "the free time asked for (Fri 4 Dec 09:00)", at=free(FRI, 9)),
      appointment("end", "booked: Friday 09:00, the Ibiza", at=free(FRI, 9), car=car(ibiza)),
      handoff("end", False, DEALER_ONLY)])

# c10: a RAV4 is not in stock; least km, cheapest; "die twee" compared; "14.00u"
not_stock("toyota rav4 hybride")
hyb_suv30 = S(body="suv", fuel="hybride", price_max=money(30000))
low_h30, cheap_h30 = best(hyb_suv30, "km"), best(hyb_suv30, "price")
assert (low_h30, cheap_h30) == (captur, niro_hev)
conv("c10-rav4-niet-captur-vs-niro", "Freek Lammers", "+31613570010",
     ["hebben jullie een toyota rav4 hybride? mag max 30 mille kosten", "welke van die heeft de minste km",
      "en welke is het goedkoopst?", "wat is het verschil tussen die twee?",
      "ik denk de renault. maandag om 14.00u proberen?", "dat is goed"],
     [mentions(1, r"rav ?-?4", NOT_IN_STOCK, why="names the RAV4 and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="alternatives are labelled"),
      only(1, hyb_suv30, "alternatives keep the wish: hybrid SUV ≤ € 30.000"),
      mentions(2, car(low_h30), why=f"fewest km: {title(low_h30)} ({fmt(CARS[low_h30]['km'])} km)"),
      only(2, top(hyb_suv30, "km", 3), "ranked by km over all matches"),
      mentions(3, name_or(cheap_h30, r"niro|kia", price(cheap_h30)),
               why=f"the cheapest is the {title(cheap_h30)} (€ {fmt(CARS[cheap_h30]['price'])})"),
      only(3, top(hyb_suv30, "price", 3), "ranked by price", min=0),
      mentions(4, fact(low_h30), fact(cheap_h30), why="facts of both cars (the least-km and the cheapest)"),
      only(4, [low_h30, cheap_h30], "exactly those two"),
      slots(5, "the free time asked for (Mon 7 Dec 14:00)", at=free(MON, 14)),
      appointment("end", "booked: Monday 14:00, the Captur", at=free(MON, 14), car=car(captur)),
      handoff("end", False, DEALER_ONLY)])

# c11: "om 1 uur s middags", "twee uur later", 👍, recall
conv("c11-2008-twee-uur-later", "Kevin Brouwers", "+31613570011",
     ["Kan ik woensdag om 1 uur s middags een proefrit maken met de Peugeot 2008?", "ja graag",
      "ow wacht dan moet ik nog werken, kan het twee uur later?", "👍",
      "even checken, hoe laat moet ik er zijn en welke dag was het?"],
     [slots(1, "the free time asked for (Wed 2 Dec 13:00)", at=free(WED, 13)),
      appointment(2, "after 'ja graag' Wednesday 13:00 is booked", at=free(WED, 13)),
      slots(3, "'twee uur later' is Wednesday 15:00", at=free(WED, 15)),
      appointment(4, "after 👍 the drive is at Wednesday 15:00", at=free(WED, 15)),
      mentions(5, at(15), day_re(WED), why="recalls: Wednesday 15:00"),
      appointment("end", "one drive: Wednesday 15:00, the 2008", at=free(WED, 15), car=car(p2008)),
      handoff("end", False, DEALER_ONLY)])

# c12: "een dag eerder", then "volgende week dezelfde tijd"
conv("c12-corsa-dag-eerder-volgende-week", "Nadia Bakker", "+31613570012",
     ["hoi ik wil de opel corsa automaat komen proberen, vrijdag om 11:00 kan dat?", "prima",
      "kan het ook een dag eerder?", "ja",
      "sorry toch niet handig deze week. doe dan maar volgende week dezelfde tijd", "oke top"],
     [slots(1, "the free time asked for (Fri 4 Dec 11:00)", at=free(FRI, 11)),
      appointment(2, "after 'prima' Friday 11:00 is booked", at=free(FRI, 11)),
      slots(3, "'een dag eerder' is Thursday 11:00", at=free(THU, 11)),
      appointment(4, "after 'ja' the drive is at Thursday 11:00", at=free(THU, 11)),
      slots(5, "'volgende week dezelfde tijd' is Thursday 10 Dec 11:00", at=free(THU2, 11)),
      appointment("end", "one drive: Thursday 10 Dec 11:00, the Corsa automaat", at=free(THU2, 11),
                  car=car(corsa_auto)),
      handoff("end", False, DEALER_ONLY)])

# c13: "een half uurtje later"; what to bring
conv("c13-mazda2-half-uurtje-later", "Romy Peters", "+31613570013",
     ["Goedemorgen, ik zou graag vandaag om 14:00 de Mazda 2 komen proefrijden", "is goed",
      "kan het een half uurtje later? om 2 uur red ik het niet", "ja doe maar", "moet ik nog iets meenemen?"],
     [slots(1, "the free time asked for (today 14:00)", at=free(TUE, 14)),
      appointment(2, "after 'is goed' today 14:00 is booked", at=free(TUE, 14)),
      mentions(3, r"14[:.]30|half ?(3|drie)|15[:.]00|\b15 ?uur|drie uur|\b3 uur",
               why="the later time is named: 14:30, or 15:00 when drives start on the hour"),
      slots(3, "today 14:30 or 15:00", date=TUE, hour_min=14, hour_max=15),
      slots(3, "only later times today are offered", all=True, date=TUE, hour_min=14),
      mentions(5, DRIVING_LICENCE, why="what to bring: the driving licence"),
      appointment("end", "one drive this afternoon (14:30 or 15:00), the Mazda 2", date=TUE, hour_min=14,
                  hour_max=15, car=car(mazda2)),
      handoff("end", False, DEALER_ONLY)])

# c14: "doe maar" books; a question in between; "zeg de afspraak maar af"
conv("c14-yaris-laat-maar-zitten", "Ton Scholten", "+31613570014",
     ["Kan ik zaterdag om 11u een proefrit doen in de Toyota Yaris?", "doe maar",
      "hoeveel km heeft ie eigenlijk gelopen? en is het een hybride?",
      "hmm dan laat ik het toch maar zitten, zeg de afspraak maar af", "bedankt he"],
     [slots(1, "the free time asked for (Sat 5 Dec 11:00)", at=free(SAT, 11)),
      appointment(2, "after 'doe maar' Saturday 11:00 is booked for the Yaris", at=free(SAT, 11), car=car(yaris)),
      mentions(3, km(yaris), YES_HYBRID, why=f"both: {fmt(CARS[yaris]['km'])} km and a yes (hybrid)"),
      appointment(4, "the drive is cancelled", exists=False),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      opted_out(4, False, "cancelling a drive is no opt-out"),
      no_fallback(5, "a thank-you is understood"),
      appointment("end", "nothing booked at the end", exists=False),
      opted_out("end", False, "never unsubscribed")])

# c15: "de witte polo"; "klinkt goed"; "afmelden voor zaterdag" is a cancellation, not an opt-out
conv("c15-witte-polo-afmelden-zaterdag", "Ilse van Dam", "+31613570015",
     ["is de witte polo nog beschikbaar?", "kan ik die zaterdag om 10 uur proberen?", "klinkt goed",
      "ik moet me toch afmelden voor zaterdag, er kwam iets tussen",
      "misschien volgende week, ik laat het nog weten"],
     [only(1, [polo_dsg], "the white Polo is the Highline DSG"),
      slots(2, "the free time asked for (Sat 5 Dec 10:00)", at=free(SAT, 10)),
      appointment(3, "after 'klinkt goed' Saturday 10:00 is booked for the Polo DSG", at=free(SAT, 10),
                  car=car(polo_dsg)),
      appointment(4, "'afmelden voor zaterdag' cancels the drive", exists=False),
      opted_out(4, False, "'afmelden voor zaterdag' is no opt-out"),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      no_fallback(5, "'misschien volgende week' is understood"),
      opted_out("end", False, "never unsubscribed"),
      appointment("end", "nothing booked at the end", exists=False)])

# c16: opt-out in new words; a thank-you afterwards
cheap8 = S(price_max=money(8000))
conv("c16-nummer-uit-bestand", "Sjoerd Postma", "+31613570016",
     ["hebben jullie nog een goedkoop autootje onder de 8000?",
      "laat maar, heb al wat gevonden. haal mijn nummer maar uit jullie bestand, ik wil geen appjes meer",
      "ok thx"],
     [only(1, cheap8, "cars of at most € 8.000"),
      opted_out(2, True, "'haal mijn nummer uit jullie bestand, geen appjes meer' unsubscribes"),
      mentions(2, OPTED_OUT_SAID, why="the opt-out is confirmed"),
      only(2, [], "no sales pitch in the opt-out confirmation", min=0),
      opted_out(3, True, "a thank-you is no consent to more messages"),
      only(3, [], "no sales pitch after the opt-out", min=0)])

# c17: "stop, doe toch maar geen diesel" (a look-alike), cheapest, then a real opt-out
dsw_ = S(body="stationwagen", fuel="diesel")
psw = S(body="stationwagen", fuel="benzine")
cheap_psw = best(psw, "price")
assert cheap_psw == one(model="Megane")
conv("c17-stop-geen-diesel-dan-niks-meer", "Anton Kuijpers", "+31613570017",
     ["zoek een stationwagen op diesel", "stop, doe toch maar geen diesel, liever benzine",
      "wat is de goedkoopste daarvan", "hmm eigenlijk wil ik niet meer benaderd worden. stuur me niks meer aub"],
     [only(1, dsw_, "diesel estates"),
      opted_out(2, False, "'stop, doe toch maar geen diesel' corrects the search; it is no opt-out"),
      only(2, psw, "the search is now petrol estates"),
      mentions(3, car(cheap_psw), why=f"cheapest petrol estate: {title(cheap_psw)} (€ {fmt(CARS[cheap_psw]['price'])})"),
      only(3, top(psw, "price", 2), "ranked by price"),
      opted_out(4, True, "'stuur me niks meer' unsubscribes"),
      mentions(4, OPTED_OUT_SAID, why="the opt-out is confirmed"),
      only(4, [], "no sales pitch in the opt-out confirmation", min=0)])

# c18: "aanmelden voor een seintje" and "stop maar met zoeken" are no opt-out; a Kona is already there
ev_suv25 = S(fuel="elektrisch", body="suv", price_max=money(25000))
assert ev_suv25 == [kona]
conv("c18-seintje-kona-stop-zoeken", "Mirjam Zwart", "+31613570018",
     ["kan ik me ergens aanmelden zodat ik een seintje krijg als er een elektrische suv onder de 25k binnenkomt?",
      "en hebben jullie er nu eentje staan?",
      "hoeveel km en welk bouwjaar? en hoe ver kom je op een lading?",
      "dan hoef ik me dus nergens in te schrijven haha. stop maar met zoeken, ik kom woensdag om 4 uur kijken",
      "👍"],
     [opted_out(1, False, "asking to be told about new cars is the opposite of an opt-out"),
      no_fallback(1, "the request is understood"),
      only(1, ev_suv25, "if a car is shown, the electric SUV ≤ € 25.000", min=0),
      only(2, ev_suv25, "the Kona Electric is in stock now"),
      mentions(3, km(kona), year(kona), EV_RANGE, why=f"all three: {fmt(CARS[kona]['km'])} km, {CARS[kona]['year']}, the range"),
      opted_out(4, False, "'stop maar met zoeken' is no opt-out"),
      slots(4, "the free time asked for (Wed 2 Dec 16:00)", at=free(WED, 16)),
      appointment("end", "booked: Wednesday 16:00, the Kona", at=free(WED, 16), car=car(kona)),
      opted_out("end", False, "never unsubscribed")])

# c19: a complaint about a car bought earlier (a model not in stock)
not_stock("skoda fabia")
conv("c19-klacht-fabia-rammelt", "Ellen Vos", "+31613570019",
     ["goedemiddag. in oktober een skoda fabia bij jullie gekocht, rammelt aan alle kanten en niemand belt me terug. dit is echt niet ok",
      "hallo??"],
     [handoff(1, True, "a complaint goes to a person"),
      mentions(1, APOLOGY, why="the complaint is met with an apology"),
      not_mentions(1, NO_PITCH, why="no sales pitch to a complaining customer"),
      only(1, [], "no stock cars offered", min=0),
      handoff("end", True, "still handed over")])

# c20: an ask to be called by a salesperson
conv("c20-bmw-touring-bellen", "Ruben Koster", "+31613570020",
     ["hoi, is de bmw 3 serie touring nog te koop?",
      "ik wil daar liever even met iemand over bellen, kan een verkoper me vanmiddag bellen?"],
     [only(1, [bmw3], "the 3 Serie Touring"),
      handoff(2, True, "an explicit ask for a person is handed over"),
      replied(2, "the handover is announced"),
      mentions(2, PERSON, why="says a person will call")])

# c21: "die grijze citroen c4"; km + gearbox; room on the price; "18k en hij is van mij"
conv("c21-c4-18k-van-mij", "Jeroen Hofman", "+31613570021",
     ["die grijze citroen c4, wat is de vraagprijs?", "hoeveel km en is het een automaat?",
      "zit er nog wat rek in de prijs?", "18k en hij is van mij"],
     [mentions(1, price(c4), why=f"the C4 costs € {fmt(CARS[c4]['price'])}"),
      only(1, [c4], "the C4 (its price is shared with the C-HR)"),
      mentions(2, km(c4), YES_AUTO, why=f"both: {fmt(CARS[c4]['km'])} km and a yes (EAT8 automatic)"),
      no_fallback(3, "haggling is understood"),
      mentions(3, NEGOTIATE, why="answers about the price / a salesperson"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      no_fallback(4, f"an offer of € {fmt(money(18000))} is understood"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      only(4, [c4], "the offer is for the C4", min=0)])

# c22: "die zwarte opel"; "doe 14 en we zijn eruit"; then buying at the asking price
conv("c22-zwarte-opel-doe-14", "Patrick Mulder", "+31613570022",
     ["goeiemorgen, staat die zwarte opel nog?", "welk bouwjaar en hoeveel kilometer?",
      "doe 14 en we zijn eruit",
      "en anders wil ik hem evengoed kopen voor de vraagprijs. hoe gaat dat verder?"],
     [only(1, [astra], "the black Opel is the Astra"),
      mentions(2, year(astra), km(astra), why=f"both: {CARS[astra]['year']} and {fmt(CARS[astra]['km'])} km"),
      no_fallback(3, f"'doe 14' is an offer of € {fmt(money(14000))}, not a time"),
      mentions(3, OFFER_HANDLED, why="the offer is taken up (passed on)"),
      only(3, [astra], "the offer is for the Astra", min=0),
      not_mentions(3, r"(?<![\d.,])14[:.]00(?!\d|[.,]\d)|\b14 ?uur", why="'doe 14' is no appointment at 14:00"),
      mentions(4, BUY, why="the next steps of buying"),
      only(4, [astra], "about the Astra", min=0)])

# c23: three questions in one; "ik neem hem"
conv("c23-q3-ik-neem-hem", "Claudia Meijer", "+31613570023",
     ["Is de Audi Q3 er nog?", "welke kleur, hoeveel km, en is het een benzine?",
      "prima, ik neem hem. kan ik hem reserveren tot zaterdag?"],
     [only(1, [q3], "the Q3"),
      mentions(2, colour(q3), km(q3), YES_PETROL, why=f"all three: white, {fmt(CARS[q3]['km'])} km, petrol"),
      no_fallback(3, "purchase intent is understood"),
      mentions(3, BUY, why="reserving / the next steps of buying"),
      only(3, [q3], "about the Q3", min=0)])

# c24: two Tiguans compared; "welke heeft 4x4"; "die andere"; financing; "rond 1 uur"
conv("c24-tiguans-die-andere-financieren", "Mehmet Aydin", "+31613570024",
     ["jullie hebben 2 tiguans toch? wat is het verschil tussen die twee", "welke van de twee heeft 4x4?",
      "en die andere, hoeveel heeft die gereden?", "wat kost die benzine per maand ongeveer als ik financier?",
      "ik kom hem zaterdag rond 1 uur bekijken", "dat is goed"],
     [mentions(1, fact(tiguan_tsi), fact(tiguan_tdi), r"diesel|tdi|benzine|tsi",
               why="facts of both and the real difference (petrol vs diesel)"),
      only(1, [tiguan_tsi, tiguan_tdi], "exactly the two Tiguans", min=2),
      mentions(2, r"tdi|diesel|4 ?motion|2\.0|zwart", why="the 4Motion is the 2.0 TDI"),
      mentions(3, km(tiguan_tsi), why=f"'die andere' is the 1.5 TSI: {fmt(CARS[tiguan_tsi]['km'])} km"),
      only(3, [tiguan_tsi], "about the TSI", min=0),
      mentions(4, FINANCE, why="the monthly cost is addressed"),
      mentions(4, WARNING, why="'Geld lenen kost geld'"),
      slots(5, "'rond 1 uur' on Saturday is 13:00", at=free(SAT, 13)),
      appointment("end", "booked: Saturday 13:00, the Tiguan 1.5 TSI", at=free(SAT, 13), car=car(tiguan_tsi))])

# c25: manual hatchbacks <= 11k; newest; "die rode ford"; "en de citroen?"; "volgende week dinsdag"; "yes"
mh11 = S(gearbox="handgeschakeld", body="hatchback", price_max=money(11000))
new_mh11 = best(mh11, "year", reverse=True)
assert new_mh11 == c3 and S(make="Ford", color="rood", price_max=11000) == [fiesta]
conv("c25-handbak-rode-ford-citroen", "Lisa Smeets", "+31613570025",
     ["heb je nog een handgeschakelde hatchback tot 11 duizend?", "welke is de nieuwste?",
      "die rode ford, hoeveel km heeft die?", "en de citroen?",
      "doe de citroen maar. volgende week dinsdag om 11 uur?", "yes"],
     [only(1, mh11, "manual hatchbacks ≤ € 11.000", min=2),
      mentions(2, car(new_mh11), year(new_mh11), why=f"newest: {title(new_mh11)} ({CARS[new_mh11]['year']})"),
      only(2, top(mh11, "year", 2, reverse=True), "ranked by year over all matches"),
      mentions(3, km(fiesta), why=f"the red Ford is the Fiesta: {fmt(CARS[fiesta]['km'])} km"),
      only(3, [fiesta], "about the Fiesta", min=0),
      mentions(4, km(c3), why=f"'en de citroen?' asks the km of the C3: {fmt(CARS[c3]['km'])}"),
      only(4, [c3, fiesta], "the C3 (the Fiesta may be compared)", min=0),
      slots(5, "the free time asked for (Tue 8 Dec 11:00)", at=free(TUE2, 11)),
      appointment("end", "booked: Tuesday 8 Dec 11:00, the C3", at=free(TUE2, 11), car=car(c3)),
      handoff("end", False, DEALER_ONLY)])

# c26: hybrids <= 25k, cheapest; replaced by hybrid estates; least km; "en qua bouwjaar?"; "is goed zo"
hyb25 = S(fuel="hybride", price_max=money(25000))
hyb_sw25 = S(fuel="hybride", body="stationwagen", price_max=25000)
cheap_h25, low_hsw = best(hyb25, "price"), best(hyb_sw25, "km")
assert (cheap_h25, low_hsw) == (yaris, corolla)
conv("c26-hybride-dan-stationwagen-honden", "Wendy Koopman", "+31613570026",
     ["ik zoek een hybride, max 25k", "welke is het goedkoopst?",
      "oh wacht het moet wel een stationwagen zijn, we hebben 2 honden", "welke heeft het minst gereden?",
      "en qua bouwjaar?", "top, de toyota wil ik vrijdagmiddag om 4 uur proefrijden", "is goed zo"],
     [only(1, hyb25, "hybrids ≤ € 25.000", min=2),
      mentions(2, car(cheap_h25), why=f"cheapest: {title(cheap_h25)} (€ {fmt(CARS[cheap_h25]['price'])})"),
      only(2, top(hyb25, "price", 3), "ranked by price over all matches"),
      only(3, hyb_sw25, "the body is replaced: hybrid estates ≤ € 25.000"),
      mentions(4, car(low_hsw), why=f"fewer km: {title(low_hsw)} ({fmt(CARS[low_hsw]['km'])} km)"),
      only(4, hyb_sw25, "within the hybrid estates"),
      mentions(5, year(low_hsw), why=f"the Corolla is from {CARS[low_hsw]['year']}"),
      only(5, hyb_sw25, "within the hybrid estates", min=0),
      slots(6, "the free time asked for (Fri 4 Dec 16:00)", at=free(FRI, 16)),
      appointment("end", "booked: Friday 16:00, the Corolla", at=free(FRI, 16), car=car(corolla)),
      handoff("end", False, DEALER_ONLY)])

# c27: automatics <= 13k; widened to any gearbox with few km; the three lowest; "de tweede", "en de eerste?"
auto13, all13 = S(gearbox="automaat", price_max=money(13000)), S(price_max=13000)
low3 = top(all13, "km", 3)
assert len(low3) == 3 and low3[0] == swift and low3[1] == micra
conv("c27-automaat-hoeft-niet-rijtje-km", "Hans Dijkman", "+31613570027",
     ["zoek een automaat tot 13.000",
      "hoeft eigenlijk geen automaat hoor, als ie maar weinig km heeft. zet de 3 met de minste km eens op een rij",
      "de tweede, welke kleur heeft die en welk bouwjaar?", "en de eerste?",
      "doe die eerste maar. kan ik morgen na vijven even langs?", "dat is goed"],
     [only(1, auto13, "automatics ≤ € 13.000", min=2),
      mentions(2, car(swift), why=f"widened, fewest km first: {title(swift)} ({fmt(CARS[swift]['km'])} km)"),
      only(2, low3, "the three with the fewest km ≤ € 13.000, any gearbox", min=2),
      mentions(3, colour(micra), year(micra), why=f"the second is the {title(micra)}: blue, {CARS[micra]['year']}"),
      only(3, [micra], "about the Micra", min=0),
      mentions(4, colour(swift), why="the first is the Swift: red"),
      only(4, [swift, micra], "the Swift (the Micra may be compared)", min=0),
      slots(5, "'morgen na vijven' is Wednesday 17:00", at=free(WED, 17)),
      appointment("end", "booked: Wednesday 17:00, the Swift", at=free(WED, 17), car=car(swift)),
      handoff("end", False, DEALER_ONLY)])

# c28: automatic hatchbacks < 17k; "die van 11.450"; budget to 20k; newest; "de peugeot"; "morgen half 4"
ah17, ah20 = (S(gearbox="automaat", body="hatchback", price_max=money(17000)),
              S(gearbox="automaat", body="hatchback", price_max=20000))
new_ah20 = best(ah20, "year", reverse=True)
assert new_ah20 == picanto_gt and S(make="Peugeot", gearbox="automaat", body="hatchback") == [one(model="208")]
p208 = one(model="208")
conv("c28-automaat-11450-peugeot-half-4", "Sabine Groen", "+31613570028",
     ["hoi, zoek een automaat, hatchback, onder de 17k", "die van 11.450, hoe oud is die?",
      "te oud. budget mag naar 20k als het moet", "welke is de nieuwste?",
      "die is vast heel klein. de peugeot dan, welke kleur en hoeveel km?", "morgen half 4?", "doe maar 4 uur"],
     [only(1, ah17, "automatic hatchbacks under € 17.000", min=2),
      mentions(2, year(corsa_auto), why=f"the one at € 11.450 is the {title(corsa_auto)}: {CARS[corsa_auto]['year']}"),
      only(2, [corsa_auto], "about the Corsa", min=0),
      only(3, ah20, "automatic hatchbacks ≤ € 20.000 (budget raised)", min=2),
      mentions(4, name_or(new_ah20, "picanto", year(new_ah20), km(new_ah20)),
               why=f"newest: {title(new_ah20)} ({CARS[new_ah20]['year']})"),
      only(4, top(ah20, "year", 2, reverse=True), "ranked by year", min=0),
      mentions(5, colour(p208), km(p208), why=f"the 208: blue, {fmt(CARS[p208]['km'])} km"),
      only(5, [p208], "about the 208", min=0),
      slots(6, "'morgen half 4': Wednesday 15:00 or 16:00 (or 15:30)", date=WED, hour_min=15, hour_max=16),
      appointment("end", "booked: Wednesday 16:00, the 208", at=free(WED, 16), car=car(p208)),
      handoff("end", False, DEALER_ONLY)])

# c29: SUVs between 20 and 25k, dearest; replaced by estates; "de skoda"; "en de andere?"; buying
suv2025 = S(body="suv", price_min=20000, price_max=25000)
sw2025 = S(body="stationwagen", price_min=20000, price_max=25000)
dear = best(suv2025, "price", reverse=True)
assert dear == p3008 and sorted(sw2025) == sorted([passat, octavia_tsi])
conv("c29-suv-duurste-dan-combi-passat-kopen", "Marco Hendriks", "+31613570029",
     ["wat voor suv's hebben jullie tussen de 20 en 25 duizend?", "wat is de duurste daarvan?",
      "nee toch geen suv, doe maar een stationwagen in die prijsklasse", "de skoda, is dat een automaat en hoeveel km?",
      "en de andere?", "ik wil de passat kopen. hoe gaat dat verder?"],
     [only(1, suv2025, "SUVs € 20.000-25.000", min=2),
      mentions(2, car(dear), why=f"the dearest: {title(dear)} (€ {fmt(CARS[dear]['price'])})"),
      only(2, top(suv2025, "price", 2, reverse=True), "ranked by price"),
      only(3, sw2025, "the body is replaced: estates € 20.000-25.000"),
      mentions(4, YES_AUTO, km(octavia_tsi), why=f"the Octavia: automatic (DSG), {fmt(CARS[octavia_tsi]['km'])} km"),
      only(4, [octavia_tsi], "about the Octavia", min=0),
      mentions(5, YES_AUTO + r"|\book\b", km(passat), why=f"'en de andere?' asks the same of the Passat: automatic, {fmt(CARS[passat]['km'])} km"),
      only(5, sw2025, "the Passat (the Octavia may be compared)", min=0),
      mentions(6, BUY, why="the next steps of buying"),
      only(6, [passat], "about the Passat", min=0)])

# c30: three questions in one; "en de kleur?"; "om 3 uur s middags" + what to bring; closing time that day
conv("c30-v40-drie-vragen-kleur", "Frans Wijnen", "+31613570030",
     ["Hoi! Die Volvo V40, wat kost ie, van welk jaar is ie en hoeveel km staan erop?", "en de kleur?",
      "kan ik m vrijdag om 3 uur s middags proefrijden? en moet ik iets meenemen?", "dat is goed",
      "zijn jullie die dag tot 6 open? dan kijk ik daarna nog even rond"],
     [mentions(1, price(v40), year(v40), km(v40),
               why=f"all three: € {fmt(CARS[v40]['price'])}, {CARS[v40]['year']}, {fmt(CARS[v40]['km'])} km"),
      only(1, [v40], "the V40 (its price is shared)"),
      mentions(2, colour(v40), why="the V40 is silver"),
      slots(3, "the free time asked for (Fri 4 Dec 15:00)", at=free(FRI, 15)),
      mentions(3, DRIVING_LICENCE, why="what to bring: the driving licence"),
      appointment(4, "after 'dat is goed' Friday 15:00 is booked", at=free(FRI, 15), car=car(v40)),
      mentions(5, SAT_CLOSE + r"|\bja\b", why="open until 18:00 that Friday"),
      appointment("end", "still booked: Friday 15:00", at=free(FRI, 15)),
      handoff("end", False, DEALER_ONLY)])

# c31: warranty, APK and trade-in in one message; own Opel Corsa while a Corsa automaat is for sale
not_stock("opel corsa uit 2009")
ah15 = S(gearbox="automaat", body="hatchback", price_max=money(15000))
assert corsa_auto in ah15
conv("c31-garantie-apk-inruil-eigen-corsa", "Yvonne Lambrechts", "+31613570031",
     ["paar vragen: krijg ik garantie op een occasion, is de apk dan nieuw en nemen jullie ook inruil?",
      "mijn inruil is een opel corsa uit 2009. wat hebben jullie aan kleine automaatjes tot 15k?",
      "die mazda, welke kleur en welk bouwjaar?",
      "ok, donderdag om 10 uur kijken? dan neem ik de corsa mee voor taxatie", "👌"],
     [mentions(1, WARRANTY, APK, TRADE_IN, why="all three: warranty, APK, trade-in"),
      only(2, ah15, "small automatics ≤ € 15.000 (the Corsa automaat for sale may be among them)"),
      mentions(3, colour(mazda2), year(mazda2), why=f"the Mazda 2: red, {CARS[mazda2]['year']}"),
      only(3, [mazda2], "about the Mazda 2", min=0),
      slots(4, "the free time asked for (Thu 3 Dec 10:00)", at=free(THU, 10)),
      appointment("end", "booked: Thursday 10:00 in the Mazda 2, not the Corsa", at=free(THU, 10), car=car(mazda2)),
      handoff("end", False, DEALER_ONLY)])

# c32: a Golf automaat wanted, own Polo (a model the stock has) traded in; "die goedkopere"; "14.00u"
not_stock("heb een polo uit 2011 om in te ruilen")
cheap_ga = best(golf_auto, "price")
assert cheap_ga == golf15
conv("c32-golf-automaat-polo-inruil", "Gijs Verhoeven", "+31613570032",
     ["hallo ik zoek een golf automaat, heb een polo uit 2011 om in te ruilen", "welke is goedkoper?",
      "wat geven jullie ongeveer voor mijn polo? 140dkm, nette staat",
      "ok dan kom ik zaterdag 14.00u met de polo langs en rij ik meteen een rondje in die goedkopere", "is goed"],
     [only(1, golf_auto, "automatic Golfs; the Polo is the customer's own car"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      mentions(2, car(cheap_ga) + "|" + price(cheap_ga), why=f"the cheaper: {title(cheap_ga)} (€ {fmt(CARS[cheap_ga]['price'])})"),
      only(2, golf_auto, "the automatic Golfs"),
      mentions(3, VALUATION, why="the valuation is addressed"),
      only(3, golf_auto, "no Polo search results", min=0),
      slots(4, "the free time asked for (Sat 5 Dec 14:00)", at=free(SAT, 14)),
      appointment("end", "booked: Saturday 14:00 in the Golf 1.5 Life, not the Polo", at=free(SAT, 14),
                  car=car(golf15)),
      handoff("end", False, DEALER_ONLY)])

# c33: Sunday and 24/31 December; a Sunday drive asked for; Saturday the 12th instead
conv("c33-zondag-feestdagen-micra", "Annemiek Bos", "+31613570033",
     ["zijn jullie op zondag open? en hoe zit het met 24 en 31 december?",
      "ok. kan ik dan zondag de 13e een proefrit maken in de nissan micra?", "zaterdag de 12e om 10 uur dan",
      "dat is goed"],
     [mentions(1, r"zondag", r"gesloten|dicht|niet open|closed", why="Sunday: closed"),
      mentions(1, r"kerstavond|oudejaar|24 dec|31 dec|24 en 31|feestdag", why="24 and 31 December by name"),
      mentions(2, r"zondag|gesloten|dicht", why="says Sunday is not possible"),
      slots(2, "other times are offered"),
      slots(2, "no Sunday is offered or booked", all=True, weekday=["mon", "tue", "wed", "thu", "fri", "sat"]),
      slots(3, "the free time asked for (Sat 12 Dec 10:00)", at=free(SAT2, 10)),
      appointment("end", "booked: Saturday 12 Dec 10:00, the Micra", at=free(SAT2, 10), car=car(micra)),
      handoff("end", False, DEALER_ONLY)])

# c34: "prima!"; where and what time; "schrap die afspraak maar"
conv("c34-1serie-waar-hoe-laat-schrappen", "Thijs Kuiper", "+31613570034",
     ["goedemorgen, ik wil de bmw 1 serie graag proefrijden. kan dat maandag om 11:00?", "prima!",
      "waar moet ik precies zijn en hoe laat was het ook alweer?",
      "ah balen, maandag lukt toch niet. schrap die afspraak maar, ik app later wel weer"],
     [slots(1, "the free time asked for (Mon 7 Dec 11:00)", at=free(MON, 11)),
      appointment(2, "after 'prima!' Monday 11:00 is booked for the 1 Serie", at=free(MON, 11), car=car(bmw1)),
      mentions(3, ADDRESS, at(11), why="both: the address and 11:00"),
      appointment(4, "the drive is cancelled", exists=False),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      opted_out(4, False, "cancelling is no opt-out")])

# c35: times at once; "de laatste graag"; price again + servicing
conv("c35-i20-de-laatste-onderhoud", "Esther Jansen", "+31613570035",
     ["is de hyundai i20 er nog?", "wanneer kan ik m komen proberen?", "de laatste graag",
      "en wat kost ie ook alweer? en kunnen jullie later ook het onderhoud doen?"],
     [only(1, [i20], "the i20"),
      slots(2, "'wanneer kan ik…' with one car in focus gets times at once"),
      appointment(3, "'de laatste' books the last time offered, for the i20", offered_index=-1, car=car(i20)),
      mentions(4, price(i20), SERVICING, why=f"both: € {fmt(CARS[i20]['price'])} and servicing"),
      only(4, [i20], "about the i20 (its price is shared)", min=0),
      handoff("end", False, DEALER_ONLY)])

# c36: times at once; "de 2e"; range + home charging in one message
conv("c36-niro-ev-de-2e-laden", "Koen de Lange", "+31613570036",
     ["hoi, kan ik een keer de kia niro ev komen proefrijden? wanneer hebben jullie plek?", "de 2e",
      "hoe ver kom ik eigenlijk met een volle accu? en kan ik thuis gewoon laden?", "top bedankt"],
     [slots(1, "a test-drive request with one car in focus gets times at once"),
      appointment(2, "'de 2e' books the second time offered, for the Niro EV", offered_index=2, car=car(niro_ev)),
      mentions(3, EV_RANGE, CHARGING, why="both: range and home charging"),
      no_fallback(4, "a thank-you is understood"),
      appointment("end", "still booked: the second time offered", offered_index=2, offer_before=2, car=car(niro_ev)),
      handoff("end", False, DEALER_ONLY)])

# c37: "STOP ik bedoel hybride" (a look-alike); least km; "registreren"; "woensdag 11 uur"; "ja prima"
ev30, hyb30 = S(fuel="elektrisch", price_max=money(30000)), S(fuel="hybride", price_max=30000)
low_h30b = best(hyb30, "km")
assert low_h30b == captur
conv("c37-stop-ik-bedoel-hybride-registreren", "Laura Mertens", "+31613570037",
     ["ik zoek een elektrische auto tot 30 mille", "STOP ik bedoel hybride, niet elektrisch",
      "welke heeft de minste km", "en moet ik me ergens registreren voor een proefrit?", "woensdag 11 uur",
      "ja prima"],
     [only(1, ev30, "EVs ≤ € 30.000", min=2),
      opted_out(2, False, "'STOP ik bedoel…' corrects the search; it is no opt-out"),
      only(2, hyb30, "the search is now hybrids ≤ € 30.000"),
      mentions(3, car(low_h30b), why=f"fewest km: {title(low_h30b)} ({fmt(CARS[low_h30b]['km'])} km)"),
      only(3, top(hyb30, "km", 3), "ranked by km over all hybrids ≤ € 30.000"),
      opted_out(4, False, "'registreren' is no opt-out"),
      no_fallback(4, "the question is understood"),
      mentions(4, r"proefrit|afspraak|inplannen|plannen|wanneer|tijd", why="the test drive is offered/planned here"),
      slots(5, "the free time asked for (Wed 2 Dec 11:00)", at=free(WED, 11)),
      appointment("end", "booked: Wednesday 11:00, the Captur", at=free(WED, 11), car=car(captur)),
      opted_out("end", False, "never unsubscribed")])

# c38: a voice-to-text run-on "vertel eens wat meer"; lowest price; a cash offer
conv("c38-witte-x1-vertel-meer-cash", "Bianca Evers", "+31613570038",
     ["hallo ik heb op jullie site die witte bmw x1 gezien vertel eens wat meer over die auto want we twijfelen nog een beetje of het wat is voor ons met twee kleine kinderen",
      "wat is de laagste prijs die je kan doen", "ik heb 18.500 cash liggen dan rij ik m vandaag nog mee"],
     [mentions(1, year(x1), km(x1), r"automaat|automatic|benzine|petrol",
               why=f"'vertel meer': {CARS[x1]['year']}, {fmt(CARS[x1]['km'])} km, automatic petrol"),
      only(1, [x1], "the X1"),
      no_fallback(2, "haggling is understood"),
      mentions(2, NEGOTIATE, why="answers about the price / a salesperson"),
      not_mentions(2, INVENTED_DISCOUNT, why="no invented discount"),
      no_fallback(3, f"an offer of € {fmt(money(18500))} is understood"),
      mentions(3, OFFER_HANDLED, why="the offer is taken up (passed on)"),
      only(3, [x1], "the offer is for the X1", min=0)])

# ============================================================================================================
# English
# ============================================================================================================
# c39: automatic estates < 25k; newest and cheapest in one message; miles; "no diesel anyway"; "2pm"
aes25 = S(gearbox="automaat", body="stationwagen", price_max=money(25000))
new_aes, cheap_aes = best(aes25, "year", reverse=True), best(aes25, "price")
assert (new_aes, cheap_aes) == (octavia_tsi, a4)
conv("c39-en-estate-newest-cheapest-2pm", "Tom Harris", "+447700900301",
     ["Hi, looking for an automatic estate under 25k", "which one's the newest? and which is cheapest?",
      "the audi is a diesel right? how many miles has it done?",
      "that's a lot. forget the audi, rather no diesel anyway. can I test drive the skoda on monday at 2pm?",
      "yes please"],
     [language(1, "en", "English in, English out"),
      only(1, aes25, "automatic estates ≤ € 25.000", min=2),
      mentions(2, name_or(new_aes, r"octavia|skoda", year(new_aes), price(new_aes)),
               why=f"newest: {title(new_aes)} ({CARS[new_aes]['year']})"),
      mentions(2, car(cheap_aes), why=f"cheapest: {title(cheap_aes)} (€ {fmt(CARS[cheap_aes]['price'])})"),
      only(2, top(aes25, "year", 2, reverse=True) + top(aes25, "price", 2), "ranked, not the list again"),
      language(2, "en", "English"),
      mentions(3, YES_DIESEL, km(a4), why=f"a yes, and its mileage ({fmt(CARS[a4]['km'])} km)"),
      language(3, "en", "English"),
      slots(4, "the free time asked for (Mon 7 Dec 14:00)", at=free(MON, 14)),
      language(4, "en", "English"),
      appointment("end", "booked: Monday 14:00, the Octavia", at=free(MON, 14), car=car(octavia_tsi)),
      handoff("end", False, DEALER_ONLY)])

# c40: the C-HR; part-exchange of a Toyota (a make the stock has); mileage + hybrid; an offer
not_stock("2014 Toyota Auris")
conv("c40-en-chr-part-exchange-auris", "Rachel Green", "+447700900302",
     ["Hi there, is the Toyota C-HR still for sale? I'd like to part-exchange my 2014 Toyota Auris",
      "what year and mileage? and it's a hybrid, isn't it?",
      "how does the part exchange work, do you need to see my car first?",
      "would you do 18k for the C-HR if you take my auris as well?"],
     [only(1, [chr_], "the C-HR (the Auris is the customer's own car)"),
      mentions(1, TRADE_IN, why="the part-exchange is acknowledged"),
      language(1, "en", "English"),
      mentions(2, year(chr_), km(chr_), YES_HYBRID, why=f"all three: {CARS[chr_]['year']}, {fmt(CARS[chr_]['km'])} km, hybrid"),
      language(2, "en", "English"),
      mentions(3, TRADE_IN, TRADE_STEPS, why="how the part-exchange works"),
      only(3, [chr_], "no Toyota search results for the Auris", min=0),
      language(3, "en", "English"),
      no_fallback(4, f"an offer of € {fmt(money(18000))} is understood"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on)"),
      only(4, [chr_], "the offer is for the C-HR", min=0),
      language(4, "en", "English")])

# c41: warranty + BOVAG; delivery; Boxing Day; parking
conv("c41-en-warranty-delivery-boxing-day", "Ian Murphy", "+31613570041",
     ["Hello, do you give a warranty on your used cars? and are you BOVAG members?",
      "can you deliver a car to Utrecht or do I have to collect it myself?", "are you open on boxing day?",
      "cheers. and is there somewhere to park when I come over?"],
     [mentions(1, WARRANTY, r"bovag", why="both: warranty and BOVAG"),
      language(1, "en", "English"),
      mentions(2, DELIVERY, why="delivery is addressed"),
      language(2, "en", "English"),
      mentions(3, r"boxing|christmas|26(th)? dec|dec(ember)? 26|holiday", why="Boxing Day is addressed by name"),
      mentions(4, PARKING, why="parking is addressed"),
      language(4, "en", "English"),
      handoff("end", False, DEALER_ONLY)])

# c42: Model Y range; charging + price in one; "11am"; "sounds good"; "an hour earlier"
conv("c42-en-model-y-hour-earlier", "Sophie Turner", "+447700900303",
     ["hi! do you have a tesla model y? what range does it get?", "how fast does it charge, and what's the price?",
      "can I come and see it on thursday at 11am?", "sounds good",
      "actually could we make it an hour earlier?", "great, cheers"],
     [only(1, [model_y], "the Model Y"),
      mentions(1, EV_RANGE, why="the range is addressed"),
      language(1, "en", "English"),
      mentions(2, CHARGING, price(model_y), why=f"both: charging and € {fmt(CARS[model_y]['price'])}"),
      only(2, [model_y], "about the Model Y (its price is shared)", min=0),
      language(2, "en", "English"),
      slots(3, "the free time asked for (Thu 3 Dec 11:00)", at=free(THU, 11)),
      appointment(4, "after 'sounds good' Thursday 11:00 is booked", at=free(THU, 11)),
      slots(5, "'an hour earlier' is Thursday 10:00", at=free(THU, 10)),
      appointment("end", "one drive: Thursday 10:00, the Model Y", at=free(THU, 10), car=car(model_y)),
      handoff("end", False, DEALER_ONLY)])

# c43: a complaint asking for a manager
not_stock("Renault Scenic")
conv("c43-en-complaint-tyres-manager", "Gary Wilson", "+447700900304",
     ["Hi, I bought a car from you last month (a Renault Scenic) and I was promised new tyres which were never fitted. I'd like to speak to a manager please.",
      "hello?"],
     [handoff(1, True, "a complaint and an ask for a manager go to a person"),
      mentions(1, APOLOGY, why="an apology"),
      language(1, "en", "English"),
      not_mentions(1, NO_PITCH, why="no sales pitch"),
      only(1, [], "no stock cars offered", min=0),
      handoff("end", True, "still handed over")])

# c44: "stop, I meant…" (a look-alike); fewest miles; then a real unsubscribe; thanks afterwards
petrol10 = S(fuel="benzine", price_max=money(10000))
auto13en = S(gearbox="automaat", price_max=13000)
low_a13 = best(auto13en, "km")
assert low_a13 == corsa_auto
conv("c44-en-stop-i-meant-unsubscribe", "Chloe Evans", "+447700900305",
     ["Do you have any small petrol cars under 10k?", "stop, I meant under 13k, and it has to be an automatic",
      "which one has done the fewest miles?", "ok thanks. please unsubscribe me from your messages now",
      "thank you"],
     [only(1, petrol10, "petrol cars ≤ € 10.000", min=2),
      language(1, "en", "English"),
      opted_out(2, False, "'stop, I meant…' corrects the search; it is no opt-out"),
      only(2, auto13en, "automatics ≤ € 13.000"),
      mentions(3, name_or(low_a13, r"corsa|opel", km(low_a13)),
               why=f"fewest km: {title(low_a13)} ({fmt(CARS[low_a13]['km'])} km)"),
      only(3, top(auto13en, "km", 2), "ranked by mileage", min=0),
      language(3, "en", "English"),
      opted_out(4, True, "'unsubscribe me' unsubscribes"),
      mentions(4, OPTED_OUT_SAID, why="the opt-out is confirmed"),
      only(4, [], "no sales pitch in the opt-out confirmation", min=0),
      opted_out(5, True, "a thank-you is no consent to more messages"),
      only(5, [], "no sales pitch after the opt-out", min=0)])

# c45: "around 2"; "2pm works"; address + time; "please cancel it"
conv("c45-en-mini-around-2-cancel", "Oliver Shaw", "+447700900306",
     ["Hi, can I book a test drive in the Mini Cooper on Saturday around 2?", "2pm works",
      "what's your address again, and what time was it?", "Something came up, please cancel it"],
     [slots(1, "'around 2' on Saturday: 13:00-15:00", date=SAT, hour_min=13, hour_max=15),
      appointment(2, "booked: Saturday 14:00, the Mini", at=free(SAT, 14), car=car(one(model="Cooper"))),
      mentions(3, ADDRESS, at(14), why="both: the address and 14:00"),
      language(3, "en", "English"),
      appointment(4, "the drive is cancelled", exists=False),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      opted_out(4, False, "cancelling is no opt-out")])

# c46: automatic petrol/hybrid SUVs < 20k; lowest mileage; compared with "the nissan"; "friday 10am"
suv_ph20 = S(body="suv", gearbox="automaat", fuel=("benzine", "hybride"), price_max=money(20000))
low_ph = best(suv_ph20, "km")
assert low_ph == p2008 and qashqai in suv_ph20 and CARS[p2008]["year"] == CARS[qashqai]["year"]
conv("c46-en-suv-lowest-mileage-vs-nissan", "Daniel Price", "+31613570046",
     ["Looking for an automatic SUV under 20k, petrol or hybrid", "which one has the lowest mileage?",
      "how does it compare to the nissan?", "I'll go with the peugeot. friday 10am ok?", "perfect"],
     [only(1, suv_ph20, "automatic petrol/hybrid SUVs ≤ € 20.000 (no EV, no manual)", min=2),
      language(1, "en", "English"),
      mentions(2, car(low_ph), why=f"lowest mileage: {title(low_ph)} ({fmt(CARS[low_ph]['km'])} km)"),
      only(2, top(suv_ph20, "km", 3), "ranked by mileage"),
      mentions(3, facts_pk(p2008), facts_pk(qashqai), why="price or km of both (both are from 2019)"),
      only(3, [p2008, qashqai], "exactly those two", min=2),
      language(3, "en", "English"),
      slots(4, "the free time asked for (Fri 4 Dec 10:00)", at=free(FRI, 10)),
      appointment("end", "booked: Friday 10:00, the 2008", at=free(FRI, 10), car=car(p2008)),
      handoff("end", False, DEALER_ONLY)])

# ============================================================================================================
# Flemish
# ============================================================================================================
# c47: EVs < 25k + range in one; cheapest; delivery to Gent; "half 3"; "15u is goed"
cheap_ev25 = best(ev25, "price")
assert cheap_ev25 == kona
conv("c47-vl-elektrisch-gent-half-3", "Pieter Vermeulen", "+32475130047",
     ["Goeiendag, hebde gij nog een elektrische wagen onder de 25.000 euro? En hoe ver rijdt die op ne volle batterij?",
      "welke is den goedkoopste?", "kunde gij die wagen tot in Gent leveren?",
      "'k kom toch liever zelf. zaterdag om half 3?", "15u is goed"],
     [only(1, ev25, "EVs ≤ € 25.000"),
      mentions(1, EV_RANGE, why="the range is addressed"),
      language(1, "nl", "Flemish in, Dutch out"),
      mentions(2, car(cheap_ev25), why=f"cheapest: {title(cheap_ev25)} (€ {fmt(CARS[cheap_ev25]['price'])})"),
      only(2, top(ev25, "price", 2), "ranked by price"),
      mentions(3, DELIVERY + r"|belgi|gent", why="delivery to Belgium is addressed"),
      slots(4, "'half 3' on Saturday: 14:00 or 15:00 (or 14:30)", date=SAT, hour_min=14, hour_max=15),
      appointment("end", "booked: Saturday 15:00, the Kona", at=free(SAT, 15), car=car(kona))])

# c48: own Opel Insignia (a make the stock has) for the Sportage; km + year; instalments + price; valuation
not_stock("mijne Opel Insignia van 2015")
conv("c48-vl-insignia-inruil-sportage", "Lotte Claes", "+32486130048",
     ["Dag, ik zou mijne Opel Insignia van 2015 willen inruilen voor de Kia Sportage die ge hebt staan",
      "hoeveel kilometers heeft die sportage en van welk bouwjaar is die?",
      "kan ik da afbetalen? en wat is de prijs juist?",
      "wat zoude gij geven voor mijne insignia? 160.000 km, diesel"],
     [only(1, [sportage], "no Opel results: the Insignia is the customer's own car", min=0),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      language(1, "nl", "Dutch"),
      mentions(2, km(sportage), year(sportage), why=f"both: {fmt(CARS[sportage]['km'])} km, {CARS[sportage]['year']}"),
      mentions(3, FINANCE, WARNING, price(sportage), why=f"financing with 'Geld lenen kost geld', and € {fmt(CARS[sportage]['price'])}"),
      only(3, [sportage], "about the Sportage (its price is shared)", min=0),
      mentions(4, VALUATION, why="the valuation is addressed"),
      only(4, [sportage], "no Opel search results", min=0),
      language(4, "nl", "Dutch"),
      handoff("end", False, "a trade-in valuation is answered, not handed over")])

# c49: "die rode clio"; km + "ne manuele"; "16u"; "goed, merci"; "nen dag vroeger"
conv("c49-vl-rode-clio-dag-vroeger", "Jonas Wouters", "+32474130049",
     ["Goeiemorgen, staat die rode Renault Clio nog te koop?", "hoeveel kilometers en is da ne manuele?",
      "kan ik vrijdag om 16u passeren voor een proefrit?", "goed, merci",
      "ah nee, kan da nen dag vroeger zijn? zelfde uur", "ja da's goed"],
     [only(1, [clio_red], "the red Clio is the Clio Zen"),
      language(1, "nl", "Dutch"),
      mentions(2, km(clio_red), MANUAL_YES, why=f"both: {fmt(CARS[clio_red]['km'])} km and a yes (manual)"),
      slots(3, "the free time asked for (Fri 4 Dec 16:00)", at=free(FRI, 16)),
      appointment(4, "after 'goed, merci' Friday 16:00 is booked", at=free(FRI, 16)),
      slots(5, "'nen dag vroeger, zelfde uur' is Thursday 16:00", at=free(THU, 16)),
      appointment("end", "one drive: Thursday 16:00, the Clio", at=free(THU, 16), car=car(clio_red)),
      handoff("end", False, DEALER_ONLY)])

# c50: a T-Roc is not in stock; "de tiguan" under 25k; "kunde daar iets afdoen"; an offer
not_stock("Volkswagen T-Roc")
suv_a25 = S(body="suv", gearbox="automaat", price_max=money(25000))
conv("c50-vl-troc-niet-tiguan-bod", "Stijn Maes", "+32479130050",
     ["Hebde gij ne Volkswagen T-Roc staan? Automaat, tot 25.000", "de tiguan, hoeveel km heeft die en is da ne diesel?",
      "amai veel km. kunde daar nog iets afdoen?", "ik geef u 20.000 en ik kom hem morgen halen"],
     [mentions(1, r"t-? ?roc", NOT_IN_STOCK, why="names the T-Roc and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="alternatives are labelled"),
      only(1, suv_a25, "alternatives keep the wish: automatic SUV ≤ € 25.000"),
      language(1, "nl", "Dutch"),
      mentions(2, km(tiguan_tdi), YES_DIESEL, why=f"the Tiguan under 25k is the TDI: {fmt(CARS[tiguan_tdi]['km'])} km, diesel"),
      only(2, [tiguan_tdi, tiguan_tsi], "about the Tiguan", min=0),
      mentions(3, NEGOTIATE, why="answers about the price / a salesperson"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      no_fallback(4, f"an offer of € {fmt(money(20000))} is understood"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on)"),
      only(4, [tiguan_tdi, tiguan_tsi], "the offer is for the Tiguan", min=0)])

# --- languages, coverage, output ----------------------------------------------------------------------------
EN = [c for c in C if any(k["kind"] == "language" and k["lang"] == "en" for k in c["checks"])]
VL = [c for c in C if c["from"].startswith("+32")]
assert len(EN) == 8 and len(VL) == 4 and len(C) - len(EN) - len(VL) == 38, (len(EN), len(VL))
assert all(2 <= len(c["turns"]) <= 7 for c in C)

COVER = {
    "questions about a listed car / the car in focus":
        "c01 c02 c05 c07 c08 c09 c14 c21 c22 c23 c24 c25 c27 c28 c29 c30 c31 c35 c38 c39 c40 c42 c48 c49 c50",
    "superlatives over the matches": "c01 c02 c03 c10 c17 c25 c26 c27 c28 c29 c32 c37 c39 c44 c46 c47",
    "comparison of two cars": "c10 c24 c46",
    "several questions in one message":
        "c01 c03 c04 c05 c08 c14 c18 c21 c23 c24 c30 c31 c33 c35 c36 c39 c40 c41 c42 c47 c48",
    "dealer knowledge: parking": "c04 c41",
    "dealer knowledge: warranty/BOVAG": "c05 c31 c41",
    "dealer knowledge: APK": "c05 c31",
    "dealer knowledge: delivery": "c07 c41 c47",
    "dealer knowledge: servicing": "c07 c35",
    "dealer knowledge: financing + 'Geld lenen kost geld'": "c06 c24 c48",
    "dealer knowledge: trade-in process / valuation": "c03 c06 c31 c32 c40 c48",
    "dealer knowledge: EV range / charging": "c08 c18 c36 c42 c47",
    "dealer knowledge: holidays": "c04 c33 c41",
    "honest 'not in stock' + labelled alternatives": "c09 c10 c50",
    "widening / narrowing / excluding / replacing / preferring criteria": "c02 c17 c26 c27 c28 c29 c37 c39 c44",
    "booking in few turns, slot by number/ordinal": "c35 c36",
    "booking an exact free time asked for":
        "c01 c03 c05 c08 c09 c10 c11 c12 c13 c14 c15 c18 c24 c25 c26 c27 c30 c31 c32 c33 c34 c37 c39 c42 c45 c46 c49",
    "yes/no in context":
        "c01 c02 c03 c05 c08 c09 c10 c11 c12 c13 c14 c15 c18 c24 c25 c26 c27 c28 c30 c31 c32 c33 c34 c37 c39 c42 c45 c46 c47 c49",
    "moving a booking relative to itself": "c11 c12 c13 c42 c49",
    "recalling the appointment": "c11 c34 c45",
    "cancelling": "c14 c15 c34 c45",
    "negotiation (discount ask, an offer)": "c21 c22 c38 c40 c50",
    "purchase intent": "c22 c23 c29",
    "trade-in while still buying": "c03 c06 c31 c32 c40 c48",
    "complaint / human handoff": "c19 c20 c43",
    "opt-out": "c16 c17 c44",
    "opt-out look-alikes": "c15 c17 c18 c37 c44",
    "no needless handoff (handoff false at the end)":
        "c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 c11 c12 c13 c25 c26 c27 c28 c30 c31 c32 c33 c35 c36 c39 c41 c42 c46 c48 c49",
    "English": "c39 c40 c41 c42 c43 c44 c45 c46",
    "Flemish": "c47 c48 c49 c50",
}
EXTRA = {
    "a car referred to by position, colour, price, variant words or 'die andere'":
        "c01 c06 c08 c15 c22 c24 c25 c27 c28 c29 c32 c49",
    "a follow-up that does not name the car ('en de skoda?', 'en de kleur?', 'en de andere?')":
        "c07 c25 c26 c27 c29 c30",
    "superlative, then a narrower or replaced search, then another superlative": "c02 c26",
    "a time in words ('kwart over 2', 'half 11', 'rond de middag', 'na vijven', '2pm', '14.00u', '3 uur s middags')":
        "c01 c02 c03 c05 c08 c10 c11 c24 c27 c28 c30 c32 c39 c45 c47",
    "a time that cannot be booked as asked (Sunday, a quarter or half past)": "c02 c03 c13 c28 c33 c47",
    "the customer's own car shares a make or model with the stock": "c03 c06 c31 c32 c40 c48",
    "a car feature the stock does not record (tow bar)": "c07",
    "an offer written the WhatsApp way ('18k en hij is van mij', 'doe 14')": "c21 c22 c38 c40 c50",
}

if __name__ == "__main__":
    table = coverage(C, COVER, EXTRA)
    write(HERE, C, "c", n=50, max_turns=7)
    if "--coverage" in sys.argv:
        print(table)
