"""Car models beyond the labelled list: names customers use for cars we may not have.

The labelling contract knows ~60 models; customers also ask for a T-Roc, an Ioniq 5 or a
Superb, and trade in a Zafira or a Civic. To say honestly "een Superb hebben we nu niet"
and offer alternatives that keep the spirit of the wish (an estate for a Superb, an electric
car for an Ioniq 5), the reader needs the name, the make and the body and drive of such a
model. This is general car knowledge, not stock: it never makes a car appear in stock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class OtherModel:
    make: str
    name: str
    body: str | None
    fuel: str | None = None


# make, display name, aliases (normalised words), body type, fuel when the model has one drive
_TABLE: tuple[tuple[str, str, tuple[str, ...], str | None, str | None], ...] = (
    ("Volkswagen", "T-Roc", ("t roc", "troc"), "suv", None),
    ("Volkswagen", "T-Cross", ("t cross", "tcross"), "suv", None),
    ("Volkswagen", "Touran", ("touran",), "mpv", None),
    ("Volkswagen", "Touareg", ("touareg",), "suv", None),
    ("Volkswagen", "Arteon", ("arteon",), "sedan", None),
    ("Volkswagen", "Caddy", ("caddy",), "bestelwagen", None),
    ("Volkswagen", "Transporter", ("transporter",), "bestelwagen", None),
    ("Volkswagen", "ID.4", ("id 4", "id4"), "suv", "elektrisch"),
    ("Volkswagen", "ID.5", ("id 5", "id5"), "suv", "elektrisch"),
    ("Volkswagen", "ID. Buzz", ("id buzz", "buzz"), "mpv", "elektrisch"),
    ("Volkswagen", "Sharan", ("sharan",), "mpv", None),
    ("Volkswagen", "Scirocco", ("scirocco",), "coupe", None),
    ("Volkswagen", "Beetle", ("beetle", "kever"), "hatchback", None),
    ("Opel", "Zafira", ("zafira",), "mpv", None),
    ("Opel", "Meriva", ("meriva",), "mpv", None),
    ("Opel", "Mokka", ("mokka",), "suv", None),
    ("Opel", "Grandland", ("grandland",), "suv", None),
    ("Opel", "Crossland", ("crossland",), "suv", None),
    ("Opel", "Insignia", ("insignia",), "sedan", None),
    ("Opel", "Adam", ("adam",), "hatchback", None),
    ("Opel", "Karl", ("karl",), "hatchback", None),
    ("Opel", "Vectra", ("vectra",), "sedan", None),
    ("Peugeot", "107", ("107",), "hatchback", None),
    ("Peugeot", "108", ("108",), "hatchback", None),
    ("Peugeot", "206", ("206",), "hatchback", None),
    ("Peugeot", "207", ("207",), "hatchback", None),
    ("Peugeot", "307", ("307",), "hatchback", None),
    ("Peugeot", "308", ("308",), "hatchback", None),
    ("Peugeot", "407", ("407",), "sedan", None),
    ("Peugeot", "508", ("508",), "sedan", None),
    ("Peugeot", "5008", ("5008",), "suv", None),
    ("Peugeot", "Rifter", ("rifter",), "mpv", None),
    ("Peugeot", "Partner", ("partner",), "bestelwagen", None),
    ("Renault", "Twingo", ("twingo",), "hatchback", None),
    ("Renault", "Zoe", ("zoe",), "hatchback", "elektrisch"),
    ("Renault", "Kadjar", ("kadjar",), "suv", None),
    ("Renault", "Arkana", ("arkana",), "suv", None),
    ("Renault", "Austral", ("austral",), "suv", None),
    ("Renault", "Scenic", ("scenic",), "mpv", None),
    ("Renault", "Kangoo", ("kangoo",), "bestelwagen", None),
    ("Renault", "Espace", ("espace",), "mpv", None),
    ("Toyota", "Prius", ("prius",), "hatchback", "hybride"),
    ("Toyota", "RAV4", ("rav 4", "rav4"), "suv", None),
    ("Toyota", "Auris", ("auris",), "hatchback", None),
    ("Toyota", "Avensis", ("avensis",), "sedan", None),
    ("Toyota", "bZ4X", ("bz4x",), "suv", "elektrisch"),
    ("Toyota", "Land Cruiser", ("land cruiser", "landcruiser"), "suv", None),
    ("Toyota", "Proace", ("proace",), "bestelwagen", None),
    ("Kia", "Stonic", ("stonic",), "suv", None),
    ("Kia", "EV6", ("ev 6", "ev6"), "suv", "elektrisch"),
    ("Kia", "EV9", ("ev 9", "ev9"), "suv", "elektrisch"),
    ("Kia", "Rio", ("rio",), "hatchback", None),
    ("Kia", "Soul", ("soul",), "hatchback", None),
    ("Kia", "Sorento", ("sorento",), "suv", None),
    ("Hyundai", "Ioniq 5", ("ioniq 5", "ioniq5"), "suv", "elektrisch"),
    ("Hyundai", "Ioniq 6", ("ioniq 6", "ioniq6"), "sedan", "elektrisch"),
    ("Hyundai", "Ioniq", ("ioniq",), "hatchback", None),
    ("Hyundai", "Bayon", ("bayon",), "suv", None),
    ("Hyundai", "Santa Fe", ("santa fe",), "suv", None),
    ("Hyundai", "i30", ("i30",), "hatchback", None),
    ("Hyundai", "ix35", ("ix35", "ix 35"), "suv", None),
    ("Hyundai", "Atos", ("atos",), "hatchback", None),
    ("Ford", "Puma", ("puma",), "suv", None),
    ("Ford", "Mondeo", ("mondeo",), "sedan", None),
    ("Ford", "Ka", ("ka",), "hatchback", None),
    ("Ford", "C-Max", ("c max", "cmax"), "mpv", None),
    ("Ford", "S-Max", ("s max", "smax"), "mpv", None),
    ("Ford", "Mustang Mach-E", ("mach e", "mustang mach e"), "suv", "elektrisch"),
    ("Ford", "Mustang", ("mustang",), "coupe", None),
    ("Ford", "Transit", ("transit",), "bestelwagen", None),
    ("Ford", "Ranger", ("ranger",), "suv", None),
    ("Skoda", "Superb", ("superb",), "stationwagen", None),
    ("Skoda", "Karoq", ("karoq",), "suv", None),
    ("Skoda", "Kodiaq", ("kodiaq",), "suv", None),
    ("Skoda", "Scala", ("scala",), "hatchback", None),
    ("Skoda", "Enyaq", ("enyaq",), "suv", "elektrisch"),
    ("Skoda", "Citigo", ("citigo",), "hatchback", None),
    ("Skoda", "Rapid", ("rapid",), "hatchback", None),
    ("Audi", "A1", ("a1",), "hatchback", None),
    ("Audi", "A5", ("a5",), "coupe", None),
    ("Audi", "A6", ("a6",), "sedan", None),
    ("Audi", "Q2", ("q2",), "suv", None),
    ("Audi", "Q4 e-tron", ("q4", "q4 e tron"), "suv", "elektrisch"),
    ("Audi", "Q5", ("q5",), "suv", None),
    ("Audi", "Q7", ("q7",), "suv", None),
    ("Audi", "e-tron", ("e tron", "etron"), "suv", "elektrisch"),
    ("Audi", "TT", ("tt",), "coupe", None),
    ("BMW", "2 Serie", ("2 serie", "2 series", "2er"), "coupe", None),
    ("BMW", "4 Serie", ("4 serie", "4 series"), "coupe", None),
    ("BMW", "5 Serie", ("5 serie", "5 series", "5er"), "sedan", None),
    ("BMW", "X2", ("x2",), "suv", None),
    ("BMW", "X3", ("x3",), "suv", None),
    ("BMW", "X5", ("x5",), "suv", None),
    ("BMW", "i3", ("i3",), "hatchback", "elektrisch"),
    ("BMW", "i4", ("i4",), "sedan", "elektrisch"),
    ("BMW", "iX", ("ix",), "suv", "elektrisch"),
    ("Mercedes-Benz", "B-Klasse", ("b klasse", "b class"), "mpv", None),
    ("Mercedes-Benz", "E-Klasse", ("e klasse", "e class"), "sedan", None),
    ("Mercedes-Benz", "GLA", ("gla",), "suv", None),
    ("Mercedes-Benz", "GLB", ("glb",), "suv", None),
    ("Mercedes-Benz", "GLC", ("glc",), "suv", None),
    ("Mercedes-Benz", "EQA", ("eqa",), "suv", "elektrisch"),
    ("Mercedes-Benz", "Vito", ("vito",), "bestelwagen", None),
    ("Mercedes-Benz", "Sprinter", ("sprinter",), "bestelwagen", None),
    ("Volvo", "XC60", ("xc60", "xc 60"), "suv", None),
    ("Volvo", "XC90", ("xc90", "xc 90"), "suv", None),
    ("Volvo", "V60", ("v60", "v 60"), "stationwagen", None),
    ("Volvo", "V70", ("v70", "v 70"), "stationwagen", None),
    ("Volvo", "V90", ("v90", "v 90"), "stationwagen", None),
    ("Volvo", "S60", ("s60",), "sedan", None),
    ("Volvo", "EX30", ("ex30", "ex 30"), "suv", "elektrisch"),
    ("Citroen", "C1", ("c1",), "hatchback", None),
    ("Citroen", "C5 Aircross", ("c5 aircross", "c5"), "suv", None),
    ("Citroen", "Berlingo", ("berlingo",), "mpv", None),
    ("Citroen", "C4 Picasso", ("picasso", "c4 picasso"), "mpv", None),
    ("Citroen", "DS3", ("ds3", "ds 3"), "hatchback", None),
    ("Fiat", "Panda", ("panda",), "hatchback", None),
    ("Fiat", "Tipo", ("tipo",), "hatchback", None),
    ("Fiat", "Punto", ("punto",), "hatchback", None),
    ("Fiat", "Doblo", ("doblo",), "bestelwagen", None),
    ("Nissan", "Juke", ("juke",), "suv", None),
    ("Nissan", "Leaf", ("leaf",), "hatchback", "elektrisch"),
    ("Nissan", "X-Trail", ("x trail", "xtrail"), "suv", None),
    ("Nissan", "Note", ("note",), "hatchback", None),
    ("Mazda", "3", ("mazda 3", "mazda3"), "hatchback", None),
    ("Mazda", "6", ("mazda 6", "mazda6"), "sedan", None),
    ("Mazda", "CX-3", ("cx 3", "cx3"), "suv", None),
    ("Mazda", "CX-30", ("cx 30", "cx30"), "suv", None),
    ("Mazda", "MX-5", ("mx 5", "mx5"), "cabrio", None),
    ("Mazda", "MX-30", ("mx 30", "mx30"), "suv", "elektrisch"),
    ("Seat", "Arona", ("arona",), "suv", None),
    ("Seat", "Ateca", ("ateca",), "suv", None),
    ("Seat", "Tarraco", ("tarraco",), "suv", None),
    ("Seat", "Mii", ("mii",), "hatchback", None),
    ("Seat", "Alhambra", ("alhambra",), "mpv", None),
    ("Tesla", "Model S", ("model s",), "sedan", "elektrisch"),
    ("Tesla", "Model X", ("model x",), "suv", "elektrisch"),
    ("Mini", "Countryman", ("countryman",), "suv", None),
    ("Mini", "Clubman", ("clubman",), "stationwagen", None),
    ("Suzuki", "Vitara", ("vitara",), "suv", None),
    ("Suzuki", "Ignis", ("ignis",), "hatchback", None),
    ("Suzuki", "Baleno", ("baleno",), "hatchback", None),
    ("Suzuki", "Celerio", ("celerio",), "hatchback", None),
    ("Suzuki", "Jimny", ("jimny",), "suv", None),
    ("Suzuki", "S-Cross", ("s cross",), "suv", None),
    ("Dacia", "Jogger", ("jogger",), "mpv", None),
    ("Dacia", "Logan", ("logan",), "sedan", None),
    ("Dacia", "Spring", ("spring",), "hatchback", "elektrisch"),
    ("Honda", "Civic", ("civic",), "hatchback", None),
    ("Honda", "Jazz", ("jazz",), "hatchback", None),
    ("Honda", "CR-V", ("cr v", "crv"), "suv", None),
    ("Honda", "HR-V", ("hr v", "hrv"), "suv", None),
    ("Honda", "Accord", ("accord",), "sedan", None),
    ("Mitsubishi", "Outlander", ("outlander",), "suv", None),
    ("Mitsubishi", "Space Star", ("space star",), "hatchback", None),
    ("Mitsubishi", "ASX", ("asx",), "suv", None),
    ("Mitsubishi", "Colt", ("colt",), "hatchback", None),
    ("Lynk & Co", "01", ("lynk co 01", "lynk 01", "lynk en co"), "suv", "hybride"),
    ("Polestar", "2", ("polestar 2", "polestar"), "sedan", "elektrisch"),
    ("MG", "4", ("mg4", "mg 4"), "hatchback", "elektrisch"),
    ("MG", "ZS", ("mg zs", "zs ev"), "suv", None),
    ("BYD", "Atto 3", ("atto 3", "atto"), "suv", "elektrisch"),
    ("Jeep", "Renegade", ("renegade",), "suv", None),
    ("Jeep", "Compass", ("compass",), "suv", None),
    ("Land Rover", "Range Rover Evoque", ("evoque", "range rover"), "suv", None),
    ("Porsche", "Cayenne", ("cayenne",), "suv", None),
    ("Porsche", "Taycan", ("taycan",), "sedan", "elektrisch"),
    ("Cupra", "Born", ("cupra born", "born"), "hatchback", "elektrisch"),
    ("Cupra", "Formentor", ("formentor",), "suv", None),
    ("Alfa Romeo", "Giulietta", ("giulietta",), "hatchback", None),
    ("Smart", "Fortwo", ("fortwo", "smart"), "hatchback", None),
    ("Saab", "9-3", ("saab",), "sedan", None),
    ("Chevrolet", "Spark", ("spark",), "hatchback", None),
    ("Daihatsu", "Cuore", ("cuore",), "hatchback", None),
    ("Lexus", "CT200h", ("ct200h", "ct 200h"), "hatchback", "hybride"),
    ("Subaru", "Forester", ("forester",), "suv", None),
)

# Makes outside the labelled list, so "mijn Honda" or "een Lexus" is still read as a car.
OTHER_MAKES = {"honda": "Honda", "mitsubishi": "Mitsubishi", "lexus": "Lexus", "subaru": "Subaru", "jeep": "Jeep",
               "porsche": "Porsche", "cupra": "Cupra", "polestar": "Polestar", "lynk": "Lynk & Co", "mg": "MG",
               "byd": "BYD", "alfa": "Alfa Romeo", "smart": "Smart", "saab": "Saab", "chevrolet": "Chevrolet",
               "daihatsu": "Daihatsu", "jaguar": "Jaguar", "landrover": "Land Rover", "dodge": "Dodge",
               "chrysler": "Chrysler", "lancia": "Lancia", "ssangyong": "SsangYong", "ds": "DS", "genesis": "Genesis"}

def _spellings(name: str, aliases: tuple[str, ...]) -> list[str]:
    """Every alias as written, with a hyphen or a space between its parts ("t-roc", "t roc")."""
    out: dict[str, None] = {}
    hyphenated = (name.lower(),) if "-" in name else ()  # "T-Roc" as written, never a bare "2"
    for alias in (*aliases, *hyphenated):
        for form in (alias, alias.replace("-", " "), alias.replace(" ", "-")):
            out[form] = None
    return sorted(out, key=len, reverse=True)


_PATTERNS: tuple[tuple[re.Pattern[str], OtherModel], ...] = tuple(
    (re.compile(r"\b" + r"|\b".join(re.escape(a) + r"\b" for a in _spellings(name, aliases))),
     OtherModel(make, name, body, fuel))
    for make, name, aliases, body, fuel in _TABLE)
_GUARDED = frozenset(("born", "spring", "note", "ka", "rio", "smart", "partner", "jazz", "accord", "spark",
                      "soul", "transit", "rapid", "compass", "ranger", "atto", "adam", "karl", "polestar",
                      "108", "107", "206", "207", "307", "308", "407", "508", "5008", "tt", "ix", "i3", "i4",
                      "q4", "c1", "c5", "zs ev"))


def find_other_model(norm: str, make: str | None = None) -> tuple[OtherModel, int] | None:
    """A model outside the labelled list named in `norm`, with its position, or None.

    Names that are ordinary words or bare numbers ("spring", "note", "508") count only right
    after their make ("dacia spring", "peugeot 508").
    """
    best: tuple[OtherModel, int] | None = None
    for pattern, model in _PATTERNS:
        for m in pattern.finditer(norm):
            alias = m.group(0)
            if alias in _GUARDED and not _after_make(norm, m.start(), model.make):
                continue
            if best is None or m.start() < best[1]:
                best = (model, m.start())
            break
    return best


def _after_make(norm: str, start: int, make: str) -> bool:
    head = norm[max(0, start - 25):start].split()
    words = {w.strip(".,") for w in head[-2:]}
    wanted = {make.lower(), make.lower().split()[0], make.lower().replace("-", " ").split()[0]}
    if make == "Volkswagen":
        wanted.add("vw")
    if make == "Mercedes-Benz":
        wanted |= {"mercedes", "merc", "benz"}
    return bool(words & wanted)


# Body type and (where a model has only one) drive of the labelled models, for alternatives
# that keep the spirit of a wish when the model itself is not in stock ("a Focus" → hatchbacks).
CONTRACT_MODEL_KIND: dict[str, tuple[str | None, str | None]] = {
    **dict.fromkeys(("Golf", "Polo", "Up", "Astra", "Corsa", "208", "Clio", "Megane", "Yaris", "Aygo X", "Picanto",
                     "Ceed", "i10", "i20", "Fiesta", "Focus", "Fabia", "A3", "1 Serie", "A-Klasse", "V40", "C3", "C4",
                     "500", "Micra", "2", "Ibiza", "Leon", "Cooper", "Swift", "Sandero"), ("hatchback", None)),
    **dict.fromkeys(("Tiguan", "2008", "3008", "Captur", "C-HR", "Niro", "Sportage", "Tucson", "Kona", "Kuga",
                     "Kamiq", "Q3", "X1", "XC40", "Qashqai", "CX-5", "Duster"), ("suv", None)),
    **dict.fromkeys(("Passat", "Octavia"), ("stationwagen", None)),
    **dict.fromkeys(("A4", "3 Serie", "C-Klasse"), ("sedan", None)),
    "ID.3": ("hatchback", "elektrisch"), "Model 3": ("sedan", "elektrisch"), "Model Y": ("suv", "elektrisch"),
    "Corolla": ("hatchback", None),
}
# The smallest cars (A and B segment): "klein", "een stadsauto" ranks these first.
SMALL_MODELS = frozenset(("Up", "Aygo X", "Picanto", "i10", "500", "Micra", "C3", "Polo", "Corsa", "208", "Clio",
                          "Swift", "Fabia", "Ibiza", "Yaris", "2", "i20", "Sandero", "Fiesta", "Cooper", "C1", "108",
                          "Twingo", "Panda", "Spring", "Ignis", "Celerio", "Mii", "Citigo", "Karl", "Adam"))
