"""Typo-tolerant word lookup.

A symmetric-deletion index (the SymSpell idea) answers "which known word is within one or two
edits of this token" with a handful of dict lookups, which keeps fuzzy matching far below the
per-message time budget; a full difflib scan over every vocabulary word would not.
"""
from __future__ import annotations

from itertools import combinations
from types import MappingProxyType
from typing import Iterable, Mapping


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insert, delete, substitute, swap neighbours."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[lb]


def allowed_edits(length: int, two_from: int = 8) -> int:
    """How many edits a token of this length may carry before a match becomes a guess.

    Short words sit too close to ordinary Dutch words ("yaris"/"paris", "micra"/"micro"), so
    five-letter tokens only forgive a swapped pair (checked by the caller) and anything shorter
    must match exactly.
    """
    if length < 5:
        return 0
    if length < two_from:
        return 1
    return 2


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    n = len(word)
    for k in range(1, depth + 1):
        if n - k < 3:
            break
        for idx in combinations(range(n), k):
            out.add("".join(ch for i, ch in enumerate(word) if i not in idx))
    return out


class FuzzyIndex:
    """Immutable lookup from a possibly misspelt token to the closest vocabulary word."""

    __slots__ = ("_index", "_words", "_two_from")

    def __init__(self, words: Iterable[str], two_from: int = 8):
        """`two_from`: word length from which two edits are forgiven instead of one."""
        self._two_from = two_from
        index: dict[str, list[str]] = {}
        vocab = frozenset(w for w in words if len(w) >= 5)
        for word in sorted(vocab):
            for variant in _deletes(word, allowed_edits(len(word), two_from)):
                index.setdefault(variant, []).append(word)
        self._index: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in index.items()})
        self._words = vocab

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def lookup(self, token: str, same: Mapping[str, str] | None = None) -> str | None:
        """Return the single best vocabulary word within the allowed edits, else None.

        `same` maps vocabulary words to what they stand for. Several spellings of one brand sit
        in the index ("volkswagen", "volkswagon"), so a typo can be equally close to two of
        them; that is no real ambiguity, and with `same` the tie resolves to the first.
        """
        best = self.matches(token)
        if not best:
            return None
        if len(best) > 1 and best[0][0] == best[1][0]:
            tied = [w for d, w in best if d == best[0][0]]
            if same is None or len({same.get(w, w) for w in tied}) > 1:
                return None  # two equally close words: refuse to guess
        return best[0][1]

    def matches(self, token: str) -> list[tuple[int, str]]:
        """Every vocabulary word within the allowed edits, as (distance, word), closest first."""
        if token in self._words:
            return [(0, token)]
        budget = allowed_edits(len(token), self._two_from)
        if budget == 0:
            return []
        best: list[tuple[int, str]] = []
        seen: set[str] = set()
        for variant in _deletes(token, budget):
            for cand in self._index.get(variant, ()):
                if cand in seen:
                    continue
                seen.add(cand)
                limit = min(budget, allowed_edits(len(cand), self._two_from))
                dist = edit_distance(token, cand)
                if dist > limit:
                    continue
                if len(token) == 5 or len(cand) == 5:
                    # five letters: only a swapped pair counts as a typo
                    if len(token) != len(cand) or sorted(token) != sorted(cand):
                        continue
                best.append((dist, cand))
        best.sort()
        return best
