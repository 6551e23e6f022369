"""Stock CSV import (DESIGN §5 `stock import`): the required columns and the optional feed columns."""

from __future__ import annotations

from datetime import date

import pytest

from integrations.stock import CANONICAL, COLUMNS, MODEL_MAKE, Car, StockImportError, parse_stock_csv, sample_stock_text

HEADER = ",".join(COLUMNS)
GOLF = "SR1,Volkswagen,Golf,1.5 TSI Life,2019,68000,benzine,handgeschakeld,hatchback,17950,grijs,https://example.nl/SR1"
POLO = "SR2,Volkswagen,Polo,1.0 TSI,2020,41000,benzine,automaat,hatchback,16950,wit,"
TODAY = date(2026, 3, 1)


def parse(*rows: str, header: str = HEADER) -> list[Car]:
    return parse_stock_csv("\n".join((header, *rows)) + "\n", today=TODAY)


def import_error(*rows: str, header: str = HEADER) -> StockImportError:
    with pytest.raises(StockImportError) as info:
        parse(*rows, header=header)
    return info.value


def car(stock_id: str, **changes: object) -> Car:
    base = dict(
        stock_id=stock_id, make="Volkswagen", model="Golf", variant="1.0 TSI", year=2019, mileage_km=60000,
        fuel="benzine", transmission="handgeschakeld", body_type="hatchback", price_eur=15000, color="grijs",
        url=f"https://www.seldenrijk-auto.nl/occasions/{stock_id}",
    )
    base.update(changes)
    return Car(**base)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def stock() -> list[Car]:
    return parse_stock_csv(sample_stock_text())


# --- CSV import ---------------------------------------------------------------------------


def test_sample_stock_parses_into_about_sixty_canonical_cars_with_unique_ids(stock: list[Car]) -> None:
    """The shipped sample is a valid import of roughly sixty cars in canonical vocabulary."""
    assert 55 <= len(stock) <= 70
    assert len({c.stock_id for c in stock}) == len(stock)
    for c in stock:
        assert c.make in CANONICAL["make"] and MODEL_MAKE[c.model] == c.make
        assert c.fuel in CANONICAL["fuel"] and c.transmission in CANONICAL["transmission"]
        assert c.body_type in CANONICAL["body_type"]
        assert 2014 <= c.year <= 2025 and 4500 <= c.price_eur <= 45000
        assert c.url == f"https://www.seldenrijk-auto.nl/occasions/{c.stock_id}"


def test_sample_stock_covers_what_customers_ask_for(stock: list[Car]) -> None:
    """Cheap automatics, Golfs and Polos, SUVs, station wagons, EVs and LPG are all in the sample."""
    assert sum(c.transmission == "automaat" and c.price_eur < 20000 for c in stock) >= 5
    assert sum(c.model in ("Golf", "Polo") for c in stock) >= 5
    assert sum(c.body_type == "suv" for c in stock) >= 3
    assert sum(c.body_type == "stationwagen" for c in stock) >= 3
    assert {"ID.3", "Model 3", "Niro"} <= {c.model for c in stock if c.fuel == "elektrisch"}
    assert sum(c.fuel == "lpg" for c in stock) >= 2


def test_row_values_are_parsed_and_title_joins_make_model_variant() -> None:
    """A good row becomes a typed Car whose title reads like an advert."""
    (golf,) = parse(GOLF)
    assert golf == car(
        "SR1", variant="1.5 TSI Life", mileage_km=68000, price_eur=17950, url="https://example.nl/SR1"
    ) and golf.year == 2019
    assert golf.title == "Volkswagen Golf 1.5 TSI Life"


def test_categorical_values_are_accepted_case_insensitively_and_canonicalised() -> None:
    """Spreadsheet spellings like "MERCEDES-BENZ", "a-klasse", "Citroën" and "Automaat" import canonically."""
    rows = parse(
        "M1,MERCEDES-BENZ,a-klasse,180,2019,70000,Benzine,Automaat,HATCHBACK,22950,zwart,",
        "C1,Citroën,c3,1.2,2019,60000,benzine,handgeschakeld,hatchback,10450,rood,",
    )
    assert (rows[0].make, rows[0].model, rows[0].fuel, rows[0].transmission) == (
        "Mercedes-Benz", "A-Klasse", "benzine", "automaat",
    )
    assert (rows[1].make, rows[1].model) == ("Citroen", "C3")


def test_columns_may_come_in_any_order() -> None:
    """The header names the columns, so a reordered export still lines up."""
    header = ",".join(reversed(COLUMNS))
    (golf,) = parse(",".join(reversed(GOLF.split(","))), header=header)
    assert golf.title == "Volkswagen Golf 1.5 TSI Life" and golf.price_eur == 17950


def test_semicolon_export_from_dutch_excel_is_read() -> None:
    """A Dutch Excel "CSV" uses semicolons and a byte-order mark; both are understood."""
    text = "\ufeff" + HEADER.replace(",", ";") + "\n" + GOLF.replace(",", ";") + "\n"
    assert [c.stock_id for c in parse_stock_csv(text, today=TODAY)] == ["SR1"]


def test_quoted_variant_with_a_comma_is_one_field() -> None:
    """A variant like "EV 64,8 kWh" is quoted in CSV and stays one value."""
    (niro,) = parse('N1,Kia,Niro,"EV 64,8 kWh",2022,41200,elektrisch,automaat,suv,27950,grijs,')
    assert niro.variant == "EV 64,8 kWh"


def test_header_only_file_yields_no_cars() -> None:
    """Parsing does not decide whether an empty stock may replace the current one."""
    assert parse() == []


def test_unknown_make_names_line_and_column() -> None:
    """A make outside the canonical list is rejected with its line and column."""
    err = import_error(GOLF, POLO.replace("Volkswagen", "Lada").replace("Polo", "Niva"))
    assert (err.line, err.column) == (3, "make")
    assert str(err) == "line 3: make: not a canonical make ('Lada')"


def test_model_of_another_make_is_rejected() -> None:
    """An "Opel Golf" typo is caught rather than imported under the wrong brand."""
    err = import_error(GOLF.replace("Volkswagen", "Opel"))
    assert str(err) == "line 2: model: 'Golf' is not a Opel model"


def test_missing_header_column_is_reported_on_line_one() -> None:
    """A header without price_eur names the missing column on line 1."""
    header = HEADER.replace(",price_eur", "")
    err = import_error(header=header)
    assert (err.line, err.column, str(err)) == (1, "price_eur", "line 1: price_eur: missing column")


def test_unknown_header_column_is_rejected() -> None:
    """Extra columns are errors, so a misspelt column never silently drops data."""
    err = import_error(header=HEADER.replace("color", "kleur"))
    assert str(err) == "line 1: kleur: unknown column"


def test_short_row_names_the_first_missing_column() -> None:
    """A row that stops early names the first column it lacks."""
    err = import_error(GOLF, POLO, GOLF.replace("SR1", "SR3").rsplit(",", 2)[0])
    assert (err.line, err.column) == (4, "color")


def test_non_integer_price_names_line_and_column() -> None:
    """A price like "12.5k" is not a whole number and is reported as such."""
    err = import_error(GOLF, POLO, POLO.replace("SR2", "SR3"), POLO.replace("SR2", "SR4"), POLO.replace("SR2", "SR5"),
                       GOLF.replace("SR1", "SR7").replace("17950", "12.5k"))
    assert str(err) == "line 7: price_eur: not a whole number ('12.5k')"


def test_duplicate_stock_id_names_both_lines() -> None:
    """A repeated stock_id points at the line that used it first."""
    err = import_error(GOLF, POLO, POLO.replace("SR2", "SR1"))
    assert (err.line, err.column) == (4, "stock_id")
    assert str(err) == "line 4: stock_id: duplicate of line 2 ('SR1')"


@pytest.mark.parametrize("year", ["1949", "2028", "20l9"])
def test_year_outside_1950_to_next_year_is_rejected(year: str) -> None:
    """Years before 1950, after next year, or not numbers at all are rejected on their line."""
    err = import_error(GOLF.replace("2019", year))
    assert (err.line, err.column) == (2, "year")


@pytest.mark.parametrize(
    ("before", "after", "column"),
    [
        ("68000", "-1", "mileage_km"),
        ("17950", "0", "price_eur"),
        ("https://example.nl/SR1", "www.example.nl/SR1", "url"),
        ("SR1,", " ,", "stock_id"),
        ("benzine", "kerosine", "fuel"),
        ("hatchback", "pickup", "body_type"),
    ],
)
def test_each_bad_value_is_reported_by_its_column(before: str, after: str, column: str) -> None:
    """Negative mileage, zero price, a non-http URL, an empty id or an unknown category is rejected."""
    err = import_error(GOLF.replace(before, after, 1))
    assert (err.line, err.column) == (2, column)


def test_bad_row_after_good_rows_returns_nothing() -> None:
    """An import is all or nothing: the error carries no partial result."""
    with pytest.raises(StockImportError):
        parse(GOLF, POLO, "SR9,Volkswagen,Golf")


# --- optional feed columns ---------------------------------------------------------------


def test_optional_feed_columns_are_read_when_present() -> None:
    """A dealer's feed may add power, doors, seats, consumption, range, warranty, APK date and options."""
    header = HEADER + ",power_hp,doors,apk_until,options,consumption_l_100km"
    [golf] = parse(GOLF + ",150,5,2027-06-30,Navigatie; trekhaak,5.4", header=header)
    assert (golf.power_hp, golf.doors, golf.apk_until, golf.options) == (150, 5, "2027-06-30", "Navigatie; trekhaak")
    assert golf.consumption_l_100km == 5.4 and golf.seats is None


def test_optional_columns_may_be_empty_or_short_on_a_row() -> None:
    """An empty optional cell, or a row that stops before the optional columns, means unknown."""
    header = HEADER + ",power_hp,options"
    first, second = parse(GOLF + ",,", POLO, header=header)
    assert first.power_hp is None and first.options is None and second.power_hp is None


def test_a_bad_optional_value_names_its_column() -> None:
    """A doors value that is not a number is reported by line and column like any other bad value."""
    err = import_error(GOLF + ",vijf", header=HEADER + ",doors")
    assert (err.line, err.column) == (2, "doors")
    assert import_error(GOLF + ",30-06-2027", header=HEADER + ",apk_until").column == "apk_until"


def test_old_files_without_optional_columns_stay_valid(stock: list[Car]) -> None:
    """The shipped sample has only the required columns and still imports whole."""
    assert stock and all(c.power_hp is None and c.options is None for c in stock)
