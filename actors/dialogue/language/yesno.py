"""Yes and no, as customers write them on WhatsApp (words, emoji, Flemish, English).

`polarity` answers only for a clause that is *nothing but* agreement or refusal with some
politeness around it ("ja graag", "top", "👍", "merci, da's goed", "nee, toch te klein voor
ons. bedankt"); "ja, en wat kost hij?" carries a question and is not a bare yes. Whether a
yes books a time or answers something else is the dialogue's call.
"""

from __future__ import annotations

import re
from enum import StrEnum

YES_WORDS = frozenset((
    "ja", "jaa", "jawel", "jazeker", "jep", "jup", "yes", "yep", "yeah", "yup", "sure", "ok", "oke", "okay",
    "okee", "oki", "prima", "top", "super", "perfect", "perfecto", "goed", "prachtig", "mooi", "fijn",
    "uitstekend", "akkoord", "afgesproken", "deal", "great", "fine", "excellent", "lovely", "cool", "nice",
    "graag", "zeker", "absoluut", "natuurlijk", "tuurlijk", "gezellig", "ideaal", "toppie", "topper", "helemaal",
    "correct", "klopt", "inderdaad", "precies", "leuk", "geweldig", "fantastisch", "bevestigd", "confirmed",
    "schikt", "alright", "awesome", "brilliant", "wonderful", "amazing", "agreed", "definitely", "please",
))
# Phrases whose words are not yes on their own ("doe maar", "is goed", "dat wil ik").
_YES_PHRASES = re.compile(
    r"\b(?:doe maar|doen we|is goed|da'?s goed|dat is goed|klinkt goed|lijkt me (?:goed|prima|leuk|top|perfect)|"
    r"dat wil ik|dat past|past (?:mij|me|prima|goed)|komt (?:mij |me )?(?:goed |prima )?uit|lukt (?:mij|me|prima|wel)|"
    r"zet (?:mij|me|maar|hem|het|dat) (?:maar |er maar )?(?:op|in|vast|neer)|boek (?:maar|het|hem)|"
    r"plan (?:maar|het|hem) in|sounds (?:good|great|perfect)|that works|works for me|let'?s do (?:it|that)|"
    r"go ahead|book it|that'?s fine|all good|no problem|geen probleem|ik kom|we komen|wij komen|tot dan|"
    r"see you (?:then|there)|i'?ll be there|ik ben er|ik zal er zijn|dat is prima|okidoki|okido)\b")
NO_WORDS = frozenset(("nee", "neen", "neeh", "no", "nope", "nah", "nay", "niet"))
_NO_PHRASES = re.compile(
    r"\b(?:liever niet|toch niet|laat maar|hoeft niet|niet nodig|hoeft (?:niet )?meer|nee hoor|not now|no need|"
    r"nog niet|voor nu niet|nu even niet|no thanks|no thank you|rather not|not interested|geen interesse|"
    r"past (?:me |mij )?niet|komt (?:me |mij )?niet (?:goed )?uit|lukt (?:me |mij )?niet|te klein|te groot|"
    r"te duur|niks voor (?:mij|me|ons)|niets voor (?:mij|me|ons)|not for me|doesn'?t suit)\b")
# Words that may sit around a yes or no without changing it.
_POLITE = frozenset((
    "dank", "je", "u", "wel", "bedankt", "thanks", "thank", "you", "merci", "hoor", "dan", "maar", "echt", "heel",
    "erg", "zeer", "very", "much", "so", "dat", "is", "het", "klinkt", "prima", "alvast", "vriendelijk",
    "groetjes", "groet", "mvg", "nog", "even", "voor", "ons", "mij", "me", "mee", "eens", "helemaal", "hoor",
    "beste", "allez", "amai", "oh", "o", "ah", "hmm", "nou", "ok", "oke", "toch", "dan", "wat", "jammer",
    "spijtig", "sorry", "helaas", "the", "that", "it", "a", "and", "en", "of", "for", "cheers", "top",
    "fijn", "dag", "daag", "doei", "tot", "ziens", "straks", "later", "morgen", "zaterdag", "vrijdag",
    "maandag", "dinsdag", "woensdag", "donderdag", "zondag", "then", "there", "see", "ya", "good", "lekker",
    "graag", "gedaan", "hele", "fijne", "avond", "weekend", "dagje", "goed", "zo", "we", "wij", "ik", "ben",
    "er", "zijn", "doen", "willen", "wil", "hebben", "hem", "die", "deze", "ze", "kom", "komen",
))
_THUMBS_UP = re.compile("[\U0001F44D\U0001F44C\u2705\u2714\U0001F64F\U0001F64C\U0001F44F\u263A\U0001F600-\U0001F60D"
                        "\U0001F642\U0001F917\U0001F929\U0001F973\u2764\U0001F499\U0001F49A\U0001F44A\U0001F91D]")
_THUMBS_DOWN = re.compile("[\U0001F44E\u274C\u2716\U0001F645\U0001F6AB]")
_WORD = re.compile(r"[a-z0-9']+")


class Polarity(StrEnum):
    YES = "yes"
    NO = "no"


def polarity(raw: str, norm: str) -> Polarity | None:
    """YES or NO when the clause is only agreement or refusal (with politeness); else None."""
    words = _WORD.findall(norm)
    has_no = bool(_NO_PHRASES.search(norm)) or any(w in NO_WORDS for w in words[:2]) or bool(_THUMBS_DOWN.search(raw))
    has_yes = bool(_YES_PHRASES.search(norm)) or any(w in YES_WORDS for w in words) or bool(_THUMBS_UP.search(raw))
    if not words:
        if _THUMBS_DOWN.search(raw):
            return Polarity.NO
        return Polarity.YES if _THUMBS_UP.search(raw) else None
    rest = _YES_PHRASES.sub(" ", _NO_PHRASES.sub(" ", norm))
    leftover = [w for w in _WORD.findall(rest) if w not in YES_WORDS and w not in NO_WORDS and w not in _POLITE]
    if len(leftover) > 1 or (leftover and len(words) <= 2):
        return None
    if has_no:
        return Polarity.NO
    if has_yes:
        return Polarity.YES
    return None


def starts_with_yes(norm: str) -> bool:
    """ "ja graag, wanneer kan ik…": the clause opens with agreement before saying more."""
    words = _WORD.findall(norm)
    return bool(words) and (words[0] in YES_WORDS - {"please"} or bool(_YES_PHRASES.match(norm)))


def starts_with_no(norm: str) -> bool:
    words = _WORD.findall(norm)
    return bool(words) and words[0] in ("nee", "neen", "no", "nope")
