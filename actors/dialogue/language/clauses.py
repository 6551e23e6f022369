"""Cut a message into the clauses that each ask or say one thing.

"Wat kost de Hyundai i20, hoeveel km heeft hij gereden en is het een automaat?" holds three
questions; "de benzine, kan ik die financieren?" points at a car and then asks about it. A
clause ends at a sentence mark, or at a comma or "en"/"and" that opens a new question or
statement; "een suv en een automaat" stays whole because "een" opens neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STARTERS = (r"hoeveel|wat|welke|welk|wie|hoe|waar|wanneer|waarom|is|zijn|zijt|heeft|hebben|hebt|heb|kan|kun|kunnen|"
             r"mag|mogen|moet|moeten|zit|zitten|krijg|krijgt|krijgen|wordt|worden|staat|staan|doen|doe|rijdt|"
             r"zoek|zoeken|nemen|neem|neemt|leveren|lever|levert|bieden|regelen|regel|ik|we|wij|dan|verder|ook|what|how|which|where|when|why|is|are|does|do|did|can|could|"
             r"would|will|has|have|i|we")
_VERBS = (r"\b(?:is|zijn|heeft|hebben|heb|kan|kun|wil|wilt|moet|mag|zoek|kom|ga|gaat|doe|wordt|krijg|staat|"
          r"rijdt|kost|are|has|have|can|do|does|want)\b")
_SENTENCE = re.compile(r"(?<=[?!;])\s*|(?<=[a-z]):\s+|\n+|(?<=[a-z)'\"])\.\s+|(?<=[a-z)'\"])\.$")
_JOIN = re.compile(r"(?:,\s*|\s+)(?:en|and|maar|but|plus)\s+(?=(?:" + _STARTERS + r")\b)|,\s+(?=(?:" + _STARTERS + r")\b)")


@dataclass(frozen=True)
class Clause:
    text: str          # normalised
    start: int         # offset in the normalised message
    question: bool     # ended with a question mark


def split_clauses(norm: str) -> list[Clause]:
    """The clauses of a normalised message, in order; never empty for a non-empty message."""
    out: list[Clause] = []
    pos = 0
    for sentence in _pieces(norm, _SENTENCE):
        start = norm.find(sentence, pos)
        pos = start + len(sentence)
        inner = 0
        parts = _pieces(sentence, _JOIN)
        for i, part in enumerate(parts):
            offset = sentence.find(part, inner)
            inner = offset + len(part)
            text = part.strip(" ,.")
            # The question mark belongs to the last clause of its sentence ("automaat hoeft niet, wat heb je nog?")
            # …and so does a bare phrase in a question ("en financieren, kan dat?": financing is asked)
            bare = len(re.findall(r"[a-z0-9]+", text)) <= 3 and not re.search(_VERBS, text)
            asks = text.endswith("?") or (sentence.rstrip().endswith("?") and (i == len(parts) - 1 or bare))
            if re.search(r"[a-z0-9]", text):
                out.append(Clause(text.rstrip("?!; "), start + offset, asks))
    return out or [Clause(norm.strip(), 0, norm.strip().endswith("?"))]


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    pieces, last = [], 0
    for m in pattern.finditer(text):
        if m.start() > last:
            pieces.append(text[last:m.start()] + (text[m.start():m.end()].strip() if m.group(0).strip() in "?!;" else ""))
        last = m.end()
    if last < len(text):
        pieces.append(text[last:])
    return [p for p in pieces if p.strip()]
