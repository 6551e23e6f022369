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
# A bare yes to a yes/no question; "ok", "prima", "top" count too when we just asked something.
_YES = re.compile(r"^(?:ja+|jaa+|jep|jazeker|jawel|yes|yep|yeah|yup|sure|graag|zeker|prima|oke?|okee|okay|oki|goed|"
                  r"is goed|klinkt goed|sounds good|top|leuk|super|perfect|prima|doe maar|ja doe maar|graag gedaan|"
                  r"lijkt me (?:goed|leuk))"
                  r"(?:[\s,!.]+(?:graag|hoor|please|leuk|prima|top|doe maar|zeker|dat wil ik|dat is goed|"
                  r"is goed|dank je|dank u|bedankt|thanks|thank you))*\W*$")
_THUMBS = re.compile(r"^\s*(?:👍|👌|🙏|✅)(?:\s*[\U0001F3FB-\U0001F3FF])?[\s👍👌🙏✅!]*$")
_NO = re.compile(r"^(?:nee+|neen|nope|no|nah|liever niet|laat maar|hoeft niet|niet nodig|nee hoor|not now|"
                 r"no need|nog niet|misschien later|later misschien|voor nu niet|nu even niet)"
                 r"(?:[\s,!.]+(?:dank je|dank je wel|dankjewel|dank u|bedankt|thanks|thank you|hoor|laat maar|"
                 r"liever niet|hoeft niet|voor nu|nog niet|niet nodig|is niet nodig|toch niet|niet hoor))*\W*$")
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
    r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|morgen(?:ochtend|middag|avond)?|overmorgen|"
    r"vandaag|vanavond|vanmiddag|"
    r"vanochtend|tonight|this (?:morning|afternoon|evening)|monday|tuesday|"
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
    # The normal form drops emoji, so a bare thumbs-up is read from the raw text.
    return bool(_THUMBS.match(text)) or bool(_YES.match(normalize(text).strip()))


def is_no(text: str) -> bool:
    """ "nee", "nee dank je", "liever niet", "no thanks": a polite no to what we just asked."""
    return bool(_NO.match(normalize(text).strip()))


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


# -- references to the cars we just listed ------------------------------------------------------

_POSITIONS = {"eerste": 0, "1e": 0, "1ste": 0, "first": 0, "1st": 0, "bovenste": 0, "tweede": 1, "2e": 1,
              "2de": 1, "second": 1, "2nd": 1, "derde": 2, "3e": 2, "3de": 2, "third": 2, "3rd": 2,
              "middelste": 1, "middle": 1}
_LAST_WORDS = frozenset(("laatste", "last", "onderste", "bottom"))
_NUMBERED = re.compile(r"\b(?:nummer|nr|no|optie|option|number|#)\s*(\d)\b")
_SUPERLATIVE = (
    (re.compile(r"\b(?:goedkoopste|cheapest|least expensive|voordeligste|laagste prijs)\b"), "price_eur", min),
    (re.compile(r"\b(?:duurste|most expensive|priciest)\b"), "price_eur", max),
    (re.compile(r"\b(?:nieuwste|jongste|newest|most recent)\b"), "year", max),
    (re.compile(r"\b(?:oudste|oldest)\b"), "year", min),
    (re.compile(r"\b(?:minste (?:km|kilometers)|laagste (?:km|kilometerstand)|lowest mileage|fewest miles)\b"),
     "mileage_km", min),
)
_PRICE_IN_TEXT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d{4,6})(?![\d.,]*\s*km)")


def car_reference(text: str, cars: list) -> int | None:
    """Which of the listed `cars` (in listed order) the message points at, or None.

    "de eerste", "die tweede", "nummer 3", "de laatste", "de goedkoopste", "the cheapest one",
    "die van 13.950", "de witte": position, a superlative over the list, a listed price or a
    colour only one of them has. A bare digit counts only in a short message, where it
    cannot be a budget or a year.
    """
    if not cars:
        return None
    norm = normalize(text)
    words = re.findall(r"[a-z0-9]+", norm)
    for word in words:
        if word in _LAST_WORDS:
            return len(cars) - 1
        if word in _POSITIONS and _POSITIONS[word] < len(cars):
            return _POSITIONS[word]
    if (m := _NUMBERED.search(norm)) and 1 <= int(m.group(1)) <= len(cars):
        return int(m.group(1)) - 1
    if len(words) <= 2 and len(words) >= 1 and words[-1].isdigit() and 1 <= int(words[-1]) <= len(cars):
        return int(words[-1]) - 1
    for pattern, attribute, best in _SUPERLATIVE:
        if pattern.search(norm):
            values = [getattr(car, attribute) for car in cars]
            return values.index(best(values))
    prices = [car.price_eur for car in cars]
    for raw in _PRICE_IN_TEXT.findall(norm):
        value = _number(raw)
        if value in prices and prices.count(value) == 1:
            return prices.index(value)
    wanted = color(text)
    if wanted and len(words) <= 6:
        hits = [i for i, car in enumerate(cars) if car.color == wanted]
        if len(hits) == 1:
            return hits[0]
    return None


def car_references(text: str, cars: list) -> list[int]:
    """Every listed car a message names by position ("het verschil tussen de eerste en de tweede")."""
    words = re.findall(r"[a-z0-9]+", normalize(text))
    found = []
    for word in words:
        index = len(cars) - 1 if word in _LAST_WORDS else _POSITIONS.get(word)
        if index is not None and index < len(cars) and index not in found:
            found.append(index)
    return found


def asks_available(text: str) -> bool:
    return bool(re.search(r"\b(?:beschikbaar|te koop|verkocht|available|for sale|sold|nog daar|er nog)\b",
                          normalize(text)))


# -- "nog iets goedkopers?" and friends: refine the previous search ------------------------------

_REFINE = (
    ("cheaper", re.compile(r"\b(?:goedkoper\w*|cheaper|minder duur|less expensive|lagere prijs|budget ?vriendelijker|"
                           r"voordeliger\w*)\b")),
    ("newer", re.compile(r"\b(?:nieuwer\w*|jonger\w*|newer|more recent|recenter\w*)\b")),
    ("less_km", re.compile(r"\b(?:minder (?:km|kilometers)|lagere kilometerstand|lower mileage|fewer miles|"
                           r"less mileage)\b")),
    ("more", re.compile(r"\b(?:nog meer|meer (?:opties|auto s|autos|keuze)|andere (?:opties|auto s|autos)|"
                        r"(?:any|some) (?:more|others|other options)|more options|what else|wat nog meer|"
                        r"heb je (?:er )?nog (?:meer|andere)|hebben jullie (?:er )?nog (?:meer|andere)|"
                        r"nog andere|iets anders)\b")),
)


def refinement(text: str) -> str | None:
    """cheaper | newer | less_km | more for a vague follow-up on a search, else None."""
    norm = normalize(text)
    for kind, pattern in _REFINE:
        if pattern.search(norm):
            return kind
    return None


# -- questions about a car that stock and config cannot answer ------------------------------------

_DETAIL = re.compile(
    r"\b(?:trekhaak\w*|towbar|tow hitch|trekgewicht|towing|apk|mot|keuring|onderhoud\w*|service ?(?:history|book)|"
    r"nap|km ?stand logisch|schade\w*|accident\w*|damage\w*|ongeluk\w*|eigenaa?r\w*|owners?|garantie\w*|"
    r"warranty|navi\w*|airco|climate control|cruise ?control|parkeersensor\w*|parking sensors?|camera|"
    r"stoelverwarming|heated seats|distributieriem|riem|timing belt|banden|winterbanden|tyres?|tires?|accu|battery|"
    r"actieradius|electric range|verbruik|fuel consumption|btw|marge|kenteken|registration|sleutels?|keys|"
    r"carplay|android auto|bluetooth|panorama\w*|schuifdak|sunroof|roest|uitrusting|"
    r"equipment|foto s|fotos|foto|photos?|pictures?|interieur|interior|bekleding|leder|leather)\b")
_PHOTOS = re.compile(r"\b(?:foto s|fotos|foto|photos?|pictures?|plaatjes)\b")


def detail_question(text: str) -> str | None:
    """ "heeft hij een trekhaak?", "APK?", "onderhoudsboekjes?": the topic asked about, else None."""
    m = _DETAIL.search(normalize(text))
    return m.group(0) if m else None


def asks_photos(text: str) -> bool:
    return bool(_PHOTOS.search(normalize(text)))


# -- the day and time a customer names, to explain why it cannot be booked ------------------------

_WEEKDAY_WORDS = {"maandag": 0, "monday": 0, "dinsdag": 1, "tuesday": 1, "woensdag": 2, "wednesday": 2,
                  "donderdag": 3, "thursday": 3, "vrijdag": 4, "friday": 4, "zaterdag": 5, "saturday": 5,
                  "zondag": 6, "sunday": 6}
_DAY_WORD = re.compile(r"\b(vandaag|today|vanavond|tonight|vanmiddag|vanochtend|vannacht|overmorgen|morgen|tomorrow|"
                       + "|".join(_WEEKDAY_WORDS) + r")(?:avond|ochtend|middag| ?evening| ?night)?\b")
_EVENING = re.compile(r"\b(?:vanavond|tonight|avond\w*|evening|s avonds|vannacht|night)\b")
_CLOCK = re.compile(r"(?:\b(om|at|rond|around|tegen) )?\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|uur|u|h)?\b")


def requested_when(text: str) -> tuple[int | None, tuple[int, int] | None]:
    """(days from today, (hour, minute)) the customer named, each None when not named.

    Weekdays count to their next occurrence (today's own weekday means today). An hour
    without am/pm below 8 is read as the afternoon, as people mean at a showroom, and
    any hour is read as the evening when the message says "vanavond"/"tonight".
    """
    norm = normalize(text)
    return _day_offset(norm), _clock(norm)


def _day_offset(norm: str) -> int | None:
    m = _DAY_WORD.search(norm)
    if not m:
        return None
    word = m.group(1)
    if word in ("vandaag", "today", "vanavond", "tonight", "vanmiddag", "vanochtend", "vannacht"):
        return 0
    if word in ("morgen", "tomorrow"):
        return 1
    if word == "overmorgen":
        return 2
    return -1 - _WEEKDAY_WORDS[word]  # a weekday: resolved against today by `resolve_day`


def resolve_day(offset: int, today_weekday: int) -> int:
    """Days from today for an offset from `requested_when` (weekdays come as -1 - weekday)."""
    if offset >= 0:
        return offset
    weekday = -1 - offset
    return (weekday - today_weekday) % 7


def _clock(norm: str) -> tuple[int, int] | None:
    for m in _CLOCK.finditer(norm):
        hour, minute, suffix = int(m.group(2)), int(m.group(3) or 0), m.group(4)
        if not suffix and m.group(3) is None and not m.group(1):
            continue  # a bare number is a position or a price, not a time
        if hour > 23 or minute > 59:
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        elif suffix != "am" and (hour < 8 or (_EVENING.search(norm) and hour < 12)):
            hour += 12
        return hour, minute
    return None
