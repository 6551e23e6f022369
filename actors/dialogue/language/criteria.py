"""What a clause says about the car wanted: required, excluded, widened, preferred.

"automaat tot 20k" requires; "liever geen diesel", "geen Toyota" and "geen Franse" exclude;
"automaat hoeft niet per se" and "handgeschakeld mag ook" widen; "liefst weinig km", "klein"
and "zuinig" rank; "stop, ik bedoelde een stationwagen" and "stationwagen ipv suv" replace;
"iets goedkopers" is relative to the car in focus; "tussen de 20 en 25 duizend" bounds the
price on both sides. Values are the stock's canonical ones (shared eval README). A wish the
stock does not record (a tow bar, seven seats) is kept as words, so the answer can name it.
"""

from __future__ import annotations

from typing import Any

import re

from actors.dialogue.language.entities import extract
from actors.dialogue.language.facts import COLOUR_PATTERN, COLOURS, feature_words
from actors.dialogue.language.lexicon import find_mentions
from actors.dialogue.language.numbers import money_amounts
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
                          r"^\W*(?:is|mag) (?:ook )?(?:prima|ok|oke|goed|geen probleem|fine)\b|"
                          r"^\W*maakt (?:me |mij |ons )?(?:niet|niks|niets) uit|^\W*(?:doesn'?t|does not|don'?t) (?:matter|have to)|"
                          r"^\W*(?:is )?(?:not|no) (?:a )?must|^\W*niet (?:per ?se|nodig|noodzakelijk)")
# "handgeschakeld is niks voor mij", "diesel wil ik niet", "suv liever niet": ruled out after the fact
_REFUSED_AFTER = re.compile(r"^\W*(?:is|zijn|vind ik) (?:niks|niets|not|geen optie|no option)\b|^\W*(?:wil|willen|hoef|hoeven) "
                            r"(?:ik |we |wij )?(?:niet|liever niet|echt niet)\b|^\W*liever niet\b|^\W*(?:is|are) (?:a )?no[- ]go\b|"
                            r"^\W*(?:not for me|no thanks)\b")
# "geen Toyota", "maar geen handgeschakelde", "behalve een Kia", "not a diesel"
# …"vergeet de Audi", "forget the audi": set aside
_REFUSED_BEFORE = re.compile(r"\b(?:geen|niet|no|not|behalve|except|zonder|without|liever geen|nooit meer|(?:vergeet|forget(?: about)?)"
                             r"(?: (?:de|die|het|the|that))?)\s+(?:een\s+|an?\s+)?$")
# "stationwagen ipv suv", "een benzine in plaats van diesel": the second value goes
_INSTEAD_BEFORE = re.compile(r"\b(?:in plaats van|ipv|i p v|instead of|rather than)\s+(?:een\s+|an?\s+|de\s+)?$")
_JOINED = re.compile(r"\s*(?:,|of|en|noch|or|nor|and|/)\s*(?:een\s+|geen\s+)?")
_ALSO_OK = re.compile(r"\bmag (?:ook|eventueel)\b|\b(?:is|zijn) ook (?:goed|prima|oke|ok|fine)\b|\book (?:goed|prima)\b|"
                      r"\bcan also be\b|\bis (?:also )?fine too\b|\bwould also (?:work|be fine)\b|\bof (?:een )?\w+ is ook\b")
_KEY_WORDS = {"merk": "make", "brand": "make", "make": "make", "brandstof": "fuel", "fuel": "fuel",
              "transmissie": "transmission", "schakelen": "transmission", "gearbox": "transmission",
              "carrosserie": "body_type", "model": "model", "kleur": "color", "colour": "color", "color": "color"}
_REPLACE = re.compile(r"\b(?:bedoel\w*|i meant?|toch (?:liever|een|maar)|in plaats van|ipv|instead|liever (?:een|iets)|"
                      r"stop\b|verkeerd|correctie|sorry,? (?:ik|een)|nee,? (?:een|ik zoek)|niet (?:een|de) \w+ maar)")
_SOFT_BUDGET = re.compile(r"\b(?:rond(?:om)?|ongeveer|zo'?n|circa|ca|around|about|roughly|ergens rond|in de buurt van|om en nabij)\s+"
                          r"(?:de\s+|het\s+)?(?:€\s*)?\d")
# "budget rond de 15", "max 18": small numbers beside a budget word are thousands
_SHORT_BUDGET = re.compile(r"\b(?:budget|max(?:imaal|imum)?|tot|onder (?:de )?|rond (?:de )?|ongeveer|around|up to|under)\s*"
                           r"(?:de\s+|van\s+|is\s+|van\s+rond\s+de\s+)?(?P<n>\d{1,3})(?![\d.,:]|\s*(?:km|uur|u\b|jaar|maanden|%|pk|kw|k\b))")
_PRICE_RANGE = re.compile(r"\b(?:tussen|between)\s+(?:de\s+)?(?P<lo>\d{1,3}(?:[.,]\d{3})*|\d+)\s*(?:k|duizend|mille|euro)?\s*"
                          r"(?:en|and|-|tot|to)\s*(?:de\s+)?(?P<hi>\d{1,3}(?:[.,]\d{3})*|\d+)\s*(?P<unit>k|duizend|mille|euro|€)?")
_PRICE_FLOOR = re.compile(r"\b(?:vanaf|minimaal|minstens|boven de|meer dan|at least|from|over)\s+(?:€\s*)?(?P<n>\d{1,3}(?:[.,]\d{3})+|"
                          r"\d{4,6}|\d{1,3}\s*(?:k|duizend|mille))\b(?!\s*(?:km|kilomet))")
_SIMILAR = re.compile(r"\b(?:of|or)\s+(?:iets|zoiets|something|een)\s+(?:vergelijkbaa?r\w*|dergelijk\w*|soortgelijk\w*|"
                      r"similar|like (?:it|that))\b|\bof zoiets\b|\bor similar\b|\bof vergelijkbaar\b")
_MORE = re.compile(r"\b(?:nog meer|meer (?:opties|auto'?s|keus|keuze)|nog (?:andere|wat anders|iets anders)|andere opties|"
                   r"anything else|any more|anymore|more options|more cars|what else|others?)\b")
_AWD = re.compile(r"\b(?:4wd|4x4|awd|vierwielaandrijving|vierwiel\w*|all wheel drive|four wheel drive|4motion|quattro|xdrive)\b")
_SEATS = re.compile(r"\b(?:7|zeven|seven)[ -]?(?:zitter|zits|persoons|seater|seats|plaatsen)\b|\b(?:7|zeven) zitplaatsen\b")
_PREFER = (
    ("low_km", re.compile(r"\b(?:weinig|zo min mogelijk|minder|lage?|low|min) (?:\w+ ){0,2}?(?:km|kms|kilometers?|kilometerstand|mileage)\b|"
                          r"\bweinig gelopen\b|\blow mileage\b|\bminst gereden\b|\bminste (?:km|kilometers)\b|"
                          r"\blowest mileage\b")),
    ("new", re.compile(r"\bzo (?:nieuw|jong) mogelijk\b|\bliefst (?:nieuw|jong)\w*\b|\bjonge?\b|\brecent\w*\b|\bas new as\b|"
                      r"\bnieuwste\b|\bjongste\b|\bnewest\b")),
    ("cheap", re.compile(r"\b(?:goedkoop|goedkope|zo goedkoop mogelijk|voordelig\w*|budget ?auto|cheap|affordable|"
                         r"niet te duur|betaalbaar\w*|goedkoopste|cheapest)\b")),
    ("small", re.compile(r"\b(?:klein\w*|compact\w*|stadsauto\w*|small|city car|makkelijk (?:te )?parkeren|wendbaar\w*|"
                         r"in de stad|veel stad|city driving)\b")),
    ("large", re.compile(r"\b(?:ruim\w*|groot|grote|groter\w*|gezin\w*|kinderen|bagage|kofferbak|spacious|family|big|"
                         r"roomy|7 ?(?:zitter|persoons|seats?)|plek voor)\b")),
    ("economical", re.compile(r"\b(?:zuinig\w*|economical|efficient|laag verbruik|weinig verbruik|veel (?:km|kilometers)|"
                              r"snelweg|woon[ -]?werk|lange afstand\w*|long distance\w*)\b")),
)
_RELATIVE = (
    ("cheaper", re.compile(r"\b(?:goedkoper\w*|iets goedkopers|minder duur|cheaper|less expensive)\b(?!\s+dan\s+\d)")),
    ("newer", re.compile(r"\b(?:nieuwer\w*|jonger\w*|iets nieuwers|newer)\b(?!\s+dan\s+(?:\d|de|het))")),
    ("less_km", re.compile(r"\bminder (?:km|kilometers?)\b(?!\s+dan\s+\d)|\blower mileage\b|\bfewer (?:km|miles)\b")),
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

    def rule_out(key: str, value: str, end: int) -> None:
        nonlocal last_excluded
        exclude.setdefault(key, []).append(value)
        last_excluded = (key, end)

    for mention in mentions:
        key = FIELDS.get(mention.key)
        if key is None:
            continue
        start, end = spans[mention.start][0], spans[mention.end - 1][1]
        before, after = norm[max(0, start - 30):start], norm[end:end + 40]
        if last_excluded and last_excluded[0] == key and _JOINED.fullmatch(norm[last_excluded[1]:start]):
            rule_out(key, mention.value, end)  # "geen hybride of elektrisch": the negation carries over the list
            continue
        if _WIDEN_AFTER.search(after):
            widen.append(key)
            continue
        if _REFUSED_AFTER.search(after) or _REFUSED_BEFORE.search(before) or _INSTEAD_BEFORE.search(before):
            rule_out(key, mention.value, end)
            continue
        if _ALSO_OK.search(norm[max(0, start - 12):end + 25]):
            require.setdefault(key, []).append(mention.value)
            widen.append(f"+{key}")
            continue
        if negated.get(mention.key) == mention.value and entities.get(mention.key) != mention.value:
            rule_out(key, mention.value, end)
            continue
        if mention.value not in require.get(key, []):
            require.setdefault(key, []).append(mention.value)
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
    _colours(norm, require, exclude)
    wanted = None
    other = find_other_model(norm)
    if other is not None and not _REFUSED_BEFORE.search(norm[max(0, other[1] - 30):other[1]]):
        model = other[0]
        wanted = f"{model.make} {model.name}"
        if "make" not in require and "make" not in exclude:
            require["make"] = [model.make]
    budget, soft = _budget(norm, entities)
    price_min = _price_min(norm)
    if price_min and budget and price_min >= budget:
        price_min = None
    prefer = tuple(name for name, pattern in _PREFER if pattern.search(norm))
    relative = next((name for name, pattern in _RELATIVE if pattern.search(norm)), None)
    if relative in ("larger", "smaller"):
        prefer = tuple(dict.fromkeys(prefer + ("large" if relative == "larger" else "small",)))
    features = ("awd",) if _AWD.search(norm) else ()
    seats = _SEATS.search(norm)
    more = bool(_MORE.search(norm))
    unknown = tuple(w for w in (feature_words(norm), seats.group(0) if seats else "") if w and not (more and w == "opties"))
    return Criteria(
        require={k: tuple(v) for k, v in require.items()},
        exclude={k: tuple(v) for k, v in exclude.items()},
        widen=tuple(dict.fromkeys(widen)),
        budget_max=budget,
        budget_soft=soft,
        price_min=price_min,
        year_min=entities.get("year_min"),
        mileage_max=entities.get("mileage_max"),
        prefer=prefer,
        replace=bool(_REPLACE.search(norm)),
        wanted=wanted,
        relative=relative,
        features=features,
        unknown=unknown,
        similar=bool(_SIMILAR.search(norm)),
        more=more,
    )


def _colours(norm: str, require: dict[str, list[str]], exclude: dict[str, list[str]]) -> None:
    """Every colour named ("rood of blauw"), each wanted or ruled out ("geen rode")."""
    for m in re.finditer(COLOUR_PATTERN, norm):
        colour = COLOURS[m.group(1)]
        before = norm[max(0, m.start() - 25):m.start()]
        refused = bool(re.search(r"\b(?:geen|niet|no|not)\s+(?:\w+\s+)?$", before)) or bool(
            _REFUSED_AFTER.search(norm[m.end():m.end() + 30]))
        target = exclude if refused else require
        if colour not in target.setdefault("color", []):
            target["color"].append(colour)
    if "color" in require and not require["color"]:
        del require["color"]
    if "color" in exclude and not exclude["color"]:
        del exclude["color"]


def _budget(norm: str, entities: dict[str, Any]) -> tuple[int | None, bool]:
    budget = entities.get("budget_max")
    range_m = _PRICE_RANGE.search(norm)
    if range_m is not None:
        hi = _amount(range_m.group("hi"), range_m.group("unit"))
        if hi:
            budget = hi
    if budget is None and (short := _SHORT_BUDGET.search(norm)) is not None and re.search(
            r"\b(?:budget|euro|mille|duizend|prijs|price|kosten|betalen|uitgeven|spend)\b", norm):
        value = int(short.group("n"))
        if 3 <= value <= 200:
            budget = value * 1000
    return budget, bool(budget and _SOFT_BUDGET.search(norm))


def _price_min(norm: str) -> int | None:
    range_m = _PRICE_RANGE.search(norm)
    if range_m is not None:
        return _amount(range_m.group("lo"), range_m.group("unit"))
    floor = _PRICE_FLOOR.search(norm)
    if floor is not None:
        amounts = money_amounts(floor.group(0))
        return amounts[0] if amounts else None
    return None


def _amount(text: str, unit: str | None) -> int | None:
    value = int(re.sub(r"[.,]", "", text))
    if unit in ("k", "duizend", "mille") or (value < 1000 and unit in ("euro", "€", None) and value >= 3):
        value *= 1000 if value < 1000 else 1
    return value if 1000 <= value <= 500_000 else None


def implied_kind(model: str) -> tuple[str | None, str | None]:
    """(body type, fuel) typical of a model in the labelled list, for alternatives when it is not in stock."""
    return CONTRACT_MODEL_KIND.get(model, (None, None))
