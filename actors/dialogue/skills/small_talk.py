"""Skill: the social part of a chat — hello, thanks, yes and no with nothing pending, "ik denk erover na",
attachments, and asking back when a message could not be read (never a handoff for that)."""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from actors.dialogue.model import Expect
from actors.dialogue.skills import appointment


async def greet(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    name = wording.first_name(t.name)
    if t.model.greeted:
        t.say("greet_again", name=f" {name}" if name else "")
    else:
        t.say("greet", name=f" {name}" if name else "", business=t.business.name)
    t.model.greeted = True


async def thanks(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    appt = await appointment.current(t)
    if appt is not None:
        t.say("thanks_booked", when=appointment.when_text(t, appt.start))
    elif t.model.opted_out:
        t.say("opted_out_still")
    else:
        t.say("thanks")


async def acknowledge(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    if not t.once("acknowledge"):
        return
    appt = await appointment.current(t)
    if appt is not None:
        t.say("ack_booked", when=appointment.when_text(t, appt.start))
    elif t.model.opted_out:
        t.say("opted_out_still")
    else:
        t.say("ack")


async def no_thanks(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    t.say("no_thanks")


async def defer(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    t.say("defer")


async def unclear(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    if not t.once("unclear"):
        return
    t.model.unclear += 1
    t.say("clarify" if t.model.unclear < 2 else "clarify_again")


async def colleague_checks(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """ "ja" to "zal ik een collega het laten nakijken?": a note to staff, and the customer hears so."""
    t.note(f"check:{t.model.check}", f"Klant vraagt: {t.model.check}. Graag nakijken en antwoorden.")
    t.model.check = None
    t.say("colleague_checks")


async def media(t: Turn, act: Act | None = None, more_to_say: bool = False) -> None:
    """A photo, voice note, document or location without text: answered in context, never misunderstood.

    The assistant cannot see or hear attachments, and says so; staff see them in the mirrored
    conversation. What comes next depends on what was open: times on offer, a trade-in missing details.
    """
    kinds = t.media
    if t.location:
        t.say("location_shared", address=t.business.address, maps=wording.route_link(t.business.address))
        return
    kind = "audio" if any(k.startswith("audio") for k in kinds) else "video" if any(
        k.startswith("video") for k in kinds) else "image" if any(k.startswith("image") for k in kinds) else "other"
    trade_in = t.model.trade_in
    if kind == "image" and trade_in is not None:
        car = " ".join(x for x in (trade_in.make, trade_in.model) if x) or ("car" if t.lang == "en" else "auto")
        t.say("media_image_trade_in", car=car)
        t.note(f"media:{t.inbound_id}", f"Klant stuurde een foto van de inruilauto ({car}).")
    else:
        t.say(f"media_{kind}")
    if t.model.offer is not None:
        t.say("media_slots")
    elif trade_in is not None and (missing := [w for w, v in (("year", trade_in.year), ("km", trade_in.km)) if not v]):
        t.say("media_trade_in", missing=wording.join([t.text(f"trade_in_word_{m}") for m in missing], t.lang))
        t.model.expect = Expect.TRADE_IN_DETAILS
    elif kind != "audio":
        t.say("media_ask")
