"""Answers to offered test-drive slots: "2", "de tweede", "za 10:00", "morgen om 2 uur".

The customer picks either by position in the list or by naming a day and/or time. Both readings
are parsed; a day or time that matches none of the offered slots yields None so the caller can
ask again instead of booking the wrong slot.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Sequence

from .normalize import normalize

_WEEKDAYS = {
    "maandag": 0, "ma": 0, "monday": 0, "mon": 0, "dinsdag": 1, "di": 1, "tuesday": 1, "tue": 1,
    "tues": 1, "woensdag": 2, "wo": 2, "wednesday": 2, "wed": 2, "donderdag": 3, "do": 3,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "vrijdag": 4, "vr": 4, "vrij": 4,
    "friday": 4, "fri": 4, "zaterdag": 5, "za": 5, "zat": 5, "saturday": 5, "sat": 5,
    "zondag": 6, "zo": 6, "sunday": 6, "sun": 6,
}
# two-letter abbreviations double as ordinary words ("zo", "do"); they only count next to a time
_AMBIGUOUS_DAYS = frozenset(("ma", "di", "wo", "do", "vr", "za", "zo", "zat", "vrij", "sun", "sat",
                             "mon", "wed"))
_RELATIVE = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
_DAYPARTS = {"ochtend": (6, 12), "morgens": (6, 12), "voormiddag": (6, 12), "morning": (6, 12),
             "middag": (12, 18), "middags": (12, 18), "namiddag": (12, 18), "afternoon": (12, 18),
             "avond": (17, 24), "avonds": (17, 24), "evening": (17, 24)}
_ORDINALS = {"eerste": 1, "1e": 1, "1ste": 1, "first": 1, "1st": 1, "tweede": 2, "2e": 2, "2de": 2,
             "second": 2, "2nd": 2, "derde": 3, "3e": 3, "3de": 3, "third": 3, "3rd": 3,
             "vierde": 4, "4e": 4, "4de": 4, "fourth": 4, "4th": 4, "vijfde": 5, "5e": 5, "5de": 5,
             "fifth": 5, "5th": 5, "zesde": 6, "6e": 6, "sixth": 6, "bovenste": 1}
_LAST = frozenset(("laatste", "last", "onderste", "bottom"))
_INDEX_WORDS = r"(?:optie|opties|nummer|nr|no|keuze|option|number|slot|#)"

_DAY_RE = re.compile(r"\b(" + "|".join(sorted(list(_WEEKDAYS) + list(_RELATIVE), key=len,
                                              reverse=True)) + r")(ochtend|middag|avond|morgen)?\b")
_TIME_PATTERNS = (
    (re.compile(r"\b(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?P<ap>am|pm)?\b"), "clock"),
    (re.compile(r"\b(?P<h>\d{1,2})\s*(?:u|uur|h)\s*(?P<m>\d{2})?\b"), "hour"),
    (re.compile(r"\b(?P<h>\d{1,2})\s*(?P<ap>am|pm|a\.m\.|p\.m\.)"), "hour"),
    (re.compile(r"\bhalf (?P<h>\d{1,2})\b"), "half"),
    (re.compile(r"\bkwart over (?P<h>\d{1,2})\b"), "qpast"),
    (re.compile(r"\bkwart voor (?P<h>\d{1,2})\b"), "qto"),
    (re.compile(r"\b(?:om|at|rond|around|tegen) (?P<h>\d{1,2})\b"), "hour"),
)
_INDEX_RE = re.compile(_INDEX_WORDS + r"\s*(\d{1,2}|een|one)\b")
_DIGIT_RE = re.compile(r"(?<![\d:.])\b(\d{1,2})\b(?![:.]\d)")
_FILLER = frozenset((
    "graag", "dan", "is", "prima", "goed", "lukt", "past", "mij", "me", "wel", "oke", "top",
    "super", "perfect", "doe", "maar", "die", "van", "de", "het", "ik", "neem", "kies", "ga", "gaan",
    "voor", "met", "let", "lets", "s", "go", "with", "i", "ll", "take", "please", "fine", "works",
    "for", "mooi", "ja", "yes", "that", "thanks", "bedankt", "dank", "je", "nou", "dus", "hoor",
    "even", "liefst", "liever", "kan", "can", "do", "great", "the", "one", "op", "om", "at", "uur",
    "u", "h", "half", "kwart", "over", "dat", "en", "and", "is", "sounds", "good", "zou",
    "fijn", "ideaal", "komt", "uit", "jullie", "we", "wij", "hem", "em", "geef", "maar", "zelfde",
    "a", "m", "p", "am", "pm", "rond", "around", "tegen", "deze", "this", "next", "volgende",
    "week", "a", "okay", "alright", "sure", "kies", "gekozen", "plek", "tijd", "tijdstip",
    "merci", "dankjewel", "wel", "thank", "you", "allez",
    # Flemish article ("den eerste") and courteous agreement ("optie 2 schikt mij uitstekend")
    "den", "schikt", "schikken", "uitstekend", "akkoord", "heel", "zeer", "prachtig", "lijkt",
))


@dataclass(frozen=True)
class _When:
    day: int | None = None            # weekday 0..6
    offset: int | None = None         # days from today
    times: tuple[tuple[int, int], ...] = ()   # candidate (hour, minute) readings, best first
    part: tuple[int, int] | None = None       # daypart hour range


def _parse_when(norm: str) -> _When:
    day = offset = None
    part = None
    for m in _DAY_RE.finditer(norm):
        word = m.group(1)
        if word in _AMBIGUOUS_DAYS and not re.search(r"\d", norm[m.end():m.end() + 10]):
            continue
        if word in _RELATIVE:
            offset = _RELATIVE[word]
        else:
            day = _WEEKDAYS[word]
        if m.group(2):
            part = _DAYPARTS.get(m.group(2), (6, 12))
        break
    for word, rng in _DAYPARTS.items():
        if part is None and re.search(r"\b" + word + r"\b", norm):
            part = rng
    times: list[tuple[int, int]] = []
    for pattern, kind in _TIME_PATTERNS:
        m = pattern.search(norm)
        if m is None:
            continue
        groups = m.groupdict()
        h, minute = int(groups["h"]), int(groups.get("m") or 0)
        if kind == "half":
            h, minute = h - 1, 30
        elif kind == "qpast":
            minute = 15
        elif kind == "qto":
            h, minute = h - 1, 45
        ampm = groups.get("ap")
        if ampm and ampm.startswith("p"):
            times = [(h % 12 + 12, minute)]
        elif ampm:
            times = [(h % 12, minute)]
        elif 1 <= h <= 11 and not (kind == "clock" and h >= 7):
            # "om 2 uur" at a showroom means 14:00; keep both readings, the likely one first
            times = [(h + 12, minute), (h, minute)] if h < 7 else [(h, minute), (h + 12, minute)]
        else:
            times = [(h % 24, minute)]
        break
    if part is not None and len(times) == 2:
        times = [t for t in times if part[0] <= t[0] < part[1]] or times
    return _When(day, offset, tuple(times), part)


def _ordinal_index(norm: str, count: int) -> int | None:
    words = re.findall(r"[a-z0-9#]+", norm)
    for w in words:
        if w in _LAST:
            return count - 1
        if w in ("middelste", "middle") and count % 2 == 1:
            return count // 2
        if w in _ORDINALS:
            return _ORDINALS[w] - 1
    m = _INDEX_RE.search(norm)
    if m:
        val = m.group(1)
        return (1 if val in ("een", "one") else int(val)) - 1
    return None


def _local(dt: datetime, tz) -> datetime:
    return dt.astimezone(tz) if tz is not None and dt.tzinfo is not None else dt


def _match_when(when: _When, slots: Sequence[tuple[datetime, datetime]], now: datetime) -> list[int]:
    tz = now.tzinfo
    starts = [(_local(s, tz), _local(e, tz)) for s, e in slots]
    idx = list(range(len(slots)))
    if when.offset is not None:
        target: date = now.date() + timedelta(days=when.offset)
        idx = [i for i in idx if starts[i][0].date() == target]
    elif when.day is not None:
        same = [i for i in idx if starts[i][0].weekday() == when.day]
        soonest = min((starts[i][0].date() for i in same), default=None)
        idx = [i for i in same if starts[i][0].date() == soonest]
    if when.part is not None and not when.times:
        lo, hi = when.part
        idx = [i for i in idx if lo <= starts[i][0].hour < hi]
    if when.times:
        for h, mnt in when.times:
            exact = [i for i in idx if (starts[i][0].hour, starts[i][0].minute) == (h, mnt)]
            if exact:
                return exact
        for h, mnt in when.times:
            inside = [i for i in idx
                      if starts[i][0].replace(hour=h, minute=mnt) >= starts[i][0]
                      and starts[i][0].replace(hour=h, minute=mnt) < starts[i][1]]
            if inside:
                return inside
        return []
    return idx


def resolve_slot_choice(text: str, slots: Sequence[tuple[datetime, datetime]],
                        now: datetime) -> int | None:
    """0-based index of the offered slot the customer picked, or None."""
    if not slots:
        return None
    norm = normalize(text)
    when = _parse_when(norm)
    if when.day is not None or when.offset is not None or when.times or when.part is not None:
        hits = _match_when(when, slots, now)
        if len(hits) == 1:
            return hits[0]
        if hits or when.times or when.day is not None or when.offset is not None:
            return None
    pos = _ordinal_index(norm, len(slots))
    if pos is None:
        m = _DIGIT_RE.search(norm)
        if m and len(re.findall(r"\w+", norm)) <= 7:
            pos = int(m.group(1)) - 1
    if pos is not None and 0 <= pos < len(slots):
        return pos
    return None


_OTHER_TIME = re.compile(
    r"\b(?:geen van (?:deze|allen|alle|beide|de opties)|geen enkele|kan (?:ik )?(?:dan )?niet|"
    r"past (?:me |mij )?(?:niet|slecht)|lukt (?:me |mij )?(?:niet|helaas niet)|komt (?:me |mij )?"
    r"(?:niet|slecht) uit|ander(?:e)? (?:tijd|tijdstip|dag|moment|datum|keer)|"
    r"later (?:in de week|op de dag|die week)|volgende week|een andere|iets anders|"
    r"none of (?:these|them|those)|(?:doesn'?t|does not|don'?t) work|can'?t (?:make|do)|"
    r"(?:another|other|different) (?:time|day|date|slot)|not available|niet beschikbaar|"
    r"heb (?:ik )?geen tijd|ben (?:ik )?(?:dan )?(?:niet|er niet)|niet mogelijk)\b")


def wants_other_time(text: str) -> bool:
    """True when the customer rejects the offered slots and wants another moment."""
    return bool(_OTHER_TIME.search(normalize(text)))


_ANCHOR = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?(?:u|h|uur|am|pm|e|de|ste)?|" + "|".join(_ORDINALS) + "|"
    + "|".join(_LAST) + r"|middelste|" + _INDEX_WORDS[3:-1] + "|"
    + "|".join(k for k in _WEEKDAYS) + "|" + "|".join(_RELATIVE) + r")\b")
_SLOT_TOKEN = re.compile(r"\d{1,2}[:.]\d{2}|[a-z0-9#]+")


def is_bare_slot_answer(norm: str) -> bool:
    """True when a message consists only of a slot pick ("2", "de tweede", "za 10:00 lukt")."""
    words = _SLOT_TOKEN.findall(norm)
    if not words or len(words) > 9:
        return False
    anchored = False
    for w in words:
        if _ANCHOR.fullmatch(w) or _DAY_RE.fullmatch(w):
            if w.isdigit() and int(w) > 24:
                return False
            anchored = True
        elif w not in _FILLER and w not in _DAYPARTS:
            return False
    if words == ["morgen"]:
        return False  # on its own "morgen!" is a greeting
    return anchored
