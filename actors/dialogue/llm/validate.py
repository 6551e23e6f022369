"""The guard on a phrased reply: every claim in it must be one the skill's facts hold.

A model that phrases the reply (`mode = "read+write"`) gets the phrasebook reply the skill
produced (the draft: its cars, prices, times and knowledge are true by construction) and the
records behind it. Its text is sent only if, checked without any model:

- every number (price, amount, km, year, date, warranty term, percentage) is one of the facts';
- every clock time is one of the facts';
- every URL and phone number is one of the facts';
- every car make or model it names is one of the facts' cars or named in the draft;
- it makes no promise the draft does not make (discount, reservation, financing approval, a deal,
  something free), whatever the customer asked for;
- it is in the customer's language, and not absurdly longer than the draft.

Otherwise the draft is sent. `check` returns the reason, or None when the text may go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

from actors.dialogue.language.language import detect_language
from actors.dialogue.language.lexicon import MAKES, MODELS
from actors.dialogue.language.normalize import normalize, tokens
from actors.dialogue.language.other_models import OTHER_MAKES
from integrations.stock import Car


class Rejected(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NUMBER = "unsupported_number"
    TIME = "unsupported_time"
    CONTACT = "unsupported_contact"
    CAR = "unsupported_car"
    PROMISE = "promise"
    LANGUAGE = "language"


@dataclass(frozen=True)
class Facts:
    """What a phrased reply may say: the draft and the records behind it."""

    draft: str
    language: str
    cars: tuple[Car, ...] = ()
    extra: tuple[str, ...] = ()          # business name, address, phone, slot labels


_URL = re.compile(r"https?://[^\s)>\]]+", re.I)
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b(?!\s*(?:km|kilomet|euro|€))")
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d ()\-]{7,}\d(?![\w])")
_NUMBER = re.compile(r"\d{1,3}(?:[.,  ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_KEYCAP = re.compile(r"[0-9#*]\ufe0f?\u20e3")
# A promise the policy does not let the bot make unless the skill's own reply makes it.
_PROMISES = tuple(re.compile(p, re.I) for p in (
    r"korting|discount|procent|percent|%|\bkorter?\b.*\bprijs",
    r"gratis|kosteloos|for free|free of charge|\bfree\b|cadeau|on the house",
    r"reserve\w*|gereserveerd|\bapart\b|vast(?:houden|gehouden|zetten)|\bhou\w* (?:\w+ ){0,3}vast\b|\bhold\b",
    r"goedgekeurd|approved|toegekend|granted|pre-?approv\w*",
    r"\bdeal\b|akkoord|agreed|accept\w*|\bverkocht aan\b|\bsold to you\b|\bis van jou\b|\bis yours\b",
    r"garand\w*|gegarandeerd|guarantee\w*|beloof\w*|belooft|promise\w*",
    r"aanbieding|\bactie(?:prijs)?\b|\bsale\b|on offer|special offer|speciale prijs|special price|scherper",
    r"\bprijs\w* (?:verlaagd|omlaag)|lower the price|price (?:drop|reduc\w*)|afgeprijsd|\bmatch\w* (?:the )?price",
))


def _numbers(text: str) -> set[str]:
    """The numbers written in `text`, spelled one way: 13.950 / 13,950 / 13950 → "13950"; 5,9 → "5.9"."""
    out = set()
    for raw in _NUMBER.findall(_KEYCAP.sub(" ", text)):
        if re.fullmatch(r"\d{1,3}(?:[.,  ]\d{3})+", raw):
            out.add(re.sub(r"\D", "", raw))
        else:
            value = raw.replace(",", ".")
            out.add(value.rstrip("0").rstrip(".") if "." in value else str(int(value)))
    return out


def _times(text: str) -> set[tuple[int, int]]:
    return {(int(h), int(m)) for h, m in _CLOCK.findall(text)}


def _car_words(cars: Iterable[Car]) -> set[str]:
    words = set()
    for car in cars:
        words.add(car.make.casefold())
        words.add(car.model.casefold())
    return words


_NAMES = sorted({n.casefold() for n in (*MAKES, *OTHER_MAKES.values(), *MODELS) if not n.isdigit() and len(n) > 1},
                key=len, reverse=True)
_NAME_PATTERNS = tuple((n, re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", re.I)) for n in _NAMES)


def fact_text(facts: Facts) -> str:
    """Everything the reply may state, as one text (the draft, each car's record, the extras)."""
    parts = [facts.draft, *facts.extra]
    for c in facts.cars:
        parts.append(" ".join(str(v) for v in (c.title, c.year, c.mileage_km, c.price_eur, c.fuel, c.transmission,
                                               c.body_type, c.color, c.url, c.power_hp, c.doors, c.seats,
                                               c.consumption_l_100km, c.range_km, c.warranty_months, c.apk_until,
                                               c.options) if v is not None and v != ""))
    return "\n".join(parts)


def check(text: str, facts: Facts) -> Rejected | None:
    """None when `text` may be sent instead of the draft, else why not."""
    if not text.strip():
        return Rejected.EMPTY
    if len(text) > max(2 * len(facts.draft), len(facts.draft) + 300):
        return Rejected.TOO_LONG
    allowed = fact_text(facts)
    urls = set(_URL.findall(allowed))
    for url in _URL.findall(text):
        if url.rstrip(".,!?") not in urls and url not in urls:
            return Rejected.CONTACT
    bare = _URL.sub(" ", text)
    allowed_digits = {re.sub(r"\D", "", p) for p in _PHONE.findall(allowed)}
    for phone in _PHONE.findall(bare):
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 9 and digits not in allowed_digits:
            return Rejected.CONTACT
    if not _times(bare) <= _times(allowed):
        return Rejected.TIME
    if not _numbers(_CLOCK.sub(" ", bare)) <= _numbers(allowed):
        return Rejected.NUMBER
    known = _car_words(facts.cars) | {n for n, p in _NAME_PATTERNS if p.search(facts.draft)}
    for name, pattern in _NAME_PATTERNS:
        if name not in known and pattern.search(bare):
            return Rejected.CAR
    for promise in _PROMISES:
        if promise.search(bare) and not promise.search(facts.draft):
            return Rejected.PROMISE
    if _language(text) != _language(facts.draft) and _language(text) != facts.language:
        return Rejected.LANGUAGE
    if any(_other_language(sentence, facts.language) for sentence in _SENTENCE.split(bare)):
        return Rejected.LANGUAGE
    return None


def _language(text: str) -> str:
    return detect_language(tokens(normalize(text)))


# Words only one of the two languages uses, to catch one sentence in the other language inside a
# reply ("Goed dat je het vraagt! The Kamiq runs on petrol."); car titles and numbers have neither.
_SENTENCE = re.compile(r"[.!?\n]+")
_ONLY = {
    "en": frozenset("the you your and with have has would could will please thanks thank this that it of for to what "
                    "which when where there our see come booked then would like great sure".split()),
    "nl": frozenset("de het een je jij jullie u uw en met heb hebben graag voor van dat die deze dit wat welke wanneer "
                    "waar er onze ons tot kan kun wil niet geen nog ook dank bedankt goed staat zijn je jouw".split()),
}


def _other_language(sentence: str, language: str) -> bool:
    words = re.findall(r"[a-zà-ÿ]+", sentence.lower())
    own = sum(w in _ONLY.get(language, frozenset()) for w in words)
    other = sum(w in _ONLY["nl" if language == "en" else "en"] for w in words)
    return other >= 2 and other > own
