"""Small readings of a message that only make sense in the dialogue's context.

The NLU labels one message on its own; these cues help decide what it means after what
the assistant just asked: a colour for a previous search, "ja" after an invitation, the
year and mileage of a trade-in, the amount and term of a loan.
"""

from __future__ import annotations

import re

from actors.brain.nlu import normalize

_COLORS = {
    "wit": "wit", "witte": "wit", "white": "wit",
    "zwart": "zwart", "zwarte": "zwart", "black": "zwart",
    "grijs": "grijs", "grijze": "grijs", "grey": "grijs", "gray": "grijs", "antraciet": "grijs",
    "blauw": "blauw", "blauwe": "blauw", "blue": "blauw",
    "rood": "rood", "rode": "rood", "red": "rood",
    "zilver": "zilver", "zilveren": "zilver", "zilvergrijs": "zilver", "silver": "zilver",
}
_COLOR_RE = re.compile(r"\b(" + "|".join(sorted(_COLORS, key=len, reverse=True)) + r")\b")
_FOLLOW_UP = re.compile(r"^(?:en|of|and|or|maar|but|ook|also|liever|rather|toch)\b|\b(?:ook|also) (?:in|met|with)\b"
                        r"|\b(?:goedkoper|cheaper|nieuwer|newer|minder km|minder kilometers|lower mileage)\b")
_YES = re.compile(r"^(?:ja+|jazeker|jawel|yes|yep|yeah|sure|graag|zeker|prima|oke?|okay|goed|top|leuk|doe maar)"
                  r"(?:\s+(?:graag|hoor|please|leuk|prima|top|doe maar|zeker|dat wil ik))*\W*$")
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_KM = re.compile(r"\b(\d{1,3}(?:[.,]\d{3})+|\d{2,6})\s*(k|dkm|duizend)?\s*(?:km|kilometer)")
_KM_K = re.compile(r"\b(\d{1,3})\s*(?:k|dkm|duizend)\b(?!\s*(?:euro|eur))")
_AMOUNT = re.compile(r"(?:€|eur(?:o)?\s*)\s*(\d{1,3}(?:[.,]\d{3})+|\d+)(?:\s*k)?|(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(k)?"
                     r"\s*(?:€|euro|eur)\b")
_TERM = re.compile(r"\b(\d{1,3})\s*(maanden|maand|months?|mnd|jaar|years?)\b")
_HAGGLE = re.compile(r"\b(?:korting|discount|onderhandel\w*|negotia\w*|aan de prijs|prijs (?:te )?(?:verlag|zak|lager)"
                     r"|laatste prijs|best(?:e)? prijs|best price|scherper|goedkoper kunnen|eraf|er af|lower (?:the )?"
                     r"price|deal)\b")
_ORDINAL = {"eerste": 0, "1e": 0, "1ste": 0, "first": 0, "1": 0, "tweede": 1, "2e": 1, "2de": 1,
            "second": 1, "2": 1, "derde": 2, "3e": 2, "3de": 2, "third": 2, "3": 2, "laatste": -1, "last": -1}
_DAYTIME = re.compile(
    r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|morgen|overmorgen|vandaag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|tomorrow|today|\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:uur|u|am|pm))\b")
_HAS_TIME = re.compile(r"\b(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:uur|u|am|pm)|half \d{1,2})\b")


def color(text: str) -> str | None:
    """The stock colour a message asks for ("in het wit" → "wit"), or None."""
    m = _COLOR_RE.search(normalize(text))
    return _COLORS[m.group(1)] if m else None


def is_follow_up(text: str) -> bool:
    """ "en in het wit?", "of een diesel", "ook met minder km": refines the previous search."""
    return bool(_FOLLOW_UP.search(normalize(text)))


def is_yes(text: str) -> bool:
    return bool(_YES.match(normalize(text).strip()))


def is_haggling(text: str) -> bool:
    return bool(_HAGGLE.search(normalize(text)))


def names_day_or_time(text: str) -> bool:
    return bool(_DAYTIME.search(normalize(text)))


def names_time(text: str) -> bool:
    return bool(_HAS_TIME.search(normalize(text)))


def ordinal(text: str, count: int) -> int | None:
    """ "de tweede", "2", "nummer 3" → 0-based position in a list of `count`, or None."""
    words = re.findall(r"[a-z0-9]+", normalize(text))
    if not words or len(words) > 5:
        return None
    for word in words:
        if word in _ORDINAL:
            position = _ORDINAL[word]
            if position < 0:
                return count - 1 if count else None
            return position if position < count else None
    return None


def _number(raw: str) -> int:
    return int(re.sub(r"[.,]", "", raw))


def year(text: str) -> int | None:
    m = _YEAR.search(normalize(text))
    return int(m.group(1)) if m else None


def mileage(text: str) -> int | None:
    """Odometer reading: "120.000 km", "85dkm", "120k km"."""
    norm = normalize(text)
    m = _KM.search(norm)
    if m:
        value = _number(m.group(1))
        return value * 1000 if m.group(2) else value
    m = _KM_K.search(norm)
    return int(m.group(1)) * 1000 if m else None


def amount(text: str) -> int | None:
    """A loan amount in euros: "€ 10.000", "10000 euro", "10k euro"."""
    m = _AMOUNT.search(normalize(text))
    if not m:
        return None
    raw = m.group(1) or m.group(2)
    value = _number(raw)
    return value * 1000 if m.group(3) or (m.group(0).rstrip().endswith("k")) else value


def term_months(text: str) -> int | None:
    m = _TERM.search(normalize(text))
    if not m:
        return None
    value = int(m.group(1))
    return value * 12 if m.group(2).startswith(("jaar", "year")) else value
