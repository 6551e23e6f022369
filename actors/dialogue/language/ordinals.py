"""Positions in a list the customer was shown: "2", "de tweede", "nummer 3", "de laatste".

The same words pick a car from a list and a time from an offer; which list is meant is the
dialogue's call, not this module's.
"""

from __future__ import annotations

import re

ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "first": 1, "1st": 1, "bovenste": 1,
    "tweede": 2, "2e": 2, "2de": 2, "second": 2, "2nd": 2,
    "derde": 3, "3e": 3, "3de": 3, "third": 3, "3rd": 3,
    "vierde": 4, "4e": 4, "4de": 4, "fourth": 4, "4th": 4,
    "vijfde": 5, "5e": 5, "5de": 5, "fifth": 5, "5th": 5,
    "zesde": 6, "6e": 6, "6de": 6, "sixth": 6, "6th": 6,
}
LAST = frozenset(("laatste", "last", "onderste", "bottom", "latest"))
MIDDLE = frozenset(("middelste", "middle"))
# "nummer 2", "optie 3", and "auto 3" / "car 2" (a place in the list of cars, whatever else is on offer)
_NUMBERED = re.compile(r"\b(?:(?:optie|opties|nummer|nr|no|keuze|option|number|slot|#)\s*(?P<n>\d{1,2}|een|one)\b"
                       r"|(?:auto|car|wagen)\s*(?P<car>\d)\b(?!\s*(?:deurs|doors?|zits|seats?|dagen|days|weken|weeks|"
                       r"jaar|years|maanden|months|uur|hours)))")
_BARE = re.compile(r"(?<![\d:.,€])\b(?P<n>[1-9])\b(?![:.,]\d|\s*(?:uur|u\b|am|pm|km|k\b|dagen|weken|jaar|euro|mille|"
                   r"maanden|personen|deurs|zits|zitter|sterren))")
_WORD = re.compile(r"[a-z0-9#]+")
# "de eerste keer", "last week", "tweede hands": the word counts something else than a list
_NOT_A_PLACE = frozenset(("keer", "time", "times", "week", "weekend", "tijd", "maand", "jaar", "year", "month", "day",
                          "hand", "hands", "handse", "eigenaar", "owner", "owners", "instantie", "instance", "sight",
                          "nieuws", "news", "model", "versie", "generatie", "generation", "opinion", "mening"))
# English ordinals are also adverbs ("do you need to see it first?", "wait a second"): they name a
# place in a list only after a determiner, before "one", or on their own.
_ADVERB_TOO = frozenset(("first", "second", "last", "latest"))
_DETERMINERS = frozenset(("the", "that", "this", "de", "die", "deze", "het", "number", "nummer"))


def _places(words: list[str]) -> list[str]:
    out = []
    for i, word in enumerate(words):
        if word not in ORDINALS and word not in LAST and word not in MIDDLE:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i > 0 else ""
        if after in _NOT_A_PLACE:
            continue
        if word in _ADVERB_TOO and len(words) > 2 and before not in _DETERMINERS and after not in ("one", "ones", "car"):
            continue
        out.append(word)
    return out


def position(norm: str, count: int, *, bare_digits: bool = True) -> int | None:
    """0-based position named in `norm` for a list of `count` items, or None.

    A bare digit ("2", "doe maar 3") counts only when `bare_digits` (a short answer right
    after a numbered list); "de tweede", "nummer 2" and "de laatste" always count.
    """
    if count <= 0:
        return None
    for word in _places(_WORD.findall(norm)):
        if word in LAST:
            return count - 1
        if word in MIDDLE and count % 2 == 1:
            return count // 2
        if word in ORDINALS:
            n = ORDINALS[word]
            return n - 1 if n <= count else None
    m = _NUMBERED.search(norm)
    if m:
        n = 1 if m.group("n") in ("een", "one") else int(m.group("n") or m.group("car"))
        return n - 1 if 1 <= n <= count else None
    if bare_digits:
        m = _BARE.search(norm)
        if m:
            n = int(m.group("n"))
            return n - 1 if n <= count else None
    return None


def names_position(norm: str) -> bool:
    """True when `norm` uses an ordinal word or "nummer N" (never for a bare digit)."""
    return bool(_places(_WORD.findall(norm))) or bool(_NUMBERED.search(norm))
