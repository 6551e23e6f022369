"""Days and times: the one vocabulary for reading them and for writing them.

A customer names a moment in many ways ("morgen half 3", "zaterdag om 10u", "vrijdag rond
14u", "morgen vanaf 16:00", "Friday at 3pm", "vanmiddag") and moves one relative to itself
("een dag later", "een uurtje eerder", "volgende week zelfde tijd", "an hour later").
`read_when` turns the words into a `When`, `read_shift` into a `Shift`; `When.matches`
then says whether a concrete slot start fits it. The names the replies use for days and
months live here too, so no other module spells a weekday.

Everything works on the normalised text (`normalize.normalize`): lowercase ASCII with
number words already turned into digits ("half drie" → "half 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

# -- names, for reading and for writing -----------------------------------------------------------

DAY_NAMES = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
DAY_SHORT = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTH_NAMES = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
MONTH_SHORT = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
RELATIVE_DAY_NAMES = {"nl": ("vandaag", "morgen", "overmorgen"), "en": ("today", "tomorrow")}

_WEEKDAY_WORDS: dict[str, int] = {}
for _lang in ("nl", "en"):
    for _i, _name in enumerate(DAY_NAMES[_lang]):
        _WEEKDAY_WORDS[_name.lower()] = _i
_WEEKDAY_WORDS.update({"zaterdags": 5, "zondags": 6, "maandags": 0, "vrijdags": 4, "dinsdags": 1,
                       "woensdags": 2, "donderdags": 3, "tues": 1, "thur": 3, "thurs": 3})
# Short forms double as ordinary words ("zo", "do", "wed"): they count only right before a time.
_WEEKDAY_SHORT: dict[str, int] = {}
for _lang in ("nl", "en"):
    for _i, _name in enumerate(DAY_SHORT[_lang]):
        _WEEKDAY_SHORT[_name.lower()] = _i
_WEEKDAY_SHORT.update({"zat": 5, "vrij": 4})
_MONTH_WORDS: dict[str, int] = {}
for _lang in ("nl", "en"):
    for _i, (_long, _short) in enumerate(zip(MONTH_NAMES[_lang], MONTH_SHORT[_lang], strict=True)):
        _MONTH_WORDS[_long.lower()] = _i + 1
        _MONTH_WORDS[_short.lower()] = _i + 1
_MONTH_WORDS.update({"maart": 3, "mrt": 3, "okt": 10, "sept": 9})

# Days counted from today. "morgen" is also "morning" inside "goedemorgen" and "'s morgens";
# those never reach this table because only whole words are looked up.
_RELATIVE = {"vandaag": 0, "today": 0, "vanmiddag": 0, "vanavond": 0, "vanochtend": 0, "vanmorgen": 0,
             "tonight": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
# Parts of the day, as an hour range [from, to).
DAYPARTS = {"ochtend": (6, 12), "morgens": (6, 12), "voormiddag": (6, 12), "morning": (6, 12),
            "middag": (12, 18), "middags": (12, 18), "namiddag": (12, 18), "afternoon": (12, 18),
            "avond": (17, 24), "avonds": (17, 24), "evening": (17, 24), "tonight": (17, 24)}
_GLUED_PART = {"vanmiddag": "middag", "vanavond": "avond", "vanochtend": "ochtend", "vanmorgen": "ochtend",
               "tonight": "avond"}
_PART_SUFFIXES = ("ochtend", "morgen", "voormiddag", "namiddag", "middag", "avond")

_WORD = re.compile(r"[a-z0-9]+")
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?:u(?:ur)?\b|h\b)?\s*(?P<ap>[ap]\.?m\.?)?")
_HOUR_UNIT = re.compile(r"\b(?P<h>\d{1,2})\s*(?:u|uur|uurtje|h|hr)\b(?:\s*(?P<m>\d{2})\b)?")
_HOUR_AMPM = re.compile(r"\b(?P<h>\d{1,2})\s*(?P<ap>am|pm|a\.m\.|p\.m\.)")
_HALF = re.compile(r"\bhalf (?P<h>\d{1,2})\b")
_QUARTER = re.compile(r"\bkwart (?P<dir>over|voor) (?P<h>\d{1,2})\b")
_AT_HOUR = re.compile(r"\b(?:om|at|rond|around|tegen|vanaf|from|na|after|voor|before|tot|until|ergens na)"
                      r"\s+(?:de\s+)?(?P<h>\d{1,2})(?![\d:.,]|\s*(?:dagen|dag|weken|week|maanden|jaar|km|euro|k\b|mille))")
# "ik werk tot 4" is free from four o'clock on
_AFTER = re.compile(r"\b(?:vanaf|na|from|after|ergens na|niet voor|not before|later dan|(?:werk\w*|work\w*|school|"
                    r"college|les) (?:tot|until|till)|(?:ben|is) (?:pas )?(?:om|vanaf))\s*(?:de\s+)?$")
_LEAD_WORD = re.compile(r"(?:ergens na|niet voor|not before|later dan|eerder dan|niet na|not after|vanaf|from|after|na|"
                        r"voor|before|tot|until|uiterlijk|rond|around|omstreeks|ongeveer|tegen)\s+")
_BEFORE = re.compile(r"\b(?:voor|before|tot|until|uiterlijk|niet na|not after|eerder dan)\s*(?:de\s+)?$")
_APPROX = re.compile(r"\b(?:rond|around|tegen|ongeveer|omstreeks|zo rond|ergens rond|circa|ca)\s*(?:de\s+)?$")
_DATE_NUM = re.compile(r"\b(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?:[/-](?P<y>\d{2,4}))?\b"
                       r"(?!\s*(?:dagen|dag|weken|week|maanden|maand|jaar|days|weeks|months))")
_DATE_WORD = re.compile(r"\b(?P<d>\d{1,2})(?:e|de|ste|st|nd|rd|th)?\s+(?P<mon>[a-z]+)\b")
_NEXT_WEEK = re.compile(r"\b(?:volgende|komende|next)\s+week\b|\bweek erop\b|\bover een week\b")
_THIS_WEEK = re.compile(r"\b(?:deze|this)\s+week\b|\bdeze week nog\b")
_WEEKEND = re.compile(r"\b(?:weekend|weekeinde)\b")
_BETWEEN = re.compile(r"\b(?:tussen|between)\s+(?:de\s+)?(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?:uur|u|h)?\s*"
                      r"(?:en|and|-|tot|to)\s*(?:de\s+)?(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?(?!\s*(?:km|euro|k\b|mille|duizend|jaar))")
# "na vijven" is after five o'clock in the afternoon; the hour words end in -en
_AFTER_HOUR_WORD = re.compile(r"\b(?:na|after)\s+(?P<w>enen|tweeen|drieen|vieren|vijven|zessen)\b")
_HOUR_WORDS = {"enen": 13, "tweeen": 14, "drieen": 15, "vieren": 16, "vijven": 17, "zessen": 18}
_WINDOWS = (
    (re.compile(r"\b(?:na|after)\s+(?:de\s+)?(?:lunch|middagpauze|lunchpauze)\b"), (13, 0), None),
    (re.compile(r"\b(?:voor|before)\s+(?:de\s+)?(?:lunch|middagpauze|lunchpauze)\b"), None, (12, 0)),
    (re.compile(r"\b(?:eind|einde|end)\s+(?:van\s+de\s+|of\s+the\s+)?(?:middag|afternoon)\b|\blate?\s+(?:in\s+de\s+)?"
                r"(?:middag|afternoon)\b|\blate\s+middag\b|\bnamiddag\b"), (16, 0), None),
    (re.compile(r"\b(?:begin|start)\s+(?:van\s+de\s+|of\s+the\s+)?(?:middag|afternoon)\b|\bvroeg\s+in\s+de\s+middag\b|"
                r"\bearly\s+afternoon\b"), (13, 0), (15, 0)),
    (re.compile(r"\b(?:vroeg|early)\s+(?:in\s+de\s+)?(?:ochtend|morgen|morning)\b"), None, (11, 0)),
)
_NOON = re.compile(r"\brond\s+(?:het\s+)?middaguur\b|\brond\s+(?:de\s+)?middag\b|\brond\s+lunchtijd\b|\baround\s+noon\b|"
                   r"\brond\s+12\b")
_NOT_EARLIER = re.compile(r"\b(?:eerder|vroeger)\s+(?:kan|lukt|gaat)\s+(?:ik|het|me|mij)?\s*niet\b|\bniet\s+(?:eerder|vroeger)\b|"
                          r"\b(?:can'?t|cannot)\s+(?:make\s+it\s+)?(?:any\s+)?earlier\b|\bno\s+earlier\b|\bnot\s+before\b")
_LATEST = re.compile(r"\bzo laat (?:mogelijk|als (?:het )?(?:kan|mogelijk))\b|\bas late as possible\b|\blaatst\w* "
                     r"(?:tijdstip|tijd|moment|plekje|slot|afspraak)\b|\blatest (?:time|slot|appointment)\b|"
                     r"\bwat is het laatste\b|\bhoe laat (?:kan|mag) (?:ik|het) (?:uiterlijk|op zijn laatst)\b")
_EARLIEST = re.compile(r"\bzo vroeg (?:mogelijk|als (?:het )?(?:kan|mogelijk))\b|\bas early as possible\b|\bvroegst\w* "
                       r"(?:tijdstip|tijd|moment|plekje|slot)?\b|\bearliest (?:time|slot|appointment)?\b|"
                       r"\beerste (?:tijdstip|moment|plekje) (?:op|van|in)\b")
# a farewell that names the day of the visit: the whole clause, nothing asked
SEE_YOU = re.compile(r"^(?:(?:ok\w*|prima|top|super|mooi|goed|perfect|fijn|helemaal goed|thanks|bedankt|dank ?je(?: wel)?|"
                     r"great|cool|nice)\W+)*(?:tot|see you(?: on)?)\s+(?:maandag|dinsdag|woensdag|donderdag|vrijdag|"
                     r"zaterdag|zondag|morgen|overmorgen|straks|volgende week|monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday|tomorrow|then|soon)(?:ochtend|middag|avond)?\W*$")
_SAME_TIME = re.compile(r"\b(?:zelfde|dezelfde|hetzelfde|same)\s+(?:tijd|tijdstip|uur|moment|time)\b|"
                        r"\bop (?:dezelfde|hetzelfde) (?:tijd|uur)\b")


@dataclass(frozen=True)
class When:
    """A moment as the customer named it; every part is optional.

    `times` holds the clock readings in order of likelihood ("om 2 uur" is 14:00 before 02:00
    at a showroom); `after`/`before` bound the time of day ("vanaf 16:00"); `approx` marks
    "rond 14u"; `week` counts weeks ahead ("volgende week" = 1).
    """

    day: date | None = None
    weekday: int | None = None
    times: tuple[tuple[int, int], ...] = ()
    part: tuple[int, int] | None = None
    after: tuple[int, int] | None = None
    before: tuple[int, int] | None = None
    approx: bool = False
    week: int | None = None
    weekend: bool = False
    same_time: bool = False
    extreme: str | None = None   # "latest" ("zo laat mogelijk") or "earliest" free time of the day meant

    @property
    def names_day(self) -> bool:
        return self.day is not None or self.weekday is not None or self.week is not None or self.weekend

    @property
    def names_time(self) -> bool:
        return (bool(self.times) or self.after is not None or self.before is not None or self.part is not None
                or self.extreme is not None)

    @property
    def exact(self) -> bool:
        """One day and one clock time: a moment that can be booked as asked."""
        return self.names_day and bool(self.times) and self.after is None and self.before is None

    def __bool__(self) -> bool:
        return self.names_day or self.names_time or self.same_time

    def target_date(self, today: date) -> date | None:
        """The calendar day meant, counted from `today` (the next such weekday), or None."""
        if self.day is not None:
            return self.day
        if self.weekday is not None:
            ahead = (self.weekday - today.weekday()) % 7
            if self.week:
                monday = today - timedelta(days=today.weekday()) + timedelta(weeks=self.week)
                return monday + timedelta(days=self.weekday)
            return today + timedelta(days=ahead)
        return None

    def ahead_of(self, now: datetime, at: tuple[int, int] | None = None) -> "When":
        """ "zaterdag om 10 uur" written on a Saturday afternoon is next Saturday: a weekday that is
        today, at a time already gone, means the next one. `at` is the time meant when none is
        named ("zelfde tijd": the booked drive's)."""
        # the likeliest reading of the time named ("om 10 uur" is 10:00 before 22:00)
        clock = self.times[0] if self.times else at
        if self.weekday != now.weekday() or self.day is not None or self.week or clock is None:
            return self
        hour, minute = clock
        if (hour % 24, minute) > (now.hour, now.minute):
            return self
        return replace(self, day=now.date() + timedelta(days=7), weekday=None)

    def matches(self, start: datetime, today: date, end: datetime | None = None) -> bool:
        """Does a slot starting at `start` (local time) fit everything named?"""
        day = self.target_date(today)
        if day is not None and start.date() != day:
            return False
        if self.weekday is None and self.day is None:
            if self.week is not None:
                monday = today - timedelta(days=today.weekday()) + timedelta(weeks=self.week)
                if not monday <= start.date() < monday + timedelta(days=7):
                    return False
            if self.weekend and start.weekday() < 5:
                return False
        clock = (start.hour, start.minute)
        if self.after is not None and clock < self.after:
            return False
        if self.before is not None and clock >= self.before:
            return False
        if self.part is not None and not self.times and not self.part[0] <= start.hour < self.part[1]:
            return False
        if self.times and not self.approx:
            return any((start.hour, start.minute) == (h % 24, m) for h, m in self.times)
        return True

    def distance(self, start: datetime) -> float:
        """Minutes between `start` and the time named (0 without one): ranks near misses."""
        if not self.times:
            return 0.0
        return min(abs((start.hour * 60 + start.minute) - (h * 60 + m)) for h, m in self.times)


@dataclass(frozen=True)
class Shift:
    """A move relative to an existing appointment: "een dag later" = Shift(days=1)."""

    days: int = 0
    minutes: int = 0
    later_same_day: bool = False
    earlier_same_day: bool = False

    def __bool__(self) -> bool:
        return bool(self.days or self.minutes or self.later_same_day or self.earlier_same_day)


def _ampm(h: int, ap: str | None) -> list[tuple[int, int]] | None:
    if not ap:
        return None
    return [(h % 12 + (12 if ap.startswith("p") else 0), 0)]


def _readings(h: int, m: int, exact_clock: bool) -> list[tuple[int, int]]:
    """ "om 2 uur" at a showroom is 14:00; keep both readings, the likely one first."""
    if h > 23 or m > 59:
        return []
    if exact_clock and h >= 7:
        return [(h, m)]
    if 1 <= h <= 7:
        return [(h + 12, m), (h, m)]
    if 8 <= h <= 11:
        return [(h, m), (h + 12, m)]
    return [(h % 24, m)]


_MONEY_WORDS = re.compile(r"\b(?:budget|euro|eur|mille|duizend|prijs|price|kosten|kost|betalen|k)\b|€")


def _time_readings(norm: str) -> tuple[list[tuple[int, int]], int, int]:
    """Clock readings in `norm` and the span of the first one (start, end), or ([], -1, -1)."""
    for pattern, kind in ((_CLOCK, "clock"), (_HOUR_AMPM, "ampm"), (_HALF, "half"), (_QUARTER, "quarter"),
                          (_HOUR_UNIT, "hour"), (_AT_HOUR, "at")):
        m = pattern.search(norm)
        if m is None:
            continue
        if kind == "at" and _MONEY_WORDS.search(norm):
            continue  # "budget rond de 15": fifteen thousand, not three o'clock
        h = int(m.group("h"))
        minute = int(m.groupdict().get("m") or 0)
        if kind == "half":
            h, minute = h - 1, 30
        elif kind == "quarter":
            h, minute = (h, 15) if m.group("dir") == "over" else (h - 1, 45)
        explicit = _ampm(h, m.groupdict().get("ap"))
        if explicit is not None:
            return explicit, m.start(), m.end()
        readings = _readings(h, minute, kind == "clock")
        if readings:
            return readings, m.start(), m.end()
    return [], -1, -1


# short forms that are no ordinary word either ("zo", "do", "ma" are): a time later in the clause suffices
_WEEKDAY_SHORT_SAFE = frozenset({"za", "vr", "di", "wo"})


def _first_day(words: list[str], norm: str) -> tuple[int | None, int | None, str | None]:
    """(weekday, days-from-today, glued part word) of the first day word."""
    for i, word in enumerate(words):
        if word in _RELATIVE:
            if word == "morgen" and i > 0 and words[i - 1] in ("s", "goede", "goeie"):
                continue
            return None, _RELATIVE[word], _GLUED_PART.get(word)
        if word in _WEEKDAY_WORDS:
            return _WEEKDAY_WORDS[word], None, None
        for suffix in _PART_SUFFIXES:
            head = word[: -len(suffix)] if word.endswith(suffix) else ""
            if head in _WEEKDAY_WORDS:
                return _WEEKDAY_WORDS[head], None, suffix
            if head == "morgen":
                return None, 1, suffix
        if word in _WEEKDAY_SHORT and i + 1 < len(words) and (words[i + 1][:1].isdigit()):
            return _WEEKDAY_SHORT[word], None, None
        if word in _WEEKDAY_SHORT_SAFE and any(w[:1].isdigit() for w in words[i + 1:i + 6]):
            return _WEEKDAY_SHORT[word], None, None  # "kan ik za ff langs rond 3en"
    return None, None, None


# "zaterdag de 12e", "on the 12th": a day of this month, or of the next once it has passed
# ("doe maar de 2e" picks from a list: a weekday or "op"/"on" must come first)
_DAY_ORDINAL = re.compile(r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|"
                          r"thursday|friday|saturday|sunday|op|on)\s+(?:de|the)\s+(?P<d>[0-3]?\d)(?:e|de|ste|th|st|nd|rd)\b")


def _explicit_date(norm: str, today: date) -> date | None:
    for m in _DAY_ORDINAL.finditer(norm):
        if (ordinal_day := _next_day_numbered(int(m.group("d")), today)) is not None:
            return ordinal_day
    for m in _DATE_WORD.finditer(norm):
        month = _MONTH_WORDS.get(m.group("mon"))
        if month is not None:
            return _next_date(int(m.group("d")), month, None, today)
    for m in _DATE_NUM.finditer(norm):
        day, month = int(m.group("d")), int(m.group("m"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = m.group("y")
            return _next_date(day, month, int(year) + (2000 if len(year) == 2 else 0) if year else None, today)
    return None


def _next_day_numbered(day: int, today: date) -> date | None:
    """The next date from `today` on that falls on day `day` of a month (within three months)."""
    month, year = today.month, today.year
    for _ in range(3):
        try:
            candidate: date | None = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def _next_date(day: int, month: int, year: int | None, today: date) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def read_when(norm: str, today: date) -> When:
    """The moment named in `norm` (normalised text); an empty When when none is named."""
    if SEE_YOU.search(norm):
        return When()  # "prima, tot zaterdag!" takes leave; it names no new moment
    words = _WORD.findall(norm)
    weekday, offset, glued_part = _first_day(words, norm)
    day = _explicit_date(norm, today)
    if day is None and offset is not None:
        day = today + timedelta(days=offset)
    part = DAYPARTS.get(glued_part) if glued_part else None
    if part is None:
        for word in words:
            if word in DAYPARTS and word != "tonight":
                part = DAYPARTS[word]
                break
        if "tonight" in words:
            part = DAYPARTS["avond"]
    times, start, _ = _time_readings(norm)
    after = before = None
    approx = False
    if times:
        # the reading may start at its preposition ("na 4en") or just after it ("na 4 uur")
        head = norm[:start] + (m.group(0) if (m := _LEAD_WORD.match(norm, start)) else "")
        if _AFTER.search(head) or re.search(r"\b(?:vanaf|from|after|na)\s*$", head):
            after, times = times[0], []  # "na 4 uur" bounds the afternoon: 17:00 fits as well as 16:00
        elif _BEFORE.search(head):
            before, times = times[0], []  # "voor 11en" bounds the morning; 11:00 itself is not meant
        elif _APPROX.search(head):
            approx = True
    if part is not None and len(times) == 2:
        times = [t for t in times if part[0] <= t[0] < part[1]] or times
    if (between := _BETWEEN.search(norm)) is not None:
        h1, h2 = int(between.group("h1")), int(between.group("h2"))
        if h2 <= 7 or (h1 <= 7 and h2 <= 12 and h1 < h2 and h2 - h1 <= 6 and h1 + 12 < 19):
            h1, h2 = (h1 + 12 if h1 <= 7 else h1), (h2 + 12 if h2 <= 7 else h2)
        if h1 < h2 <= 23:
            after, before, times = (h1, int(between.group("m1") or 0)), (h2, int(between.group("m2") or 0)), []
    if (word := _AFTER_HOUR_WORD.search(norm)) is not None:
        after, times = (_HOUR_WORDS[word.group("w")], 0), []
    for pattern, lo, hi in _WINDOWS:
        if pattern.search(norm):
            after, before = lo or after, hi or before
            part = None
    if _NOON.search(norm):
        times, approx, part = [(12, 0)], True, None
    if times and _NOT_EARLIER.search(norm):
        after, times = times[0], []
    week = 1 if _NEXT_WEEK.search(norm) else (0 if _THIS_WEEK.search(norm) else None)
    return When(day=day, weekday=weekday if day is None else None, times=tuple(times), part=part,
                after=after, before=before, approx=approx, week=week, weekend=bool(_WEEKEND.search(norm)),
                same_time=bool(_SAME_TIME.search(norm)),
                extreme="latest" if _LATEST.search(norm) else "earliest" if _EARLIEST.search(norm) else None)


# -- relative moves -------------------------------------------------------------------------------

_COUNT = r"(?P<n>\d+|een|a|an|one|paar|halve?|half)"
_SHIFT = re.compile(
    _COUNT + r"?\s*(?P<unit>dag|dagen|dagje|dagske|daagje|dagsken|day|days|uur|uurtje|uurtjes|uurke|uren|hour|hours|"
    r"kwartier|half uur|halfuur|half uurtje|half an hour|week|weken|weekje|weekske|weeks?)\s*(?P<dir>later|eerder|vroeger|earlier|"
    r"na|erna|ervoor|op(?:schuiven)?|naar achteren|naar voren|uitstellen|opschuiven|later)\b")
_DIR_FIRST = re.compile(r"\b(?P<dir>later|eerder|vroeger|earlier)\s+(?:op de dag|in de middag|that day|in the day)\b")
_NEXT_WEEK_SAME = re.compile(r"\b(?:volgende|komende|next)\s+week\b.*\b(?:zelfde|dezelfde|same)\b|"
                             r"\b(?:zelfde|dezelfde|same)\b.*\b(?:volgende|komende|next)\s+week\b|"
                             r"\bweek (?:later|erna|erop)\b")


def read_shift(norm: str) -> Shift:
    """A move relative to the appointment ("een dag later", "een uurtje eerder"); empty if none."""
    m = _SHIFT.search(norm)
    if m:
        unit, direction = m.group("unit"), m.group("dir")
        n_word = m.group("n") or "een"
        if n_word.isdigit():
            n = int(n_word)
        elif n_word in ("paar",):
            n = 2
        else:
            n = 1
        sign = -1 if direction in ("eerder", "vroeger", "earlier", "ervoor", "naar voren") else 1
        if unit.startswith(("half", "halfuur")) or (n_word.startswith("half") and unit.startswith(("uur", "hour"))):
            return Shift(minutes=30 * sign)
        if unit.startswith(("dag", "day")):
            return Shift(days=n * sign)
        if unit.startswith("week"):
            return Shift(days=7 * n * sign)
        if unit == "kwartier":
            return Shift(minutes=15 * sign)
        return Shift(minutes=60 * n * sign)
    if _NEXT_WEEK_SAME.search(norm):
        return Shift(days=7)
    m = _DIR_FIRST.search(norm)
    if m:
        return Shift(later_same_day=m.group("dir") == "later", earlier_same_day=m.group("dir") != "later")
    return Shift()


# -- writing --------------------------------------------------------------------------------------

def long_date(moment: datetime | date, lang: str) -> str:
    """ "woensdag 2 december" / "Wednesday 2 December"."""
    lang = "en" if lang == "en" else "nl"
    return f"{DAY_NAMES[lang][moment.weekday()]} {moment.day} {MONTH_NAMES[lang][moment.month - 1]}"


def day_name(weekday: int, lang: str) -> str:
    return DAY_NAMES["en" if lang == "en" else "nl"][weekday]


def slot_label(start: datetime, now: datetime, lang: str = "nl") -> str:
    """ "Vandaag 14:00", "Morgen 10:00", "Overmorgen 16:00", else "za 5 dec 10:00" (English likewise)."""
    lang = "en" if lang == "en" else "nl"
    days_ahead = (start.date() - now.astimezone(start.tzinfo).date()).days
    relative = RELATIVE_DAY_NAMES[lang]
    clock = f"{start:%H:%M}"
    if 0 <= days_ahead < len(relative):
        return f"{relative[days_ahead].capitalize()} {clock}"
    return f"{DAY_SHORT[lang][start.weekday()]} {start.day} {MONTH_SHORT[lang][start.month - 1]} {clock}"


def clock_text(moment: datetime | time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def shifted(when: When, **changes: object) -> When:
    return replace(when, **changes)  # type: ignore[arg-type]


def is_day_word(word: str) -> bool:
    """A weekday, its short form, a relative day or a day with its part glued on ("zaterdagochtend")."""
    if word in _WEEKDAY_WORDS or word in _WEEKDAY_SHORT or word in _RELATIVE:
        return True
    return any(word.endswith(s) and (word[: -len(s)] in _WEEKDAY_WORDS or word[: -len(s)] == "morgen")
               for s in _PART_SUFFIXES)
