"""Which of the dealer's knowledge topics a clause asks about.

The words come from the knowledge file itself (`integrations.knowledge`), normalised the
way messages are, so a dealer who adds a topic adds its vocabulary in the same place. A
topic marked only by one of its `weak` words counts when no other topic is marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from actors.dialogue.language.normalize import normalize
from integrations.knowledge import Holiday, Knowledge


@dataclass(frozen=True)
class _Marker:
    topic: str
    pattern: re.Pattern[str]
    weak: bool


def _pattern(entries: tuple[str, ...], stem: bool) -> re.Pattern[str] | None:
    forms = sorted({normalize(e) for e in entries if normalize(e)}, key=len, reverse=True)
    if not forms:
        return None
    tail = r"" if stem else r"\b"
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")" + tail)


@lru_cache(maxsize=8)
def _markers(knowledge: Knowledge) -> tuple[_Marker, ...]:
    markers: list[_Marker] = []
    for topic in knowledge.topics:
        for entries, stem, weak in ((topic.words, False, False), (topic.stems, True, False), (topic.weak, True, True)):
            pattern = _pattern(entries, stem)
            if pattern is not None:
                markers.append(_Marker(topic.id, pattern, weak))
    return tuple(markers)


def find_topics(norm: str, knowledge: Knowledge) -> tuple[str, ...]:
    """Topic ids marked in `norm`, in order of first mention."""
    strong: dict[str, int] = {}
    weak: dict[str, int] = {}
    for marker in _markers(knowledge):
        m = marker.pattern.search(norm)
        if m is None:
            continue
        found = weak if marker.weak else strong
        found[marker.topic] = min(found.get(marker.topic, m.start()), m.start())
    chosen = strong or weak
    return tuple(sorted(chosen, key=chosen.__getitem__))


@lru_cache(maxsize=8)
def _holiday_patterns(knowledge: Knowledge) -> tuple[tuple[Holiday, re.Pattern[str]], ...]:
    out = []
    for holiday in knowledge.holidays:
        pattern = _pattern(holiday.words, False)
        if pattern is not None:
            out.append((holiday, pattern))
    return tuple(out)


def find_holidays(norm: str, knowledge: Knowledge) -> tuple[Holiday, ...]:
    """Holidays named in `norm`, in order; "tweede kerstdag" is not also "eerste kerstdag"
    because a name inside a longer name that matched does not count."""
    spans = [(m.start(), m.end(), holiday) for holiday, pattern in _holiday_patterns(knowledge)
             for m in pattern.finditer(norm)]
    kept: list[Holiday] = []
    for start, end, holiday in sorted(spans, key=lambda s: s[0]):
        inside = any(a <= start and end <= b and (b - a) > (end - start) for a, b, _ in spans)
        if not inside and holiday not in kept:
            kept.append(holiday)
    return tuple(kept)
