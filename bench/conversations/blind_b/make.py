#!/usr/bin/env python3
"""Builds blind set B: conversations.jsonl and cars-dev.json next to this file, from the dealer's stock file.

    cd <project root> && python3 bench/conversations/blind_b/make.py

Every stock truth in the checks (which car is cheapest, a car's km or colour, the set of cars a reply may name)
is computed here from integrations/data/stock.csv by a filter, and the script asserts the assumptions the checks
rest on (a unique best car, a pattern that names only its own car, a bookable time). Only the customers' words and
the dates of the fixed moment are typed by hand. The moment is Tuesday 1 December 2026, 08:30 Europe/Amsterdam:
"vandaag" = Tue 1 Dec, "morgen" = Wed 2 Dec, "donderdag" = Thu 3 Dec, "vrijdag" = Fri 4 Dec, "zaterdag" = Sat 5 Dec,
"maandag" = Mon 7 Dec, "volgende week dinsdag" = Tue 8 Dec.

SET B IS HELD OUT. Do not read it, and do not tune the product on it: only its aggregate score is looked at.
Standard library only.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import *  # noqa: E402,F401,F403

C = []


def conv(cid, name, phone, turns, checks):
    C.append({"id": cid, "name": name, "from": phone, "turns": turns, "checks": checks})


# --- cars the customers name ---------------------------------------------------------------------------------
golf_white = one(model="Golf", color="wit")
octavia_b, passat, model3, modely, captur, ibiza = (one(model="Octavia", fuel="benzine"), one(model="Passat"),
    one(model="Model 3"), one(model="Model Y"), one(model="Captur"), one(model="Ibiza"))
serie1, astra, polo_dsg, duster, chr_, id3 = (one(model="1 Serie"), one(model="Astra"),
    one(model="Polo", gearbox="automaat"), one(model="Duster"), one(model="C-HR"), one(model="ID.3"))
cklasse, mazda2, yaris, corolla, aygo, sportage, micra = (one(model="C-Klasse"), one(model="2"), one(model="Yaris"),
    one(model="Corolla"), one(model="Aygo X"), one(model="Sportage"), one(model="Micra"))
q3, niro_ev, x1, tiguan_tdi, picanto_gt, clio_zen, i20, a4 = (one(model="Q3"), one(model="Niro", fuel="elektrisch"),
    one(model="X1"), one(model="Tiguan", fuel="diesel"), one(model="Picanto", gearbox="automaat"),
    one(model="Clio", fuel="benzine"), one(model="i20"), one(model="A4"))
ev = S(fuel="elektrisch")
THIS_WEEK = [TUE, WED, THU, FRI, SAT]

# --- the conversations ---------------------------------------------------------------------------------------
assert CARS[golf_white]["transmission"] == "automaat" and CARS[golf_white]["fuel"] == "benzine"
assert not any(w in title(golf_white).lower() for w in ("automaat", "dsg", "benzine"))
conv("b01-witte-golf-vertel-meer-laatste", "Rick Bosman", "+31643180201",
     ["Staat die witte Golf nog te koop? Vertel er eens wat meer over", "is het een automaat?",
      "kan ik er een proefrit in maken?", "de laatste optie graag"],
     [only(1, [golf_white], "the white Golf is the 1.5 TSI Life: named, and no other car"),
      mentions(1, year(golf_white), km(golf_white), r"benzine|petrol|automaat|automatisch|automatic",
               why=f"'vertel meer': {CARS[golf_white]['year']}, {fmt(CARS[golf_white]['km'])} km, petrol/automatic"),
      mentions(2, GEARBOX["automaat"], why="the Golf 1.5 TSI Life is an automatic: a yes"),
      slots(3, "a test-drive request with one car in focus gets times at once"),
      appointment(4, "'de laatste optie' books the last time offered, for the white Golf", car=car(golf_white),
                  offered_index=-1),
      handoff("end", False, DEALER_ONLY)])

k50 = S(km_max=money(50000))
k50_cheap, k50_dear = best(k50, "price"), best(k50, "price", reverse=True)
k50a = S(km_max=50000, gearbox="automaat", price_max=money(20000))
conv("b02-weinig-km-goedkoopste-duurste", "Fatima Ouali", "+31643180202",
     ["welke auto's hebben jullie met minder dan 50.000 km op de teller?", "welke daarvan is het goedkoopst?",
      "en de duurste?", "haha die is te duur. heb je ook een automaat tot 20.000 met minder dan 50.000 km?"],
     [only(1, k50, "cars with at most 50.000 km", min=2),
      mentions(2, car(k50_cheap), why=f"the cheapest of ALL matches is the {title(k50_cheap)} "
                                      f"(€ {fmt(CARS[k50_cheap]['price'])})"),
      only(2, top(k50, "price", 2), "ranked by price, not the earlier list re-sent"),
      mentions(3, car(k50_dear), why=f"the dearest match is the {title(k50_dear)} (€ {fmt(CARS[k50_dear]['price'])})"),
      only(3, top(k50, "price", 2, reverse=True), "dearest first"),
      only(4, k50a, "narrowed: automatics ≤ € 20.000 with at most 50.000 km"),
      handoff("end", False, DEALER_ONLY)])

assert CARS[passat]["km"] > CARS[octavia_b]["km"] and CARS[passat]["fuel"] == "hybride"
conv("b03-octavia-vs-passat-financieren", "Joost van Rijn", "+31643180203",
     ["wat zijn de verschillen tussen de Skoda Octavia Combi benzine en de Passat GTE?",
      "welke heeft de meeste kilometers gereden?", "dan toch de skoda. kan ik die financieren?",
      "ok, ik kom donderdag om 14:00 proefrijden", "👍"],
     [only(1, [octavia_b, passat], "a comparison of exactly these two", min=2),
      mentions(1, fact(octavia_b), fact(passat), r"hybride|hybrid|plug-?in|stekker|elektrisch",
               why="facts of both cars and the real difference (the Passat GTE is a plug-in hybrid)"),
      mentions(2, car(passat), km(passat), why=f"the Passat has more km ({fmt(CARS[passat]['km'])})"),
      mentions(3, FINANCE, why="the financing question is answered"),
      mentions(3, WARNING, why="financing information carries 'Geld lenen kost geld'"),
      slots(4, "the free time asked for (Thu 3 Dec 14:00) is offered or booked", at=free(THU, 14)),
      appointment("end", "booked: Thursday 14:00, the Octavia", at=free(THU, 14), car=car(octavia_b))])

assert CARS[modely]["km"] < CARS[model3]["km"]
conv("b04-en-model3-vs-modely", "Chloe Evans", "+447700900204",
     ["Hi, what's the difference between your Tesla Model 3 and Model Y?", "Which one has done fewer kilometres?",
      "Do I need a wallbox at home or can I use a normal socket?",
      "Great, can I take the Model Y for a drive on Saturday at 3pm?", "Perfect, see you then"],
     [language(1, "en", "English in, English out"),
      only(1, [model3, modely], "a comparison of exactly these two", min=2),
      mentions(1, fact(model3), fact(modely), why="facts (price, km or year) of both cars"),
      mentions(2, car(modely), why=f"the Model Y has fewer km ({fmt(CARS[modely]['km'])})"),
      language(2, "en", "English"),
      mentions(3, CHARGING, why="home charging is addressed"),
      language(3, "en", "English"),
      slots(4, "the free time asked for (Sat 5 Dec 15:00) is offered or booked", at=free(SAT, 15)),
      appointment("end", "booked: Saturday 15:00, the Model Y", at=free(SAT, 15), car=car(modely))])

suv_a25 = S(body="suv", gearbox="automaat", price_max=money(25000))
suv_a25_nd = S(body="suv", gearbox="automaat", price_max=25000, not_fuel="diesel")
suv_a25_nd_low = best(suv_a25_nd, "km")
assert tiguan_tdi in suv_a25 and tiguan_tdi not in suv_a25_nd and suv_a25_nd_low == captur
conv("b05-troc-niet-geen-diesel-reserveren", "Marcel Hoogland", "+31643180205",
     [f"Hebben jullie een {not_stock('VW T-Roc')}? of een andere compacte suv, automaat, tot 25.000",
      "de tiguan is toch een diesel? die liever niet", "welke van de overige heeft de minste km?",
      "die wil ik hebben. kan ik hem reserveren?"],
     [mentions(1, r"t-?roc", NOT_IN_STOCK, why="names the T-Roc and says honestly it is not in stock"),
      mentions(1, ALT_LABEL, why="the cars shown are labelled as alternatives"),
      only(1, suv_a25, "alternatives keep the wishes: automatic SUV ≤ € 25.000 (no other Volkswagens)"),
      mentions(2, r"diesel|\btdi\b|\bja\b", why="yes, the Tiguan is a diesel"),
      only(2, suv_a25_nd + [tiguan_tdi], "still automatic SUVs ≤ € 25.000", min=0),
      mentions(3, car(suv_a25_nd_low), why=f"fewest km without the diesel: {title(suv_a25_nd_low)} "
                                           f"({fmt(CARS[suv_a25_nd_low]['km'])} km)"),
      only(3, top(suv_a25_nd, "km", 2), "ranked by km, the diesel excluded"),
      no_fallback(4, "purchase intent is understood"),
      mentions(4, BUY, why="the next steps of buying: reserving, a salesperson, paperwork"),
      only(4, [captur], "about the Captur, no new search", min=0)])

sw15 = S(body="stationwagen", price_max=money(15000))
octavia_d = one(model="Octavia", fuel="diesel")
assert octavia_d in sw15 and not any(CARS[s]["make"] == "Kia" for s in sw15)
conv("b06-ceed-niet-octavia-inruil-i30", "Wendy Schouten", "+31643180206",
     [f"Ik zoek een {not_stock('Kia Ceed Sportswagon')}, tot 15.000 euro",
      "die octavia, dat is een diesel toch? en hoeveel heeft hij gelopen?",
      f"pff dat is veel. kunnen jullie mijn oude {not_stock('Hyundai i30 uit 2010')} inruilen?",
      "hoe bepalen jullie wat hij waard is?"],
     [mentions(1, r"ceed", NOT_IN_STOCK, why="names the Ceed and says honestly it is not in stock"),
      only(1, sw15, "alternatives keep the wishes: estates of at most € 15.000 (no other Kias)"),
      mentions(2, r"diesel|\btdi\b|\bja\b", km(octavia_d),
               why=f"both: yes a diesel, and {fmt(CARS[octavia_d]['km'])} km"),
      mentions(3, TRADE_IN, why="the trade-in is answered"),
      only(3, sw15, "the i30 is the customer's own car: no Hyundai results", min=0),
      mentions(4, r"taxat|kenteken|kilometerstand|\bkm\b|bouwjaar|foto|staat|onderhoud|bekijk|proefrit|waarde|markt",
               why="how the trade-in value is set"),
      only(4, sw15, "no Hyundai results", min=0)])

red11 = S(color="rood", price_max=money(11000))
all11 = S(price_max=11000)
new11 = best(all11, "year", reverse=True)
assert len(all11) > len(red11) and new11 == one(model="C3")
conv("b07-rode-auto-kleur-maakt-niet-uit", "Daan Kuiper", "+31643180207",
     ["zoek een rode auto, max 11.000", "kleur maakt eigenlijk niet uit", "welke van die is het nieuwst?",
      "hoeveel km heeft die?", "kan ik die vrijdag om 9 uur zien", "ok"],
     [only(1, red11, "red cars of at most € 11.000"),
      only(2, all11, "widened: any colour, at most € 11.000", min=2),
      mentions(2, any_car([s for s in all11 if s not in red11]), why="the widened search shows more than before"),
      mentions(3, car(new11), year(new11), why=f"the newest of ALL ≤ € 11.000 is the {title(new11)} "
                                               f"({CARS[new11]['year']})"),
      only(3, top(all11, "year", 2, reverse=True), "newest first"),
      mentions(4, km(new11), why=f"the C3 has {fmt(CARS[new11]['km'])} km"),
      slots(5, "the free time asked for (Fri 4 Dec 09:00) is offered or booked", at=free(FRI, 9)),
      appointment("end", "booked: Friday 09:00, the C3", at=free(FRI, 9), car=car(new11))])

ev_nt = S(fuel="elektrisch", where=lambda c: c["make"] != "Tesla")
ev_nt_new = best(ev_nt, "year", reverse=True)
assert ev_nt_new == niro_ev
conv("b08-ev-geen-tesla-niro-bereik", "Anouk Verbruggen", "+31643180208",
     ["welke elektrische auto's hebben jullie?", "geen tesla graag, daar heb ik geen goed gevoel bij",
      "welke daarvan is het nieuwst?", "wat is de actieradius van die niro?", "en hoe lang staat hij aan de snellader?"],
     [only(1, ev, "electric cars", min=2),
      only(2, ev_nt, "'geen Tesla' excludes both Teslas"),
      mentions(3, car(ev_nt_new), why=f"the newest non-Tesla EV is the {title(ev_nt_new)} ({CARS[ev_nt_new]['year']})"),
      only(3, top(ev_nt, "year", 2, reverse=True), "newest first, still no Tesla"),
      mentions(4, EV_RANGE, why="the range is addressed by name"),
      only(4, [niro_ev], "about the Niro EV only", min=0),
      mentions(5, CHARGING, why="fast charging is addressed")])

pa20 = S(fuel="benzine", gearbox="automaat", price_max=money(20000))
pa20_new = best(pa20, "year", reverse=True)
pa20_suv = S(fuel="benzine", gearbox="automaat", price_max=20000, body="suv")
pa20_suv_low = best(pa20_suv, "km")
assert pa20_new == picanto_gt and pa20_suv_low == one(model="2008")
conv("b09-benzine-automaat-zo-nieuw-mogelijk-suv", "Stefan Mol", "+31643180209",
     ["ik zoek een benzine automaat tot 20.000, liefst zo nieuw mogelijk",
      "hmm dat is wel een hele kleine. liever een suv", "welke daarvan heeft het minst gelopen?",
      "ok ik wil volgende week dinsdag om 11 uur komen proefrijden", "ja prima"],
     [only(1, pa20, "petrol automatics of at most € 20.000"),
      mentions(1, car(pa20_new), why=f"'liefst zo nieuw mogelijk': the {title(pa20_new)} ({CARS[pa20_new]['year']})"),
      only(2, pa20_suv, "now petrol automatic SUVs of at most € 20.000"),
      mentions(3, car(pa20_suv_low), why=f"fewest km: {title(pa20_suv_low)} ({fmt(CARS[pa20_suv_low]['km'])} km)"),
      only(3, pa20_suv, "within the SUV search"),
      slots(4, "the free time asked for (Tue 8 Dec 11:00) is offered or booked", at=free(TUE2, 11)),
      appointment("end", "booked: Tuesday 8 Dec 11:00, the 2008", at=free(TUE2, 11), car=car(pa20_suv_low))])

sw_benz = S(body="stationwagen", fuel="benzine")
sw_diesel = S(body="stationwagen", fuel="diesel")
assert a4 in sw_diesel and CARS[a4]["transmission"] == "automaat"
conv("b10-stop-ik-bedoel-diesel-a4", "Gerard Lammers", "+31643180210",
     ["heb je nog benzine stationwagens?", "stop, sorry, ik bedoel diesel. ik rij zo'n 40.000 km per jaar",
      "de audi, is dat een automaat?", "en hoe lang is de apk nog geldig?", "kan ik hem maandag om 10 uur zien?",
      "ja"],
     [only(1, sw_benz, "petrol estates", min=2),
      opted_out(2, False, "'stop, ik bedoel…' corrects the search; it is no opt-out"),
      only(2, sw_diesel, "replaced: diesel estates"),
      mentions(3, GEARBOX["automaat"], why="the A4 Avant S tronic is an automatic: a yes"),
      mentions(4, APK, why="the APK question is addressed"),
      slots(5, "the free time asked for (Mon 7 Dec 10:00) is offered or booked", at=free(MON, 10)),
      appointment("end", "booked: Monday 10:00, the A4", at=free(MON, 10), car=car(a4)),
      opted_out("end", False, "never unsubscribed")])

conv("b11-sinterklaas-kerst-parkeren-adres", "Marja Veenstra", "+31643180211",
     ["zijn jullie zaterdag 5 december gewoon open, met sinterklaas?", "en op eerste kerstdag?",
      "waar kan ik parkeren als ik kom? ik rij met een aanhanger", "wat is jullie adres precies?"],
     [mentions(1, r"sinterklaas|pakjes|5 dec|feestdag", why="the day is addressed by name"),
      mentions(1, r"18[:.]00|18 ?uur|zes uur|open", why="the opening hours of that Saturday"),
      mentions(2, r"kerst|25 dec|feestdag", why="Christmas Day is addressed by name"),
      mentions(3, PARKING, why="parking is addressed"),
      mentions(4, ADDRESS, why="the address"),
      handoff("end", False, DEALER_ONLY)])

conv("b12-captur-garantie-onderhoud-apk", "Hanneke Bos", "+31643180212",
     ["Hoeveel maanden garantie geven jullie op de Renault Captur?",
      "is hij recent nog onderhouden? en is er een onderhoudsboekje bij?", "tot wanneer is de apk geldig?",
      "en de kilometerstand?", "ok, ik denk er nog even over na. bedankt!"],
     [mentions(1, WARRANTY, why="the warranty is addressed"),
      only(1, [captur], "about the Captur only", min=0),
      mentions(2, SERVICING, why="the service history is addressed"),
      mentions(3, APK, why="the APK question is addressed"),
      mentions(4, km(captur), why=f"the Captur has {fmt(CARS[captur]['km'])} km"),
      no_fallback(5, "'ik denk er nog over na' is understood"),
      handoff("end", False, DEALER_ONLY)])

hyb18 = S(fuel="hybride", price_max=money(18000))
conv("b13-texel-afleveren-inruil-taxatie", "Klaas Zijlstra", "+31643180213",
     ["Ik woon op Texel, kunnen jullie een auto ook op het eiland afleveren?",
      "en kunnen jullie dan meteen mijn inruilauto meenemen?",
      "hoe werkt de taxatie als jullie mijn auto nog niet gezien hebben?",
      "ok. wat hebben jullie aan hybrides onder de 18.000?"],
     [mentions(1, DELIVERY, why="delivery is addressed"),
      no_fallback(2, "the trade-in pick-up question is understood"),
      mentions(2, TRADE_IN, why="the trade-in is addressed"),
      mentions(3, r"foto|kenteken|kilometerstand|\bkm\b|voorlopig|onder voorbehoud|aflever|taxat|bekijk|gegevens",
               why="how a valuation works without seeing the car"),
      only(4, hyb18, "hybrids of at most € 18.000"),
      handoff("end", False, DEALER_ONLY)])

conv("b14-ibiza-kleur-km-optie-2", "Yusuf Demir", "+31643180214",
     ["Is de Seat Ibiza FR nog te koop?", "welke kleur is het en hoeveel heeft hij gelopen?",
      "leuk, wanneer kan ik komen proefrijden?", "optie 2 graag"],
     [only(1, [ibiza], "the Ibiza and no other car"),
      mentions(2, colour(ibiza), km(ibiza), why=f"both: {CARS[ibiza]['color']} and {fmt(CARS[ibiza]['km'])} km"),
      slots(3, "a test-drive question with one car in focus gets times at once"),
      appointment(4, "'optie 2' books the second time offered, for the Ibiza", car=car(ibiza), offered_index=2),
      handoff("end", False, DEALER_ONLY)])

conv("b15-1serie-duim-kwijt-adres", "Nicole de Haan", "+31643180215",
     ["Kan ik morgen om 13:00 een proefrit maken in de BMW 1 Serie?", "👍",
      "welke dag en hoe laat hadden we afgesproken? ik ben het kwijt", "en wat is het adres precies?"],
     [slots(1, "the free time asked for (Wed 2 Dec 13:00) is offered or booked", at=free(WED, 13)),
      appointment(2, "after the thumbs-up Wednesday 13:00 is booked, for the 1 Serie", at=free(WED, 13),
                  car=car(serie1)),
      mentions(3, day_re(WED), hour_re(13), why="recalls: Wednesday 13:00"),
      mentions(4, ADDRESS, why="the address"),
      appointment("end", "still booked: Wednesday 13:00", at=free(WED, 13))])

conv("b16-astra-dag-eerder", "Rob Meulenbelt", "+31643180216",
     ["ik wil donderdag om 11:00 de Opel Astra komen proberen", "is goed", "kan het ook een dag eerder? zelfde tijd",
      "mooi"],
     [slots(1, "the free time asked for (Thu 3 Dec 11:00) is offered or booked", at=free(THU, 11)),
      appointment(2, "after 'is goed' Thursday 11:00 is booked", at=free(THU, 11)),
      slots(3, "'een dag eerder' moves the drive to Wednesday 11:00", at=free(WED, 11)),
      slots(3, "nothing but Wednesday is offered", all=True, date=WED),
      no_fallback(4, "'mooi' is understood"),
      appointment("end", "one drive, Wednesday 11:00, the Astra", at=free(WED, 11), car=car(astra))])

assert not bookable(FRI, 12) and bookable(FRI, 13)
conv("b17-polo-twee-uur-later-lunch", "Inge Brands", "+31643180217",
     ["Kan ik vrijdag om 10 uur een proefrit maken in de Polo DSG?", "ja graag", "oh, kan het twee uur later?",
      "doe dan maar 13:00", "top, tot vrijdag"],
     [slots(1, "the free time asked for (Fri 4 Dec 10:00) is offered or booked", at=free(FRI, 10)),
      appointment(2, "after 'ja graag' Friday 10:00 is booked, for the Polo DSG", at=free(FRI, 10), car=car(polo_dsg)),
      mentions(3, r"lunch|pauze|12[:.]00|12 ?uur|twaalf", why="two hours later is 12:00, the lunch break: said honestly"),
      appointment(3, "the drive is not put in the lunch break", hour=[h for h in HOURS]),
      appointment("end", "one drive, Friday 13:00, the Polo DSG", at=free(FRI, 13), car=car(polo_dsg))])

conv("b18-duster-hoe-laat-laat-maar-zitten", "Jeroen Baas", "+31643180218",
     ["Ik kom zaterdag om 16 uur kijken naar de Dacia Duster, kan dat?", "perfect",
      "om hoe laat verwachten jullie me zaterdag?",
      "laat de afspraak toch maar zitten, ik heb al iets anders gevonden", "nee hoor, bedankt"],
     [slots(1, "the free time asked for (Sat 5 Dec 16:00) is offered or booked", at=free(SAT, 16)),
      appointment(2, "after 'perfect' Saturday 16:00 is booked, for the Duster", at=free(SAT, 16), car=car(duster)),
      mentions(3, hour_re(16), why="recalls the time: 16:00"),
      appointment(4, "the drive is cancelled", exists=False),
      mentions(4, CANCELLED, why="the cancellation is confirmed"),
      no_fallback(5, "'nee hoor, bedankt' is understood"),
      appointment("end", "nothing booked at the end", exists=False),
      opted_out("end", False, "cancelling a drive is no opt-out")])

bid = money(18000)
conv("b19-chr-laatste-prijs-proefrit-bod", "Sylvia Maas", "+31643180219",
     ["Hoi, wat is de laatste prijs van de Toyota C-HR?",
      "kan ik hem eerst proefrijden, vrijdag om 16:00?", "ja", f"{fmt(bid)} en we hebben een deal"],
     [mentions(1, price(chr_), why=f"the C-HR costs € {fmt(CARS[chr_]['price'])}"),
      only(1, [chr_], "the C-HR and no other car (the C4 has the same price)"),
      not_mentions(1, INVENTED_DISCOUNT, why="no invented discount"),
      slots(2, "the free time asked for (Fri 4 Dec 16:00) is offered or booked", at=free(FRI, 16)),
      appointment(3, "after 'ja' Friday 16:00 is booked, for the C-HR", at=free(FRI, 16), car=car(chr_)),
      no_fallback(4, "an offer is understood"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      not_mentions(4, INVENTED_DISCOUNT, why="no invented discount")])

conv("b20-id3-km-bezorgen-garantie-kopen", "Laura Pauwels", "+31643180220",
     ["wat is de kilometerstand van de Volkswagen ID.3?",
      "kunnen jullie hem bij mij thuis afleveren? ik woon in Amersfoort", "en zit er nog garantie op de accu?",
      "Ik wil hem kopen. Hoe gaat dat in zijn werk?"],
     [mentions(1, km(id3), why=f"the ID.3 has {fmt(CARS[id3]['km'])} km"),
      only(1, [id3], "about the ID.3 only", min=0),
      mentions(2, DELIVERY, why="home delivery is addressed"),
      mentions(3, WARRANTY, why="the battery warranty is addressed"),
      no_fallback(4, "purchase intent is understood"),
      mentions(4, BUY, why="the next steps of buying: reserving, a salesperson, paperwork"),
      only(4, [id3], "about the ID.3, no new search", min=0)])

conv("b21-klacht-kras-polo", "Marleen Visser", "+31643180221",
     [f"Vorige week een {not_stock('Volkswagen Polo')} bij jullie opgehaald en er zit een flinke kras op de deur die er bij de bezichtiging niet was. Ik ben er echt klaar mee.",
      "ik wil dat iemand me vandaag nog belt"],
     [handoff(1, True, "a complaint about a delivered car goes to a person"),
      mentions(1, APOLOGY, why="the complaint is met with an apology"),
      not_mentions(1, r"proefrit|aanbieding", why="no sales pitch to a complaining customer"),
      only(1, [], "no stock cars offered", min=0),
      handoff("end", True, "still handed over")])

conv("b22-cklasse-zakelijk-medewerker", "Pieter Jansma", "+31643180222",
     ["Hoi, is de Mercedes C-Klasse Estate nog beschikbaar?",
      "Ik wil hem zakelijk via mijn bv afnemen, kan ik daar een medewerker over spreken?", "top, bel maar op dit nummer"],
     [only(1, [cklasse], "the C-Klasse and no other car"),
      handoff(1, False, "an availability question is no reason to hand over"),
      handoff(2, True, "an explicit ask for a person is handed over"),
      replied(2, "the handover is announced to the customer, not done in silence"),
      mentions(2, PERSON, why="says a person will get in touch"),
      handoff("end", True, "still handed over")])

diesel = S(fuel="diesel")
conv("b23-diesels-stop", "Wouter Kamp", "+31643180223",
     ["hebben jullie nog diesels?", "STOP", "oke doei"],
     [only(1, diesel, "diesels", min=2),
      opted_out(2, True, "STOP unsubscribes"),
      mentions(2, r"afgemeld|geen berichten|uitgeschreven|niet meer|geen (whatsapp|bericht)|ontvangt",
               why="the opt-out is confirmed"),
      opted_out(3, True, "a goodbye after STOP is no consent to more messages"),
      only(3, [], "no sales pitch after STOP", min=0)])

conv("b24-registreren-mazda-nummer-uit-bestand", "Saskia Willems", "+31643180224",
     ["Moet ik me eerst registreren op jullie website voordat ik een auto kan reserveren?",
      "wat kost de mazda 2 eigenlijk?",
      "laat maar, ik heb elders al iets gevonden. haal mijn nummer maar uit jullie bestand"],
     [opted_out(1, False, "'registreren' is no opt-out"),
      no_fallback(1, "the registration question is understood"),
      mentions(2, price(mazda2), why=f"the Mazda 2 costs € {fmt(CARS[mazda2]['price'])}"),
      only(2, [mazda2], "the Mazda 2 and no other car (four other cars have the same price)"),
      opted_out(2, False, "never unsubscribed before the customer asks"),
      opted_out(3, True, "'haal mijn nummer uit jullie bestand' unsubscribes")])

conv("b25-vandaag-open-werkplaats-winterbanden", "Theo Dekker", "+31643180225",
     ["goedemorgen, zijn jullie vandaag open?", "hebben jullie ook een eigen werkplaats voor reparaties?",
      "en kunnen jullie ook mijn winterbanden erop zetten?", "ok dank je"],
     [mentions(1, r"18[:.]00|18 ?uur|zes uur|tot 6", why="today: open until 18:00"),
      mentions(2, SERVICING, why="the workshop question is addressed"),
      no_fallback(3, "the winter-tyre question is understood"),
      mentions(3, r"winterband|banden|band", why="the tyre question is addressed by name"),
      no_fallback(4, "a thank-you is understood"),
      handoff("end", False, DEALER_ONLY)])

suv18 = S(body="suv", price_max=money(18000))
suv18_cheap = best(suv18, "price")
assert suv18_cheap == duster and CARS[duster]["fuel"] == "lpg" and "lpg" not in title(duster).lower()
conv("b26-tikfouten-goedkoopste-suv-lpg", "Jordy Smit", "+31643180226",
     ["heb jullie nog een goedkopen suv onder de 18k", "welke is t goedkoopst", "is dat een benzine of disel",
      "kan ik m morgen om 11 uur bekijke", "ok top"],
     [only(1, suv18, "SUVs of at most € 18.000", min=2),
      mentions(2, car(suv18_cheap), why=f"the cheapest is the {title(suv18_cheap)} (€ {fmt(CARS[suv18_cheap]['price'])})"),
      only(2, top(suv18, "price", 2), "ranked by price (the i20 and the Mini share the Duster's price)"),
      mentions(3, FUEL["lpg"], why="the Duster ECO-G runs on LPG (and petrol): LPG is named"),
      not_mentions(3, r"\bis (een|het een) diesel|rijdt op diesel", why="it is no diesel"),
      slots(4, "the free time asked for (Wed 2 Dec 11:00) is offered or booked", at=free(WED, 11)),
      appointment("end", "booked: Wednesday 11:00, the Duster", at=free(WED, 11), car=car(duster))])

hyb21 = S(fuel="hybride", price_max=21000)  # "rond de 18 20 duizend": up to about € 21.000
hyb21_low = best(hyb21, "km")
assert hyb21_low == yaris
conv("b27-spraak-peugeot-207-hybride", "Ria Hermans", "+31643180227",
     [f"hallo ik eh ik app even want ik heb nu een {not_stock('peugeot 207 uit 2009')} en die begint echt te rammelen dus ik wil eigenlijk iets nieuwers een hybride zou mooi zijn maar niet te duur zo rond de 18 20 duizend euro en kunnen jullie mijn oude auto dan meenemen",
      "welke heeft het minst gelopen", "heeft die yaris een achteruitrijcamera",
      "kan ik vrijdag om 15 uur langskomen met mijn 207 erbij", "ja"],
     [only(1, hyb21, "hybrids around € 18.000-20.000 (at most € 21.000); no Peugeots"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      mentions(2, car(hyb21_low), why=f"fewest km: {title(hyb21_low)} ({fmt(CARS[hyb21_low]['km'])} km)"),
      only(2, top(hyb21, "km", 2), "ranked by km"),
      no_fallback(3, "a question about equipment the stock list does not record is understood"),
      mentions(3, r"camera|achteruitrij", why="the camera question is addressed by name"),
      slots(4, "the free time asked for (Fri 4 Dec 15:00) is offered or booked", at=free(FRI, 15)),
      appointment("end", "booked: Friday 15:00, the Yaris (not the 207)", at=free(FRI, 15), car=car(yaris))])

toyota = S(make="Toyota")
two = [corolla, aygo]
two_cheap = best(two, "price")
assert two_cheap == aygo
conv("b28-toyotas-corolla-aygo-goedkoopste", "Arjen Wiersma", "+31643180228",
     ["Wat hebben jullie aan Toyota's staan?", "hoeveel km heeft de corolla?", "en die aygo, welk bouwjaar?",
      "welke van die twee is het goedkoopst?", "prima, dan een proefrit met de aygo, morgen om 16:00", "ja graag"],
     [only(1, toyota, "Toyotas", min=2),
      mentions(2, km(corolla), why=f"the Corolla has {fmt(CARS[corolla]['km'])} km"),
      only(2, [corolla], "about the Corolla only", min=0),
      mentions(3, year(aygo), why=f"the Aygo X is from {CARS[aygo]['year']}"),
      only(3, [aygo], "about the Aygo X only", min=0),
      mentions(4, car(two_cheap), why=f"of the two, the {title(two_cheap)} is cheaper (€ {fmt(CARS[two_cheap]['price'])})"),
      only(4, two, "about these two only"),
      slots(5, "the free time asked for (Wed 2 Dec 16:00) is offered or booked", at=free(WED, 16)),
      appointment("end", "booked: Wednesday 16:00, the Aygo X", at=free(WED, 16), car=car(aygo))])

conv("b29-sportage-drie-vragen-inruil-v50", "Bart Hoekstra", "+31643180229",
     ["Wat kost de Kia Sportage, hoeveel km heeft hij en kan ik hem financieren?",
      "en wat zou ik dan ongeveer per maand betalen?",
      f"is inruil mogelijk van mijn {not_stock('Volvo V50')}?"],
     [mentions(1, price(sportage), km(sportage), FINANCE,
               why=f"all three: € {fmt(CARS[sportage]['price'])}, {fmt(CARS[sportage]['km'])} km, financing"),
      mentions(1, WARNING, why="financing information carries 'Geld lenen kost geld'"),
      only(1, [sportage], "the Sportage and no other car (the Model Y has the same price)"),
      no_fallback(2, "the monthly-payment question is understood"),
      mentions(2, FINANCE, why="the monthly payment is addressed"),
      mentions(3, TRADE_IN, why="the trade-in is answered"),
      only(3, [sportage], "the V50 is the customer's own car: no Volvo results", min=0)])

auto15 = S(gearbox="automaat", price_max=money(15000))
assert CARS[micra]["transmission"] == "handgeschakeld" and mazda2 in auto15
conv("b30-micra-nee-automaat-mazda", "Esmee Koning", "+31643180230",
     ["Is de Nissan Micra nog te koop, en wat kost hij?", "is het een automaat?",
      "nee, dan is hij niks voor mij. hebben jullie een automaat in die prijsklasse?", "de mazda, welke kleur?",
      "kan ik die maandag om 17:00 proefrijden", "ja is goed"],
     [mentions(1, price(micra), why=f"the Micra costs € {fmt(CARS[micra]['price'])}"),
      only(1, [micra], "the Micra and no other car (four other cars have the same price)"),
      mentions(2, GEARBOX["handgeschakeld"], why="the Micra is a manual: a no"),
      no_fallback(3, "'nee, niks voor mij' is understood"),
      appointment(3, "a no books nothing", exists=False),
      only(3, auto15, "automatics in that price range (at most € 15.000)"),
      mentions(4, colour(mazda2), why=f"the Mazda 2 is {CARS[mazda2]['color']}"),
      slots(5, "the free time asked for (Mon 7 Dec 17:00) is offered or booked", at=free(MON, 17)),
      appointment("end", "booked: Monday 17:00, the Mazda 2", at=free(MON, 17), car=car(mazda2))])

hsuv = S(body="suv", fuel="hybride", price_max=27500)  # "around 25,000": up to € 27.500
hsuv_low = best(hsuv, "km")
assert hsuv_low == captur
conv("b31-en-hybrid-suv-warranty-this-week", "Oliver Shaw", "+447700900231",
     ["Hello, I'm looking for a hybrid SUV, budget around 25,000 euros", "Which one has the lowest mileage?",
      "What warranty do you give on it?", "Could I test drive it this week?", "the second one please"],
     [language(1, "en", "English in, English out"),
      only(1, hsuv, "hybrid SUVs around € 25.000 (at most € 27.500)", min=2),
      mentions(2, car(hsuv_low), why=f"lowest mileage: {title(hsuv_low)} ({fmt(CARS[hsuv_low]['km'])} km)"),
      only(2, top(hsuv, "km", 2), "ranked by mileage"),
      mentions(3, WARRANTY, why="the warranty is addressed"),
      language(3, "en", "English"),
      slots(4, "times this week are offered", date=THIS_WEEK),
      slots(4, "only times this week", all=True, date=THIS_WEEK),
      appointment(5, "'the second one' books the second time offered, for the Captur", car=car(captur),
                  offered_index=2)])

conv("b32-en-finance-new-year-unsubscribe", "Amelia Brooks", "+447700900232",
     ["Hi, do you offer financing on your used cars?", "And are you open on New Year's Day?",
      "OK thanks. Please unsubscribe me from these messages."],
     [mentions(1, FINANCE, why="the financing question is answered"),
      mentions(1, WARNING, why="financing information carries the credit warning"),
      language(1, "en", "English"),
      mentions(2, r"new year|1 jan|january 1|1st|holiday|closed", why="New Year's Day is addressed by name"),
      language(2, "en", "English"),
      opted_out(2, False, "not unsubscribed before the customer asks"),
      opted_out(3, True, "'unsubscribe me' unsubscribes")])

conv("b33-en-q3-room-on-price-buy", "George Patel", "+447700900233",
     ["Is the Audi Q3 still for sale?", "What year is it and how many km has it done?",
      "Is there any room on the price?", "Alright, I'd like to buy it. How do we proceed?"],
     [only(1, [q3], "the Q3 and no other car"),
      language(1, "en", "English"),
      mentions(2, year(q3), km(q3), why=f"both: {CARS[q3]['year']} and {fmt(CARS[q3]['km'])} km"),
      language(2, "en", "English"),
      no_fallback(3, "haggling is understood"),
      mentions(3, NEGOTIATE, why="answers about the price / passes it to a salesperson"),
      not_mentions(3, INVENTED_DISCOUNT, why="no invented discount"),
      mentions(4, BUY_EN, why="the next steps of buying"),
      language(4, "en", "English")])

conv("b34-en-niro-ev-day-later-remind", "Jack Turner", "+447700900234",
     ["Could I test drive the Kia Niro EV on Monday at 2pm?", "Sounds good 👍",
      "Could we make it a day later? Same time.", "yes", "Remind me, when is it exactly?"],
     [slots(1, "the free time asked for (Mon 7 Dec 14:00) is offered or booked", at=free(MON, 14)),
      language(1, "en", "English"),
      appointment(2, "after 'sounds good' Monday 14:00 is booked, for the Niro EV", at=free(MON, 14),
                  car=car(niro_ev)),
      slots(3, "'a day later' moves the drive to Tuesday 8 Dec 14:00", at=free(TUE2, 14)),
      mentions(5, day_re(TUE2), hour_re(14), why="recalls: Tuesday 8 December 14:00"),
      language(5, "en", "English"),
      appointment("end", "one drive, Tuesday 8 Dec 14:00, the Niro EV", at=free(TUE2, 14), car=car(niro_ev))])

ev25 = S(fuel="elektrisch", price_max=money(25000))
ev25k = S(fuel="elektrisch", price_max=25000, km_max=money(60000))
assert ev25k == [id3]
conv("b35-vl-elektrisch-snelweg-id3", "Ruben Maes", "+32476330235",
     ["Hebt gij iets elektrisch voor onder de 25.000? Ik rij veel op de snelweg",
      "liefst niet meer dan 60.000 km op de teller",
      "hoeveel kilometer haalt die met één keer laden, en hoe rap laadt die aan een snellader?",
      "kan ik die vrijdag om 10u eens testen?", "goed zo, merci"],
     [only(1, ev25, "electric cars of at most € 25.000", min=2),
      language(1, "nl", "Flemish in, Dutch out"),
      only(2, ev25k, "narrowed to at most 60.000 km: only the ID.3"),
      mentions(3, EV_RANGE, CHARGING, why="both: the range and fast charging"),
      language(3, "nl", "Dutch"),
      slots(4, "the free time asked for (Fri 4 Dec 10:00) is offered or booked", at=free(FRI, 10)),
      appointment("end", "booked: Friday 10:00, the ID.3", at=free(FRI, 10), car=car(id3))])

suvb22 = S(body="suv", fuel="benzine", price_max=22000)  # "rond de 20.000"
vl_bid = money(18500)
assert x1 in suvb22
conv("b36-vl-berlingo-inruil-bmw-bod", "Hilde Peeters", "+32485330236",
     [f"Goeiendag, ik wil mijne {not_stock('Citroën Berlingo van 2012')} inruilen voor een SUV op benzine, rond de 20.000 euro",
      "wat kost den BMW?", "en hoeveel kilometers staan daar op?",
      f"ik geef u {fmt(vl_bid)} voor den BMW, met mijne berlingo erbij"],
     [only(1, suvb22, "petrol SUVs around € 20.000 (at most € 22.000); no Citroëns"),
      mentions(1, TRADE_IN, why="the trade-in is acknowledged"),
      language(1, "nl", "Flemish in, Dutch out"),
      mentions(2, price(x1), why=f"the X1 costs € {fmt(CARS[x1]['price'])}"),
      only(2, [x1], "about the X1 (three other cars have the same price)", min=0),
      mentions(3, km(x1), why=f"the X1 has {fmt(CARS[x1]['km'])} km"),
      no_fallback(4, "an offer is understood"),
      mentions(4, OFFER_HANDLED, why="the offer is taken up (passed on), not ignored"),
      not_mentions(4, INVENTED_DISCOUNT, why="no invented discount"),
      language(4, "nl", "Dutch")])

assert "4motion" in title(tiguan_tdi).lower()
conv("b37-vl-tiguan-maandag-4x4-parking", "Koen Jacobs", "+32472330237",
     ["Zijt ge maandag open? Ik zou graag om 14u de Tiguan TDI eens komen bekijken", "is da nen 4x4?",
      "is er parking aan de zaak?", "in orde, zet mij er maar op"],
     [slots(1, "the free time asked for (Mon 7 Dec 14:00) is offered or booked", at=free(MON, 14)),
      language(1, "nl", "Flemish in, Dutch out"),
      only(1, [tiguan_tdi], "the Tiguan TDI and no other car", min=0),
      mentions(2, r"4motion|4x4|vierwiel|4 ?wd|awd|\bja\b", why="the Tiguan TDI 4Motion is four-wheel drive: a yes"),
      mentions(3, PARKING, why="parking is addressed"),
      language(3, "nl", "Dutch"),
      appointment("end", "booked: Monday 14:00, the Tiguan TDI", at=free(MON, 14), car=car(tiguan_tdi))])

assert not bookable("2026-12-22", 10) and bookable("2026-12-14", 10)
HORIZON = [f"2026-12-{d:02d}" for d in range(1, 16)]
conv("b38-picanto-te-ver-vooruit", "Lieke Brouwer", "+31643180238",
     ["kan ik op dinsdag 22 december een proefrit maken in de Kia Picanto GT-Line? dan ben ik vrij",
      "jammer. maandag 14 december om 10 uur dan?", "ja top"],
     [appointment(1, "22 December is beyond the 14-day booking horizon: nothing is booked", exists=False),
      slots(1, "any times offered instead lie within the horizon", all=True, date=HORIZON),
      slots(2, "the free time asked for (Mon 14 Dec 10:00) is offered or booked", at=free("2026-12-14", 10)),
      appointment("end", "booked: Monday 14 Dec 10:00, the Picanto GT-Line", at=free("2026-12-14", 10),
                  car=car(picanto_gt))])

assert clio_zen == "SR2459"
conv("b39-link-clio-vandaag-17", "Tamara Wolff", "+31643180239",
     [f"Is deze nog beschikbaar? https://www.seldenrijk-auto.nl/occasions/{clio_zen}", "welke kleur en hoeveel km?",
      "kan ik hem vandaag om 17:00 zien?", "ja prima"],
     [only(1, [clio_zen], "the car of the link is the Clio Zen: named, and no other car"),
      mentions(2, colour(clio_zen), km(clio_zen), why=f"both: {CARS[clio_zen]['color']} and {fmt(CARS[clio_zen]['km'])} km"),
      slots(3, "the free time asked for (today 17:00) is offered or booked", at=free(TUE, 17)),
      appointment("end", "booked: today 17:00, the Clio Zen", at=free(TUE, 17), car=car(clio_zen))])

conv("b40-i20-afmelden-voor-zaterdag", "Gijs van Loon", "+31643180240",
     ["Ik wil graag zaterdag om 15:00 een proefrit in de Hyundai i20", "ok is goed",
      "kun je me afmelden voor zaterdag? ik heb al een auto gevonden", "dank je wel"],
     [slots(1, "the free time asked for (Sat 5 Dec 15:00) is offered or booked", at=free(SAT, 15)),
      appointment(2, "after 'ok is goed' Saturday 15:00 is booked, for the i20", at=free(SAT, 15), car=car(i20)),
      opted_out(3, False, "'afmelden voor zaterdag' cancels the drive; it is no opt-out"),
      appointment(3, "the drive is cancelled", exists=False),
      mentions(3, CANCELLED, why="the cancellation is confirmed"),
      opted_out("end", False, "never unsubscribed"),
      appointment("end", "nothing booked at the end", exists=False)])

# every car regex used for a named car must match that car's own title
for sid in {golf_white, octavia_b, passat, model3, modely, captur, ibiza, serie1, astra, polo_dsg, duster, chr_, id3,
            cklasse, mazda2, yaris, corolla, aygo, sportage, micra, q3, niro_ev, x1, tiguan_tdi, picanto_gt, clio_zen,
            i20, a4, k50_cheap, k50_dear, new11, pa20_new, pa20_suv_low, ev_nt_new}:
    assert re.search(car(sid), title(sid), re.I), sid

# --- coverage (capability -> conversations), asserted: every capability row of CONVERSATIONS.md at least twice ----
COVER = {
    "questions about a listed car / the car in focus": "b01 b06 b10 b12 b14 b19 b20 b22 b24 b26 b28 b29 b30 b33 b35 b36 b37 b39",
    "superlatives over the matches": "b02 b03 b05 b07 b08 b09 b26 b27 b28 b31",
    "comparison of two cars": "b03 b04",
    "several questions in one message": "b06 b12 b14 b29 b33 b35 b39",
    "dealer knowledge: parking": "b11 b37",
    "dealer knowledge: warranty/BOVAG": "b12 b20 b31",
    "dealer knowledge: APK": "b10 b12",
    "dealer knowledge: delivery": "b13 b20",
    "dealer knowledge: servicing": "b12 b25",
    "dealer knowledge: financing + 'Geld lenen kost geld'": "b03 b29 b32",
    "dealer knowledge: trade-in process / valuation": "b06 b13",
    "dealer knowledge: EV range / charging": "b04 b08 b35",
    "dealer knowledge: holidays": "b11 b32",
    "honest 'not in stock' + labelled alternatives": "b05 b06",
    "widening / narrowing / excluding / replacing / preferring criteria": "b02 b05 b07 b08 b09 b10 b35",
    "booking in few turns, slot by number/ordinal": "b01 b14 b31",
    "booking an exact free time asked for": ("b03 b04 b07 b09 b10 b15 b16 b17 b18 b19 b26 b27 b28 b30 b34 b35 b37 "
                                             "b38 b39 b40"),
    "yes/no in context": ("b03 b04 b07 b09 b10 b15 b16 b17 b18 b19 b26 b27 b28 b30 b34 b35 b37 b38 b39 b40"),
    "moving a booking relative to itself": "b16 b17 b34",
    "recalling the appointment": "b15 b18 b34",
    "cancelling": "b18 b40",
    "negotiation (discount ask, an offer)": "b19 b33 b36",
    "purchase intent": "b05 b20 b33",
    "trade-in while still buying": "b06 b27 b29 b36",
    "complaint / human handoff": "b21 b22",
    "opt-out": "b23 b24 b32",
    "opt-out look-alikes": "b10 b24 b40",
    "no needless handoff (handoff false at the end)": "b01 b02 b11 b12 b13 b14 b25",
    "English": "b04 b31 b32 b33 b34",
    "Flemish": "b35 b36 b37",
}
EXTRA = {
    "a car feature or record the stock does not hold": "b12 b25 b27",
    "a time that cannot be booked (lunch break, beyond the horizon)": "b17 b38",
    "a car asked for by its link / stock id": "b39",
    "budget given loosely ('rond de 18 20 duizend', 'around 25,000')": "b27 b31",
    "typos / no capitals / voice-to-text run-on": "b26 b27",
}
TABLE = coverage(C, COVER, EXTRA)
if "--coverage" in sys.argv:
    print(TABLE)

write(HERE, C, "b")
