"""The respond node's handlers for the conversation flow: test drives, trade-in, financing,
media, existing bookings and the simple intents; stock questions live in `respond_cars`.

Cars, prices, times, hours and the address come from the store, the calendar actor and
the config; a handler that has nothing true to say asks a question instead.
"""

from __future__ import annotations

from datetime import datetime

from actors.brain import booking, cues, replies
from actors.brain.context import Ctx
from actors.brain.respond_cars import car_data, car_lines, resolve_named, wanted_criteria


async def test_drive(ctx: Ctx, pick: int | None = None) -> None:
    """Which car → slots for it (narrowed to a day/time named in the message)."""
    wanted = wanted_criteria(ctx)
    car = None
    if wanted.make or wanted.model:
        found, alternatives = await resolve_named(ctx, wanted)
        if found is None:
            name = " ".join(p for p in (wanted.make, wanted.model) if p)
            if alternatives and alternatives.matches:
                ctx.say("not_in_stock", wanted=name)
                ctx.reply.append(car_lines(alternatives.matches, ctx.lang))
                ctx.say("pick_car")
                ctx.set(shown=[c.stock_id for c in alternatives.matches], pending="which_car", car=None)
            else:
                ctx.say("found_none")
                ctx.set(pending=None, car=None)
            return
        car = car_data(found)
    elif pick is not None:
        found = await ctx.rt.store.cars.get((ctx.get("shown") or [])[pick])
        car = car_data(found) if found else None
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
    wanted = wanted_criteria(ctx)
    other = None
    if wanted.make or wanted.model:
        found, _ = await resolve_named(ctx, wanted)
        if found is not None and found.title != car:
            other = found
    if other is not None:
        # Moving the booked drive to the car now asked for: the pick then books that car.
        ctx.set(car=car_data(other))
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
