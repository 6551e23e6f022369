"""What a clause says about the car wanted: required, excluded, widened, preferred.

"automaat tot 20k" requires; "liever geen diesel" and "geen Franse" exclude; "automaat hoeft
niet per se" and "handgeschakeld mag ook" widen; "liefst weinig km", "klein" and "zuinig"
rank; "stop, ik bedoelde een stationwagen" replaces; "iets goedkopers" is relative to the
car in focus. Values are the stock's canonical ones (shared eval README).
"""

from __future__ import annotations

import re

from actors.dialogue.language.entities import extract
from actors.dialogue.language.facts import read_colour
from actors.dialogue.language.lexicon import find_mentions
from actors.dialogue.language.other_models import CONTRACT_MODEL_KIND, find_other_model
from actors.dialogue.language.reading import Criteria

FIELDS = {"make": "make", "model": "model", "fuel": "fuel", "transmission": "transmission", "body_type": "body_type"}
_TOKEN = re.compile(r"[a-z0-9]+")

NATIONALITIES = {
    "frans": ("Peugeot", "Renault", "Citroen"), "duits": ("Volkswagen", "Audi", "BMW", "Mercedes-Benz", "Opel"),
    "japans": ("Toyota", "Nissan", "Mazda", "Suzuki"), "koreaans": ("Kia", "Hyundai"), "zweeds": ("Volvo",),
    "italiaans": ("Fiat",), "tsjechisch": ("Skoda",), "spaans": ("Seat",), "roemeens": ("Dacia",),
    "amerikaans": ("Ford", "Tesla"), "brits": ("Mini",), "engels": ("Mini",),
    "french": ("Peugeot", "Renault", "Citroen"), "german": ("Volkswagen", "Audi", "BMW", "Mercedes-Benz", "Opel"),
    "japanese": ("Toyota", "Nissan", "Mazda", "Suzuki"), "korean": ("Kia", "Hyundai"), "swedish": ("Volvo",),
    "italian": ("Fiat",), "czech": ("Skoda",), "spanish": ("Seat",), "american": ("Ford", "Tesla"),
}
_NATION = re.compile(r"\b(?P<neg>geen|niet|no|not|behalve|except|liever geen|rather not)?\s*(?:een\s+|an?\s+)?"
                     r"(?P<n>" + "|".join(NATIONALITIES) + r")(?:e|en|se)?\b")

# "automaat hoeft niet (per se)", "automaat is geen must", "merk maakt niet uit"
_WIDEN_AFTER = re.compile(r"^\W*(?:hoeft|moet) (?:niet|geen)(?: per ?se| persee?| perse| persé)?|^\W*is geen (?:must|vereiste|eis)|"
                          r"^\W*maakt (?:me |mij |ons )?(?:niet|niks|niets) uit|^\W*(?:doesn'?t|does not|don'?t) (?:matter|have to)|"
                          r"^\W*(?:is )?(?:not|no) (?:a )?must|^\W*niet (?:per ?se|nodig|noodzakelijk)")
# "handgeschakeld is niks voor mij", "diesel wil ik niet", "suv liever niet": ruled out after the fact
_REFUSED_AFTER = re.compile(r"^\W*(?:is|zijn|vind ik) (?:niks|niets|not|geen optie|no option)\b|^\W*(?:wil|willen|hoef|hoeven) "
                            r"(?:ik |we |wij )?(?:niet|liever niet|echt niet)\b|^\W*liever niet\b|^\W*(?:is|are) (?:a )?no[- ]go\b|"
                            r"^\W*(?:not for me|no thanks)\b")
_JOINED = re.compile(r"\s*(?:,|of|en|noch|or|nor|and|/)\s*(?:een\s+|geen\s+)?")
_ALSO_OK = re.compile(r"\bmag (?:ook|eventueel)\b|\b(?:is|zijn) ook (?:goed|prima|oke|ok|fine)\b|\book (?:goed|prima)\b|"
                      r"\bcan also be\b|\bis (?:also )?fine too\b|\bwould also (?:work|be fine)\b|\bof (?:een )?\w+ is ook\b")
_KEY_WORDS = {"merk": "make", "brand": "make", "make": "make", "brandstof": "fuel", "fuel": "fuel",
              "transmissie": "transmission", "schakelen": "transmission", "gearbox": "transmission",
              "carrosserie": "body_type", "model": "model", "kleur": "color", "colour": "color", "color": "color"}
_REPLACE = re.compile(r"\b(?:bedoel\w*|i meant?|toch (?:liever|een|maar)|in plaats van|instead|liever (?:een|iets)|"
                      r"stop\b|verkeerd|correctie|sorry,? (?:ik|een)|nee,? (?:een|ik zoek)|niet (?:een|de) \w+ maar)")
_SOFT_BUDGET = re.compile(r"\b(?:rond(?:om)?|ongeveer|zo'?n|circa|ca|around|about|roughly|ergens rond|in de buurt van|om en nabij)\s+"
                          r"(?:de\s+|het\s+)?(?:€\s*)?\d")
_PREFER = (
    ("low_km", re.compile(r"\b(?:weinig|zo min mogelijk|minder|lage?|low|min) (?:\w+ ){0,2}?(?:km|kms|kilometers?|kilometerstand|mileage)\b|"
                          r"\bweinig gelopen\b|\blow mileage\b")),
    ("new", re.compile(r"\bzo (?:nieuw|jong) mogelijk\b|\bliefst (?:nieuw|jong)\w*\b|\bjonge?\b|\brecent\w*\b|\bas new as\b")),
    ("cheap", re.compile(r"\b(?:goedkoop|goedkope|zo goedkoop mogelijk|voordelig\w*|budget ?auto|cheap|affordable|"
                         r"niet te duur|betaalbaar\w*)\b")),
    ("small", re.compile(r"\b(?:klein\w*|compact\w*|stadsauto\w*|small|city car|makkelijk (?:te )?parkeren|wendbaar\w*)\b")),
    ("large", re.compile(r"\b(?:ruim\w*|groot|grote|groter\w*|gezin\w*|kinderen|bagage|kofferbak|spacious|family|big|"
                         r"roomy|7 ?(?:zitter|persoons|seats?)|plek voor)\b")),
    ("economical", re.compile(r"\b(?:zuinig\w*|economical|efficient|laag verbruik|weinig verbruik)\b")),
)
_RELATIVE = (
    ("cheaper", re.compile(r"\b(?:goedkoper\w*|iets goedkopers|minder duur|cheaper|less expensive)\b")),
    ("newer", re.compile(r"\b(?:nieuwer\w*|jonger\w*|iets nieuwers|newer)\b")),
    ("less_km", re.compile(r"\bminder (?:km|kilometers?)\b|\blower mileage\b|\bfewer (?:km|miles)\b")),
    ("larger", re.compile(r"\b(?:ruimer\w*|groter\w*|bigger|larger|roomier)\b")),
    ("smaller", re.compile(r"\b(?:kleiner\w*|smaller|compacter)\b")),
)


def read_criteria(norm: str) -> Criteria:
    """The search wishes in one normalised clause (the customer's own car already blanked out)."""
    found = extract(norm)
    entities, negated = dict(found.entities), dict(found.negated)
    toks = _TOKEN.findall(norm)
    mentions = find_mentions(toks, norm)
    require: dict[str, list[str]] = {}
    exclude: dict[str, list[str]] = {}
    widen: list[str] = []
    spans = [m.span() for m in _TOKEN.finditer(norm)]
    last_excluded: tuple[str, int] | None = None    # (key, end) of the last value ruled out
    for mention in mentions:
        key = FIELDS.get(mention.key)
        if key is None:
            continue
        start, end = spans[mention.start][0], spans[mention.end - 1][1]
        after = norm[end:end + 40]
        if last_excluded and last_excluded[0] == key and _JOINED.fullmatch(norm[last_excluded[1]:start]):
            # "geen hybride of elektrisch": the negation carries over the list
            exclude.setdefault(key, []).append(mention.value)
            last_excluded = (key, end)
            continue
        if _WIDEN_AFTER.search(after):
            widen.append(key)
            continue
        if _REFUSED_AFTER.search(after):
            exclude.setdefault(key, []).append(mention.value)
            last_excluded = (key, end)
            continue
        if _ALSO_OK.search(norm[max(0, start - 12):end + 25]):
            require.setdefault(key, []).append(mention.value)
            widen.append(f"+{key}")
            continue
        if negated.get(mention.key) == mention.value and entities.get(mention.key) != mention.value:
            exclude.setdefault(key, []).append(mention.value)
            last_excluded = (key, end)
            continue
        if mention.value not in require.get(key, []):
            require.setdefault(key, []).append(mention.value)
    # Several makes without models ("toyota of kia") are alternatives; a model brings its make.
    for word, key in _KEY_WORDS.items():
        m = re.search(r"\b" + word + r"\b", norm)
        if m and _WIDEN_AFTER.search(norm[m.end():m.end() + 30]):
            widen.append(key)
    for m in _NATION.finditer(norm):
        makes = NATIONALITIES[m.group("n")]
        target = exclude if m.group("neg") else require
        for make in makes:
            if make not in target.setdefault("make", []):
                target["make"].append(make)
    colour = read_colour(norm)
    if colour:
        before = norm[:norm.find(colour[:3])]
        (exclude if re.search(r"\b(?:geen|niet|no|not)\s+(?:\w+\s+)?$", before) else require).setdefault("color", []).append(colour)
    wanted = None
    other = find_other_model(norm)
    if other is not None:
        model = other[0]
        wanted = f"{model.make} {model.name}"
        if "make" not in require and "make" not in exclude:
            require["make"] = [model.make]
    budget = entities.get("budget_max")
    prefer = tuple(name for name, pattern in _PREFER if pattern.search(norm))
    relative = next((name for name, pattern in _RELATIVE if pattern.search(norm)), None)
    if relative in ("larger", "smaller"):
        prefer = tuple(dict.fromkeys(prefer + ("large" if relative == "larger" else "small",)))
    return Criteria(
        require={k: tuple(v) for k, v in require.items()},
        exclude={k: tuple(v) for k, v in exclude.items()},
        widen=tuple(dict.fromkeys(widen)),
        budget_max=budget,
        budget_soft=bool(budget and _SOFT_BUDGET.search(norm)),
        year_min=entities.get("year_min"),
        mileage_max=entities.get("mileage_max"),
        prefer=prefer,
        replace=bool(_REPLACE.search(norm)),
        wanted=wanted,
        relative=relative,
    )


def implied_kind(model: str) -> tuple[str | None, str | None]:
    """(body type, fuel) typical of a model in the labelled list, for alternatives when it is not in stock."""
    return CONTRACT_MODEL_KIND.get(model, (None, None))
