"""What a customer can ask about a car, and how they rank cars: the vocabulary of car facts.

`asked_fields` finds the facts a clause asks for ("wat kost", "hoeveel km", "welke kleur",
"is het een automaat"), `read_rank` a superlative or comparative ("de goedkoopste", "welke
heeft de minste km", "which one has the lowest mileage"), `read_colour` a colour. Each
field names the stock column that answers it; a field without a column (options, power
when the feed has none) is answered honestly as unknown by the skill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Field(StrEnum):
    PRICE = "price"
    KM = "km"
    YEAR = "year"
    COLOUR = "colour"
    TRANSMISSION = "transmission"
    FUEL = "fuel"
    BODY = "body"
    POWER = "power"
    DOORS = "doors"
    SEATS = "seats"
    BOOT = "boot"          # luggage space: no stock column, so always a colleague's question
    CONSUMPTION = "consumption"
    RANGE = "range"
    BATTERY = "battery"
    WARRANTY = "warranty"
    APK = "apk"
    OPTIONS = "options"
    MORE = "more"
    AVAILABLE = "available"
    PHOTOS = "photos"
    DAMAGE = "damage"
    HISTORY = "history"
    PLATE = "plate"


# (field, pattern). A pattern asks for the fact; merely naming a value ("een automaat") does
# not, which is how "ik zoek een automaat" stays a search and "is het een automaat?" a question.
_FIELD_PATTERNS: tuple[tuple[Field, re.Pattern[str]], ...] = tuple((f, re.compile(p)) for f, p in (
    (Field.PRICE, r"\bwat kost|\bwat (?:moet|doet|vragen|vraag) (?:die|de|deze|het|hij|ie|jullie|je|u)\b|"
                  r"\bhoeveel (?:kost|moet|vragen|doet|is (?:de|die|het|hij|deze))|\b(?:vraag)?prijs(?!klasse)|"
                  r"\bwat is (?:de|het) (?:prijs|bedrag)|\bhow much\b|\bprice\b|\bwhat does .{0,30}cost|"
                  r"\bhoe duur\b|\bwhat (?:is|'s) (?:it|the car) (?:going to )?cost|\bkost (?:hij|die|ie|het|de \w+)\b"),
    (Field.KM, r"\bhoeveel (?:km|kilometers?|kms)\b|\bkm[ -]?stand|\bkilometerstand|\btellerstand|\bmileage\b|"
               r"\bhoeveel (?:heeft|staat|staan|is) .{0,25}(?:gelopen|gereden|op de teller|op de klok|op)\b|"
               r"\b(?:gelopen|gereden)\b|\bhow many (?:km|kilometers|miles)|\bkilometers?\b|\bkm\b|\bkms\b|\bmiles\b|"
               r"\bop de teller\b|\bon the clock\b|\bodometer\b|\bhow far has\b"),
    (Field.YEAR, r"\bbouwjaar|\bwelk jaar|\buit welk jaar|\bhoe oud\b|\bjaar(?:tal|gang)?\b|\bwhat year\b|\bhow old\b|"
                 r"\byear\b|\bmodeljaar|\bwanneer (?:gebouwd|geregistreerd|op kenteken)"),
    (Field.COLOUR, r"\bkleur\w*|\bcolou?rs?\b|\bwelke tint\b"),
    (Field.TRANSMISSION, r"\bautomaat\b|\bautomatic\b|\bhandgeschakeld\w*|\bschakel\w*|\bhandbak\b|\bversnellingsbak\b|"
                         r"\bgearbox\b|\bmanual\b|\bmanue\w*|\btransmissie\b|\bversnellingen\b|\bgears?\b|\bautomatisch\b"),
    (Field.FUEL, r"\bbrandstof|\bbenzine\b|\bdiesel\b|\belektri\w*|\belectric\b|\bhybride?\b|\bpetrol\b|\bfuel\b|"
                 r"\bplug[ -]?in\b|\bphev\b|\bstekker\w*|"
                 r"\blpg\b|\bwaar rijdt (?:hij|die|het|ie) op\b|\bwhat does it run on\b"),
    (Field.BODY, r"\bcarrosserie|\bbody ?type\b|\bstationwagen\b|\bhatchback\b|\bsuv\b|\bsedan\b"),
    (Field.POWER, r"\bpk\b|\bvermogen\b|\bpaardenkracht\w*|\bhorse ?power\b|\bhp\b|\bkw\b|\bhoe snel\b|\bhow fast\b|"
                  r"\bhoe sterk\b|\bacceleratie|\b0[ -]100\b|\btopsnelheid\b"),
    (Field.DOORS, r"\w*deur(?:en|s)\b|\bdoors?\b|\b[35][- ]?door\b"),
    (Field.SEATS, r"\bzitplaatsen\b|\bstoelen\b|\bseats\b|\bhow many seat|\bhoeveel (?:personen|mensen|volwassenen|"
                  r"inzittenden)\b|\bzitter\b|\bhow many (?:people|passengers|adults)\b|\bpassen er .{0,25}\bin\b"),
    (Field.BOOT, r"\bkofferbak\w*|\bkofferruimte\b|\bbagageruimte\b|\blaadruimte\b|\bbagage\b|\bboot\b|\btrunk\b|"
                 r"\bluggage\b|\bcargo space\b"),
    (Field.CONSUMPTION, r"\bverbruik\w*|\bzuinig\w*|\b1 op\b|\bliter per\b|\bl/100|\bconsumption\b|\bmpg\b|"
                        r"\bfuel economy\b|\beconomical\b"),
    (Field.RANGE, r"\bbereik\b|\bactieradius\b|\brange\b|\bhoe ver (?:kom|rij|rijd|kan)|\bhow far (?:can|does|will)\b|"
                  r"\bop een (?:volle )?(?:accu|batterij|lading)\b|\bvolle accu\b|\bfull charge\b|\bwltp\b|"
                  r"\bhoeveel (?:km|kilometers?) (?:kom|kan|kun|rij|rijd|haal|doe|ga)\w*|\belektrisch (?:rijden|kan rijden)|"
                  r"\bhow (?:many|much) (?:km|miles|kilometres|kilometers) (?:can|does|will|on)"),
    (Field.BATTERY, r"\baccu\b|\bbatterij\b|\bbattery\b|\bkwh\b|\baccucapaciteit\b|\bbattery capacity\b"),
    (Field.WARRANTY, r"\bgarantie\w*|\bwarrant\w*|\bguarantee\w*"),
    (Field.APK, r"\bapk\b|\bmot\b|\bkeuring\b"),
    (Field.OPTIONS, r"\bopties\b|\buitrusting\b|\bextra'?s\b|\bnavi(?:gatie)?\b|\btrekhaak\b|\bairco\b|\bclimate control\b|"
                    r"\bcruise ?control\b|\bstoelverwarming\b|\bcamera\b|\bparkeersensor\w*|"
                    r"\bparking (?:sensors?|aid)\b|\bcarplay\b|\bandroid auto\b|"
                    r"\bpanoramadak\b|\bschuifdak\b|\bleder\w*|\bleather\b|\btow ?bar\b|\bsat ?nav\b|\bheated seats\b|"
                    r"\bfeatures\b|\bequipment\b|\boptions\b|\bled\b|\bxenon\b|\blichtmetalen\b|\bvelgen\b|\bwinterbanden\b|"
                    r"\bbluetooth\b|\bkeyless\b|\badaptive\b|\bdodehoek\w*|\bwarmtepomp\b|\bheat pump\b|"
                    r"\b(?:twee |2 |beide |reserve)?sleutels?\b|\b(?:two |spare )?keys\b|\bzomerbanden\b|\bwinter tyres\b"),
    (Field.MORE, r"\bvertel (?:eens |me |mij |nog )*(?:wat |iets )?(?:meer|over)\b|\bmeer (?:info|informatie|details|weten)\b|"
                 r"\bwat (?:kun|kan) je (?:me |mij )?(?:\w+ )?vertellen\b|\btell me (?:more|about)\b|\bmore (?:info|details|information)\b|"
                 r"\bdetails\b|\bspecificaties\b|\bspecs\b|\binfo over\b|\binformatie over\b"),
    (Field.AVAILABLE, r"\bnog te koop\b|\bnog beschikbaar\b|\bnog (?:leverbaar|aanwezig|op voorraad|in de showroom)\b|"
                      r"\bstaat (?:\w+ ){0,5}nog\b|\bis (?:die|de|deze|het|hij) (?:\w+ ){0,4}(?:nog|al) (?:verkocht|weg)\b|"
                      r"\bstill (?:available|for sale|there)\b|\bal verkocht\b|\bnog (?:steeds )?te krijgen\b"),
    (Field.PHOTOS, r"\bfoto\w*|\bplaatjes\b|\bpictures?\b|\bphotos?\b|\bvideo\b"),
    (Field.DAMAGE, r"\bschade\w*|\bdeuk\w*|\bkras\w*|\bongeluk\b|\bdamage\w*|\baccident\w*|\bschadevrij\b|\bscratch\w*"),
    (Field.HISTORY, r"\bonderhoudshistorie\b|\bonderhoudsboekjes?\b|\bboekjes\b|\bonderhoudsfacturen\b|\bnap\b|"
                    r"\bdealeronderhouden\b|\bservice history\b|"
                    r"\bhoeveel eigenaren\b|\bvorige eigenaar\w*|\bowners?\b|\bhistorie\b|\bhistory\b"),
    (Field.PLATE, r"\bkenteken\b(?! \w+ (?:overschrijv|inschrijv))|\blicen[cs]e plate\b|\bregistration number\b"),
))

# Fields whose words also describe a wish in a search ("een automaat", "diesel"): they only
# ask when the clause is a question about a particular car.
VALUE_FIELDS = frozenset({Field.TRANSMISSION, Field.FUEL, Field.BODY, Field.KM, Field.YEAR, Field.COLOUR,
                          Field.OPTIONS, Field.WARRANTY, Field.APK, Field.CONSUMPTION, Field.RANGE})


def asked_fields(norm: str) -> tuple[Field, ...]:
    """The facts a clause names, in the order the fields are listed (not yet judged as asked).

    "hoeveel km kom ik op een volle accu" asks the range, not the odometer reading.
    """
    fields = tuple(f for f, pattern in _FIELD_PATTERNS if pattern.search(norm))
    if Field.RANGE in fields and Field.KM in fields:
        fields = tuple(f for f in fields if f != Field.KM)
    if Field.POWER in fields and _CHARGING.search(norm):
        fields = tuple(f for f in fields if f != Field.POWER)  # "hoe snel laad je die op?" asks about charging
    if Field.COLOUR not in fields and _COLOUR_RE.search(norm) and _YES_NO_VALUE.search(norm.strip()):
        fields = (Field.COLOUR, *fields)  # "is dat een witte?" asks the colour
    return fields


_YES_NO_VALUE = re.compile(r"^(?:en |of |maar |ok |oke |oh |dus |nou )?(?:is|is it|is that|is this|is he)"
                           r"(?: (?:dat|het|hij|ie|it|he|that|this|de \w+))? (?:een |a |an )?\w+(?: one| auto| kleur)?$")


_CHARGING = re.compile(r"\b(?:laadt|laad|laden|opladen|oplaad\w*|snellad\w*|charg\w*)\b")


def feature_words(norm: str) -> str:
    """The words naming an item of equipment asked about ("cruise control", "trekhaak"), for the answer."""
    pattern = dict(_FIELD_PATTERNS)[Field.OPTIONS]
    # "winterbanden … en twee sleutels": every item asked, in the order asked
    found = list(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(norm)))
    return (" en " if re.search(r"\b(?:en|of|zijn|heeft|worden)\b", norm) else " and ").join(found)


# Asking about a value rather than naming it: "is het een automaat?", "benzine of diesel?", "welke brandstof?"
_VALUE_QUESTION = re.compile(
    r"^(?:en |of |maar |ok |oke |oh |dus |nou )?(?:is|zijn|heeft|rijdt|loopt|gaat|komt|zit|are|is|does|has|"
    r"is it|is that|is this)\b|\b(?:\w+) (?:of|or) (?:\w+ )?(?:automaat|handgeschakeld|benzine|diesel|elektrisch|"
    r"hybride|petrol|electric|hybrid|manual|automatic)\b|\b(?:brandstof|versnellingsbak|transmissie|carrosserie|"
    r"fuel|gearbox|transmission|body type|wat voor (?:brandstof|motor|bak|versnellingsbak)|waar rijdt)\b|"
    r"\b(?:automaat|handgeschakeld|benzine|diesel|elektrisch|hybride|automatic|manual|petrol|electric|hybrid|plug[ -]?in)"
    r"\s*(?:toch|right|or not|of niet)\b|"
    r"\b(?:isn'?t it|is it not|aren'?t they|doesn'?t it|niet dan|of niet|toch)\W*$|"
    r"\b(?:it'?s|it is|dat is|het is|hij is|die is) (?:a |an |een )?(?:automaat|handgeschakeld|benzine|diesel|elektri\w*|"
    r"hybride|petrol|electric|hybrid|manual|automatic|plug[ -]?in)\b(?= ?(?:toch|right|or|of|isn|\W*$))")


def asks_value(norm: str) -> bool:
    """True when a clause asks which gearbox/fuel/body a car has, not when it merely names one."""
    return bool(_VALUE_QUESTION.search(norm))


# -- ranking --------------------------------------------------------------------------------------

class Key(StrEnum):
    PRICE = "price_eur"
    YEAR = "year"
    KM = "mileage_km"
    POWER = "power_hp"
    CONSUMPTION = "consumption_l_100km"
    RANGE = "range_km"


@dataclass(frozen=True)
class Rank:
    """Best by `key`, ascending (`lowest`) or descending; `among_two` for "welke van de twee"."""

    key: Key
    lowest: bool
    count: int = 1      # "de drie goedkoopste", "zet de 3 met de minste km op een rij"


_RANKS: tuple[tuple[re.Pattern[str], Key, bool], ...] = tuple((re.compile(p), k, low) for p, k, low in (
    (r"\b(?:goedkoopst\w*|voordeligst\w*|cheapest|least expensive|laagste prijs|lowest price|minst dure|"
     r"goedkoper|cheaper|minder duur|less expensive|scherpst geprijsd\w*)\b", Key.PRICE, True),
    (r"\b(?:duurst\w*|most expensive|priciest|hoogste prijs|dearest|duurder|more expensive)\b", Key.PRICE, False),
    (r"\b(?:nieuwst\w*|jongst\w*|newest|most recent|latest model|recentst\w*|nieuwer|jonger|newer|meest recente)\b",
     Key.YEAR, False),
    (r"\b(?:oudst\w*|oldest|ouder|older)\b", Key.YEAR, True),
    (r"\b(?:minste|laagste|minder|fewest|least|lowest|less|fewer)\s+(?:km|kms|kilometers?|kilometerstand|km stand|"
     r"mileage|miles|gelopen|gereden)\b|\b(?:lowest|least) mileage\b|\bminst gelopen\b|\bminst gereden\b|"
     r"\bweinigst\w* (?:km|kilometers?)\b|\bkm[ -]?stand (?:het|is het) laagst\b|\blaagste km\b|\bleast driven\b",
     Key.KM, True),
    (r"\b(?:meeste|hoogste|meer|most|highest|more)\s+(?:km|kms|kilometers?|kilometerstand|mileage|miles)\b",
     Key.KM, False),
    (r"\b(?:sterkst\w*|krachtigst\w*|snelst\w*|most powerful|fastest|meeste pk|meeste vermogen)\b", Key.POWER, False),
    (r"\b(?:zuinigst\w*|most economical|most efficient|laagste verbruik|minste verbruik)\b", Key.CONSUMPTION, True),
    (r"\b(?:grootste bereik|verste bereik|meeste bereik|longest range|biggest range|verst\w* (?:komt|rijdt|rijden))\b",
     Key.RANGE, False),
))


# "de drie goedkoopste" counts (number words are digits once normalised); "welke van de drie" only points at a list
_COUNT = re.compile(r"(?<!\bvan )(?<!\bof )\b(?:de|the|top|jullie|your|je)\s+(?P<n>[2-5])\b(?!\s+(?:heeft|is|has|van|of)\b)")


def read_rank(norm: str) -> Rank | None:
    """The ranking a clause asks for, or None."""
    for pattern, key, lowest in _RANKS:
        if (m := pattern.search(norm)) is not None:
            count = _COUNT.search(norm[max(0, m.start() - 30):m.start()])
            return Rank(key, lowest, int(count.group("n")) if count else 1)
    return None


# -- colours --------------------------------------------------------------------------------------

COLOURS = {
    "wit": "wit", "witte": "wit", "white": "wit", "parelmoer": "wit",
    "zwart": "zwart", "zwarte": "zwart", "black": "zwart",
    "grijs": "grijs", "grijze": "grijs", "grey": "grijs", "gray": "grijs", "antraciet": "grijs", "grijsmetallic": "grijs",
    "blauw": "blauw", "blauwe": "blauw", "blue": "blauw", "donkerblauw": "blauw", "lichtblauw": "blauw",
    "rood": "rood", "rode": "rood", "red": "rood", "bordeaux": "rood",
    "zilver": "zilver", "zilveren": "zilver", "zilvergrijs": "zilver", "silver": "zilver",
    "groen": "groen", "groene": "groen", "green": "groen",
    "geel": "geel", "gele": "geel", "yellow": "geel",
    "oranje": "oranje", "orange": "oranje",
    "bruin": "bruin", "bruine": "bruin", "brown": "bruin", "beige": "beige",
    "paars": "paars", "paarse": "paars", "purple": "paars",
}
COLOURS_EN = {"wit": "white", "zwart": "black", "grijs": "grey", "blauw": "blue", "rood": "red", "zilver": "silver",
              "groen": "green", "geel": "yellow", "oranje": "orange", "bruin": "brown", "beige": "beige",
              "paars": "purple"}
# English "red" is also Dutch "redden": "om 2 uur red ik het niet" names no colour
_RED = r"(?<!\bik )(?<!\bje )(?<!\bwe )(?<!\bhet )red(?! (?:ik|het|je|jij|we|wij|hij|ze|u|dat|t)\b)"
COLOUR_PATTERN = r"\b(" + "|".join(_RED if w == "red" else re.escape(w) for w in sorted(COLOURS, key=len, reverse=True)) + r")\b"
_COLOUR_RE = re.compile(COLOUR_PATTERN)


def read_colour(norm: str) -> str | None:
    m = _COLOUR_RE.search(norm)
    return COLOURS[m.group(1)] if m else None


_ADJECTIVE = {"wit": "witte", "zwart": "zwarte", "grijs": "grijze", "blauw": "blauwe", "rood": "rode",
              "zilver": "zilveren", "groen": "groene", "geel": "gele", "oranje": "oranje", "bruin": "bruine",
              "beige": "beige", "paars": "paarse", "goud": "gouden"}


def colour_adjective(colour: str, lang: str) -> str:
    """The colour before a noun: "een zwarte Polo", "een zilveren Golf"; English does not inflect."""
    if lang == "en":
        return colour_name(colour, lang)
    return _ADJECTIVE.get(colour, colour)


def colour_name(colour: str, lang: str) -> str:
    return COLOURS_EN.get(colour, colour) if lang == "en" else colour
