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
    patterns: tuple[re.Pattern[str], ...]   # every one must match (`together` groups); one for words and stems
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
                markers.append(_Marker(topic.id, (pattern,), weak))
        groups = tuple(p for p in (_pattern(g, True) for g in topic.together) if p is not None)
        if groups:
            markers.append(_Marker(topic.id, groups, False))
    return tuple(markers)


Span = tuple[int, int]


def _found(norm: str, knowledge: Knowledge) -> tuple[dict[str, list[Span]], dict[str, list[Span]]]:
    strong: dict[str, list[Span]] = {}
    weak: dict[str, list[Span]] = {}
    for marker in _markers(knowledge):
        matches = [p.search(norm) for p in marker.patterns]
        if not all(matches):
            continue
        found = weak if marker.weak else strong
        found.setdefault(marker.topic, []).extend(m.span() for m in matches if m is not None)
    return strong, weak


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def find_topics(norm: str, knowledge: Knowledge) -> tuple[str, ...]:
    """Topic ids marked in `norm`, in order of first mention.

    A topic marked only by words that also mark a more specific one gives way to it: "hoeveel
    garantie zit er op de accu" asks about the battery's warranty, not the dealer's warranty.
    """
    strong, weak = _found(norm, knowledge)
    chosen = strong or weak
    kept = {t: spans for t, spans in chosen.items()
            if not any(u != t and all(_inside(s, other) for s in spans)
                       and not all(_inside(s, spans) for s in other)
                       for u, other in chosen.items())}
    return tuple(sorted(kept, key=lambda t: min(s[0] for s in kept[t])))


def combined_spans(norm: str, knowledge: Knowledge) -> tuple[Span, ...]:
    """Where `together` topics are marked: those words ask the dealer, not a fact of the car
    ("garantie op de accu" is no question about the battery's capacity)."""
    spans: list[Span] = []
    for marker in _markers(knowledge):
        if len(marker.patterns) > 1:
            matches = [p.search(norm) for p in marker.patterns]
            if all(matches):
                spans.extend(m.span() for m in matches if m is not None)
    return tuple(spans)


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
