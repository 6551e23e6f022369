"""Is a message nothing but a pick from offered times ("2", "de tweede", "za 10:00 lukt")?

The NLU contract labels such a message `slot_choice`. The days, times and positions are the
shared vocabularies of `when` and `ordinals`; only the polite filler around a pick is listed
here.
"""

from __future__ import annotations

import re

from actors.dialogue.language.ordinals import LAST, MIDDLE, ORDINALS
from actors.dialogue.language.when import DAYPARTS, is_day_word

_INDEX_WORDS = frozenset(("optie", "opties", "nummer", "nr", "no", "keuze", "option", "number", "slot", "#"))
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d{2})?(?:u|h|uur|am|pm|e|de|ste)?")
_SLOT_TOKEN = re.compile(r"\d{1,2}[:.]\d{2}|[a-z0-9#]+")
_FILLER = frozenset((
    "graag", "dan", "is", "prima", "goed", "lukt", "past", "mij", "me", "wel", "oke", "top",
    "super", "perfect", "doe", "maar", "die", "van", "de", "het", "ik", "neem", "kies", "ga", "gaan",
    "voor", "met", "let", "lets", "s", "go", "with", "i", "ll", "take", "please", "fine", "works",
    "for", "mooi", "ja", "yes", "that", "thanks", "bedankt", "dank", "je", "nou", "dus", "hoor",
    "even", "liefst", "liever", "kan", "can", "do", "great", "the", "one", "op", "om", "at", "uur",
    "u", "h", "half", "kwart", "over", "dat", "en", "and", "sounds", "good", "zou",
    "fijn", "ideaal", "komt", "uit", "jullie", "we", "wij", "hem", "em", "geef", "zelfde",
    "a", "m", "p", "am", "pm", "rond", "around", "tegen", "deze", "this", "next", "volgende",
    "week", "okay", "alright", "sure", "gekozen", "plek", "tijd", "tijdstip",
    "merci", "dankjewel", "thank", "you", "allez",
    # Flemish article ("den eerste") and courteous agreement ("optie 2 schikt mij uitstekend")
    "den", "schikt", "schikken", "uitstekend", "akkoord", "heel", "zeer", "prachtig", "lijkt",
))


def _anchor(word: str) -> bool:
    return (bool(_CLOCK.fullmatch(word)) or word in ORDINALS or word in LAST or word in MIDDLE
            or word in _INDEX_WORDS or is_day_word(word))


def is_bare_slot_answer(norm: str) -> bool:
    """True when a message consists only of a slot pick ("2", "de tweede", "za 10:00 lukt")."""
    words = _SLOT_TOKEN.findall(norm)
    if not words or len(words) > 9:
        return False
    anchored = False
    for w in words:
        if _anchor(w):
            if w.isdigit() and int(w) > 24:
                return False
            anchored = True
        elif w not in _FILLER and w not in DAYPARTS:
            return False
    if words == ["morgen"]:
        return False  # on its own "morgen!" is a greeting
    return anchored
