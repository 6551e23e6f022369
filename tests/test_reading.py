"""The reading of a message, by phrase family: acts, times, moves, positions, yes/no, own car, wishes, references.

Each family is tested with several phrasings, not one sentence: a rule that only knows one
wording fails its family. No dialogue runs here; `read` is a pure function of the text and
what the conversation has shown.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from actors.dialogue.language.facts import Field, Key
from actors.dialogue.language.normalize import normalize
from actors.dialogue.language.ordinals import position
from actors.dialogue.language.own_car import find_own_car
from actors.dialogue.language.reader import Context, read
from actors.dialogue.language.reading import ActKind
from actors.dialogue.language.references import Scope
from actors.dialogue.language.criteria import read_criteria
from actors.dialogue.language.when import read_shift, read_when
from actors.dialogue.language.yesno import Polarity, polarity
from integrations.knowledge import load_knowledge
from integrations.stock import parse_stock_csv, sample_stock_text

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 12, 1)  # a Tuesday
STOCK = parse_stock_csv(sample_stock_text())
KNOWLEDGE = load_knowledge()
POLOS = ("SR2417", "SR2419", "SR2423")


def reading(text: str, *, shown=(), focus=None, found=(), compared=(), **context):
    scope = Scope(stock=STOCK, shown=tuple(shown), compared=tuple(compared), found=tuple(found), focus=focus)
    return read(text, Context(scope=scope, knowledge=KNOWLEDGE, today=TODAY, **context))


def kinds(text: str, **kw) -> list[str]:
    return [a.kind.value for a in reading(text, **kw).acts]


# --- several things in one message ---------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("Zijn jullie BOVAG-lid? En hoeveel garantie krijg ik op een occasion?", ["knowledge", "knowledge"]),
    ("wat kost hij, hoeveel km heeft hij gereden en is het een automaat?", ["ask_car"]),
    ("hoe laat was het ook alweer? en moet ik iets meenemen?", ["recall", "knowledge"]),
    ("Can I pay in monthly instalments? And what warranty do I get?", ["financing", "knowledge"]),
    ("waar kan ik parkeren? wat is het adres precies?", ["knowledge", "location"]),
    ("Ok, en hebt ge nog een Dacia Duster staan? Wat kost die?", ["search", "ask_car"]),
])
def test_a_message_with_several_questions_reads_as_several_acts(text, expected):
    """Each question of a message becomes its own act, in the order written (facts of one car merge)."""
    assert kinds(text, focus="SR2585") == expected


def test_several_facts_of_one_car_are_one_act_with_every_field_in_order():
    """"wat kost hij, hoeveel km en is het een automaat" asks three fields of the car in focus."""
    [act] = reading("wat kost hij, hoeveel km heeft hij gereden en is het een automaat?", focus="SR2497").acts
    assert act.cars == ("SR2497",)
    assert act.fields == (Field.PRICE, Field.KM, Field.TRANSMISSION)


def test_a_car_named_in_one_clause_is_the_car_of_the_next():
    """"Hebt ge nog een Duster? Wat kost die?" asks the Duster's price."""
    acts = reading("Ok, en hebt ge nog een Dacia Duster staan? Wat kost die?").acts
    assert acts[1].kind == ActKind.ASK_CAR and acts[1].cars == ("SR2591",)


# --- questions about a car vs wishes for a search --------------------------------------------


@pytest.mark.parametrize("text,field", [
    ("is het een automaat?", Field.TRANSMISSION), ("is die handgeschakeld of automaat?", Field.TRANSMISSION),
    ("Is it petrol or electric?", Field.FUEL), ("is dat een plug-in?", Field.FUEL),
    ("welke kleur heeft hij?", Field.COLOUR), ("and what colour is it?", Field.COLOUR),
    ("hoeveel km staat er op de teller?", Field.KM), ("How many km has it done?", Field.KM),
    ("welk bouwjaar?", Field.YEAR), ("uit welk jaar is hij", Field.YEAR),
    ("wat moet die kosten?", Field.PRICE), ("how much is it", Field.PRICE),
    ("zit er cruise control op?", Field.OPTIONS), ("heeft die ook airco", Field.OPTIONS),
    ("is dat een vijfdeurs", Field.DOORS), ("hoeveel km kan hij volledig elektrisch rijden?", Field.RANGE),
    ("vertel eens wat meer", Field.MORE),
])
def test_questions_about_the_car_in_focus_ask_its_fields(text, field):
    """A question about the car in focus asks one of its facts, however it is phrased."""
    acts = reading(text, focus="SR2519").acts
    assert acts and acts[0].kind == ActKind.ASK_CAR and field in acts[0].fields and acts[0].cars == ("SR2519",)


@pytest.mark.parametrize("text", [
    "ik zoek een automaat", "hebben jullie ook een diesel?", "maximaal 70.000 km graag", "liever geen diesel",
    "automaat hoeft niet per se", "alleen benzine graag, geen hybride of elektrisch", "iets ruimers op lpg?",
    "Hi, do you have any electric cars under 25k?", "zoek een suv, max 20 mille",
])
def test_naming_a_value_is_a_wish_not_a_question(text):
    """"ik zoek een automaat" or "maximaal 70.000 km" changes the search; it asks nothing about the car in focus."""
    assert kinds(text, focus="SR2519") == ["search"]


@pytest.mark.parametrize("text,key,lowest", [
    ("welke is het goedkoopst?", Key.PRICE, True), ("en de duurste die nog binnen mijn budget valt?", Key.PRICE, False),
    ("welke daarvan is de nieuwste?", Key.YEAR, False), ("en welke is het oudste?", Key.YEAR, True),
    ("welke heeft de minste kilometers?", Key.KM, True), ("Which one has the lowest mileage?", Key.KM, True),
    ("welke van de twee heeft minder gelopen?", Key.KM, True), ("amai, welke is den goedkoopste?", Key.PRICE, True),
])
def test_superlatives_read_as_a_ranking(text, key, lowest):
    """Which-questions with a superlative or comparative rank cars by one key."""
    [act] = reading(text).acts
    assert act.kind == ActKind.RANK and (act.rank.key, act.rank.lowest) == (key, lowest)


def test_a_superlative_describing_stock_is_no_ranking():
    """"een nieuwsbrief met jullie nieuwste occasions" asks to subscribe, not which car is newest."""
    assert kinds("Kan ik me ergens inschrijven voor een nieuwsbrief met jullie nieuwste occasions?") == ["opt_in"]


@pytest.mark.parametrize("text,expected", [
    ("wat zijn de verschillen tussen de megane en de corolla?", {"SR2467", "SR2473"}),
    ("Ik twijfel tussen de Toyota C-HR en de Kia Niro hybride", {"SR2479", "SR2491"}),
    ("wat is nou beter, de Nissan Qashqai of de Peugeot 2008?", {"SR2563", "SR2453"}),
    ("Wat is het verschil tussen de twee Tiguans?", {"SR2425", "SR2429"}),
])
def test_comparisons_resolve_each_car_on_its_own(text, expected):
    """Each car of a comparison is resolved from its own words; one car's words never narrow the other."""
    [act] = reading(text).acts
    assert act.kind == ActKind.COMPARE and set(act.cars) == expected


# --- references ------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("de tweede", "SR2419"), ("de rode", "SR2551"), ("die van 17.950", "SR2419"), ("de polo dsg", "SR2419"),
    ("die laatste", "SR2551"), ("the second one", "SR2419"),
])
def test_a_car_of_the_list_is_pointed_at_by_position_colour_price_or_words(text, expected):
    """Position, colour, price and variant words point into the list just shown."""
    acts = reading(text, shown=("SR2423", "SR2419", "SR2551")).acts
    assert acts[0].cars == (expected,)


def test_a_model_with_several_cars_prefers_the_one_of_the_search():
    """"de Niro" in an electric-car conversation is the Niro EV, not the hybrid."""
    acts = reading("de Niro, hoeveel kilometers staan daar op?", found=("SR2437", "SR2489", "SR2503")).acts
    assert acts[-1].kind == ActKind.ASK_CAR and acts[-1].cars == ("SR2489",)


def test_variant_words_tell_cars_of_one_model_apart():
    """"de Golf eHybrid", "de Picanto GT-Line": the variant words pick the car."""
    assert reading("Hi, I'm interested in the Golf eHybrid").acts[0].cars == ("SR2411",)
    assert reading("proefrit in de Kia Picanto GT-Line").acts[0].cars == ("SR2485",)


# --- times -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,day,clock", [
    ("morgen om 11 uur", date(2026, 12, 2), (11, 0)), ("zaterdag om 10u", date(2026, 12, 5), (10, 0)),
    ("donderdag om 15:00", date(2026, 12, 3), (15, 0)), ("vrijdag rond 14u", date(2026, 12, 4), (14, 0)),
    ("morgen half 3", date(2026, 12, 2), (14, 30)), ("Friday at 3pm", date(2026, 12, 4), (15, 0)),
    ("tomorrow at 2 pm", date(2026, 12, 2), (14, 0)), ("maandag om 9 uur", date(2026, 12, 7), (9, 0)),
    ("vanmiddag om 16:00", date(2026, 12, 1), (16, 0)), ("zaterdag 5 december om 11", date(2026, 12, 5), (11, 0)),
    ("kwart over 2 op vrijdag", date(2026, 12, 4), (14, 15)), ("woensdag 14.00u", date(2026, 12, 2), (14, 0)),
])
def test_a_day_and_a_time_are_read_in_every_usual_form(text, day, clock):
    """Days and clock times as customers write them; a bare "2 uur" at a showroom is 14:00."""
    when = read_when(normalize(text), TODAY)
    assert when.target_date(TODAY) == day and when.times[0] == clock


def test_ranges_and_dayparts_bound_the_slots_that_fit():
    """"morgen vanaf 16:00" fits 16:00 and 17:00 only; "zaterdagochtend" only the morning."""
    after = read_when(normalize("morgen vanaf 16:00"), TODAY)
    assert after.matches(datetime(2026, 12, 2, 16, 0, tzinfo=AMS), TODAY)
    assert not after.matches(datetime(2026, 12, 2, 15, 0, tzinfo=AMS), TODAY)
    morning = read_when(normalize("zaterdagochtend"), TODAY)
    assert morning.matches(datetime(2026, 12, 5, 10, 0, tzinfo=AMS), TODAY)
    assert not morning.matches(datetime(2026, 12, 5, 14, 0, tzinfo=AMS), TODAY)


@pytest.mark.parametrize("text,days,minutes", [
    ("kan het een dag later?", 1, 0), ("een dagje eerder", -1, 0), ("een uurtje eerder", 0, -60),
    ("could we make it an hour later?", 0, 60), ("twee dagen later", 2, 0), ("een half uur later", 0, 30),
    ("'t zal toch een dagske later moeten zijn", 1, 0), ("volgende week zelfde tijd", 7, 0),
])
def test_moves_relative_to_the_appointment(text, days, minutes):
    """"een dag later", "een uurtje eerder", "an hour later": a shift of the booked drive."""
    shift = read_shift(normalize(text))
    assert (shift.days, shift.minutes) == (days, minutes)


@pytest.mark.parametrize("text,index", [
    ("2", 1), ("de tweede", 1), ("doe maar de eerste", 0), ("de laatste", 2), ("nummer 3", 2), ("optie 1", 0),
    ("the second one", 1), ("den eerste", 0),
])
def test_positions_pick_from_a_list(text, index):
    """Ordinals, "nummer N" and a bare digit pick the N-th item of a list of three."""
    assert position(normalize(text), 3) == index


# --- yes and no ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["ja graag", "top", "👍", "👌", "ja prima, tot zaterdag", "is goed", "merci, da's goed",
                                  "yes please", "perfect, thanks", "klinkt goed", "doe maar", "ok"])
def test_agreement_in_any_form_is_a_yes(text):
    assert polarity(text, normalize(text)) is Polarity.YES


@pytest.mark.parametrize("text", ["nee", "nee, toch te klein voor ons. bedankt", "liever niet", "no thanks", "👎"])
def test_refusal_in_any_form_is_a_no(text):
    assert polarity(text, normalize(text)) is Polarity.NO


@pytest.mark.parametrize("text", ["ja, en wat kost hij?", "ik denk er nog even over na, misschien later"])
def test_a_yes_with_a_question_is_no_bare_yes(text):
    assert polarity(text, normalize(text)) is None


# --- the customer's own car ------------------------------------------------------------------


@pytest.mark.parametrize("text,make,model,year", [
    ("Ik wil mijn Opel Zafira uit 2012 inruilen", "Opel", "Zafira", 2012),
    ("ik zou mijne oude Peugeot 307 willen inruilen", "Peugeot", "307", None),
    ("ik heb nog een Peugeot 508 SW uit 2016 die ik wil inruilen", "Peugeot", "508", 2016),
    ("I'd trade in my 2015 Honda Civic", "Honda", "Civic", 2015),
    ("mijn golf van 2014 moet weg", "Volkswagen", "Golf", 2014),
])
def test_the_customers_own_car_is_read_apart(text, make, model, year):
    """A possessive before a car name marks the customer's own car, with its year."""
    hit = find_own_car(normalize(text))
    assert hit is not None and (hit.car.make, hit.car.model, hit.car.year) == (make, model, year)


def test_the_own_car_never_becomes_the_search():
    """"mijn Zafira inruilen en zoek een hybride SUV": the search is hybrid SUVs, without Opel."""
    acts = reading("Hoi! Ik wil mijn Opel Zafira uit 2012 inruilen en zoek een hybride SUV tot 25.000").acts
    assert [a.kind for a in acts] == [ActKind.TRADE_IN, ActKind.SEARCH]
    assert acts[0].own_car.model == "Zafira"
    assert acts[1].criteria.require == {"fuel": ("hybride",), "body_type": ("suv",)}


def test_a_trade_in_detail_answers_the_question_asked():
    """"hij heeft 165.000 km gelopen" after we asked for the km is the trade-in's mileage, not a search."""
    [act] = reading("hij heeft 165.000 km gelopen", expecting="trade_in_details", trade_in_open=True).acts
    assert act.kind == ActKind.TRADE_IN and act.own_car.km == 165000


# --- wishes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,require,exclude,widen", [
    ("liever geen diesel", {}, {"fuel": ("diesel",)}, ()),
    ("handgeschakeld is niks voor mij, alleen automaat graag", {"transmission": ("automaat",)},
     {"transmission": ("handgeschakeld",)}, ()),
    ("automaat hoeft niet per se", {}, {}, ("transmission",)),
    ("geen Franse", {}, {"make": ("Peugeot", "Renault", "Citroen")}, ()),
    ("alleen benzine graag, geen hybride of elektrisch", {"fuel": ("benzine",)}, {"fuel": ("hybride", "elektrisch")}, ()),
])
def test_wishes_require_exclude_and_widen(text, require, exclude, widen):
    c = read_criteria(normalize(text))
    assert (c.require, c.exclude, tuple(w for w in c.widen if not w.startswith("+"))) == (require, exclude, widen)


def test_a_correction_replaces_and_a_soft_budget_stretches():
    """"stop, ik bedoelde een stationwagen" replaces; "rond de 15.000" is a soft budget."""
    assert read_criteria(normalize("stop, ik bedoelde een stationwagen, geen suv")).replace
    c = read_criteria(normalize("budget rond de 15.000"))
    assert c.budget_max == 15000 and c.budget_soft


@pytest.mark.parametrize("text", ["ik bied 15.000", "ik geef 9.500 cash, deal?", "18.000 contant en we hebben een deal",
                                  "allez, 16500 en ik neem hem mee"])
def test_an_offer_is_a_bid_not_a_budget(text):
    """An amount offered for the car in focus is a bid; it never becomes a search budget."""
    acts = reading(text, focus="SR2471", focus_price=17450).acts
    assert acts[0].kind == ActKind.OFFER and ActKind.SEARCH not in [a.kind for a in acts]


def test_a_bid_in_thousands_is_read_against_the_price():
    """"ik geef er 16 voor" about a car of 17.450 is a bid of 16.000."""
    [act] = reading("ik geef er 16 voor", focus="SR2471", focus_price=17450).acts
    assert act.kind == ActKind.OFFER and act.amount == 16000


# --- appointments --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Sorry, ik moet de afspraak helaas afzeggen", "ik moet het toch afzeggen, sorry", "ik wil me toch afmelden voor de proefrit",
    "Sorry, something came up. Please cancel it.", "ik kan zaterdag toch niet komen", "ik moet me helaas weer afmelden voor vrijdag",
])
def test_cancelling_in_any_form_cancels(text):
    assert kinds(text, has_appointment=True)[0] == "cancel"


@pytest.mark.parametrize("text", ["hoe laat was het ook alweer?", "hoe laat hadden we ook alweer afgesproken?",
                                  "Just to double check, what time is my appointment?", "wanneer was mijn afspraak ook alweer?",
                                  "hoe laat was da nu weer?", "wanneer was het nou weer"])
def test_asking_when_the_drive_is_recalls_it(text):
    assert kinds(text, has_appointment=True) == ["recall"]


# --- opting out ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["STOP", "stop", "afmelden", "stuur me geen berichten meer",
                                  "wil me wel graag afmelden voor jullie berichten", "en ik wil verder geen whatsappjes meer",
                                  "unsubscribe", "meld me maar af voor al jullie berichten"])
def test_a_request_to_stop_messages_opts_out(text):
    assert kinds(text) == ["opt_out"]


@pytest.mark.parametrize("text", [
    "stop, ik bedoelde een stationwagen, geen suv", "Kan ik me ergens inschrijven voor nieuwe Toyota's?",
    "en moet ik me registreren voor een proefrit?", "ik wil me toch afmelden voor de proefrit",
    "stop maar, ik wacht wel tot er een andere binnenkomt", "kan ik die auto in België inschrijven?",
])
def test_opt_out_look_alikes_do_not_opt_out(text):
    assert "opt_out" not in kinds(text, has_appointment="proefrit" in text)


# --- people ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,kind", [
    ("Kan ik daarover iemand spreken?", "human"), ("bel me maar even terug", "human"),
    ("Ik heb 3 weken geleden een Clio bij jullie gekocht en nu brandt het motorlampje al. Ik ben hier echt niet blij mee.",
     "complaint"),
    ("I bought a Ford Fiesta from you two weeks ago and the gearbox is already making a grinding noise.", "complaint"),
])
def test_asking_for_a_person_or_complaining_reads_as_such(text, kind):
    assert kinds(text)[0] == kind


@pytest.mark.parametrize("text", ["zijn jullie maandag open?", "hoeveel km heeft die?", "Zijn jullie BOVAG-lid?"])
def test_ordinary_questions_are_never_read_as_a_wish_for_a_person(text):
    assert not {"human", "complaint"} & set(kinds(text, focus="SR2519"))


# --- the dealer ------------------------------------------------------------------------------


@pytest.mark.parametrize("text,topic", [
    ("wordt de auto met nieuwe APK afgeleverd?", "apk"), ("kunnen jullie een auto ook thuis afleveren?", "delivery"),
    ("kan ik thuis gewoon via het stopcontact laden?", "home_charging"), ("doen jullie later ook het onderhoud?", "servicing"),
    ("Is er parking aan de zaak?", "parking"), ("hoe werkt inruilen bij jullie?", "trade_in_process"),
    ("kunnen jullie een accutest laten zien?", "ev_battery"), ("moet ik iets aanbetalen?", "down_payment"),
])
def test_dealer_questions_find_their_knowledge_topic(text, topic):
    acts = reading(text).acts
    assert any(topic in a.topics for a in acts) or (topic == "trade_in_process" and acts[0].kind == ActKind.TRADE_IN)


def test_a_topic_word_in_a_statement_asks_nothing():
    """"mijn dochter heeft net haar rijbewijs" is about the daughter, not about what to bring."""
    acts = reading("ik zoek een auto voor mijn dochter die heeft net haar rijbewijs, iets kleins tot 8000").acts
    assert [a.kind for a in acts] == [ActKind.SEARCH]


@pytest.mark.parametrize("text,holidays", [
    ("zijn jullie op tweede kerstdag open?", {"12-26"}), ("Ook op oudejaarsdag?", {"12-31"}),
    ("are you open between Christmas and New Year?", {"12-25", "12-26", "12-31", "01-01"}),
])
def test_holidays_are_named_by_their_words(text, holidays):
    [act] = reading(text).acts
    assert act.kind == ActKind.HOURS and set(act.holidays) == holidays


def test_an_elliptic_follow_up_repeats_the_last_question():
    """"Tot hoe laat zaterdag?" … "en zondag?" asks the hours of Sunday."""
    [act] = reading("en zondag?", last="hours").acts
    assert act.kind == ActKind.HOURS and act.when.weekday == 6


# --- our own link or stock number --------------------------------------------------------------

CORSA_LINK = "https://www.seldenrijk-auto.nl/occasions/SR2447"


@pytest.mark.parametrize("text", [
    f"Hoi, is deze nog beschikbaar? {CORSA_LINK}",
    f"{CORSA_LINK}",
    "www.seldenrijk-auto.nl/occasions/sr2447/ wat kost die?",
    "Ik heb interesse in SR2447",
    f"Opel Corsa {CORSA_LINK}",
])
def test_a_link_or_stock_number_of_ours_points_at_that_car(text):
    acts = reading(text, focus="SR2405", shown=POLOS).acts
    assert acts and {c for a in acts for c in a.cars} == {"SR2447"} and not any(a.gone for a in acts)


@pytest.mark.parametrize("text", [
    "is deze nog te koop? https://www.seldenrijk-auto.nl/occasions/SR9999",
    "https://seldenrijk-auto.nl/occasions/AB1234",
])
def test_a_link_to_a_car_page_of_ours_that_names_no_car_in_stock_is_a_car_gone(text):
    acts = reading(text, focus="SR2405").acts
    assert acts[0].kind == ActKind.POINT and acts[0].gone
    assert not any(a.cars for a in acts)  # "deze" is not the car in focus


@pytest.mark.parametrize("text", [
    "heb je deze ook? https://www.autoscout24.nl/aanbod/sr2447",
    "wat kost de golf van 2018",
    "ik zoek iets rond de 2447 euro",
])
def test_other_links_and_numbers_are_no_pointer(text):
    assert not any(a.gone for a in reading(text).acts)
    assert "SR2447" not in {c for a in reading(text).acts for c in a.cars}


@pytest.mark.parametrize("text,field", [
    ("hoeveel mensen passen erin?", Field.SEATS), ("how many seats does it have?", Field.SEATS),
    ("which one has the most seats?", Field.SEATS), ("hoe groot is de kofferbak?", Field.BOOT),
    ("is er genoeg bagageruimte voor een kinderwagen?", Field.BOOT), ("how big is the boot?", Field.BOOT),
])
def test_seats_and_luggage_space_are_facts_asked_not_a_seat_or_a_search(text, field):
    acts = reading(text, focus="SR2473").acts
    assert [a.kind for a in acts] == [ActKind.ASK_CAR] and field in acts[0].fields and acts[0].cars == ("SR2473",)


@pytest.mark.parametrize("text,kinds_read", [
    ("whats the lowest price you can do on the golf?", ["negotiate"]),
    ("wat is de laagste prijs die je kunt doen voor de golf?", ["negotiate"]),
    ("welke golf heeft de laagste prijs?", ["rank"]),
    ("zou je 20k willen doen voor de golf?", ["offer"]),
    ("kun je hem voor 19.500 doen?", ["offer"]),
])
def test_the_lowest_price_you_can_do_is_haggling_and_would_you_do_an_amount_is_a_bid(text, kinds_read):
    assert kinds(text, focus="SR2411") == kinds_read
