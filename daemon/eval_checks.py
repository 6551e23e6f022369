"""The machine checks of a scripted conversation, judged on the `chat --json` lines of its replies.

The check kinds and their meaning are those of the conversation sets' format (`mentions`,
`not_mentions`, `replied`, `no_fallback`, `handoff`, `opted_out`, `language`,
`cars_mentioned_only`, `offered_slots_on`, `appointment`); a check of another kind fails. A
reply is the dict of `TurnOutput.as_json()` (DESIGN §5). Cars are recognised in a body by
stock id, by a per-car pattern, or by a euro amount equal to a stock price.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from integrations.stock import Car

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Reply = dict[str, Any]
Check = dict[str, Any]

# Generic "I did not understand" replies (Dutch and English), for `no_fallback`.
FALLBACK = (r"\bbegr(ee|ij)p (ik )?((je|jou|het|u|uw|dat|dit)( vraag| bericht)? )?niet", r"niet (goed |helemaal )?begrepen",
            r"niet helemaal", r"\bsnap (ik )?((je|het|dat|dit)( vraag| bericht)? )?niet", r"didn'?t (quite )?(get|understand|catch)",
            r"(don'?t|do not) (quite )?understand", r"not sure what you mean",
            r"(kun|kunt) (je|u) (dat|het) anders (zeggen|formuleren)", r"could you rephrase")

# Words that are only English / only Dutch, for `language`.
_EN = frozenset("the an and you your are of for with to not please hello hi thanks thank can could would will what where "
                "when which how good tomorrow today test drive hour hours our at that there also unfortunately have has "
                "want look let make see it this be been booked confirmed available sorry closed here from they any yes "
                "just".split())
_NL = frozenset("de het een en ik je jij u wij jullie zijn van voor met op naar niet graag welkom hallo hoi bedankt dank kan "
                "kunt wat waar wanneer goed dag morgen proefrit uur ons onze bij die dat er ook nog helaas hebben heeft wil "
                "wilt zoek zoekt even laat maak afspraak groet groeten jouw dit deze hier mag kun kunnen vandaag bevestigd "
                "gesloten geen om tot".split())
_AMOUNT = re.compile(r"(?:€|\beur\b|\beuro\b)\s*(\d{1,3}(?:[.,  ]\d{3})+|\d{4,6})(?![\d])"
                     r"|(?<![\d.,])(\d{1,3}(?:[.,  ]\d{3})+|\d{4,6})(?:,-|,00)?\s*(?:€|euro\b|eur\b)", re.I)
_STOCK_ID = re.compile(r"\bSR\d{4}\b", re.I)


def language_counts(text: str | None) -> tuple[int, int]:
    words = re.findall(r"[a-zà-ÿ]+", (text or "").lower())
    return sum(w in _EN for w in words), sum(w in _NL for w in words)


def looks(lang: str, text: str | None) -> bool:
    en, nl = language_counts(text)
    return (en >= 2 and en > nl) if lang == "en" else (nl >= 2 and nl > en)


@dataclass(frozen=True)
class CarPatterns:
    """How a body names a stock car: its id, its pattern, or its price."""

    alias: dict[str, re.Pattern[str]]
    by_price: dict[int, frozenset[str]]

    @classmethod
    def from_file(cls, path: Path) -> "CarPatterns":
        """A `cars-*.json` file: `{stock_id: {"alias": regex, "price": int, …}}`."""
        cars = json.loads(path.read_text(encoding="utf-8"))
        return cls._build({sid: (c["alias"], int(c["price"])) for sid, c in cars.items()})

    @classmethod
    def from_stock(cls, stock: Iterable[Car]) -> "CarPatterns":
        """Without a patterns file: a car is named by its full title (make, model and variant)."""
        return cls._build({c.stock_id: (r"\b" + r"\s+".join(re.escape(w) for w in c.title.split()) + r"\b", c.price_eur)
                           for c in stock})

    @classmethod
    def _build(cls, cars: dict[str, tuple[str, int]]) -> "CarPatterns":
        by_price: dict[int, set[str]] = {}
        for sid, (_, price) in cars.items():
            by_price.setdefault(price, set()).add(sid)
        return cls({sid: re.compile(alias, re.I) for sid, (alias, _) in cars.items()},
                   {p: frozenset(ids) for p, ids in by_price.items()})

    def named(self, body: str | None) -> tuple[set[str], set[int]]:
        """(stock ids named by id or pattern, euro amounts in the body that are some stock car's price)."""
        body = body or ""
        ids = {s.upper() for s in _STOCK_ID.findall(body)}
        ids |= {sid for sid, pattern in self.alias.items() if pattern.search(body)}
        amounts = {int(re.sub(r"\D", "", a or b)) for a, b in _AMOUNT.findall(body)}
        return ids, {a for a in amounts if a in self.by_price}


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


class Judge:
    def __init__(self, cars: CarPatterns, timezone: str = "Europe/Amsterdam") -> None:
        self.cars = cars
        self.tz = ZoneInfo(timezone)
        self._kinds: dict[str, Callable[[Check, Sequence[Reply], int], tuple[bool, str]]] = {
            "mentions": self._mentions, "not_mentions": self._not_mentions, "replied": self._replied,
            "no_fallback": self._no_fallback, "handoff": self._handoff, "opted_out": self._opted_out,
            "language": self._language, "cars_mentioned_only": self._cars_only,
            "offered_slots_on": self._slots, "appointment": self._appointment,
        }

    def judge(self, checks: Sequence[Check], replies: Sequence[Reply]) -> list[tuple[Check, bool, str]]:
        out = []
        for check in checks:
            try:
                ok, detail = self.check(check, replies)
            except Exception as exc:  # a malformed reply or check fails that check, not the run
                ok, detail = False, f"error {type(exc).__name__}: {exc}"
            out.append((check, bool(ok), detail))
        return out

    def check(self, k: Check, replies: Sequence[Reply]) -> tuple[bool, str]:
        turn = k.get("turn", "end")
        n = len(replies) if turn == "end" else int(turn)
        kind = self._kinds.get(k.get("kind", ""))
        if kind is None:
            return False, f"unknown check kind {k.get('kind')!r}"
        return kind(k, replies, n)

    # -- helpers ----------------------------------------------------------------------------------------
    def _local(self, iso: str) -> datetime:
        return datetime.fromisoformat(iso).astimezone(self.tz)

    @staticmethod
    def _fits(start: datetime, k: Check) -> bool:
        return ((k.get("weekday") is None or WEEKDAYS[start.weekday()] in _as_list(k["weekday"]))
                and (k.get("date") is None or start.date().isoformat() in _as_list(k["date"]))
                and (k.get("hour") is None or start.hour in _as_list(k["hour"]))
                and (k.get("hour_min") is None or start.hour >= k["hour_min"])
                and (k.get("hour_max") is None or start.hour <= k["hour_max"]))

    @staticmethod
    def _appt_start(r: Reply | None) -> str | None:
        a = r.get("appointment") if r else None
        return a.get("start") if isinstance(a, dict) and a.get("start") and a.get("end") else None

    @staticmethod
    def _said(body: Any) -> bool:
        return isinstance(body, str) and body.strip() != ""

    # -- the kinds --------------------------------------------------------------------------------------
    def _mentions(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        body = replies[n - 1].get("body")
        said = self._said(body)
        miss = [x for x in k["re"] if not (said and re.search(x, str(body), re.I))]
        return not miss, ("silent" if not said else f"lacks /{miss[0][:90]}/") if miss else ""

    def _not_mentions(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        body = replies[n - 1].get("body") or ""
        hit = [m.group(0) for x in k["re"] for m in [re.search(x, body, re.I)] if m]
        return not hit, f"says {hit[0]!r}" if hit else ""

    def _replied(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        said = self._said(replies[n - 1].get("body"))
        return said, "" if said else "silent"

    def _no_fallback(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        body = replies[n - 1].get("body")
        said = self._said(body)
        fb = [x for x in FALLBACK if said and re.search(x, str(body), re.I | re.M)]
        return said and not fb, "silent" if not said else (f"fallback /{fb[0]}/" if fb else "")

    def _handoff(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        got = any(x.get("handoff") is True for x in replies[:n])
        return got == k["value"], f"handoff by message {n}: {got}"

    def _opted_out(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        r = replies[n - 1]
        got = (r.get("opted_out") is True) if k["value"] else any(x.get("opted_out") is True for x in replies[:n])
        return got == k["value"], f"opted_out {'at' if k['value'] else 'by'} message {n}: {got}"

    def _language(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        body = replies[n - 1].get("body")
        said = self._said(body)
        return said and looks(k["lang"], body), "silent" if not said else "en/nl words %d/%d" % language_counts(body)

    def _cars_only(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        allowed = set(k["ids"])
        named, prices = self.cars.named(replies[n - 1].get("body"))
        by_price = self.cars.by_price
        bad = sorted(named - allowed) + [f"€ {p}" for p in sorted(prices) if not by_price[p] & allowed]
        got = named & allowed
        count = len(got) + sum(1 for p in prices if (by_price[p] & allowed) and not (by_price[p] & got))
        detail = f"named {sorted(named)} prices {sorted(prices)}"
        if bad:
            return False, detail + f"; not allowed: {', '.join(bad)}"
        if count < k.get("min", 1):
            return False, detail + f"; {count} allowed car(s) named, want >= {k.get('min', 1)}"
        return True, detail

    def _slots(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        r = replies[n - 1]
        starts = [self._local(s["start"]) for s in (r.get("offered_slots") or []) if isinstance(s, dict) and s.get("start")]
        prev = self._appt_start(replies[n - 2]) if n > 1 else None
        booked = self._appt_start(r)
        if k.get("or_booked", True) and booked and booked != prev:
            starts.append(self._local(booked))
        shown = "offered/booked: " + (", ".join(s.strftime("%a %d %b %H:%M") for s in starts) or "none")
        fits = [self._fits(s, k) for s in starts]
        return (all(fits) if k.get("all") else any(fits)), shown  # all: vacuously true

    def _appointment(self, k: Check, replies: Sequence[Reply], n: int) -> tuple[bool, str]:
        turn = k.get("turn", "end")
        r: Reply | None
        if turn == "end":  # the state after the conversation: the last reply that was not silent
            said = [x for x in replies if isinstance(x.get("body"), str)]
            r, before = (said[-1] if said else None), k.get("offer_before")
        else:
            r, before = replies[int(turn) - 1], k.get("offer_before", turn)
        if not k.get("exists", True):
            return not self._appt_start(r), f"appointment {r.get('appointment') if r else None!r}"
        start_iso = self._appt_start(r)
        if r is None or start_iso is None:
            return False, "no appointment"
        start, text = self._local(start_iso), str(r["appointment"].get("car") or "")
        text += " | " + " ".join(sorted(self.cars.named(text)[0]))
        detail = f"appointment {start:%a %Y-%m-%d %H:%M} car {text!r}"
        if not self._fits(start, k):
            wanted = {x: k[x] for x in ("weekday", "date", "hour", "hour_min", "hour_max") if x in k}
            return False, detail + " does not fit " + json.dumps(wanted)
        if "car" in k and not re.search(k["car"], text, re.I):
            return False, detail + f": wrong car (want /{k['car'][:60]}/)"
        if "offered_index" in k:
            offers = [x.get("offered_slots") for x in replies[:(before or 1) - 1] if x.get("offered_slots")]
            if not offers:
                return False, detail + f"; no offered_slots before message {before}"
            last = offers[-1] or []
            i = k["offered_index"] - 1 if k["offered_index"] > 0 else k["offered_index"]
            if not -len(last) <= i < len(last):
                return False, detail + f"; the last offer has {len(last)} slots"
            want = self._local(last[i]["start"])
            if want != start:
                return False, detail + f" but slot {k['offered_index']} of the last offer was {want:%a %Y-%m-%d %H:%M}"
        return True, detail
