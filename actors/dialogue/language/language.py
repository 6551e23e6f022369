"""Dutch or English, decided by counting function words each language cannot do without.

Flemish is Dutch for our purposes; its own markers ("ge", "salukes", "hé") count as Dutch.
Ties go to Dutch because the dealership's customers write Dutch by default.
"""
from __future__ import annotations

import re

_EN = frozenset((
    "the", "you", "your", "are", "what", "how", "much", "can", "could", "would", "should", "i",
    "im", "a", "to", "any", "car", "cars", "please", "have", "has", "with", "under", "for", "open",
    "tomorrow", "today", "thank", "thanks", "hello", "hi", "do", "does", "there", "this", "that",
    "my", "it", "and", "or", "want", "looking", "need", "drive", "address", "price", "possible",
    "someone", "call", "unsubscribe", "yes", "lets", "go", "one", "second", "first", "third",
    "option", "good", "great", "bye", "where", "when", "which", "sell", "buy", "offer", "trade",
    "will", "not", "dont", "from", "just", "get", "am", "be", "an", "on", "at", "is", "of",
    "electric", "automatic", "used", "cheap", "cheaper", "much", "who", "why", "our", "we", "us",
    "they", "he", "she", "brakes", "bought", "squeaking", "recommend", "movie", "still",
    "available", "stock", "sale", "about", "know", "like", "weekend", "saturday", "sunday",
    "monday", "tuesday", "wednesday", "thursday", "friday", "morning", "afternoon", "evening",
    "pm", "am", "ok", "sure", "fine", "works", "take", "please", "something", "anything", "budget",
    "max", "maximum", "year", "newer", "older", "miles", "hey", "stop", "cancel", "lease",
    "financing", "finance", "monthly", "payment", "test", "see", "come", "visit", "appointment",
))
_NL = frozenset((
    "de", "het", "een", "ik", "je", "jij", "jullie", "u", "uw", "wat", "hoe", "kan", "kun", "wil",
    "graag", "nog", "niet", "geen", "er", "op", "van", "voor", "zijn", "heb", "hebben", "zoek",
    "met", "naar", "maar", "ook", "dan", "wel", "even", "mij", "mijn", "me", "dat", "die", "deze",
    "dit", "zo", "al", "om", "tot", "bij", "hallo", "hoi", "doei", "bedankt", "dank", "ja", "nee",
    "auto", "autos", "waar", "wanneer", "hoeveel", "zitten", "staat", "komen", "is", "we", "wij",
    "ze", "zij", "hij", "mag", "moet", "kost", "kosten", "prijs", "proefrit", "alsjeblieft",
    "alstublieft", "salukes", "merci", "he", "gij", "ne", "goed", "oke", "zaterdag", "zondag",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "morgen", "vandaag", "uur", "half",
    "optie", "nummer", "tweede", "eerste", "derde", "laatste", "dag", "fijne", "groetjes",
    "goedemorgen", "goedemiddag", "goedenavond", "heej", "hee", "lol", "stop", "afmelden",
    "zou", "willen", "kunnen", "gaat", "doe", "iets", "nou", "hier", "daar", "wordt", "worden",
    "zoeken", "gezocht", "open", "dicht", "adres", "route", "bellen", "bel", "inruilen", "leasen",
    "financieren", "euro", "bouwjaar", "km", "tussen", "onder", "rond", "zonder", "als", "of",
))


def detect_language(toks: list[str]) -> str:
    """Return "en" or "nl" for a list of normalised tokens."""
    en = nl = 0
    for tok in toks:
        in_en, in_nl = tok in _EN, tok in _NL
        if in_en and not in_nl:
            en += 1
        elif in_nl and not in_en:
            nl += 1
    return "en" if en > nl else "nl"


def language_of(norm: str) -> str:
    return detect_language(re.findall(r"[a-z]+", norm))


_WORDS = re.compile(r"[^\W\d_]+")
_ENGLISH_HINTS = frozenset({"thanks", "thank", "you", "please", "the", "yes", "sure", "great", "cheers", "bye",
                            "okay", "nice", "cool", "no", "one", "that", "fine", "good", "perfect"})


def reply_language(text: str, detected: str, current: str) -> str:
    """The language to answer in: a conversation keeps its language unless the customer clearly switches.

    "ok" or "2" says nothing about the language; English is taken from any English words,
    Dutch only from two or more, so a short Dutch-looking reply keeps an English chat English
    and "ok thanks" stays English too.
    """
    words = _WORDS.findall(text)
    if detected == "en" and words:
        return "en"
    if current == "en" and len(words) <= 3 and any(w.lower() in _ENGLISH_HINTS for w in words):
        return "en"
    if detected == "nl" and len(words) >= 2:
        return "nl"
    return current or "nl"
