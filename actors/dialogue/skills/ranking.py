"""Skill: the best of a search by one key — "welke is het goedkoopst?", "de drie met de minste km".

Superlatives rank *all* cars of the search, not only the three that were shown; "welke van de
drie" ranks what the customer is looking at. A key no record holds is said to be unknown for
these cars, never guessed.
"""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.facts import Field, Key, Rank
from actors.dialogue.language.reading import Act, Criteria
from actors.dialogue.skills import search as search_skill
from actors.dialogue.skills.car_questions import unknown_for_all
from integrations.stock import Car

_LABELS = {
    (Key.PRICE, True): ("De goedkoopste", "The cheapest"), (Key.PRICE, False): ("De duurste", "The most expensive"),
    (Key.YEAR, False): ("De nieuwste", "The newest"), (Key.YEAR, True): ("De oudste", "The oldest"),
    (Key.KM, True): ("Die met de minste kilometers", "The one with the lowest mileage"),
    (Key.KM, False): ("Die met de meeste kilometers", "The one with the highest mileage"),
    (Key.POWER, False): ("De sterkste", "The most powerful"),
    (Key.CONSUMPTION, True): ("De zuinigste", "The most economical"),
    (Key.RANGE, False): ("Die met het grootste bereik", "The one with the longest range"),
}


async def rank(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """The best car by the key asked, over every car of the search (ties all named)."""
    how = act.rank
    assert how is not None
    crit = act.criteria or Criteria()
    if act.cars:
        pool = t.cars(act.cars)
    else:
        if crit and (crit.require or crit.exclude or crit.budget_max or crit.year_min or crit.mileage_max):
            t.model.frame = search_skill._base_frame(t, crit).apply(crit)
        shown = t.model.compared or t.model.shown
        pool = search_skill.matches_now(t) if t.model.frame else []
        if shown and (crit.refers_back or [c.stock_id for c in pool[:len(shown)]] != shown):
            # "welke van de drie", or the cars shown were not the head of the search's matches (alternatives
            # to a model we lack, cars named one by one): rank what the customer is looking at
            pool = t.cars(shown)
    known = [c for c in pool if _value(c, how) is not None]
    if not known:
        if how.key in (Key.PRICE, Key.YEAR, Key.KM):
            t.say("none")
        else:
            unknown_for_all(t, pool, _field_of(how))
        return
    pool = known
    if how.count > 1 and len(pool) > 1:
        _top(t, pool, how, more_to_say)
        return
    values = [v for v in (_value(c, how) for c in pool) if v is not None]
    best_value = min(values) if how.lowest else max(values)
    winners = [c for c in pool if _value(c, how) == best_value]
    label = _LABELS.get((how.key, how.lowest), ("De beste", "The best"))[1 if t.lang == "en" else 0]
    if len(winners) == 1:
        car = winners[0]
        t.say("rank_one", label=label, line=wording.car_line(car, t.lang))
        t.model.show([car.stock_id])
    else:
        t.say("rank_tie", label=label, n=len(winners), value=_shown_value(winners[0], how, t.lang),
              cars=t.car_list(winners))
        t.model.show([c.stock_id for c in winners])
    if not more_to_say:
        search_skill.invite(t, "invite_one" if len(winners) == 1 else "invite_many")


_TOP_LABELS = {
    (Key.PRICE, True): ("goedkoopste", "cheapest"), (Key.PRICE, False): ("duurste", "most expensive"),
    (Key.YEAR, False): ("nieuwste", "newest"), (Key.YEAR, True): ("oudste", "oldest"),
    (Key.KM, True): ("met de minste kilometers", "with the lowest mileage"),
    (Key.KM, False): ("met de meeste kilometers", "with the highest mileage"),
    (Key.POWER, False): ("sterkste", "most powerful"), (Key.CONSUMPTION, True): ("zuinigste", "most economical"),
    (Key.RANGE, False): ("met het grootste bereik", "with the longest range"),
}


def _top(t: Turn, pool: list[Car], how: Rank, more_to_say: bool) -> None:
    """ "de drie goedkoopste": the first `count` by the key, in that order, with ties at the cut kept."""
    ordered = sorted(pool, key=lambda c: (_value(c, how) or 0.0) * (1 if how.lowest else -1))
    top = ordered[:how.count]
    cut = _value(top[-1], how)
    top += [c for c in ordered[how.count:] if _value(c, how) == cut]
    label = _TOP_LABELS.get((how.key, how.lowest), ("beste", "best"))[1 if t.lang == "en" else 0]
    t.say("rank_top", n=len(top), label=label, cars=t.car_list(top))
    t.model.show([c.stock_id for c in top])
    if not more_to_say:
        search_skill.invite(t, "invite_many")


def _value(car: Car, how: Rank) -> float | None:
    value = getattr(car, how.key.value, None)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _field_of(how: Rank) -> Field:
    return {Key.POWER: Field.POWER, Key.CONSUMPTION: Field.CONSUMPTION, Key.RANGE: Field.RANGE}.get(how.key, Field.MORE)


def _shown_value(car: Car, how: Rank, lang: str) -> str:
    if how.key == Key.PRICE:
        return wording.euros(car.price_eur, lang)
    if how.key == Key.KM:
        return wording.km(car.mileage_km, lang)
    return str(getattr(car, how.key.value))
