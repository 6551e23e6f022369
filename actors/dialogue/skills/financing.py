"""Skill: financing — an indicative monthly amount from the knowledge file's figures (or the term and
down payment the customer names), always with the legal warning "Geld lenen kost geld". Lease gets the
dealer's lease answer; an application goes to a person (per policy)."""

from __future__ import annotations

import re

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.numbers import money_amounts
from actors.dialogue.language.reading import Act

_MONTHS = re.compile(r"\b(?P<n>\d{1,3})\s*(?P<unit>maanden|maand|mnd|months?|jaar|years?)\b")
_DOWN = re.compile(r"\b(?:aanbeta\w*|aanbetaling van|eigen geld|inleg\w*|down ?payment|deposit|put down|contant erbij)\b")
_LEASE = re.compile(r"\b(?:lease\w*|leasen|leasing)\b")


def monthly(amount: float, apr_percent: float, months: int) -> float:
    """The annuity for `amount` over `months` at a yearly percentage rate (JKP)."""
    rate = (1 + apr_percent / 100) ** (1 / 12) - 1
    if rate == 0:
        return amount / months
    return float(amount * rate / (1 - (1 + rate) ** -months))


def _terms(clause: str, default_months: int) -> tuple[int, int]:
    """(months, down payment) the customer named, else the example's term and no down payment."""
    months = default_months
    m = _MONTHS.search(clause)
    if m:
        n = int(m.group("n"))
        months = n * 12 if m.group("unit").startswith(("jaar", "year")) else n
        months = months if 6 <= months <= 120 else default_months
    down = 0
    if _DOWN.search(clause):
        amounts = [a for a in money_amounts(clause) if a < 100_000]
        down = amounts[0] if amounts else 0
    return months, down


async def financing(t: Turn, act: Act, more_to_say: bool = False) -> None:
    if not t.once("financing"):
        return
    if _LEASE.search(act.clause) and not re.search(r"\b(?:financ|afbetal|lenen|lening|loan)", act.clause):
        t.add(t.topic("private_lease"))  # lease is no loan: the dealer's lease answer, not a loan example
        return
    terms = t.knowledge.financing
    apr = f"{terms.apr_percent:.2f}".rstrip("0").rstrip(".")
    apr = apr.replace(".", ",") if t.lang != "en" else apr
    cars = t.cars(act.cars) or t.cars([t.model.focus] if t.model.focus else [])
    lender = f" {terms.lender}" if terms.lender else ""
    months, down = _terms(act.clause, terms.months)
    if len(cars) == 1 and cars[0].price_eur - down >= terms.min_amount:
        car = cars[0]
        per_month = monthly(car.price_eur - down, terms.apr_percent, months)
        key = "financing_down" if down else "financing"
        t.say(key, lender=lender, car=car.title, price=wording.euros(car.price_eur, t.lang), months=months,
              apr=apr, monthly=f"€ {wording.number(per_month, t.lang)}", down=wording.number(down, t.lang))
        t.model.focus = car.stock_id
    else:
        t.say("financing_general", lender=lender, months=months, apr=apr)
    if act.application:
        t.say("financing_apply")
        if t.business.policy.financing_application == "handoff":
            t.handoff = "financing_application"
        else:
            t.note("financing_application", "Klant wil een financiering aanvragen; neem contact op.")
