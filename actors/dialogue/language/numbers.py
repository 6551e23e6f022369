"""Numbers in customer messages: number words, budgets, build years and odometer readings.

Customers write amounts every possible way ("20k", "15 mille", "twintig duizend", "max 15.000",
"80dkm"), so the text is first rewritten with digits, then every amount is classified by its unit
and by the words around it. Amounts that are not a car budget (monthly terms, down payments,
ages, daily distances, electric range) are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

_NL_UNITS = {"nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
             "zeven": 7, "acht": 8, "negen": 9}
_NL_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
             "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_NL_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
            "zeventig": 70, "tachtig": 80, "negentig": 90}
_EN_SIMPLE = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
              "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
              "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_ONES = {"one": 1, **{k: v for k, v in _EN_SIMPLE.items() if v < 10}}
_EN_COMPOUND = re.compile(rf"\b({_EN_TENS})[- ]({'|'.join(_EN_ONES)})\b")
_SIMPLE = {**{k: v for k, v in _NL_UNITS.items() if k != "een"}, **_NL_TEENS, **_NL_TENS,
           **_EN_SIMPLE}
_CANDIDATE = re.compile(
    r"[a-z]*(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|tig|honderd|"
    r"duizend|two|three|four|five|six|seven|eight|nine|eleven|twelve|teen|ty)[a-z]*")


def parse_number_word(word: str) -> int | None:
    """Value of a Dutch number word such as "vijfentwintigduizend", or None."""
    if word in _SIMPLE:
        return _SIMPLE[word]
    if word in _NL_UNITS:
        return _NL_UNITS[word]
    for mult_word, mult in (("duizend", 1000), ("honderd", 100)):
        i = word.find(mult_word)
        if i >= 0:
            head, tail = word[:i], word[i + len(mult_word):]
            h = 1 if not head else parse_number_word(head)
            if tail.startswith("en") and parse_number_word(tail[2:]) is not None:
                tail = tail[2:]
            t = 0 if not tail else parse_number_word(tail)
            if h is None or t is None or (head and h >= mult):
                return None
            return h * mult + t
    for tens_word, tens in _NL_TENS.items():
        if word.endswith(tens_word):
            head = word[: -len(tens_word)]
            if head.endswith("en") and head[:-2] in _NL_UNITS and head[:-2] != "nul":
                return tens + _NL_UNITS[head[:-2]]
    return None


def _word_sub(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in ("een", "duizend", "honderd"):
        return word  # the article, or a multiplier handled with the amount
    value = parse_number_word(word)
    return word if value is None else str(value)


def words_to_digits(text: str) -> str:
    """Rewrite number words as digits ("twintig duizend" -> "20 duizend")."""
    text = _EN_COMPOUND.sub(lambda m: str(_EN_SIMPLE[m.group(1)] + _EN_ONES[m.group(2)]), text)
    return _CANDIDATE.sub(_word_sub, text)


# ---------------------------------------------------------------------------------------------
_AMOUNT = re.compile(
    r"(?<![\d:.,/a-z])(?P<cur>(?:€|eur|euro)\s*)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)(?![\d:/])\s*"
    r"(?P<unit>dkm|km\b|kms\b|kilometers?\b|k\b|duizend|mille|ruggen|thousand|grand|euros?\b|eur\b|€|,-)?")
# "ruggen" is slang for thousands ("tot 15 ruggen")
_THOUSANDS = frozenset(("k", "duizend", "mille", "ruggen", "thousand", "grand"))
_KM_AFTER = re.compile(r"^\s*(?:km|kms|kilometers?)\b")
_MILEAGE_AFTER = re.compile(r"^\s*(?:km\b|kms\b|kilomet|op de (?:teller|klok)|gelopen|gereden|miles)")
_MILEAGE_BEFORE = re.compile(
    r"(?:km[- ]?stand|kmstand|kilometerstand|tellerstand|km's|kilometers|mileage|odometer|"
    r"gelopen|teller|op de klok)\D{0,20}$")
_NOT_ODOMETER = re.compile(
    r"^\s*(?:km|kms|kilometers?)?\s*(?:per|p/?d|p/?j|a day|a year|per day|enkele reis|"
    r"heen en terug|woon|rijden per|bereik|range|actieradius)|^\s*(?:km )?(?:/|p\.)")
_RANGE_BEFORE = re.compile(r"(?:bereik|range|actieradius|rijbereik)\D{0,15}$")
_MONTHLY_AFTER = re.compile(
    r"^\s*(?:euro\s*|eur\s*|€\s*)?(?:per (?:maand|month|week|jaar)|p/?m\b|p\.m\.|/\s*m|"
    r"/\s*maand|a month|monthly|maandelijks|in de maand|aanbeta+l|inleg|down ?payment)")
# an amount taken off a price is a discount, not a budget ("kan er 500 euro vanaf?")
_DISCOUNT_AFTER = re.compile(
    r"^\s*(?:euro\s*|eur\s*|€\s*)?(?:vanaf(?!\s*(?:de\s*)?\d)|eraf|er af|af\b|korting|minder|off\b|discount|van de prijs)")
_DOWNPAY_BEFORE = re.compile(
    r"(?:aanbetaling|aanbeta+l(?:en)?|inleg|down ?payment|borg|maandbedrag van|per maand)\s*"
    r"(?:van\s*)?(?:de\s*)?(?:€\s*)?$")
_LOWER_BEFORE = re.compile(
    r"(?:vanaf|minimaal|minimum|minstens|ten minste|at least|from|(?<!niet )meer dan|boven(?: de)?|"
    r"over|more than|above|min\.?)\s*(?:de\s*)?(?:€\s*)?$")
_YEAR_CUE_BEFORE = re.compile(
    r"(?:vanaf|bouwjaar|bj\.?|na|(?:niet|nie|niks|nothing|not|no|none) (?:ouder|older) (?:dan|than)|nieuwer dan|jonger dan|uit|van|from|after|"
    r"newer than|minimaal|minstens|min\.?|at least|tussen|between|since|sinds|modeljaar|"
    r"model ?jaar|year|jaar|jaartal|built|registered)\s*(?:het\s*|de\s*)?(?:jaar\s*)?$")
_YEAR_CUE_AFTER = re.compile(
    r"^\s*(?:\+|of (?:nieuwer|later|jonger|recenter|meer)|or (?:newer|later|above)|en (?:nieuwer|"
    r"later|jonger)|onwards|and up)")
# "ouder dan 2010" caps the year, but a negated one ("niet ouder dan", "nothing older than") is
# the usual way to state a minimum, handled by the cue above.
_YEAR_UPPER_BEFORE = re.compile(
    r"(?:tot|voor|(?<!niet )(?<!nie )(?<!niks )(?<!nothing )(?<!not )(?<!no )(?<!none )"
    r"(?:ouder dan|older than)|max\.?|maximaal|before|t/m)\s*$")
# a year-like amount that is bought, ago, or paid down ("als ik 2000 aanbetaal") is no build year
_YEAR_NOT_AFTER = re.compile(r"^\s*(?:gekocht|aangeschaft|bought|geleden|aanbeta|euro|eur\b|€|inleg)")
_RANGE_JOIN = re.compile(r"^\s*(?:en|tot|-|a|and|to|of|or)\s*(?:de\s*|het\s*)?(?:€\s*)?$")
# "1234 AB": four digits and two letters. Short Dutch words after an amount ("15000 ex btw",
# "8000 is mijn max", "9000 op de teller") are not a postcode.
_POSTCODE_AFTER = re.compile(
    r"^ ?(?!km|en|of|or|to|tm|ca|eu|ex|in|is|op|te|al|om|nu|ja|zo|of|at|as|so|is|it|on|ok|"
    r"pm|pj|pd|mw|mn|ng)[a-z]{2}\b")


# Dutch and Belgian phone numbers ("0318-123456", "06 12345678", "0475 123456", "+31 6 ..."):
# an area code starting with 0 followed by the subscriber number. Their digits are never amounts.
_PHONE = re.compile(r"(?<![\d.,])(?:\+|00)?(?:31|32)?[ -]?\(?0?\d{1,4}\)?[ -]?\d{6,8}(?![\d.,]\d)|"
                    r"(?<![\d.,])0\d{1,3}[ -]\d{2,4}[ -]?\d{2,4}[ -]?\d{0,4}(?![\d.,]\d)")


@dataclass(frozen=True)
class Quantities:
    budget_max: int | None = None
    year_min: int | None = None
    mileage_max: int | None = None


def _value(num: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", num):
        return float(re.sub(r"[.,]", "", num))
    return float(num.replace(",", "."))


_BUDGET_CAP_BEFORE = re.compile(r"\b(?:onder de|max|maximaal|hooguit|niet meer dan|budget(?: is| van)?|under|up to)\s*$")
_NOTHING_AFTER = re.compile(r"\s*(?:[.!?,]|$|graag|ofzo|of zo|ongeveer|max|please)")


def extract_quantities(text: str, blocked: Sequence[tuple[int, int]] = (),
                       car_context: bool = False) -> Quantities:
    """Budget ceiling, minimum build year and maximum odometer reading in a normalised text.

    `blocked` holds character spans already taken by model names ("peugeot 2008", "3 serie").
    `car_context` says whether the message names car attributes, which makes a bare year
    ("golf 2018") a plausible build year.
    """
    blocked = list(blocked) + [p.span() for p in _PHONE.finditer(text)
                               if re.match(r"\+|00|0", p.group().lstrip(" -("))]
    found: list[list[Any]] = []
    for m in _AMOUNT.finditer(text):
        if any(s < m.end("num") and m.start("num") < e for s, e in blocked):
            continue
        unit = m.group("unit") or ("€" if m.group("cur") else None)
        found.append([m, unit, _value(m.group("num"))])
    # "tussen de 8 en 10 mille": the lower bound borrows the unit of the upper one
    for i in range(len(found) - 1):
        cur, nxt = found[i], found[i + 1]
        if cur[1] is None and nxt[1] is not None:
            gap = text[cur[0].end("num"):nxt[0].start()]
            if _RANGE_JOIN.match(gap):
                cur[1] = nxt[1]
    money: list[int] = []
    years: list[int] = []
    km: list[int] = []
    for m, unit, val in found:
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end("num"):m.end("num") + 40]
        tail = text[m.end():m.end() + 40]
        if unit in _THOUSANDS:
            val *= 1000
            if _KM_AFTER.match(tail) or _MILEAGE_AFTER.match(tail):
                unit = "km"
        if unit == "dkm":
            val *= 1000
            unit = "km"
        val = int(round(val))
        is_km = unit in ("km", "kms", "kilometer", "kilometers") or (
            unit is None and (_MILEAGE_AFTER.match(after) or _MILEAGE_BEFORE.search(before)))
        if is_km:
            if val >= 1000 and not _NOT_ODOMETER.match(after) and not _RANGE_BEFORE.search(before):
                if not _LOWER_BEFORE.search(before):
                    km.append(val)
            continue
        if unit is None and "." not in m.group("num") and 1950 <= val <= 2035:
            if _YEAR_UPPER_BEFORE.search(before) or _YEAR_NOT_AFTER.match(after):
                continue
            if _YEAR_CUE_BEFORE.search(before) or _YEAR_CUE_AFTER.match(after) or car_context:
                years.append(val)
            continue
        if unit is None and 3 <= val <= 150 and "." not in m.group("num") and "," not in m.group("num") \
                and _BUDGET_CAP_BEFORE.search(before) and _NOTHING_AFTER.match(after):
            val *= 1000  # "iets kleins, onder de 10": a car budget in thousands, the way dealers hear it
        elif unit is None and (val < 500 or _POSTCODE_AFTER.match(after)):
            continue
        if not 500 <= val <= 500_000:
            continue
        if _MONTHLY_AFTER.match(after if unit is None else tail) or _DOWNPAY_BEFORE.search(before):
            continue
        if _LOWER_BEFORE.search(before) or _DISCOUNT_AFTER.match(after if unit is None else tail):
            continue
        money.append(val)
    return Quantities(
        budget_max=max(money) if money else None,
        year_min=min(years) if years else None,
        mileage_max=max(km) if km else None,
    )


_MONEY = re.compile(
    r"(?<![\d:.,/a-z])(?:(?:€|eur|euro)\s*)?(?P<num>\d{1,3}(?:[.,]\d{3})+|\d{3,6}|\d{1,3}(?:[.,]\d)?)(?![\d:/])\s*"
    r"(?P<unit>k\b|duizend|mille|ruggen|thousand|grand)?")


def money_amounts(norm: str) -> list[int]:
    """Every amount in `norm` that can be euros for a car (1.000 to 500.000), in order.

    Unlike `extract_quantities` this does not decide what the amount is for: an offer
    ("ik bied 15.000"), a price pointed at ("die van 13.950") or a budget all count.
    """
    out = []
    for m in _MONEY.finditer(norm):
        value = _value(m.group("num"))
        if m.group("unit"):
            value *= 1000
        after = norm[m.end():m.end() + 12]
        if re.match(r"\s*(?:km|kilomet|uur|u\b|maanden|jaar|pk|kw)", after):
            continue
        if 1000 <= value <= 500_000 and not (1950 <= value <= 2035 and "." not in m.group("num") and not m.group("unit")):
            out.append(int(round(value)))
    return out
