"""How facts are written in a reply: cars, amounts, kilometres, dates, lists.

A car is always named by its full title (make, model and variant), so a customer — and
anyone checking the reply — can tell two Polos apart. Prices carry the euro sign; other
numbers never do, so a budget or a bid is never mistaken for a car's price.
"""

from __future__ import annotations

from datetime import datetime
from typing import Sequence
from urllib.parse import quote_plus

from actors.dialogue.language.facts import colour_name
from actors.dialogue.language.when import long_date
from integrations.stock import Car

_FUEL_EN = {"benzine": "petrol", "diesel": "diesel", "elektrisch": "electric", "hybride": "hybrid", "lpg": "LPG"}
_GEAR = {"nl": {"automaat": "automaat", "handgeschakeld": "handgeschakeld"},
         "en": {"automaat": "automatic", "handgeschakeld": "manual"}}
_BODY_EN = {"hatchback": "hatchback", "sedan": "saloon", "stationwagen": "estate", "suv": "SUV", "mpv": "MPV",
            "cabrio": "convertible", "coupe": "coupé", "bestelwagen": "van"}


def number(value: int | float, lang: str) -> str:
    """42.300 (Dutch) / 42,300 (English)."""
    text = f"{int(round(value)):,}"
    return text if lang == "en" else text.replace(",", ".")


def euros(value: int | float, lang: str) -> str:
    return f"€ {number(value, lang)}"


def km(value: int, lang: str) -> str:
    return f"{number(value, lang)} km"


def fuel(value: str, lang: str) -> str:
    return _FUEL_EN.get(value, value) if lang == "en" else value


def gearbox(value: str, lang: str) -> str:
    return _GEAR["en" if lang == "en" else "nl"].get(value, value)


def body(value: str, lang: str) -> str:
    return _BODY_EN.get(value, value) if lang == "en" else value


def colour(value: str, lang: str) -> str:
    return colour_name(value.lower(), lang)


def a_or_an(word: str) -> str:
    """The English article before `word`, by its sound as car words go: "an estate", "an SUV", "a hatchback"."""
    return "an " if word[:1].lower() in "aeio" or word.upper() in ("SUV", "MPV") else "a "


def car_line(car: Car, lang: str, *, price: bool = True) -> str:
    """ "Skoda Kamiq 1.0 TSI Style DSG (2021, 42.300 km, benzine, automaat) – € 22.950"."""
    facts = f"{car.year}, {km(car.mileage_km, lang)}, {fuel(car.fuel, lang)}, {gearbox(car.transmission, lang)}"
    line = f"{car.title} ({facts})"
    return f"{line} – {euros(car.price_eur, lang)}" if price else line


def car_list(cars: Sequence[Car], lang: str) -> str:
    """One numbered line per car with its link, so "de tweede" has something to point at."""
    lines = []
    for i, car in enumerate(cars, 1):
        lines.append(f"{i}. {car_line(car, lang)}")
    return "\n".join(lines)


def car_choice(car: Car, lang: str) -> dict[str, str]:
    """A car as an item of a tappable list: its name cut at a word to fit WhatsApp's 24 characters,
    the facts beside it, and `ref`, what a tap on it reads as: what a customer would paste, our link
    (else the name and stock number), so a car sold meanwhile is told as gone."""
    name = ""
    for word in f"{car.make} {car.model} {car.variant}".split():
        if len(f"{name} {word}".strip()) > 24:
            break
        name = f"{name} {word}".strip()
    facts = f"{car.year} · {km(car.mileage_km, lang)} · {fuel(car.fuel, lang)} · {gearbox(car.transmission, lang)}"
    ref = car.url or f"{car.make} {car.model} ({car.stock_id})"
    return {"ref": ref, "item": name or car.title[:24],
            "description": f"{facts} · {euros(car.price_eur, lang)}"}


def join(words: Sequence[str], lang: str) -> str:
    """ "a, b en c" / "a, b and c"."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + (" and " if lang == "en" else " en ") + words[-1]


def moment(start: datetime, lang: str) -> str:
    """ "woensdag 2 december om 15:00" / "Wednesday 2 December at 15:00"."""
    return f"{long_date(start, lang)} {'at' if lang == 'en' else 'om'} {start:%H:%M}"


def maps_link(address: str) -> str:
    return "https://www.google.com/maps/search/?api=1&query=" + quote_plus(address)


def route_link(address: str) -> str:
    """Directions to `address`; without an origin Google Maps starts from where the phone is."""
    return "https://www.google.com/maps/dir/?api=1&destination=" + quote_plus(address)


def first_name(name: str) -> str:
    parts = (name or "").strip().split()
    return parts[0] if parts else ""
