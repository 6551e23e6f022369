"""The respond node's handlers: one per intent, each writing the reply into the turn's Ctx.

Cars, prices, times, hours and the address come from the store, the calendar actor and
the config; a handler that has nothing true to say asks a question instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from actors.brain import booking, cues, replies
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
    _show(ctx, result.matches, seen=[])


def _show(ctx: Ctx, cars: Sequence[Car], seen: list[str]) -> None:
    """The car lines and the invitation; remembers the list for "de tweede" and "nog meer?"."""
    ctx.reply.append(_lines(cars, ctx.lang))
    ctx.say("invite" if len(cars) > 1 else "invite_one")
    ids = [c.stock_id for c in cars]
    ctx.set(shown=ids, seen=[*seen, *ids][-SEEN_MAX:], invited=True,
            car=_car_data(cars[0]) if len(cars) == 1 else None)


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
    ctx.set(car=_car_data(car), invited=True, pending=None)
    if cues.asks_available(ctx.text):
        ctx.say("focus_available", car=car.title, line=format_car_line(car, ctx.lang))
    else:
        ctx.say("focus", line=format_car_line(car, ctx.lang))


async def compare(ctx: Ctx) -> None:
    """Two or more listed cars side by side: the facts we have, and a colleague for the rest."""
    listed = await _listed(ctx)
    picked = [listed[i] for i in cues.car_references(ctx.text, listed)]
    ctx.say("compare", cars=_lines(picked, ctx.lang))
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
    criteria = criteria_of(ctx).merged(_wanted_criteria(ctx))
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
        if cues.names_day_or_time(ctx.text):
            # "zaterdag 10 uur" before the car is known: keep it for the offer once it is.
            ctx.set(when=ctx.text.strip()[:60])
        shown = [c for c in [await ctx.rt.store.cars.get(i) for i in ctx.get("shown") or []] if c]
        if shown:
            numbered = "\n".join(f"{n}. {c.title}" for n, c in enumerate(shown, start=1))
            ctx.say("ask_which_car_list", cars=numbered)
        else:
            ctx.say("ask_which_car")
        ctx.set(pending="which_car")
        return
    when = ctx.text if cues.names_day_or_time(ctx.text) else (ctx.get("when") or "")
    ctx.set(car=car, invited=False, rescheduling=False, when=None)
    await booking.offer(ctx, text=when)


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
        ctx.say("invite" if len(cars) > 1 else "invite_one")
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


async def media(ctx: Ctx) -> None:
    """A photo, voice note, video, file or location without text: say what we can do instead."""
    turn = ctx.state["turn"]
    kinds = [str(k).split("/")[0] for k in turn.get("media") or []]
    if turn.get("location") and not kinds:
        business = ctx.business
        ctx.say("location_shared", address=business.address, maps=replies.maps_link(business.address))
        return
    key = ("media_image" if "image" in kinds else "media_audio" if "audio" in kinds
           else "media_video" if "video" in kinds else "media_file" if kinds else "media_empty")
    ctx.say(key)
    pending = ctx.get("pending")
    info = dict((ctx.get("details") or {}).get("trade_in") or {})
    missing = [k for k in ("car", "year", "km") if k not in info]
    if pending == "slots" and ctx.get("offered"):
        ctx.say("media_slots")
    elif pending == "trade_in" and missing:
        ctx.say("media_trade_in", missing=replies.missing_trade_in(missing, ctx.lang))
    else:
        ctx.say("media_ask")


async def _car_in_question(ctx: Ctx, index: int | None) -> Car | None:
    """The car a question is about: the one pointed at, the one named, the one in focus, or a list of one."""
    listed = await _listed(ctx)
    if index is not None and index < len(listed):
        return listed[index]
    wanted = _wanted_criteria(ctx)
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
        ctx.set(car=_car_data(car))
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


async def _when_booked(ctx: Ctx) -> tuple[str, str] | None:
    appt = await booking.current_appointment(ctx)
    if not appt:
        return None
    start = datetime.fromisoformat(appt["start"]).astimezone(ctx.now.tzinfo)
    return f"{replies.long_date(start, ctx.lang)} {start:%H:%M}", appt["car"]


async def already_booked(ctx: Ctx) -> None:
    """A second test-drive request while one is booked: offer to move it rather than book twice."""
    booked = await _when_booked(ctx)
    if booked is None:
        ctx.set(appointment_id=None)
        await test_drive(ctx)
        return
    when, car = booked
    wanted = _wanted_criteria(ctx)
    other = None
    if wanted.make or wanted.model:
        found, _ = await _resolve_named(ctx, wanted)
        if found is not None and found.title != car:
            other = found
    if other is not None:
        # Moving the booked drive to the car now asked for: the pick then books that car.
        ctx.set(car=_car_data(other))
        ctx.say("already_booked_other", when=when, car=car, other=other.title)
    else:
        ctx.say("already_booked", when=when, car=car)
    ctx.set(pending="move")


async def keep_booking(ctx: Ctx) -> None:
    booked = await _when_booked(ctx)
    if booked is None:
        ctx.say("no_thanks")
        return
    ctx.say("keep_booking", when=booked[0])


async def simple(ctx: Ctx, intent: str, name: str) -> None:
    """Greeting, hours, location, goodbye, opt-out, clarifying question."""
    business = ctx.business
    if intent == "greeting" and (ctx.get("greeted") or ctx.get("turns")):
        # Mid-conversation hello: no second welcome speech.
        first = replies.first_name(name)
        ctx.say("greeting_again", name=f" {first}" if first else "")
    elif intent == "greeting":
        ctx.set(greeted=True)
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
