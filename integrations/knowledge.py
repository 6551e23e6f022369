"""The dealer's knowledge file: what the assistant may say about the dealer, and nothing else.

A TOML file (`[business] knowledge_file`; the defaults for Seldenrijk Auto ship in
`integrations/data/knowledge.toml`) holding:

- `[[topic]]`: one answer per thing customers ask about the dealer (parking, warranty,
  APK, delivery, charging, …) in Dutch and English, with the `words` (whole words or
  phrases) and `stems` (word beginnings) that mark a question about it, `together`: groups of
  word beginnings that mark it when every group is in the sentence ("garantie … accu"), and
  `weak` words that count only when no other topic is named ("afgeleverd" next to "APK" is
  about the APK);
- `[financing]`: the figures behind an indicative monthly amount;
- `[[holiday]]`: days with other opening hours, by date (`MM-DD` every year, `YYYY-MM-DD`
  once, or `easter+N` for the moving feasts), with the words customers use for them.

`load_knowledge` validates the whole file and raises `KnowledgeError` naming the first bad
entry, so a broken file is refused at start and on reload like any bad config.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HOURS = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d$")
_FIXED = re.compile(r"^(\d{2})-(\d{2})$")
_ONCE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EASTER = re.compile(r"^easter([+-]\d{1,2})?$")
_PLACEHOLDERS = frozenset({"name", "address", "phone"})


class KnowledgeError(Exception):
    """The knowledge file cannot be used; the message names the entry."""


@dataclass(frozen=True)
class Topic:
    id: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    nl: str
    en: str
    weak: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Holiday:
    date: str          # MM-DD, YYYY-MM-DD or easter±N
    nl: str
    en: str
    words: tuple[str, ...]
    hours: str         # "" = closed, else "HH:MM-HH:MM"

    def on(self, year: int) -> date | None:
        """The holiday's date in `year`, or None when it does not fall in that year."""
        if m := _FIXED.match(self.date):
            return date(year, int(m.group(1)), int(m.group(2)))
        if m := _ONCE.match(self.date):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return day if day.year == year else None
        m = _EASTER.match(self.date)
        assert m is not None  # validated on load
        return easter(year) + timedelta(days=int(m.group(1) or 0))

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Financing:
    apr_percent: float
    months: int
    min_amount: int
    lender: str


@dataclass(frozen=True)
class Knowledge:
    topics: tuple[Topic, ...]
    holidays: tuple[Holiday, ...]
    financing: Financing

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def holiday_on(self, day: date) -> Holiday | None:
        return next((h for h in self.holidays if h.on(day.year) == day), None)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def default_knowledge_text() -> str:
    return resources.files("integrations.data").joinpath("knowledge.toml").read_text(encoding="utf-8")


def load_knowledge(path: str | Path | None = None) -> Knowledge:
    """The knowledge at `path`, or the shipped defaults when `path` is empty; `KnowledgeError` if unusable."""
    if not path:
        return parse_knowledge(default_knowledge_text(), "the shipped knowledge file")
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read {file} ({exc.strerror})") from None
    return parse_knowledge(text, str(file))


def parse_knowledge(text: str, origin: str = "knowledge") -> Knowledge:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{origin}: not valid TOML ({exc})") from None
    unknown = set(data) - {"version", "topic", "holiday", "financing"}
    if unknown:
        raise KnowledgeError(f"{origin}: unknown section {sorted(unknown)[0]!r}")
    topics = tuple(_topic(entry, i) for i, entry in enumerate(_list(data, "topic")))
    seen: set[str] = set()
    for topic in topics:
        if topic.id in seen:
            raise KnowledgeError(f"topic {topic.id!r} appears twice")
        seen.add(topic.id)
    holidays = tuple(_holiday(entry, i) for i, entry in enumerate(_list(data, "holiday")))
    return Knowledge(topics=topics, holidays=holidays, financing=_financing(data.get("financing", {})))


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise KnowledgeError(f"{key}: expected an array of tables ([[{key}]])")
    return value


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}.{key}: expected a non-empty string")
    for name in re.findall(r"\{(\w+)\}", value):
        if name not in _PLACEHOLDERS:
            raise KnowledgeError(f"{where}.{key}: unknown placeholder {{{name}}}")
    return value.strip()


def _words(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise KnowledgeError(f"{where}.{key}: expected a list of non-empty strings")
    return tuple(w.strip().lower() for w in value)


def _topic(entry: dict[str, Any], index: int) -> Topic:
    where = f"topic[{index}]"
    unknown = set(entry) - {"id", "words", "stems", "weak", "together", "nl", "en"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    topic_id = entry.get("id")
    if not isinstance(topic_id, str) or not _ID.match(topic_id):
        raise KnowledgeError(f"{where}.id: expected a snake_case identifier")
    where = f"topic {topic_id!r}"
    words, stems = _words(entry, "words", where), _words(entry, "stems", where)
    together = _groups(entry, "together", where)
    if not words and not stems and not together:
        raise KnowledgeError(f"{where}: needs words or stems that mark a question about it")
    return Topic(topic_id, words, stems, _text(entry, "nl", where), _text(entry, "en", where),
                 _words(entry, "weak", where), together)


def _groups(entry: dict[str, Any], key: str, where: str) -> tuple[tuple[str, ...], ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or len(value) == 1 or not all(
            isinstance(g, list) and g and all(isinstance(w, str) and w.strip() for w in g) for g in value):
        raise KnowledgeError(f"{where}.{key}: expected two or more lists of non-empty strings")
    return tuple(tuple(w.strip().lower() for w in g) for g in value)


def _holiday(entry: dict[str, Any], index: int) -> Holiday:
    where = f"holiday[{index}]"
    unknown = set(entry) - {"date", "nl", "en", "words", "hours"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    when = entry.get("date")
    if not isinstance(when, str) or not (_FIXED.match(when) or _ONCE.match(when) or _EASTER.match(when)):
        raise KnowledgeError(f"{where}.date: expected MM-DD, YYYY-MM-DD or easter+N")
    holiday = Holiday(when, _text(entry, "nl", where), _text(entry, "en", where), _words(entry, "words", where),
                      entry.get("hours", ""))
    if not isinstance(holiday.hours, str) or (holiday.hours and not _HOURS.match(holiday.hours)):
        raise KnowledgeError(f"{where}.hours: expected \"HH:MM-HH:MM\" or \"\" for closed")
    try:
        holiday.on(2026)
    except ValueError:
        raise KnowledgeError(f"{where}.date: {when!r} is not a date") from None
    return holiday


def _financing(entry: Any) -> Financing:
    if not isinstance(entry, dict):
        raise KnowledgeError("financing: expected a table")
    unknown = set(entry) - {"apr_percent", "months", "min_amount", "lender"}
    if unknown:
        raise KnowledgeError(f"financing: unknown key {sorted(unknown)[0]!r}")
    apr, months = entry.get("apr_percent", 8.99), entry.get("months", 72)
    minimum, lender = entry.get("min_amount", 2500), entry.get("lender", "")
    if not isinstance(apr, (int, float)) or not 0 <= apr < 30:
        raise KnowledgeError("financing.apr_percent: expected a number from 0 to 30")
    if not isinstance(months, int) or not 6 <= months <= 120:
        raise KnowledgeError("financing.months: expected a whole number of months from 6 to 120")
    if not isinstance(minimum, int) or minimum < 0:
        raise KnowledgeError("financing.min_amount: expected a whole number of euros")
    if not isinstance(lender, str):
        raise KnowledgeError("financing.lender: expected a string")
    return Financing(float(apr), months, minimum, lender)
