"""Skill: the price talk — haggling, a bid, and the wish to buy.

The sales policy is the knowledge file's "negotiation" answer: no discount is ever invented
or promised. A bid is passed on to a salesperson, never accepted; "ik wil hem kopen" gets
the next steps. Both make the lead HOT and tell sales once.
"""

from __future__ import annotations

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.language.reading import Act
from integrations.stock import Car


def _car(t: Turn, act: Act) -> Car | None:
    cars = t.cars(act.cars) or t.cars([t.model.focus] if t.model.focus else [])
    return cars[0] if len(cars) == 1 else None


def _which_of_the_shown(t: Turn) -> None:
    """ "ik wil hem kopen" after two Niros were shown: the two, numbered, so "de eerste" answers."""
    shown = t.cars(t.model.shown)
    if 2 <= len(shown) <= 3:
        t.add(t.car_list(shown))


async def haggle(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "kan er nog wat af?": the dealer's price policy, and a salesperson to talk it through."""
    if not t.once("haggle"):
        return
    car = _car(t, act)
    if car is not None:
        t.say("fact_price", car=car.title, value=wording.euros(car.price_eur, t.lang))
    t.add(t.topic("negotiation"))
    t.say("haggle_more")


async def bid(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "ik bied 15.000": taken up and passed on, never accepted or refused by the assistant."""
    if not t.once("bid"):
        return
    car = _car(t, act)
    amount = act.amount or 0
    if car is None:
        t.say("bid_no_car", amount=wording.number(amount, t.lang))
        _which_of_the_shown(t)
        return
    t.model.buying = True
    if amount >= car.price_eur:
        await buy(t, act, more_to_say)
        return
    t.say("bid", amount=wording.number(amount, t.lang), car=car.title, price=wording.euros(car.price_eur, t.lang))
    t.note(f"bid:{car.stock_id}:{amount}", f"Bod van {wording.number(amount, 'nl')} op {car.title} ({car.stock_id}, "
                                          f"vraagprijs {wording.euros(car.price_eur, 'nl')}). Graag reageren.")


async def buy(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "ik wil hem kopen", "kan ik hem reserveren?": the next steps, and a salesperson to complete it."""
    if not t.once("buy"):
        return
    car = _car(t, act)
    t.model.buying = True
    if car is None:
        t.say("buy_no_car")
        _which_of_the_shown(t)
        return
    t.say("buy", car=car.title)
    t.add(t.topic("buying_process"))
    t.say("buy_next")
    t.model.focus = car.stock_id
    t.note(f"buy:{car.stock_id}", f"Klant wil de {car.title} ({car.stock_id}, {wording.euros(car.price_eur, 'nl')}) "
                                  "kopen/reserveren. Neem contact op om de koop rond te maken.")
