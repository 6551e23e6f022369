"""Skill: a person takes over — when the customer asks for one, or complains.

The conversation is handed over (the bot falls silent until staff resolve it in Chatwoot),
so this happens only for a clear reason, never because a message was not understood.
Outside opening hours the customer hears when a person will answer.
"""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from actors.dialogue.skills.knowledge import next_opening


def when_a_person_answers(t: Turn) -> str:
    opening = next_opening(t)
    if opening is None or opening == t.now:
        return t.text("person_soon")
    day = (opening.date() - t.today).days
    if day == 0:
        words = f"{'today from' if t.lang == 'en' else 'vandaag vanaf'} {opening:%H:%M}"
    elif day == 1:
        words = f"{'tomorrow from' if t.lang == 'en' else 'morgen vanaf'} {opening:%H:%M}"
    else:
        words = wording.moment(opening, t.lang).replace(" om ", " vanaf ").replace(" at ", " from ")
    return t.text("person_later", when=words)


async def person(t: Turn, act: Act, more_to_say: bool = False) -> None:
    if t.once("handover"):
        t.say("human", when=when_a_person_answers(t))
        t.handoff = t.handoff or "human"


async def complaint(t: Turn, act: Act, more_to_say: bool = False) -> None:
    if t.once("handover"):
        t.say("complaint", when=when_a_person_answers(t))
        t.handoff = "complaint"
