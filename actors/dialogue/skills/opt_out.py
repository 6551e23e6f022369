"""Skill: stopping and starting messages.

Only a request to stop messages unsubscribes ("STOP", "afmelden voor jullie berichten");
look-alikes are read as what they are by the reader. After an opt-out the customer's real
questions are still answered, but nothing proactive is sent until they opt in again.
"""

from __future__ import annotations

import re

from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from actors.dialogue.model import Expect


async def unsubscribe(t: Turn, act: Act, more_to_say: bool = False) -> None:
    already = t.model.opted_out
    t.model.opted_out = True
    t.model.offer = None
    t.model.expect = Expect.NOTHING
    t.say("opt_out_again" if already else "opt_out")


async def subscribe(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "START" after an opt-out; "hou me op de hoogte als er een Toyota binnenkomt" notes the wish."""
    if t.model.opted_out:
        t.model.opted_out = False
        t.say("opt_in")
        return
    wish = _wish(t, act)
    if re.search(r"\b(?:nieuwsbrie\w*|newsletter)\b", act.clause) and not wish:
        t.add(t.topic("newsletter"))
        return
    t.add(t.topic("stock_alert"))
    if wish:
        t.say("wish_noted", wish=wish)
    t.note(f"alert:{wish}", f"Klant wil bericht als er een auto binnenkomt die past: {wish or 'zie gesprek'}.")


def _wish(t: Turn, act: Act) -> str:
    crit = act.criteria
    if crit is None:
        return ""
    words = [v for key in ("make", "model", "fuel", "transmission", "body_type") for v in crit.require.get(key, ())]
    if crit.budget_max:
        words.append(f"{'up to' if t.lang == 'en' else 'tot'} {crit.budget_max:,}".replace(",", "."))
    return " ".join(words)
