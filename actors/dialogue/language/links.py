"""Cars the customer points at with our own link or stock number.

Customers paste the advert from the dealer's site ("Is deze nog beschikbaar?
https://…/occasions/SR2447") or quote its number ("SR2447"). The link names one stock car
exactly, so it is read before anything else and the rest of the message is read without it:
"deze" then means that car. A link to a car page of the dealer's own site that names no car in
stock is a car that has gone (sold or reserved); a link anywhere else is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import urlsplit

from integrations.stock import Car

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.I)
_TRAILING = ".,;:!?)]}'\""
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Links:
    cars: tuple[str, ...]   # stock ids named, in the order written
    gone: bool              # a link to a car page of ours that names no car in stock
    rest: str               # the message without the links and numbers


def _parts(url: str) -> tuple[str, tuple[str, ...]]:
    """(host without www, lowercased path segments) of a URL written with or without its scheme."""
    split = urlsplit(url if "://" in url else "https://" + url)
    host = (split.hostname or "").lower().removeprefix("www.")
    return host, tuple(s.lower() for s in split.path.split("/") if s)


def _is_stock_number(stock_id: str) -> bool:
    """Only numbers with letters and digits both are told apart from prices, years and mileages."""
    return len(stock_id) >= 3 and any(c.isalpha() for c in stock_id) and any(c.isdigit() for c in stock_id)


def find(text: str, stock: Sequence[Car]) -> Links:
    by_id = {c.stock_id.lower(): c.stock_id for c in stock}
    by_url = {_parts(c.url): c.stock_id for c in stock if c.url}
    ours = {host for host, _ in by_url}
    # The folder car pages live in ("/occasions/"): a link there that names no car is a car gone.
    folders = {(host, path[:-1]) for host, path in by_url if path}
    cars: list[str] = []
    gone = False

    def link(match: re.Match[str]) -> str:
        nonlocal gone
        url = match.group(0).rstrip(_TRAILING)
        host, path = _parts(url)
        if host not in ours:
            return match.group(0)
        found = by_url.get((host, path)) or next((by_id[s] for s in reversed(path) if s in by_id), None)
        if found is not None:
            cars.append(found)
        elif path and (host, path[:-1]) in folders:
            gone = True
        return " " + match.group(0)[len(url):]

    def number(match: re.Match[str]) -> str:
        found = by_id.get(match.group(0).lower())
        if found is None or not _is_stock_number(found):
            return match.group(0)
        cars.append(found)
        return " "

    # Numbers are read outside links only: another site's link may hold anything.
    pieces, at = [], 0
    for match in _URL.finditer(text):
        pieces += [_WORD.sub(number, text[at:match.start()]), link(match)]
        at = match.end()
    rest = "".join(pieces) + _WORD.sub(number, text[at:])
    return Links(tuple(dict.fromkeys(cars)), gone and not cars, rest if (cars or gone) else text)
