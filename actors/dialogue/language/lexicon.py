"""Car vocabulary: makes, models, fuel, transmission and body types with their spellings.

Values are the canonical labels of the labelling contract. Matching works on normalised tokens:
exact aliases first, then plural/diminutive endings ("golfs", "polootje"), then typo-tolerant
lookup for long tokens only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fuzzy import FuzzyIndex, edit_distance

MAKES: dict[str, tuple[str, ...]] = {
    "Volkswagen": ("volkswagen", "vw", "volkswagon", "volkswaagen", "volskwagen", "vee we"),
    "Opel": ("opel",),
    "Peugeot": ("peugeot", "peugot", "pugeot", "peugeut"),
    "Renault": ("renault", "renaut", "renoult"),
    "Toyota": ("toyota", "toyata", "toyotta"),
    "Kia": ("kia",),
    "Hyundai": ("hyundai", "hyunday", "hundai", "huyndai", "hyundia"),
    "Ford": ("ford",),
    "Skoda": ("skoda", "scoda"),
    "Audi": ("audi",),
    "BMW": ("bmw", "bmv", "bwm", "beemer", "bimmer"),
    "Mercedes-Benz": ("mercedes benz", "mercedes", "merc", "benz", "mercedez", "mb"),
    "Volvo": ("volvo",),
    "Citroen": ("citroen", "citroan", "citreon"),
    "Fiat": ("fiat",),
    "Nissan": ("nissan", "nisan"),
    "Mazda": ("mazda",),
    "Seat": ("seat",),
    "Tesla": ("tesla",),
    "Mini": ("mini",),
    "Suzuki": ("suzuki", "suzuky"),
    "Dacia": ("dacia",),
}

# canonical model -> (make, aliases). A leading "!" on an alias means the bare token is too
# common or too short to trust on its own; it then only counts right after its make.
MODELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Golf": ("Volkswagen", ("golf", "e golf")),
    "Polo": ("Volkswagen", ("polo",)),
    "Tiguan": ("Volkswagen", ("tiguan", "tiquan", "tiguan allspace")),
    "Passat": ("Volkswagen", ("passat", "passaat")),
    "Up": ("Volkswagen", ("!up", "!e up")),
    "ID.3": ("Volkswagen", ("id 3", "id3")),
    "Astra": ("Opel", ("astra",)),
    "Corsa": ("Opel", ("corsa",)),
    "208": ("Peugeot", ("208", "e 208")),
    "2008": ("Peugeot", ("!2008", "e 2008")),
    "3008": ("Peugeot", ("3008",)),
    "Clio": ("Renault", ("clio",)),
    "Captur": ("Renault", ("captur", "capture")),
    "Megane": ("Renault", ("megane",)),
    "Yaris": ("Toyota", ("yaris", "yaris cross")),
    "Corolla": ("Toyota", ("corolla", "corrolla")),
    "Aygo X": ("Toyota", ("aygo x", "aygo", "aigo")),
    "C-HR": ("Toyota", ("c hr", "chr", "ch r")),
    "Picanto": ("Kia", ("picanto",)),
    "Niro": ("Kia", ("niro", "e niro")),
    "Sportage": ("Kia", ("sportage",)),
    "Ceed": ("Kia", ("ceed", "cee d", "xceed")),
    "i10": ("Hyundai", ("i10",)),
    "i20": ("Hyundai", ("i20",)),
    "Tucson": ("Hyundai", ("tucson", "tuscon", "tucsen")),
    "Kona": ("Hyundai", ("kona",)),
    "Fiesta": ("Ford", ("fiesta",)),
    "Focus": ("Ford", ("focus",)),
    "Kuga": ("Ford", ("kuga",)),
    "Octavia": ("Skoda", ("octavia", "octavio")),
    "Fabia": ("Skoda", ("fabia",)),
    "Kamiq": ("Skoda", ("kamiq", "kamik")),
    "A3": ("Audi", ("a3",)),
    "A4": ("Audi", ("a4",)),
    "Q3": ("Audi", ("q3",)),
    "1 Serie": ("BMW", ("1 serie", "1serie", "1 series", "1er", "116i", "118i", "120i", "116d",
                        "118d", "120d", "1 reeks")),
    "3 Serie": ("BMW", ("3 serie", "3serie", "3 series", "3er", "318i", "320i", "330i", "330e",
                        "318d", "320d", "3 reeks")),
    "X1": ("BMW", ("x1",)),
    "A-Klasse": ("Mercedes-Benz", ("a klasse", "aklasse", "a class", "a klas")),
    "C-Klasse": ("Mercedes-Benz", ("c klasse", "cklasse", "c class", "c klas")),
    "V40": ("Volvo", ("v40", "v 40")),
    "XC40": ("Volvo", ("xc40", "xc 40")),
    "C3": ("Citroen", ("c3", "!c 3")),
    "C4": ("Citroen", ("c4", "!c 4")),
    "500": ("Fiat", ("!500", "500e", "500c")),
    "Micra": ("Nissan", ("micra",)),
    "Qashqai": ("Nissan", ("qashqai", "qasqai", "kashkai", "quashqai", "qashkai", "cashcai")),
    "CX-5": ("Mazda", ("cx 5", "cx5")),
    "2": ("Mazda", ("!2",)),
    "Ibiza": ("Seat", ("ibiza",)),
    "Leon": ("Seat", ("leon",)),
    "Model 3": ("Tesla", ("model 3",)),
    "Model Y": ("Tesla", ("model y",)),
    "Cooper": ("Mini", ("cooper",)),
    "Swift": ("Suzuki", ("swift",)),
    "Sandero": ("Dacia", ("sandero",)),
    "Duster": ("Dacia", ("duster",)),
}
# make written glued to its model: "mazda2", "fiat500"
GLUED = {"mazda2": ("Mazda", "2"), "fiat500": ("Fiat", "500"), "vwup": ("Volkswagen", "Up"),
         "peugeot208": ("Peugeot", "208"), "peugeot2008": ("Peugeot", "2008")}

# (key, value) for whole tokens
ATTR_EXACT: dict[str, tuple[str, str]] = {
    "ev": ("fuel", "elektrisch"), "evs": ("fuel", "elektrisch"), "bev": ("fuel", "elektrisch"),
    "phev": ("fuel", "hybride"), "hev": ("fuel", "hybride"), "plugin": ("fuel", "hybride"),
    "lpg": ("fuel", "lpg"), "autogas": ("fuel", "lpg"), "g3": ("fuel", "lpg"),
    "petrol": ("fuel", "benzine"), "gasoline": ("fuel", "benzine"), "benziner": ("fuel", "benzine"),
    "tdi": ("fuel", "diesel"), "dci": ("fuel", "diesel"), "hdi": ("fuel", "diesel"),
    "crdi": ("fuel", "diesel"), "tdci": ("fuel", "diesel"), "bluehdi": ("fuel", "diesel"),
    "dsg": ("transmission", "automaat"), "cvt": ("transmission", "automaat"),
    "manual": ("transmission", "handgeschakeld"), "manuele": ("transmission", "handgeschakeld"),
    "manueel": ("transmission", "handgeschakeld"), "manuelle": ("transmission", "handgeschakeld"), "handbak": ("transmission", "handgeschakeld"),
    "schakelbak": ("transmission", "handgeschakeld"), "schakel": ("transmission", "handgeschakeld"),
    "schakelauto": ("transmission", "handgeschakeld"),
    "hatch": ("body_type", "hatchback"), "combi": ("body_type", "stationwagen"),
    "kombi": ("body_type", "stationwagen"), "estate": ("body_type", "stationwagen"),
    "touring": ("body_type", "stationwagen"), "tourer": ("body_type", "stationwagen"),
    "sportstourer": ("body_type", "stationwagen"), "avant": ("body_type", "stationwagen"),
    "break": ("body_type", "stationwagen"), "sportbreak": ("body_type", "stationwagen"),
    "sw": ("body_type", "stationwagen"),
    "wagon": ("body_type", "stationwagen"), "stationcar": ("body_type", "stationwagen"),
    "crossover": ("body_type", "suv"), "terreinwagen": ("body_type", "suv"),
    "4x4": ("body_type", "suv"), "jeep": ("body_type", "suv"),
    "ruimtewagen": ("body_type", "mpv"), "monovolume": ("body_type", "mpv"),
    "minivan": ("body_type", "mpv"), "minibus": ("body_type", "mpv"),
    "convertible": ("body_type", "cabrio"), "roadster": ("body_type", "cabrio"),
    "saloon": ("body_type", "sedan"), "limousine": ("body_type", "sedan"),
    "busje": ("body_type", "bestelwagen"), "bedrijfswagen": ("body_type", "bestelwagen"),
    "bedrijfsauto": ("body_type", "bestelwagen"), "camionette": ("body_type", "bestelwagen"),
    "bestelbusje": ("body_type", "bestelwagen"), "vans": ("body_type", "bestelwagen"),
    "automaten": ("transmission", "automaat"), "automatics": ("transmission", "automaat"),
}
# (key, value) for tokens starting with a stem, which catches Dutch compounds and inflections
# ("dieselauto", "elektrische", "stationwagens", "automaatje")
ATTR_PREFIX: tuple[tuple[str, str, str], ...] = (
    ("diesel", "fuel", "diesel"), ("benzine", "fuel", "benzine"), ("elektri", "fuel", "elektrisch"),
    ("electri", "fuel", "elektrisch"), ("hybri", "fuel", "hybride"), ("stekkerauto", "fuel", "elektrisch"),
    ("automaat", "transmission", "automaat"), ("automati", "transmission", "automaat"),
    ("handgeschakel", "transmission", "handgeschakeld"), ("handmatig", "transmission", "handgeschakeld"),
    ("handbak", "transmission", "handgeschakeld"), ("zelfschakel", "transmission", "automaat"),
    ("stationwag", "body_type", "stationwagen"),
    ("stationcar", "body_type", "stationwagen"), ("bestelwagen", "body_type", "bestelwagen"),
    ("bestelbus", "body_type", "bestelwagen"), ("bestelauto", "body_type", "bestelwagen"),
    ("hatchback", "body_type", "hatchback"), ("sedan", "body_type", "sedan"),
    ("cabrio", "body_type", "cabrio"), ("coupe", "body_type", "coupe"), ("suv", "body_type", "suv"),
    ("mpv", "body_type", "mpv"),
)
# multi-token attribute phrases
ATTR_PHRASES: dict[tuple[str, ...], tuple[str, str]] = {
    ("plug", "in"): ("fuel", "hybride"), ("op", "gas"): ("fuel", "lpg"),
    ("e", "auto"): ("fuel", "elektrisch"), ("stick", "shift"): ("transmission", "handgeschakeld"),
    ("people", "carrier"): ("body_type", "mpv"), ("cargo", "van"): ("body_type", "bestelwagen"),
    ("a", "van"): ("body_type", "bestelwagen"), ("the", "van"): ("body_type", "bestelwagen"),
}
# "elektrische ramen" describes windows, not the drivetrain
_NOT_DRIVETRAIN = frozenset(("ramen", "raampjes", "spiegels", "achterklep", "stoelen", "fiets",
                             "stoelverwarming", "bediening", "verwarming", "windows", "seats"))
# "station" is a body type unless it is the railway station
_RAILWAY_BEFORE = frozenset(("het", "centraal", "ns", "trein", "treinstation", "bus", "vanaf", "naar",
                             "bij", "aan", "the", "from", "near", "to"))
# a travel preposition two words back marks a named railway station ("from Amersfoort station");
# Dutch "naar een station" is a search, so only English prepositions count at that distance
_RAILWAY_TWO_BEFORE = frozenset(("from", "near", "to", "at", "the", "vanaf"))
# Dutch determiners before the VW "up" ("die witte up", "de e-up"): in Dutch text "up" is no
# ordinary word, so after one of these it can only be the car
_UP_DETERMINERS = frozenset(("de", "die", "een", "deze", "dat", "mijn", "jullie", "uw", "zo'n", "zon",
                             "n", "jouw", "onze", "welke"))


@dataclass(frozen=True)
class Mention:
    key: str       # make, model, fuel, transmission, body_type
    value: str
    start: int     # first token index
    end: int       # one past the last token index


def _split(alias: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", alias))


def _build_phrases() -> tuple[dict[tuple[str, ...], tuple[str, str, str | None]], int]:
    table: dict[tuple[str, ...], tuple[str, str, str | None]] = {}
    for make, aliases in MAKES.items():
        for alias in aliases:
            table[_split(alias)] = ("make", make, None)
    for model, (make, aliases) in MODELS.items():
        for alias in aliases:
            guarded = alias.startswith("!")
            table[_split(alias.lstrip("!"))] = ("model", model, make if guarded else None)
    return table, max(len(k) for k in table)


PHRASES, _MAX_LEN = _build_phrases()
_MAKE_BY_TOKEN = {k[0]: v[1] for k, v in PHRASES.items() if v[0] == "make" and len(k) == 1}
# common words that must never be bent into a car name by the typo matcher
_COMMON = frozenset((
    "andere", "anders", "tussen", "pasta", "paris", "extra", "course", "kopen", "vragen", "model",
    "modellen", "graag", "goede", "zoeken", "focussen", "golfen", "beter", "minder", "meter",
    "leuke", "leuk", "kosten", "hallo", "dinsdag", "ander", "waren", "zeker", "mogen", "morgen",
    "rijden", "komen", "kunnen", "zouden", "willen", "hebben", "duster", "polos", "fiets",
    "station", "plaats", "gezin", "kinderen", "niets", "nieuw", "nieuwe", "lease", "leasen",
    "laten", "later", "datum", "middag", "ochtend", "avond", "weekend", "zaterdag", "zondag",
    "service", "super", "prima", "super", "benzine", "diesel", "hybride", "seats",
))
_FUZZY = FuzzyIndex(k[0] for k, v in PHRASES.items()
                    if len(k) == 1 and k[0].isalpha() and not (v[2]))
# spelling -> what it stands for, so a typo between two spellings of one brand still resolves
_MEANING = {k[0]: f"{v[0]}:{v[1]}" for k, v in PHRASES.items() if len(k) == 1}
# make -> its models' one-word spellings, for the make-scoped typo lookup
_MODEL_SPELLINGS: dict[str, tuple[tuple[str, str], ...]] = {}
for _model, (_make, _aliases) in MODELS.items():
    _MODEL_SPELLINGS[_make] = _MODEL_SPELLINGS.get(_make, ()) + tuple(
        (a, _model) for a in _aliases if not a.startswith("!") and a.isalpha() and len(a) >= 4)
# estate names that only mean the body type right after a model ("golf variant")
_ESTATE_AFTER_MODEL = frozenset(("variant",))
_DOUBLED = re.compile(r"([a-z])\1")
_SUFFIXES = ("etjes", "tjes", "jes", "etje", "tje", "je", "s")


def _attr_for(tok: str) -> tuple[str, str] | None:
    hit = ATTR_EXACT.get(tok)
    if hit is not None:
        return hit
    for stem, key, value in ATTR_PREFIX:
        if tok.startswith(stem):
            return key, value
    return None


def _single(tok: str) -> tuple[str, str, str | None] | None:
    hit = PHRASES.get((tok,))
    if hit is not None:
        return hit
    for suffix in _SUFFIXES:
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            stem = tok[: -len(suffix)]
            # "polootje": the diminutive doubles a final vowel
            for cand in (stem, stem[:-1] if stem[-1] == stem[-2] and stem[-1] in "aeiou" else ""):
                hit = PHRASES.get((cand,))
                if hit is not None and hit[2] is None:
                    return hit
    # a doubled letter is the most common slip on a phone keyboard ("skodda", "corssa"); the
    # edit-distance rule below is strict with five-letter names, so undo doubling first
    single = _DOUBLED.sub(r"\1", tok)
    if single != tok and len(single) >= 4 and tok not in _COMMON:
        hit = PHRASES.get((single,))
        if hit is not None and hit[2] is None:
            return hit
    if len(tok) >= 5 and tok.isalpha() and tok not in _COMMON:
        guess = _FUZZY.lookup(tok, _MEANING)
        if guess is not None:
            return PHRASES[(guess,)]
    return None


def find_mentions(toks: list[str], norm: str = "") -> list[Mention]:
    """All car vocabulary mentions in token order; longest phrase wins at each position."""
    out: list[Mention] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        glued = GLUED.get(tok) or _glued_make_model(tok)
        if glued is not None:
            out.append(Mention("make", glued[0], i, i + 1))
            out.append(Mention("model", glued[1], i, i + 1))
            i += 1
            continue
        hit, width = None, 1
        for size in range(min(_MAX_LEN, n - i), 1, -1):
            cand = PHRASES.get(tuple(toks[i:i + size]))
            if cand is not None:
                hit, width = cand, size
                break
        if hit is None:
            hit = _single(tok)
        if hit is not None:
            key, value, needs_make = hit
            if needs_make is not None and not _make_before(toks, i, needs_make, norm):
                hit = None
            elif key == "make" and value == "Seat" and _a_seat_to_sit_on(toks, i):
                hit = None  # "7 seats", "the most seats", "heated seats" in English
        if hit is None and out and out[-1].key == "make" and out[-1].end == i:
            model = model_after_make(out[-1].value, tok)
            if model is not None:
                hit, width = ("model", model, None), 1
        if hit is not None:
            out.append(Mention(hit[0], hit[1], i, i + width))
            i += width
            continue
        if tok in _ESTATE_AFTER_MODEL:
            if out and out[-1].key == "model" and out[-1].end == i:
                out.append(Mention("body_type", "stationwagen", i, i + 1))
            i += 1
            continue
        phrase = tuple(toks[i:i + 2])
        attr = ATTR_PHRASES.get(phrase) if len(phrase) == 2 else None
        if attr is not None:
            out.append(Mention(attr[0], attr[1], i, i + 2))
            i += 2
            continue
        attr = _attr_for(tok)
        if attr is not None and _attr_plausible(toks, i, attr):
            out.append(Mention(attr[0], attr[1], i, i + 1))
        elif tok == "station" and (i == 0 or toks[i - 1] not in _RAILWAY_BEFORE) and \
                (i < 2 or toks[i - 2] not in _RAILWAY_TWO_BEFORE):
            out.append(Mention("body_type", "stationwagen", i, i + 1))
        i += 1
    return out


_SEAT_BEFORE = frozenset(("most", "more", "many", "much", "extra", "heated", "front", "back", "rear", "child", "baby",
                          "passenger", "driver", "drivers", "leather", "comfortable", "sport", "sports", "third", "the",
                          "fewest", "enough", "folding", "row", "per", "car", "its", "any"))


def _a_seat_to_sit_on(toks: list[str], i: int) -> bool:
    """ "Seat" the make is "seat"/"seats" before one of its models or after a Dutch article; after a
    number or an English word that counts or describes seats, it is something to sit on."""
    before = toks[i - 1] if i > 0 else ""
    after = toks[i + 1] if i + 1 < len(toks) else ""
    if model_after_make("Seat", after) is not None or PHRASES.get((after,), ("", "", None))[1:2] == ("Seat",):
        return False
    return before.isdigit() or before in _SEAT_BEFORE


# single-token make spellings, longest first, for splitting "vwgolf" / "opelcorsa"
_MAKE_HEADS = sorted(((k, m) for k, m in _MAKE_BY_TOKEN.items() if len(k) >= 2),
                     key=lambda km: -len(km[0]))


def _glued_make_model(tok: str) -> tuple[str, str] | None:
    """A make typed against its model without a space ("vwgolf", "opelcorsa", "kiapicanto")."""
    if len(tok) < 5 or not tok.isalnum():
        return None
    for head, make in _MAKE_HEADS:
        if tok.startswith(head) and len(tok) - len(head) >= 2:
            hit = PHRASES.get((tok[len(head):],))
            if hit is not None and hit[0] == "model" and hit[2] in (None, make) and \
                    MODELS[hit[1]][0] == make:
                return make, hit[1]
    return None


def _make_token(tok: str) -> str | None:
    """Make named by one token, plural included ("peugeots 2008", "toyotas")."""
    make = _MAKE_BY_TOKEN.get(tok)
    if make is None and len(tok) > 3 and tok.endswith("s"):
        make = _MAKE_BY_TOKEN.get(tok[:-1])
    return make


def model_after_make(make: str, tok: str) -> str | None:
    """A misspelt model right after its make ("kia sportge", "skoda octavai").

    Once the make is known only a handful of models can follow, so a near miss is far less of a
    guess than in the open vocabulary: four- to six-letter words may carry one edit, longer ones
    two, and the answer must be unique.
    """
    if not tok.isalpha() or len(tok) < 4 or tok in _COMMON:
        return None
    limit = 1 if len(tok) < 7 else 2
    found = {model for alias, model in _MODEL_SPELLINGS.get(make, ())
             if abs(len(alias) - len(tok)) <= limit and edit_distance(tok, alias) <= limit}
    return found.pop() if len(found) == 1 else None


def _make_before(toks: list[str], i: int, make: str, norm: str) -> bool:
    for j in (i - 1, i - 2):
        if j >= 0 and _make_token(toks[j]) == make:
            return True
    if make != "Volkswagen":
        return False
    # "een up!" is how the VW city car is usually written
    if toks[i] == "up" and "up!" in norm:
        return True
    # "die up", "de e-up", "die witte up": a Dutch determiner, at most an inflected adjective between
    if i >= 1 and toks[i - 1] in _UP_DETERMINERS:
        return True
    return i >= 2 and toks[i - 2] in _UP_DETERMINERS and toks[i - 1].endswith("e") and \
        toks[i - 1].isalpha() and len(toks[i - 1]) >= 4


def _attr_plausible(toks: list[str], i: int, attr: tuple[str, str]) -> bool:
    if attr[0] == "fuel" and attr[1] == "elektrisch":
        return not (i + 1 < len(toks) and toks[i + 1] in _NOT_DRIVETRAIN)
    return True
