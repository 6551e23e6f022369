"""The dealer's stock: the `Car` record and the CSV import format (DESIGN §5 `stock import`).

`parse_stock_csv` validates a whole file before returning anything, so an import either
replaces the stock completely or not at all. Categorical columns must hold the canonical
values the NLU produces (shared/eval/README.md), which is what lets a customer's words be
matched against stock without a second vocabulary.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from types import MappingProxyType
from typing import Mapping

COLUMNS = (
    "stock_id",
    "make",
    "model",
    "variant",
    "year",
    "mileage_km",
    "fuel",
    "transmission",
    "body_type",
    "price_eur",
    "color",
    "url",
)
# Columns a dealer's feed often has besides the required ones; each may be missing from the
# file or empty on a row. What is not there is never guessed: the assistant says it does not know.
OPTIONAL_INT = ("power_hp", "doors", "seats", "range_km", "warranty_months")
OPTIONAL_COLUMNS = ("power_hp", "doors", "seats", "consumption_l_100km", "range_km", "warranty_months", "apk_until",
                    "options")
ALL_COLUMNS = COLUMNS + OPTIONAL_COLUMNS

# Canonical model → its make. The model list is the NLU's; knowing the make of each model
# lets the import reject "Opel,Golf" typos and lets search keep the make when it has to
# drop a model the customer asked for.
MODEL_MAKE: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("Golf", "Polo", "Tiguan", "Passat", "Up", "ID.3"), "Volkswagen"),
        **dict.fromkeys(("Astra", "Corsa"), "Opel"),
        **dict.fromkeys(("208", "2008", "3008"), "Peugeot"),
        **dict.fromkeys(("Clio", "Captur", "Megane"), "Renault"),
        **dict.fromkeys(("Yaris", "Corolla", "Aygo X", "C-HR"), "Toyota"),
        **dict.fromkeys(("Picanto", "Niro", "Sportage", "Ceed"), "Kia"),
        **dict.fromkeys(("i10", "i20", "Tucson", "Kona"), "Hyundai"),
        **dict.fromkeys(("Fiesta", "Focus", "Kuga"), "Ford"),
        **dict.fromkeys(("Octavia", "Fabia", "Kamiq"), "Skoda"),
        **dict.fromkeys(("A3", "A4", "Q3"), "Audi"),
        **dict.fromkeys(("1 Serie", "3 Serie", "X1"), "BMW"),
        **dict.fromkeys(("A-Klasse", "C-Klasse"), "Mercedes-Benz"),
        **dict.fromkeys(("V40", "XC40"), "Volvo"),
        **dict.fromkeys(("C3", "C4"), "Citroen"),
        "500": "Fiat",
        **dict.fromkeys(("Micra", "Qashqai"), "Nissan"),
        **dict.fromkeys(("CX-5", "2"), "Mazda"),
        **dict.fromkeys(("Ibiza", "Leon"), "Seat"),
        **dict.fromkeys(("Model 3", "Model Y"), "Tesla"),
        "Cooper": "Mini",
        "Swift": "Suzuki",
        **dict.fromkeys(("Sandero", "Duster"), "Dacia"),
    }
)

CANONICAL: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "make": tuple(dict.fromkeys(MODEL_MAKE.values())),
        "model": tuple(MODEL_MAKE),
        "fuel": ("benzine", "diesel", "elektrisch", "hybride", "lpg"),
        "transmission": ("automaat", "handgeschakeld"),
        "body_type": ("hatchback", "sedan", "stationwagen", "suv", "mpv", "cabrio", "coupe", "bestelwagen"),
    }
)

_INTEGER = re.compile(r"-?\d+")
_URL = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)


@dataclass(frozen=True)
class Car:
    stock_id: str
    make: str
    model: str
    variant: str
    year: int
    mileage_km: int
    fuel: str
    transmission: str
    body_type: str
    price_eur: int
    color: str
    url: str
    power_hp: int | None = None
    doors: int | None = None
    seats: int | None = None
    consumption_l_100km: float | None = None
    range_km: int | None = None
    warranty_months: int | None = None
    apk_until: str | None = None         # ISO date
    options: str | None = None           # the feed's equipment list, as written

    @property
    def title(self) -> str:
        """"Volkswagen Golf 1.5 TSI Life"; the variant is optional in the CSV."""
        return " ".join(part for part in (self.make, self.model, self.variant) if part)


class StockImportError(Exception):
    """The first bad line of a stock file; `str(e)` is "line 7: price_eur: not a whole number ('12.5k')"."""

    def __init__(self, line: int, reason: str, column: str | None = None) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.column = column


def _fold(value: str) -> str:
    # Spreadsheet exports write "Citroën" and "MERCEDES-BENZ"; both should import.
    decomposed = unicodedata.normalize("NFKD", value.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def canonical_value(column: str, value: str) -> str | None:
    """The canonical spelling of `value` for a categorical column, or None if it is not one."""
    wanted = _fold(value)
    return next((c for c in CANONICAL[column] if _fold(c) == wanted), None)


def parse_stock_csv(text: str, *, today: date | None = None) -> list[Car]:
    """Every car in `text`, or `StockImportError` for the first bad line (the header is line 1).

    Columns may come in any order; every one of `COLUMNS` must be there, and any of
    `OPTIONAL_COLUMNS` may be. A file with only a header yields an empty list; whether that may
    replace the stock is the caller's call.
    """
    text = text.removeprefix("\ufeff")  # Excel writes a byte-order mark
    first_line = text.split("\n", 1)[0]
    # Dutch Excel saves "CSV" with semicolons; a header without commas cannot be comma-separated.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            raise StockImportError(1, f"expected a header row: {','.join(COLUMNS)}")
        positions = _header_positions(header)
        cars: list[Car] = []
        seen: dict[str, int] = {}
        for row in reader:
            if not any(field.strip() for field in row):
                continue  # blank lines between rows are harmless
            line = reader.line_num
            car = _parse_row(row, positions, line, today or date.today())
            if car.stock_id in seen:
                raise StockImportError(
                    line, f"stock_id: duplicate of line {seen[car.stock_id]} ({car.stock_id!r})", "stock_id"
                )
            seen[car.stock_id] = line
            cars.append(car)
    except csv.Error as exc:
        raise StockImportError(reader.line_num or 1, f"malformed CSV ({exc})") from None
    return cars


def sample_stock_text() -> str:
    """The sample stock shipped with the package (integrations/data/stock.csv)."""
    return resources.files("integrations.data").joinpath("stock.csv").read_text(encoding="utf-8")


def _header_positions(header: list[str]) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    for name in names:
        if name not in ALL_COLUMNS:
            raise StockImportError(1, f"{name or '(empty)'}: unknown column", name)
        if names.count(name) > 1:
            raise StockImportError(1, f"{name}: column appears twice", name)
    for name in COLUMNS:
        if name not in names:
            raise StockImportError(1, f"{name}: missing column", name)
    return {name: names.index(name) for name in ALL_COLUMNS if name in names}


def _parse_row(row: list[str], positions: Mapping[str, int], line: int, today: date) -> Car:
    width = len(positions)
    if len(row) > width:
        raise StockImportError(line, f"expected {width} fields, found {len(row)}")
    raw: dict[str, str] = {}
    for name, index in positions.items():
        if index >= len(row):
            if name in OPTIONAL_COLUMNS:
                continue  # a short row may leave the optional columns at its end empty
            raise StockImportError(line, f"{name}: missing (expected {width} fields, found {len(row)})", name)
        raw[name] = row[index].strip()

    def fail(column: str, reason: str) -> StockImportError:
        return StockImportError(line, f"{column}: {reason}", column)

    if not raw["stock_id"]:
        raise fail("stock_id", "empty")
    values: dict[str, object] = {k: v for k, v in raw.items() if k in COLUMNS}
    for column in CANONICAL:
        value = canonical_value(column, raw[column])
        if value is None:
            raise fail(column, f"not a canonical {column.replace('_', ' ')} ({raw[column]!r})")
        values[column] = value
    if MODEL_MAKE[str(values["model"])] != values["make"]:
        raise fail("model", f"{values['model']!r} is not a {values['make']} model")
    limits = {"year": (1950, today.year + 1), "mileage_km": (0, None), "price_eur": (1, None)}
    for column, (low, high) in limits.items():
        if not _INTEGER.fullmatch(raw[column]):
            raise fail(column, f"not a whole number ({raw[column]!r})")
        number = int(raw[column])
        if number < low or (high is not None and number > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise fail(column, f"must be {bounds} ({number})")
        values[column] = number
    if raw["url"] and not _URL.fullmatch(raw["url"]):
        raise fail("url", f"not an http(s) URL ({raw['url']!r})")
    values.update(_optional(raw, fail))
    return Car(**values)  # type: ignore[arg-type]


def _optional(raw: Mapping[str, str], fail) -> dict[str, object]:
    out: dict[str, object] = {}
    for column in OPTIONAL_INT:
        text = raw.get(column, "")
        if text:
            if not _INTEGER.fullmatch(text) or int(text) < 0:
                raise fail(column, f"not a whole number ({text!r})")
            out[column] = int(text)
    consumption = raw.get("consumption_l_100km", "")
    if consumption:
        try:
            out["consumption_l_100km"] = float(consumption.replace(",", "."))
        except ValueError:
            raise fail("consumption_l_100km", f"not a number ({consumption!r})") from None
    apk = raw.get("apk_until", "")
    if apk:
        try:
            out["apk_until"] = date.fromisoformat(apk).isoformat()
        except ValueError:
            raise fail("apk_until", f"not a date YYYY-MM-DD ({apk!r})") from None
    if raw.get("options"):
        out["options"] = raw["options"]
    return out
