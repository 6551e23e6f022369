"""The respond node's handlers: one per intent, each writing the reply into the turn's Ctx.

Cars, prices, times, hours and the address come from the store, the calendar actor and
the config; a handler that has nothing true to say asks a question instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from actors.brain import booking, cues, replies
from actors.brain.context import Ctx
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


def _car_data(car: Car) -> dict[str, Any]:
    return {"stock_id": car.stock_id, "title": car.title, "price": car.price_eur}


def _lines(cars: Sequence[Car], lang: str) -> str:
    return "\n".join(format_car_line(car, lang) for car in cars)


def _wanted_criteria(ctx: Ctx) -> Criteria:
    nlu = ctx.nlu
    return Criteria.from_entities(nlu.get("entities") or {}, nlu.get("negated") or {})


async def car_search(ctx: Ctx) -> None:
    merged = criteria_of(ctx).merged(_wanted_criteria(ctx))
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
    ctx.reply.append(_lines(result.matches, ctx.lang))
    ctx.say("invite")
    ctx.set(shown=[c.stock_id for c in result.matches], invited=True,
            car=_car_data(result.matches[0]) if len(result.matches) == 1 else None)


async def _resolve_named(ctx: Ctx, wanted: Criteria) -> tuple[Car | None, SearchResult | None]:
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


async def test_drive(ctx: Ctx, pick: int | None = None) -> None:
    """Which car → slots for it (narrowed to a day/time named in the message)."""
    wanted = _wanted_criteria(ctx)
    car = None
    if wanted.make or wanted.model:
        found, alternatives = await _resolve_named(ctx, wanted)
        if found is None:
            name = " ".join(p for p in (wanted.make, wanted.model) if p)
            if alternatives and alternatives.matches:
                ctx.say("not_in_stock", wanted=name)
                ctx.reply.append(_lines(alternatives.matches, ctx.lang))
                ctx.say("pick_car")
                ctx.set(shown=[c.stock_id for c in alternatives.matches], pending="which_car", car=None)
            else:
                ctx.say("found_none")
                ctx.set(pending=None, car=None)
            return
        car = _car_data(found)
    elif pick is not None:
        found = await ctx.rt.store.cars.get((ctx.get("shown") or [])[pick])
        car = _car_data(found) if found else None
    else:
        car = ctx.get("car")
    if car is None:
        shown = [c for c in [await ctx.rt.store.cars.get(i) for i in ctx.get("shown") or []] if c]
        if shown:
            numbered = "\n".join(f"{n}. {c.title}" for n, c in enumerate(shown, start=1))
            ctx.say("ask_which_car_list", cars=numbered)
        else:
            ctx.say("ask_which_car")
        ctx.set(pending="which_car")
        return
    ctx.set(car=car, invited=False, rescheduling=False)
    await booking.offer(ctx, text=ctx.text)


async def price(ctx: Ctx) -> None:
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
    wanted = _wanted_criteria(ctx)
    if wanted.make or wanted.model:
        cars = search(await ctx.rt.store.cars.all(), Criteria(make=wanted.make, model=wanted.model))
        if cars.exact and cars.matches:
            _say_prices(ctx, cars.matches)
            return
        name = " ".join(p for p in (wanted.make, wanted.model) if p)
        ctx.say("not_in_stock", wanted=name)
        if cars.matches:
            ctx.reply.append(_lines(cars.matches, ctx.lang))
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
        ctx.set(car=_car_data(cars[0]))
    else:
        ctx.say("price_lines", cars=_lines(cars, ctx.lang))
        ctx.set(shown=[c.stock_id for c in cars])
    if not ctx.get("appointment_id"):  # already booked: no second invitation
        ctx.say("invite")
        ctx.set(invited=True)


async def trade_in(ctx: Ctx) -> None:
    """Collect make/model, year and mileage of the customer's car, then hand to a salesperson."""
    details = dict(ctx.get("details") or {})
    info = dict(details.get("trade_in") or {})
    entities = ctx.nlu.get("entities") or {}
    if entities.get("make") or entities.get("model"):
        info["car"] = " ".join(p for p in (entities.get("make"), entities.get("model")) if p)
    if (year := cues.year(ctx.text)) is not None:
        info["year"] = year
    if (km := cues.mileage(ctx.text) or entities.get("mileage_max")) is not None:
        info["km"] = km
    missing = [k for k in ("car", "year", "km") if k not in info]
    if missing and not info.get("asked"):
        info["asked"] = True
        ctx.say("trade_in_ask", missing=replies.missing_trade_in(missing, ctx.lang))
        ctx.set(details={**details, "trade_in": info}, pending="trade_in")
        return
    parts = [info.get("car", "auto onbekend")]
    if "year" in info:
        parts.append(f"bouwjaar {info['year']}")
    if "km" in info:
        parts.append(f"{info['km']:,} km".replace(",", "."))
    ctx.handoff = "inruil: " + ", ".join(str(p) for p in parts)
    ctx.say("trade_in_done")
    ctx.set(details={**details, "trade_in": info}, pending=None)


async def financing(ctx: Ctx) -> None:
    """Ask amount and term once, then hand to a salesperson with what we know."""
    details = dict(ctx.get("details") or {})
    info = dict(details.get("financing") or {})
    amount = cues.amount(ctx.text) or (ctx.nlu.get("entities") or {}).get("budget_max")
    if amount:
        info["amount"] = amount
    if (months := cues.term_months(ctx.text)) is not None:
        info["months"] = months
    if not ("amount" in info and "months" in info) and not info.get("asked"):
        info["asked"] = True
        ctx.say("financing_ask")
        ctx.set(details={**details, "financing": info}, pending="financing")
        return
    parts = []
    if "amount" in info:
        parts.append(f"€ {info['amount']:,}".replace(",", "."))
    if "months" in info:
        parts.append(f"{info['months']} maanden")
    if ctx.get("car"):
        parts.append(ctx.get("car")["title"])
    ctx.handoff = "financiering: " + (", ".join(parts) or "details onbekend")
    ctx.say("financing_done")
    ctx.set(details={**details, "financing": info}, pending=None)


async def simple(ctx: Ctx, intent: str, name: str) -> None:
    """Greeting, hours, location, goodbye, opt-out, clarifying question."""
    business = ctx.business
    if intent == "greeting":
        first = replies.first_name(name)
        if first:
            ctx.say("greeting", name=first, business=business.name)
        else:
            ctx.say("greeting_anon", business=business.name)
    elif intent == "opening_hours":
        ctx.say("opening_hours", hours=replies.opening_hours(business, ctx.lang))
    elif intent == "location":
        ctx.say("location", address=business.address, maps=replies.maps_link(business.address),
                parking=f"\n🅿️ {business.parking}" if business.parking else "")
    elif intent == "goodbye":
        appt = await booking.current_appointment(ctx)
        if appt:
            start = datetime.fromisoformat(appt["start"]).astimezone(ctx.now.tzinfo)
            ctx.say("goodbye_booked", when=f"{replies.long_date(start, ctx.lang)} {start:%H:%M}")
        else:
            ctx.say("goodbye")
    elif intent == "opt_out":
        ctx.say("opt_out")
    elif intent == "other":
        ctx.say("clarify")
