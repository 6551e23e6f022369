"""The dealer's knowledge file: the shipped defaults load, a broken file is refused naming the entry, holidays
fall on the right dates, and every financing answer carries the legal warning."""

from __future__ import annotations

import re
from datetime import date

import pytest

from actors.dialogue import replies
from actors.dialogue.language.topics import find_topics
from integrations.knowledge import KnowledgeError, default_knowledge_text, easter, load_knowledge, parse_knowledge

SHIPPED = load_knowledge()
TOPIC = '[[topic]]\nid = "parking"\nwords = ["parkeren"]\nnl = "Gratis parkeren."\nen = "Free parking."\n'
HOLIDAY = '[[holiday]]\ndate = "12-25"\nnl = "eerste kerstdag"\nen = "Christmas Day"\nwords = ["kerst"]\n'


def test_the_shipped_file_loads_with_the_topics_customers_ask_about():
    ids = [t.id for t in SHIPPED.topics]
    assert len(ids) == len(set(ids))
    assert {"warranty", "bovag", "apk", "parking", "public_transport", "delivery", "ev_charging", "abroad",
            "negotiation", "buying_process", "trade_in_process", "newsletter", "stock_alert"} <= set(ids)
    for topic in SHIPPED.topics:
        assert topic.nl and topic.en and (topic.words or topic.stems), topic.id
        assert topic.text("nl") == topic.nl and topic.text("en") == topic.en


def test_every_topic_fills_in_the_business_placeholders():
    """{name}, {address} and {phone} are the only placeholders; every text formats with them."""
    for topic in SHIPPED.topics:
        for text in (topic.nl, topic.en):
            filled = text.format(name="Garage X", address="Straat 1", phone="+31 30 000 0000")
            assert "{" not in filled and "}" not in filled, topic.id
    assert "Garage X" in SHIPPED.topic("bovag").text("nl").format(name="Garage X", address="", phone="")


def test_the_shipped_financing_figures_are_read():
    assert (SHIPPED.financing.apr_percent, SHIPPED.financing.months, SHIPPED.financing.min_amount) == (8.99, 72, 2500)


def test_a_missing_financing_section_gets_the_defaults():
    knowledge = parse_knowledge(TOPIC)
    assert knowledge.financing.months == 72 and knowledge.holidays == ()


@pytest.mark.parametrize("text, names", [
    ("version = 1\n[[topic]\n", "not valid TOML"),
    ('[faq]\nq = "x"\n', "unknown section 'faq'"),
    ('topic = "parking"\n', "topic: expected an array of tables"),
    ('[[topic]]\nid = "Parking"\nwords = ["p"]\nnl = "x"\nen = "x"\n', "topic[0].id"),
    ('[[topic]]\nwords = ["p"]\nnl = "x"\nen = "x"\n', "topic[0].id"),
    ('[[topic]]\nid = "parking"\nwords = ["p"]\nen = "x"\n', "topic 'parking'.nl"),
    ('[[topic]]\nid = "parking"\nwords = ["p"]\nnl = ""\nen = "x"\n', "topic 'parking'.nl"),
    ('[[topic]]\nid = "parking"\nwords = ["p"]\nnl = 3\nen = "x"\n', "topic 'parking'.nl"),
    ('[[topic]]\nid = "parking"\nwords = "p"\nnl = "x"\nen = "x"\n', "topic 'parking'.words"),
    ('[[topic]]\nid = "parking"\nwords = ["p", 4]\nnl = "x"\nen = "x"\n', "topic 'parking'.words"),
    ('[[topic]]\nid = "parking"\nnl = "x"\nen = "x"\n', "needs words or stems"),
    ('[[topic]]\nid = "parking"\nwords = ["p"]\nnl = "x"\nen = "x"\nanswer = "y"\n', "unknown key 'answer'"),
    ('[[topic]]\nid = "parking"\nwords = ["p"]\nnl = "Kost {price}"\nen = "x"\n', "unknown placeholder {price}"),
    (TOPIC + TOPIC, "topic 'parking' appears twice"),
    ('[[holiday]]\ndate = "25-12"\nnl = "x"\nen = "x"\nwords = ["x"]\n', "holiday[0].date"),
    ('[[holiday]]\ndate = "02-30"\nnl = "x"\nen = "x"\nwords = ["x"]\n', "is not a date"),
    ('[[holiday]]\ndate = "easter"\nnl = "x"\nen = "x"\nwords = ["x"]\nhours = "9-17"\n', "holiday[0].hours"),
    ('[[holiday]]\ndate = "12-25"\nen = "x"\nwords = ["x"]\n', "holiday[0].nl"),
    (HOLIDAY.replace("words", "woorden"), "unknown key 'woorden'"),
    ("[financing]\napr_percent = 45\n", "financing.apr_percent"),
    ('[financing]\napr_percent = "8,99"\n', "financing.apr_percent"),
    ("[financing]\nmonths = 3\n", "financing.months"),
    ("[financing]\nmonths = 72.5\n", "financing.months"),
    ("[financing]\nmin_amount = -1\n", "financing.min_amount"),
    ("[financing]\nlender = 4\n", "financing.lender"),
    ("[financing]\nrate = 4\n", "unknown key 'rate'"),
    ('[[topic]]\nid = "accu"\ntogether = [["garantie"]]\nnl = "x"\nen = "x"\n', "topic 'accu'.together"),
    ('[[topic]]\nid = "accu"\ntogether = [["garantie"], []]\nnl = "x"\nen = "x"\n', "topic 'accu'.together"),
])
def test_a_broken_file_is_refused_naming_the_entry(text, names):
    with pytest.raises(KnowledgeError, match=re.escape(names)):
        parse_knowledge(text)


@pytest.mark.parametrize("question, topics", [
    ("hoeveel garantie zit er op de accu", ("ev_battery",)),
    ("wat is de garantie op de batterij", ("ev_battery",)),
    ("is er garantie op de accu en kan ik bij jullie parkeren", ("ev_battery", "parking")),
    ("hoeveel garantie krijg ik", ("warranty",)),
])
def test_topic_words_together_mark_the_more_specific_topic(question, topics):
    """Regression: "hoeveel garantie zit er op de accu" was answered as the battery's capacity, without a word on
    its warranty; words of every `together` group mark the topic, and the general warranty topic gives way."""
    assert find_topics(question, SHIPPED) == topics


def test_a_file_that_cannot_be_read_is_refused_naming_it(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read .*missing.toml"):
        load_knowledge(tmp_path / "missing.toml")


def test_a_dealers_own_file_replaces_the_defaults(tmp_path):
    path = tmp_path / "kennis.toml"
    path.write_text(TOPIC + HOLIDAY + "[financing]\napr_percent = 6.9\nmonths = 60\nlender = \"Bank X\"\n",
                    encoding="utf-8")
    knowledge = load_knowledge(path)
    assert [t.id for t in knowledge.topics] == ["parking"] and knowledge.topic("warranty") is None
    assert knowledge.financing.lender == "Bank X" and knowledge.financing.months == 60
    assert load_knowledge("") == SHIPPED == parse_knowledge(default_knowledge_text())


@pytest.mark.parametrize("year, sunday", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                          (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))])
def test_easter_falls_on_the_right_sunday(year, sunday):
    assert easter(year) == sunday


@pytest.mark.parametrize("day, name, hours", [
    (date(2026, 1, 1), "nieuwjaarsdag", ""),
    (date(2026, 4, 5), "eerste paasdag", ""),
    (date(2026, 4, 6), "tweede paasdag", ""),
    (date(2026, 4, 27), "Koningsdag", "10:00-16:00"),
    (date(2026, 5, 14), "Hemelvaartsdag", ""),
    (date(2026, 5, 24), "eerste pinksterdag", ""),
    (date(2026, 5, 25), "tweede pinksterdag", ""),
    (date(2026, 12, 24), "kerstavond", "09:00-16:00"),
    (date(2026, 12, 25), "eerste kerstdag", ""),
    (date(2027, 3, 29), "tweede paasdag", ""),
])
def test_holidays_fall_on_their_dates_with_their_hours(day, name, hours):
    holiday = SHIPPED.holiday_on(day)
    assert holiday is not None and holiday.name("nl") == name and holiday.hours == hours


@pytest.mark.parametrize("day", [date(2026, 4, 7), date(2026, 11, 24), date(2026, 12, 27)])
def test_an_ordinary_day_is_no_holiday(day):
    assert SHIPPED.holiday_on(day) is None


def test_a_holiday_dated_once_falls_only_in_its_year():
    knowledge = parse_knowledge('[[holiday]]\ndate = "2027-06-01"\nnl = "verbouwing"\nen = "refit"\n'
                                'words = ["verbouwing"]\n')
    assert knowledge.holiday_on(date(2027, 6, 1)).name("en") == "refit"
    assert knowledge.holiday_on(date(2026, 6, 1)) is None


FIGURES = dict(lender="", car="Volkswagen Polo 1.0 TSI Life", price="€ 20.950", months=72, apr="8,99", monthly="€ 374",
               down="2.000")
# The phrasebook's financing sentences that state loan terms (the application follow-up states none).
LOAN_TERMS = sorted(k for k in replies.keys() if k.startswith("financing") and "%" in replies.say(k, "nl", **FIGURES))


def test_the_phrasebook_has_financing_examples_with_loan_terms():
    assert {"financing", "financing_down", "financing_general"} <= set(LOAN_TERMS)


@pytest.mark.parametrize("key", LOAN_TERMS)
def test_every_financing_answer_with_loan_terms_carries_the_legal_warning(key):
    """Each sentence that states a rate also says "Let op! Geld lenen kost geld." on a line of its own (and its
    English form quotes it)."""
    assert "Let op! Geld lenen kost geld." in replies.say(key, "nl", **FIGURES).splitlines()
    assert "Geld lenen kost geld" in replies.say(key, "en", **FIGURES)
