"""Stock CSV import (DESIGN §5 `stock import`) and stock search."""

from __future__ import annotations

from datetime import date

import pytest

from actors.brain.stock_search import Criteria, SearchResult, format_car_line, search
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


# --- search -------------------------------------------------------------------------------


def test_automatic_under_20k_returns_at_most_three_matching_cars(stock: list[Car]) -> None:
    """"automaat onder de 20k" gives up to three automatics priced at most 20,000."""
    result = search(stock, Criteria.from_entities({"transmission": "automaat", "budget_max": 20000}))
    assert result.exact and result.relaxed == ()
    assert 1 <= len(result.matches) <= 3 and result.total > 3
    assert all(c.transmission == "automaat" and c.price_eur <= 20000 for c in result.matches)


def test_ranking_prefers_value_for_money_over_cheapest() -> None:
    """On a 20k budget a newer low-mileage car beats a much older, cheaper one."""
    cars = [
        car("OLD", year=2014, mileage_km=180000, price_eur=8000),
        car("NEW", year=2021, mileage_km=40000, price_eur=19000),
    ]
    assert [c.stock_id for c in search(cars, Criteria(budget_max=20000)).matches] == ["NEW", "OLD"]


def test_ranking_prefers_cheaper_car_of_same_age_and_mileage() -> None:
    """With age and mileage equal, the lower price comes first."""
    cars = [car("DEAR", price_eur=16000), car("CHEAP", price_eur=14000)]
    assert [c.stock_id for c in search(cars, Criteria()).matches] == ["CHEAP", "DEAR"]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("Golf", "Golf"),
        ("1 Serie", "1 Serie"),
        ("A-Klasse", "A-Klasse"),
        ("ID.3", "ID.3"),
        ("2", "2"),
        ("c klasse", "C-Klasse"),
    ],
)
def test_model_search_understands_the_nlu_model_names(stock: list[Car], model: str, expected: str) -> None:
    """Canonical names like "1 Serie", "ID.3" and Mazda's "2" find exactly that model."""
    result = search(stock, Criteria.from_entities({"model": model}))
    assert result.exact and result.matches
    assert {c.model for c in result.matches} == {expected}


def test_mazda_2_does_not_match_peugeot_208_or_2008() -> None:
    """Model names match whole, so "2" is not a prefix of "208"."""
    cars = [
        car("P1", make="Peugeot", model="208"),
        car("P2", make="Peugeot", model="2008"),
        car("M1", make="Mazda", model="2"),
    ]
    assert [c.stock_id for c in search(cars, Criteria(model="2")).matches] == ["M1"]


def test_exclusion_removes_unwanted_fuel(stock: list[Car]) -> None:
    """"stationwagen, geen diesel" returns no diesel."""
    criteria = Criteria.from_entities({"body_type": "stationwagen"}, negated={"fuel": "diesel"})
    result = search(stock, criteria)
    assert result.exact and result.matches
    assert all(c.fuel != "diesel" and c.body_type == "stationwagen" for c in result.matches)


def test_nothing_fits_returns_closest_alternatives_and_names_relaxed_criteria(stock: list[Car]) -> None:
    """A diesel from 2020 does not exist, so older diesels come back with year_min relaxed."""
    result = search(stock, Criteria(fuel="diesel", year_min=2020))
    assert not result.exact and result.relaxed == ("year_min",)
    assert 1 <= len(result.matches) <= 3 and all(c.fuel == "diesel" for c in result.matches)


def test_relaxation_keeps_criteria_that_did_not_need_to_give() -> None:
    """Only the criterion that blocked the match is relaxed, not the ones tried before it."""
    cars = [car("A", year=2021, body_type="hatchback", transmission="handgeschakeld", mileage_km=30000)]
    result = search(cars, Criteria(year_min=2020, mileage_max=50000, transmission="automaat"))
    assert [c.stock_id for c in result.matches] == ["A"] and result.relaxed == ("transmission",)


def test_budget_is_stretched_by_at_most_fifteen_percent() -> None:
    """A car 10% over budget is offered as an alternative; one 20% over is not."""
    cars = [car("OVER10", price_eur=22000), car("OVER20", price_eur=24000)]
    result = search(cars, Criteria(budget_max=20000, model="Golf"))
    assert [c.stock_id for c in result.matches] == ["OVER10"] and result.relaxed == ("budget_max",)


def test_model_is_relaxed_last_and_keeps_its_make(stock: list[Car]) -> None:
    """No ID.3 under 20k, so other Volkswagens within budget are offered."""
    result = search(stock, Criteria.from_entities({"model": "ID.3", "budget_max": 20000}))
    assert not result.exact and result.relaxed[-1] == "model"
    assert result.matches and all(c.make == "Volkswagen" and c.price_eur <= 23000 for c in result.matches)


def test_make_is_never_relaxed(stock: list[Car]) -> None:
    """A Tesla under 10k does not exist and no other brand is offered instead."""
    result = search(stock, Criteria(make="Tesla", budget_max=10000))
    assert result == SearchResult(matches=(), exact=False, relaxed=(), total=0)


def test_never_more_than_three_results(stock: list[Car]) -> None:
    """Even a larger limit or an empty query returns at most three cars."""
    assert len(search(stock, Criteria(), limit=10).matches) == 3
    assert len(search(stock, Criteria(), limit=2).matches) == 2


def test_from_entities_ignores_urgency_and_canonicalises_values() -> None:
    """NLU entities map onto criteria; keys that are not search criteria are ignored."""
    criteria = Criteria.from_entities({"make": "volkswagen", "model": "golf", "budget_max": 15000, "urgency": True})
    assert criteria == Criteria(make="Volkswagen", model="Golf", budget_max=15000)
    # A brand outside the list is kept, so search answers "not in stock" instead of ignoring it.
    assert Criteria.from_entities({"make": "Porsche"}).make == "Porsche"
    assert Criteria.from_entities({}).is_empty() and not Criteria(exclude={"fuel": "diesel"}).is_empty()


def test_merged_criteria_accumulate_over_a_conversation() -> None:
    """A later message adds to or overrides earlier criteria instead of replacing them."""
    first = Criteria(transmission="automaat", budget_max=20000)
    merged = first.merged(Criteria(budget_max=25000, fuel="hybride"))
    assert merged == Criteria(transmission="automaat", budget_max=25000, fuel="hybride")


def test_merging_a_new_make_drops_a_model_of_another_make() -> None:
    """"een golf" followed by "of toch een opel" searches Opels, not Opel Golfs."""
    assert Criteria(model="Golf").merged(Criteria(make="Opel")) == Criteria(make="Opel")
    assert Criteria(make="Volkswagen").merged(Criteria(model="Yaris")) == Criteria(model="Yaris")
    assert Criteria(make="Volkswagen").merged(Criteria(model="Golf")) == Criteria(make="Volkswagen", model="Golf")


def test_merging_an_exclusion_cancels_the_same_wanted_value_and_back() -> None:
    """"diesel" then "toch geen diesel" ends with diesel excluded; the reverse lifts the exclusion."""
    assert Criteria(fuel="diesel").merged(Criteria(exclude={"fuel": "diesel"})) == Criteria(exclude={"fuel": "diesel"})
    assert Criteria(exclude={"fuel": "diesel"}).merged(Criteria(fuel="diesel")) == Criteria(fuel="diesel")


def test_criteria_are_immutable_and_hashable() -> None:
    """Criteria live in dialogue state, so neither fields nor exclusions can change in place."""
    criteria = Criteria(exclude={"fuel": "diesel"})
    with pytest.raises(TypeError):
        criteria.exclude["fuel"] = "lpg"  # type: ignore[index]
    assert isinstance(hash(criteria), int)


def test_car_line_uses_language_thousands_separator() -> None:
    """Dutch writes 68.000 km and € 17.950; English writes 68,000 and 17,950."""
    golf = car("SR1", variant="1.5 TSI", mileage_km=68000, price_eur=17950, url="https://example.nl/SR1")
    link = "\n   https://example.nl/SR1"
    assert format_car_line(golf, "nl") == "Volkswagen Golf 1.5 TSI (2019, 68.000 km) — € 17.950" + link
    assert format_car_line(golf, "en") == "Volkswagen Golf 1.5 TSI (2019, 68,000 km) — € 17,950" + link
    assert format_car_line(car("X", url=""), "nl") == "Volkswagen Golf 1.0 TSI (2019, 60.000 km) — € 15.000"
