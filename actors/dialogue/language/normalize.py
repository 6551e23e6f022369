"""Turn a raw WhatsApp message into predictable lowercase ASCII text.

Everything downstream matches against this form, so accents, emojis, stretched words
("hallooo"), chat abbreviations and Flemish spellings are folded here once.
"""
from __future__ import annotations

import re
import unicodedata

from .fuzzy import FuzzyIndex
from .numbers import words_to_digits

_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")
_COMBINING = re.compile("[\u0300-\u036f]")
# pictographs, dingbats, arrows, variation selectors, joiners: noise for understanding
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2190-\u21FF\u2300-\u23FF\u2B00-\u2BFF"
    "\uFE00-\uFE0F\u200B-\u200F\u2060]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u00b4": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " "})
_STRETCHED = re.compile(r"[a-z]*([a-z])\1{2,}[a-z]*")
_RUN = re.compile(r"([a-z])\1{2,}")
_WORD = re.compile(r"[a-z0-9']+")
_SPACES = re.compile(r"\s+")
_VOWELS = frozenset("aeiou")

# Chat shorthand and Flemish forms mapped onto the standard Dutch the patterns are written for.
_TYPOS = {
    "mn": "mijn", "m'n": "mijn", "mijne": "mijn", "zn": "zijn", "z'n": "zijn", "ff": "even",
    "effe": "even", "efkes": "even", "eens": "eens", "nie": "niet", "ni": "niet", "wa": "wat", "da": "dat",
    "ge": "je", "gij": "jij", "uwe": "uw", "hebt": "heb", "'k": "ik", "kzoek": "ik zoek",
    "kwil": "ik wil", "kheb": "ik heb", "zoekn": "zoeken", "zoekt": "zoek", "plz": "graag",
    "pls": "graag", "svp": "graag", "aub": "alstublieft", "ajb": "alsjeblieft",
    "thx": "thanks", "thnx": "thanks", "tnx": "thanks", "thanx": "thanks", "ty": "thanks",
    "bedank": "bedankt", "dankje": "dank je", "dankjewel": "dank je wel",
    "dankuwel": "dank u wel", "danku": "dank u", "merci": "merci", "mss": "misschien",
    "wnr": "wanneer", "wanner": "wanneer", "hoelaat": "hoe laat", "hoelang": "hoe lang", "ipv": "in plaats van", "ok": "oke", "okay": "oke",
    "okey": "oke", "oki": "oke", "okido": "oke", "okidoki": "oke", "oky": "oke",
    "auto's": "autos", "proefritje": "proefrit", "testritje": "testrit", "proefrid": "proefrit",
    "proefritt": "proefrit", "profrit": "proefrit", "proeftrit": "proefrit",
    "financeren": "financieren", "finacieren": "financieren", "financering": "financiering",
    "finaciering": "financiering", "openingstijd": "openingstijden", "openingsuur": "openingsuren",
    "adress": "adres", "addres": "adres", "electrisch": "elektrisch", "electrische": "elektrische",
    "elektries": "elektrisch", "benzien": "benzine", "disel": "diesel", "diessel": "diesel",
    "automaatje": "automaat", "automatiek": "automaat", "hybryde": "hybride",
    "hibride": "hybride", "welke": "welke", "wagentje": "wagen", "autootje": "auto",
    "tweedehandse": "tweedehands", "occassion": "occasion", "occassions": "occasions",
    "ocasion": "occasion", "ocasions": "occasions", "zaterdags": "zaterdag", "zondags": "zondag",
    "wilt": "wil", "kunt": "kun", "julie": "jullie", "jullir": "jullie", "jullue": "jullie",
    "heeft": "heeft", "gaat": "gaat", "goeiendag": "goedendag", "goeiedag": "goedendag",
    "goeiemorgen": "goedemorgen", "goeiemiddag": "goedemiddag", "goeienavond": "goedenavond",
    "goedeavond": "goedenavond", "goedemorge": "goedemorgen", "hallootjes": "hallo",
    "hoihoi": "hoi", "hai": "hoi", "hallo!": "hallo", "w8": "wacht", "2day": "today",
    "tmrw": "tomorrow", "tmr": "tomorrow", "ur": "your",
    # Flemish articles "ne"/"nen" ("mag ik ne keer rijden", "nen hybride") are "een"; "okee" is ok
    "ne": "een", "nen": "een", "okee": "oke", "okeee": "oke",
    # Flemish verbs with the pronoun glued on as "-de" ("wat vraagde gij", "hoe rijde daar"):
    # only verbs where the glued form is not also an ordinary past tense
    "vraagde": "vraag je", "rijde": "rijd je", "komde": "kom je", "hebde": "heb je",
    "kunde": "kun je", "moogde": "mag je", "ziede": "zie je", "weette": "weet je",
    "moette": "moet je", "zijde": "zijn jullie", "gaade": "ga je", "doede": "doe je",
}

# Long, distinctive words worth repairing when misspelt. Short words are left alone because a
# one-letter slip there usually produces another real word.
_REPAIR_TARGETS = (
    "proefrit", "proefrijden", "testrit", "testrijden", "financiering", "financieren",
    "openingstijden", "openingsuren", "inruilen", "afmelden", "uitschrijven", "medewerker",
    "bezichtigen", "bezichtiging", "afspraak", "terugbellen", "afbetalen", "maandbedrag",
    "unsubscribe", "voorraad", "bedankt", "goedemorgen", "goedemiddag", "goedenavond",
    "alsjeblieft", "alstublieft", "parkeren", "telefonisch", "routebeschrijving", "beschikbaar",
    "interesse", "schandalig", "ontevreden", "teleurgesteld", "tweedehands", "occasion",
    "occasions", "zaterdag", "woensdag", "donderdag", "dinsdag", "maandag", "vrijdag",
    "overmorgen", "contacteren", "inruilwaarde", "proberen", "uitproberen", "verzendlijst",
    "mogelijk", "kilometerstand", "bouwjaar", "ongeveer",
)
# Real words that sit one edit from a repair target and must not be "repaired" into it.
_PROTECTED = frozenset((
    "contract", "verkoop", "verkoper", "verkopen", "gekocht", "verkocht", "bedenkt", "dinsdags",
    "interessant", "afspraken", "parkeer", "maandagen", "voorrang", "probeer", "proberen",
    "geprobeerd", "mogelijke", "mogelijkheden", "maandags", "vrijdags", "zaterdags", "minimaal",
    "maximaal", "opening", "bedanken", "bedankje", "proberen", "afspraakje",
    # the opposite of opting out, one or two edits away from "uitschrijven"/"afmelden"
    "inschrijven", "ingeschreven", "inschrijving", "inschrijf", "aanmelden", "aangemeld", "aanmelding",
))
_REPAIR = FuzzyIndex(_REPAIR_TARGETS, two_from=11)

# Words whose stretched spelling must collapse to this exact form.
_KNOWN_SHORT = frozenset((
    "hallo", "hoi", "hey", "hee", "heej", "hej", "ja", "nee", "graag", "super", "top", "doei",
    "daag", "dag", "dank", "bedankt", "thanks", "mooi", "perfect", "prima", "goed", "zo", "lol",
    "yes", "oke", "cool", "nice", "echt", "snel", "please", "hi", "hello", "heel", "veel",
    "moi", "zeer", "stop", "help", "hoor", "wauw", "oeps", "jaa", "neee", "tof", "geweldig",
    "dankjewel", "groetjes", "fijn", "hihi", "haha", "vet",
))


def _collapse(match: re.Match[str]) -> str:
    word = match.group(0)
    single = _RUN.sub(r"\1", word)
    double = _RUN.sub(r"\1\1", word)
    for cand in (single, double):
        if cand in _KNOWN_SHORT or cand in _REPAIR:
            return cand
    # unknown stretched word: vowels keep two ("neeee" -> "nee"), consonants one
    return _RUN.sub(lambda m: m.group(1) * (2 if m.group(1) in _VOWELS else 1), word)


def _fix_word(match: re.Match[str]) -> str:
    word = match.group(0)
    mapped = _TYPOS.get(word)
    if mapped is not None:
        return mapped
    if len(word) >= 7 and word.isalpha() and word not in _PROTECTED:
        repaired = _REPAIR.lookup(word)
        if repaired is not None:
            return repaired
    return word


def fold(text: str) -> str:
    """Lowercase, strip accents and emojis; keep digits and punctuation."""
    text = _KEYCAP.sub(r" \1 ", text).replace("\U0001F51F", " 10 ")
    text = text.translate(_QUOTES)
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _EMOJI.sub(" ", text).lower()
    return _SPACES.sub(" ", text).strip()


# A word glued to a number ("golf7", "tot20000", "vanaf2018", "bj2019"). Two-letter heads stay
# glued because they are model names themselves ("a3", "xc40", "id3", "cx5").
# A unit may stay glued behind the number ("max15k", "onder80dkm", "fiat500e").
_GLUED_NUMBER = re.compile(r"\b([a-z]{3,}|bj)(\d+)(?=(?:k|km|kms|dkm|e|euro)?(?:[^a-z0-9]|$))")
# Flemish/Dutch participles written with a hyphen ("ge-appt", "ge-sms't"): the prefix is not the
# pronoun "ge", so join it before the shorthand table turns it into "je".
_GE_HYPHEN = re.compile(r"\bge-(?=[a-z])")


def split_glued(text: str) -> str:
    """Separate a word from a number typed against it, so units and models read normally."""
    return _GLUED_NUMBER.sub(r"\1 \2", _GE_HYPHEN.sub("ge", text))


def normalize(text: str) -> str:
    """Full normal form used by every matcher."""
    text = split_glued(fold(text))
    text = _STRETCHED.sub(_collapse, text)
    text = _WORD.sub(_fix_word, text)
    return _SPACES.sub(" ", words_to_digits(text)).strip()


def tokens(norm: str) -> list[str]:
    """Alphanumeric tokens of a normalised text."""
    return re.findall(r"[a-z0-9]+", norm)
