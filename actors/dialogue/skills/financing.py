"""Skill: financing — an indicative monthly amount from the knowledge file's figures, always with
the legal warning "Geld lenen kost geld". An application goes to a person (per policy)."""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act


def monthly(amount: float, apr_percent: float, months: int) -> float:
    """The annuity for `amount` over `months` at a yearly percentage rate (JKP), rounded to euros."""
    rate = (1 + apr_percent / 100) ** (1 / 12) - 1
    if rate == 0:
        return amount / months
    return amount * rate / (1 - (1 + rate) ** -months)


async def financing(t: Turn, act: Act, more_to_say: bool = False) -> None:
    if not t.once("financing"):
        return
    terms = t.knowledge.financing
    apr = f"{terms.apr_percent:.2f}".rstrip("0").rstrip(".")
    apr = apr.replace(".", ",") if t.lang != "en" else apr
    cars = t.cars(act.cars) or t.cars([t.model.focus] if t.model.focus else [])
    lender = f" {terms.lender}" if terms.lender else ""
    if len(cars) == 1 and cars[0].price_eur >= terms.min_amount:
        car = cars[0]
        per_month = monthly(car.price_eur, terms.apr_percent, terms.months)
        t.say("financing", lender=lender, car=car.title, price=wording.euros(car.price_eur, t.lang), months=terms.months,
              apr=apr, monthly=f"€ {wording.number(per_month, t.lang)}")
        t.model.focus = car.stock_id
    else:
        t.say("financing_general", lender=lender, months=terms.months, apr=apr)
    if act.application:
        t.say("financing_apply")
        if t.business.policy.financing_application == "handoff":
            t.handoff = "financing_application"
        else:
            t.note("financing_application", "Klant wil een financiering aanvragen; neem contact op.")
