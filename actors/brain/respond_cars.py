"""Respond handlers about the stock: searching, the cars just listed, refining, prices and details.

Every car, price and link comes from the store; a question we cannot answer from it is
offered to a colleague instead of guessed.
"""

from __future__ import annotations

from typing import Any, Sequence

from actors.brain import cues, replies
from actors.brain.context import Ctx
from actors.brain.state import SEEN_MAX
from actors.brain.stock_search import Criteria, SearchResult, format_car_line, search
from integrations.stock import Car


def criteria_of(ctx: Ctx) -> Criteria:
    data = dict(ctx.get("criteria") or {})
    return Criteria(**data) if data else Criteria()


def criteria_data(criteria: Criteria) -> dict[str, Any]:
    data = {k: v for k, v in vars(criteria).items() if k != "exclude" and v is not None}
    if criteria.exclude:
        data["exclude"] = dict(criteria.exclude)
    return data


def car_data(car: Car) -> dict[str, Any]:
    return {"stock_id": car.stock_id, "title": car.title, "price": car.price_eur}


def car_lines(cars: Sequence[Car], lang: str) -> str:
    return "\n".join(format_car_line(car, lang) for car in cars)


def wanted_criteria(ctx: Ctx) -> Criteria:
    nlu = ctx.nlu
    return Criteria.from_entities(nlu.get("entities") or {}, nlu.get("negated") or {})


async def car_search(ctx: Ctx) -> None:
    merged = criteria_of(ctx).merged(wanted_criteria(ctx))
    color = cues.color(ctx.text) or ctx.get("color")
    ctx.set(criteria=criteria_data(merged), color=color, pending=None)
    if merged.is_empty() and not color:
        ctx.say("ask_criteria")
        return
    cars = await ctx.rt.store.cars.all()
    result = search(cars, merged)
    header = None
    if color:
        colored = search([c for c in cars if c.color == color], merged)
        if colored.exact or (colored.matches and not result.exact):
            result = colored
        elif result.matches:
            header = replies.say("color_missing", ctx.lang, color=replies.color_name(color, ctx.lang))
    if not result.matches:
        ctx.say("found_none")
        ctx.set(shown=[], invited=False)
        return
    if header:
        ctx.reply.append(header)
    elif not result.exact:
        ctx.say("found_relaxed", wishes=replies.relaxed_wishes(list(result.relaxed), ctx.lang))
    elif result.total > len(result.matches):
        ctx.say("found_many", total=result.total, n=len(result.matches))
    else:
        ctx.say("found")
    _show(ctx, result.matches, seen=[])


def _show(ctx: Ctx, cars: Sequence[Car], seen: list[str]) -> None:
    """The car lines and the invitation; remembers the list for "de tweede" and "nog meer?"."""
    ctx.reply.append(car_lines(cars, ctx.lang))
    ctx.say("invite" if len(cars) > 1 else "invite_one")
    ids = [c.stock_id for c in cars]
    ctx.set(shown=ids, seen=[*seen, *ids][-SEEN_MAX:], invited=True,
            car=car_data(cars[0]) if len(cars) == 1 else None)


async def _listed(ctx: Ctx) -> list[Car]:
    return [c for c in [await ctx.rt.store.cars.get(i) for i in ctx.get("shown") or []] if c]


async def focus(ctx: Ctx, index: int | None) -> None:
    """ "die tweede", "de i20", "die van 13.950": that car of the list (None: the car in focus)."""
    if index is None:
        car = await ctx.rt.store.cars.get((ctx.get("car") or {}).get("stock_id", ""))
        if car is None:
            await car_search(ctx)
            return
    else:
        car = (await _listed(ctx))[index]
    ctx.set(car=car_data(car), invited=True, pending=None)
    if cues.asks_available(ctx.text):
        ctx.say("focus_available", car=car.title, line=format_car_line(car, ctx.lang))
    else:
        ctx.say("focus", line=format_car_line(car, ctx.lang))


async def compare(ctx: Ctx) -> None:
    """Two or more listed cars side by side: the facts we have, and a colleague for the rest."""
    listed = await _listed(ctx)
    picked = [listed[i] for i in cues.car_references(ctx.text, listed)]
    ctx.say("compare", cars=car_lines(picked, ctx.lang))
    ctx.set(invited=True)


_REFINED = {
    # kind: (does a car qualify, given the listed cars; the value the reply names; the criterion it becomes)
    "cheaper": (lambda car, listed: car.price_eur < min(c.price_eur for c in listed),
                lambda listed, sep: f"{min(c.price_eur for c in listed):,}".replace(",", sep),
                lambda listed: {"budget_max": min(c.price_eur for c in listed) - 1}),
    "newer": (lambda car, listed: car.year > min(c.year for c in listed),
              lambda listed, sep: str(min(c.year for c in listed)),
              lambda listed: {"year_min": min(c.year for c in listed) + 1}),
    "less_km": (lambda car, listed: car.mileage_km < min(c.mileage_km for c in listed),
                lambda listed, sep: f"{min(c.mileage_km for c in listed):,}".replace(",", sep),
                lambda listed: {"mileage_max": min(c.mileage_km for c in listed) - 1}),
}


async def refine(ctx: Ctx, kind: str) -> None:
    """ "nog iets goedkopers?", "iets nieuwers?", "minder km?", "nog meer?" on the last list.

    Only cars that really are cheaper (newer, …) than the listed ones qualify, and never one
    already shown; the other wishes may still be relaxed the usual way, and the reply says so.
    """
    listed = await _listed(ctx)
    if not listed:
        await car_search(ctx)
        return
    criteria = criteria_of(ctx).merged(wanted_criteria(ctx))
    seen = list(ctx.get("seen") or ctx.get("shown") or [])
    pool = [c for c in await ctx.rt.store.cars.all() if c.stock_id not in seen]
    sep = "," if ctx.lang == "en" else "."
    value = ""
    if kind in _REFINED:
        qualifies, named, criterion = _REFINED[kind]
        pool = [c for c in pool if qualifies(c, listed)]
        value = named(listed, sep)
        # The search below must not undo the refinement by relaxing it again.
        criteria = Criteria(**{**criteria_data(criteria), "exclude": criteria.exclude,
                               **{k: None for k in criterion(listed)}})
    result = search(pool, criteria) if pool else None
    if result is not None and not result.exact:
        # "Goedkoper" or "nog meer" keeps every other wish: a cheaper hatchback is no answer to
        # someone looking at SUVs, so relaxed alternatives are not offered here.
        result = None
    if result is None or not result.matches:
        ctx.say(f"refine_none_{kind}", value=value)
        ctx.say("refine_none_tail")
        ctx.set(invited=True)
        return
    if kind in _REFINED:
        ctx.set(criteria=criteria_data(Criteria(**{**criteria_data(criteria), "exclude": criteria.exclude,
                                                   **_REFINED[kind][2](listed)})))
        seen = []
    else:
        ctx.set(criteria=criteria_data(criteria))
    ctx.say(f"refine_{kind}", value=value)
    _show(ctx, result.matches, seen=seen)


async def resolve_named(ctx: Ctx, wanted: Criteria) -> tuple[Car | None, SearchResult | None]:
    """The car a customer named for a test drive: the best one of that model in stock, or alternatives."""
    cars = await ctx.rt.store.cars.all()
    merged = criteria_of(ctx).merged(wanted)
    ctx.set(criteria=criteria_data(merged))
    # Stock holds canonical make/model names (the import checks them), as do the criteria.
    named = [c for c in cars if (not wanted.make or c.make == wanted.make)
             and (not wanted.model or c.model == wanted.model)]
    if named:
        shown = [c for c in named if c.stock_id in (ctx.get("shown") or [])]
        if shown:
            return shown[0], None
        return search(named, merged).matches[0], None
    return None, search(cars, merged)


async def price(ctx: Ctx, pick: int | None = None) -> None:
    if pick is not None and (listed := await _listed(ctx)) and pick < len(listed):
        _say_prices(ctx, [listed[pick]])
        return
    if cues.is_haggling(ctx.text):
        haggled = int(ctx.get("haggled", 0)) + 1
        ctx.set(haggled=haggled)
        if haggled >= 2:
            car = (ctx.get("car") or {}).get("title", "")
            ctx.handoff = "prijsonderhandeling" + (f": {car}" if car else "")
            ctx.say("human")
        else:
            ctx.say("haggle")
        return
    wanted = wanted_criteria(ctx)
    if wanted.make or wanted.model:
        cars = search(await ctx.rt.store.cars.all(), Criteria(make=wanted.make, model=wanted.model))
        if cars.exact and cars.matches:
            _say_prices(ctx, cars.matches)
            return
        name = " ".join(p for p in (wanted.make, wanted.model) if p)
        ctx.say("not_in_stock", wanted=name)
        if cars.matches:
            ctx.reply.append(car_lines(cars.matches, ctx.lang))
            ctx.set(shown=[c.stock_id for c in cars.matches])
        return
    if ctx.get("car"):
        found = await ctx.rt.store.cars.get(ctx.get("car")["stock_id"])
        if found:
            _say_prices(ctx, [found])
            return
    shown = [c for c in [await ctx.rt.store.cars.get(i) for i in ctx.get("shown") or []] if c]
    if shown:
        _say_prices(ctx, shown)
        return
    ctx.say("price_which")


def _say_prices(ctx: Ctx, cars: Sequence[Car]) -> None:
    if len(cars) == 1:
        ctx.say("price_one", car=cars[0].title, price=f"{cars[0].price_eur:,}".replace(",", "," if ctx.lang == "en"
                                                                                      else "."))
        ctx.set(car=car_data(cars[0]))
    else:
        ctx.say("price_lines", cars=car_lines(cars, ctx.lang))
        ctx.set(shown=[c.stock_id for c in cars])
    if not ctx.get("appointment_id"):  # already booked: no second invitation
        ctx.say("invite" if len(cars) > 1 else "invite_one")
        ctx.set(invited=True)


async def _car_in_question(ctx: Ctx, index: int | None) -> Car | None:
    """The car a question is about: the one pointed at, the one named, the one in focus, or a list of one."""
    listed = await _listed(ctx)
    if index is not None and index < len(listed):
        return listed[index]
    wanted = wanted_criteria(ctx)
    if wanted.make or wanted.model:
        named = [c for c in listed if (not wanted.model or c.model == wanted.model)
                 and (not wanted.make or c.make == wanted.make)]
        if len(named) == 1:
            return named[0]
        in_stock = [c for c in await ctx.rt.store.cars.all() if (not wanted.model or c.model == wanted.model)
                    and (not wanted.make or c.make == wanted.make)]
        return in_stock[0] if len(in_stock) == 1 else None
    if ctx.get("car"):
        return await ctx.rt.store.cars.get(ctx.get("car")["stock_id"])
    return listed[0] if len(listed) == 1 else None


async def detail(ctx: Ctx, index: int | None) -> None:
    """A question stock and config cannot answer (trekhaak, APK, onderhoud): never guess.

    Photos are on the car's own page; anything else a colleague checks, if the customer wants.
    """
    car = await _car_in_question(ctx, index)
    if car is not None:
        ctx.set(car=car_data(car))
    if car is not None and car.url and cues.asks_photos(ctx.text):
        ctx.say("photos_car", car=car.title, url=car.url)
        return
    if car is not None:
        ctx.say("detail_car", car=car.title)
    else:
        ctx.say("detail_general")
    details = dict(ctx.get("details") or {})
    details["check"] = {"question": ctx.text.strip()[:160], "car": car.title if car else ""}
    ctx.set(pending="check", details=details)


def check_yes(ctx: Ctx) -> None:
    """The customer wants a colleague to check: a note for the team, no handoff, the bot keeps talking."""
    details = dict(ctx.get("details") or {})
    check = details.pop("check", None) or {}
    car = f" over de {check['car']}" if check.get("car") else ""
    ctx.effect("alert", note=f"Klant vraagt{car}: \"{check.get('question', '')}\". Graag nakijken en de klant "
                             "een berichtje sturen.")
    ctx.say("check_done")
    ctx.set(details=details, pending=None)
