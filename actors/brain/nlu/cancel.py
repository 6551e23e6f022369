"""Cancelling or moving an existing test-drive appointment."""
from __future__ import annotations

import re

from .normalize import normalize

_CANCEL = re.compile(
    r"\b(?:toch niet|annuleer\w*|annuler\w*|afzeggen|afgezegd|zeg (?:\w+ ){0,3}af|cancel\w*|"
    r"kan (?:\w+ ){0,3}toch niet (?:komen|langskomen|gaan)|kom (?:\w+ ){0,2}toch niet|"
    r"(?:gaat|kan) niet door|hoeft niet meer|laat (?:maar )?zitten|niet meer nodig|"
    r"call (?:it )?off|won'?t (?:make it|be coming|come)|can'?t (?:make it|come) after all|"
    r"no longer (?:needed|coming|interested))\b")
_RESCHEDULE = re.compile(
    r"\b(?:verzet\w*|verplaats\w*|verschuiv\w*|opschuiven|ander(?:e)? (?:dag|tijd|tijdstip|moment|"
    r"datum)|kan het (?:ook )?(?:later|eerder|op een ander)|later worden|vervroeg\w*|"
    r"uitstellen|reschedul\w*|move (?:the|my|our) (?:appointment|test drive|booking)|"
    r"another (?:day|time|date)|(?:a )?different (?:day|time|date)|later (?:op de dag|in de week))\b")


def is_cancellation(text: str) -> bool:
    """True when the customer calls off an appointment ("toch niet", "afzeggen", "cancel")."""
    norm = normalize(text)
    return bool(_CANCEL.search(norm)) and not _RESCHEDULE.search(norm)


def is_reschedule(text: str) -> bool:
    """True when the customer wants to move an appointment rather than drop it."""
    return bool(_RESCHEDULE.search(normalize(text)))
