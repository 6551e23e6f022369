"""Skill: find cars in stock for what the customer wants, and show them.

The search frame in the conversation model is updated by the clause's criteria, then every
car that fits is ranked. A model we do not have is named as such, and the alternatives keep
the customer's other wishes (and the body and drive of the model they asked for). When
nothing fits, wishes are relaxed one at a time — never a make they asked for or something
they ruled out — and the reply says which.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from actors.dialogue import wording
from actors.dialogue.context import Turn
from actors.dialogue.frame import Frame, rank
from actors.dialogue.language import cues
from actors.dialogue.language.criteria import implied_kind
from actors.dialogue.language.other_models import find_other_model
from actors.dialogue.language.reading import Act, Criteria
from actors.dialogue.model import Expect
from integrations.stock import Car

SHOW = 3
_RELAX = ("mileage_max", "year_min", "budget_max", "color", "features", "body_type", "transmission", "fuel")
_RELAXED = {"nl": {"mileage_max": "meer kilometers", "year_min": "wat ouder", "budget_max": "iets boven je budget",
                   "color": "andere kleur", "body_type": "andere carrosserie", "transmission": "andere versnellingsbak",
                   "fuel": "andere brandstof", "features": "niet als 4x4 vermeld"},
            "en": {"mileage_max": "higher mileage", "year_min": "a bit older", "budget_max": "slightly over budget",
                   "color": "another colour", "body_type": "another body type", "transmission": "another gearbox",
                   "fuel": "another fuel", "features": "not listed as 4x4"}}


async def search(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """Fold the clause's wishes into the frame and show what fits."""
    offer = t.model.offer
    if act.named and act.cars and offer is not None and not offer.moving and not _wishes_beyond_the_car(act.criteria):
        await point(t, act, more_to_say)  # "de golf graag" while times are on offer: the drive is in a Golf
        return
    crit = _anchored(t, act.criteria or Criteria())
    model = t.model
    table = t.cars(model.compared or model.shown)
    if crit.refers_back and len(table) > 1 and (crit.features or crit.require) and not act.named:
        # "welke van de twee heeft 4x4?": answered among the cars on the table, which stay on it
        fitting = [c for c in table if Frame().apply(crit).fits(c)]
        if len(fitting) == 1:
            t.say("table_match_one", line=wording.car_line(fitting[0], t.lang))
            t.model.show([fitting[0].stock_id])
        elif fitting:
            t.say("table_match_many", cars=t.car_list(fitting))
        else:
            t.say("table_match_none", n=len(table))
        return
    frame = _base_frame(t, crit).apply(crit, fresh=crit.replace and not crit.refers_back)
    named_models = crit.require.get("model", ())
    if named_models and any(not any(c.model == m and frame.fits(c) for c in t.stock) for m in named_models
                            if any(c.model == m for c in t.stock)):
        # "een Yaris of een Swift" after a search for automatics: the cars named win over earlier wishes
        frame = Frame().apply(crit)
    wanted = act.missing or crit.wanted or _missing_model(t, frame)
    if not t.once("search") and not crit:
        return  # a second "wat hebben jullie?" in the same message adds nothing
    if wanted:
        await _not_in_stock(t, frame, wanted, more_to_say)
        _unknown_wishes(t, crit)
        return
    if crit.similar and frame.require.get("model"):
        await _similar(t, frame, more_to_say)
        _unknown_wishes(t, crit)
        return
    matches = frame.matches(t.stock)
    if crit.more and t.model.shown and frame == model.frame:
        # "heb je nog meer?": what fits and was not shown yet, else say these were all
        unseen = [c for c in matches if c.stock_id not in t.model.shown and c.stock_id not in t.model.seen]
        if not unseen:
            t.say("no_more", total=len(matches))
            return
        t.say("more_found", what=_describe(frame, t.lang))
        _list(t, unseen[:SHOW], more_to_say)
        return
    anchor = _anchor(t, crit)
    if not matches and anchor is not None:
        # "nog iets goedkopers?" below the cheapest that fits: say so, and keep the search as it was
        t.say(f"relative_none_{crit.relative}", car=anchor.title, price=wording.euros(anchor.price_eur, t.lang),
              year=anchor.year, km=wording.km(anchor.mileage_km, t.lang))
        return
    if frame != model.frame:
        model.seen = []
    model.frame = frame
    named = t.cars(act.cars) if act.named else []
    if named and len(named) < len(matches) and all(c in matches for c in named):
        # "de Golf eHybrid": the words that tell the Golfs apart pick the one meant
        t.say("found_one" if len(named) == 1 else "found", what="")
        _list(t, named, more_to_say)
        return
    if not matches:
        _relaxed(t, frame, more_to_say)
        _unknown_wishes(t, crit)
        return
    if cues.HURRY.search(act.clause):
        t.say("hurry")
    if not frame and not crit.unknown:
        t.say("ask_wishes", total=len(matches))  # "ik zoek een auto": 64 cars say nothing; ask what matters
        return
    if "gone" in t.done:
        t.say("gone_instead", what=_describe(frame, t.lang))  # after "that car has been sold": no "yes, we have it"
    elif len(matches) == 1:
        t.say("found_one_match" if not _names_car(crit) else "found_one", what=_describe(frame, t.lang))
    elif len(matches) > SHOW:
        t.say("found_many", total=len(matches), n=SHOW, what=_describe(frame, t.lang))
    else:
        t.say("found", what=_describe(frame, t.lang))
    _list(t, matches[:SHOW], more_to_say or bool(crit.unknown))
    _unknown_wishes(t, crit)


def _unknown_wishes(t: Turn, crit: Criteria) -> None:
    """A wish the stock does not record ("met trekhaak", "7 zitter") is named, never silently dropped."""
    if crit.unknown:
        t.say("wish_unknown", wish=wording.join(list(crit.unknown), t.lang))
        t.model.expect = Expect.COLLEAGUE_CHECK
        t.model.check = f"heeft een auto uit de zoekresultaten: {', '.join(crit.unknown)}"


async def _similar(t: Turn, frame: Frame, more_to_say: bool) -> None:
    """ "een Audi A3 of iets vergelijkbaars": the model itself where it fits, then cars like it."""
    models = frame.require.get("model", ())
    body, _ = implied_kind(models[0]) if models else (None, None)
    own = [c for c in t.stock if c.model in models]
    reference = sorted(c.price_eur for c in own)[len(own) // 2] if own else None
    wider = frame.without("model", "make")
    found = wider.matches(t.stock)
    # like it: the model itself, then the same kind of car, closest in price to it
    found = sorted(found, key=lambda c: (0 if c.model in models else 1 if body and c.body_type == body else 2,
                                         abs(c.price_eur - reference) if reference else 0))
    t.model.frame = wider
    for car in own:
        if not wider.fits(car):
            t.say("named_does_not_fit", car=car.title, why=wording.join(_mismatch(car, wider, t.lang), t.lang))
    if not found:
        _relaxed(t, wider, more_to_say)
        return
    t.say("found_similar", what=_describe(wider, t.lang))
    _list(t, found[:SHOW], more_to_say)


def _mismatch(car: Car, frame: Frame, lang: str) -> list[str]:
    """Why a car falls outside the search: "handgeschakeld", "boven je budget"."""
    why = []
    for key, render in (("transmission", wording.gearbox), ("fuel", wording.fuel), ("body_type", wording.body)):
        values = frame.require.get(key)
        if values and getattr(car, key) not in values:
            why.append(render(getattr(car, key), lang))
    if frame.budget_max and car.price_eur > frame.budget_max:
        why.append("over budget" if lang == "en" else "boven je budget")
    return why or (["different" if lang == "en" else "anders"])


def present(t: Turn, cars: Sequence[Car], more_to_say: bool = False) -> None:
    """Show cars already chosen (a reference, an availability question)."""
    if len(cars) == 1:
        t.add(wording.car_line(cars[0], t.lang) + (f"\n{cars[0].url}" if cars[0].url else ""))
        t.model.show([cars[0].stock_id])
        if not more_to_say:
            invite(t, "invite_one")
        return
    _list(t, list(cars)[:SHOW + 2], more_to_say)


def invite(t: Turn, key: str) -> None:
    """Invite to a test drive, unless times are already on offer (then a number must still pick a time)
    or a drive is booked (no new offers after a confirmation unless asked)."""
    if t.model.offer is not None or "test_drive" in t.done or t.model.appointment_id:
        return
    if t.model.expect not in (Expect.NOTHING, Expect.TEST_DRIVE):
        return  # the reply already asks something (the trade-in's year, a colleague's check): one question at a time
    t.say(key)
    t.model.expect = Expect.TEST_DRIVE


async def point(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "de tweede", "de benzine", "dan wordt het de Corolla": that car becomes the one in focus."""
    cars = t.cars(act.cars)
    if act.missing and not cars:
        await search(t, replace(act, criteria=act.criteria or Criteria()), more_to_say)
        return
    offer = t.model.offer
    if len(cars) > 1 and offer is not None and not offer.moving:
        # "de golf graag" while times are on offer for another car: the best Golf takes the offer
        from actors.dialogue.skills.appointment import offer as put_on_offer
        from actors.dialogue.skills.test_drive import offered_slots
        best = (rank([c for c in cars if t.model.frame.fits(c)], t.model.frame.prefer) if t.model.frame else []) or \
            rank(cars)
        t.model.focus = best[0].stock_id
        put_on_offer(t, offered_slots(t), best[0], "offer_switch_best")
        return
    if len(cars) > 1 and t.model.frame:
        # "ik wil een automaat. welke polo is dat?": the one the search narrowed to
        fitting = [c for c in cars if t.model.frame.fits(c)]
        if fitting and "search" in t.done:
            return
        cars = fitting or cars
    if len(cars) == 1:
        t.model.focus = cars[0].stock_id
        offer = t.model.offer
        if offer is not None and offer.car != cars[0].stock_id and not offer.moving:
            # times were on offer for another car: they now stand for the car pointed at
            from actors.dialogue.skills.appointment import offer as put_on_offer
            from actors.dialogue.skills.test_drive import offered_slots
            put_on_offer(t, offered_slots(t), cars[0], "offer_switch")
            return
        if not more_to_say:
            present(t, cars)
        return
    if cars:
        t.say("ambiguous", cars=t.car_list(cars))
        t.model.show([c.stock_id for c in cars])


async def gone(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """A link to a car of ours no longer in stock: say so, never answer for another car as if it were
    that one. What else the message asks follows; with nothing else, the current search's cars."""
    t.say("link_gone")
    t.done.add("gone")
    if more_to_say:
        return
    left = matches_now(t) if t.model.frame else []
    if left:
        t.say("gone_instead", what=_describe(t.model.frame, t.lang))
        _list(t, left[:SHOW], False)
    else:
        t.say("link_gone_ask")


def _list(t: Turn, cars: Sequence[Car], more_to_say: bool) -> None:
    if len(cars) == 1:
        t.model.shown = [cars[0].stock_id]  # a new search result replaces the list, even of one car
        t.model.seen.extend(c.stock_id for c in cars if c.stock_id not in t.model.seen)
        present(t, cars, more_to_say)
        return
    t.add(t.car_list(cars))
    t.model.show([c.stock_id for c in cars])
    t.model.focus = None
    if not more_to_say:
        invite(t, "invite_many")


def _base_frame(t: Turn, crit: Criteria) -> Frame:
    """The frame a new clause changes: the current one, minus a model it no longer fits."""
    frame = t.model.frame
    models = frame.require.get("model")
    if models and not crit.require.get("model") and not crit.refers_back and crit.require:
        narrowed = frame.apply(crit).matches(t.stock)
        if not narrowed:
            # "te klein, hebben jullie ook iets ruimers op lpg?": another kind of car than the one asked about
            frame = frame.without("model", "make", "body_type", "color")
    return frame


def _wishes_beyond_the_car(crit: Criteria | None) -> bool:
    if crit is None:
        return False
    return bool({k for k in crit.require if k not in ("make", "model")} or crit.exclude or crit.budget_max or crit.year_min
                or crit.mileage_max or crit.prefer or crit.relative or crit.more)


def _anchor(t: Turn, crit: Criteria) -> Car | None:
    """The car a relative wish is measured against: the cheapest, newest or least driven one shown."""
    anchor = t.cars([t.model.focus] if t.model.focus else t.model.shown)
    if crit.relative not in ("cheaper", "newer", "less_km") or not anchor:
        return None
    if crit.relative == "cheaper":
        return min(anchor, key=lambda c: c.price_eur)
    if crit.relative == "newer":
        return max(anchor, key=lambda c: c.year)
    return min(anchor, key=lambda c: c.mileage_km)


def _anchored(t: Turn, crit: Criteria) -> Criteria:
    """ "iets goedkopers", "nieuwer", "met minder km": relative to the car in focus (or the list shown)."""
    if crit.relative not in ("cheaper", "newer", "less_km"):
        return crit
    anchor = t.cars([t.model.focus] if t.model.focus else t.model.shown)
    if not anchor:
        return crit
    if crit.relative == "cheaper":
        return replace(crit, budget_max=min(c.price_eur for c in anchor) - 1, budget_soft=False)
    if crit.relative == "newer":
        return replace(crit, year_min=max(c.year for c in anchor) + 1)
    return replace(crit, mileage_max=min(c.mileage_km for c in anchor) - 1)


def _missing_model(t: Turn, frame: Frame) -> str | None:
    """A model the frame asks for that the stock does not hold ("Ford Focus")."""
    models = frame.require.get("model")
    if not models or any(c.model in models for c in t.stock):
        return None
    make = (frame.require.get("make") or ("",))[0]
    return f"{make} {models[0]}".strip()


async def _not_in_stock(t: Turn, frame: Frame, wanted: str, more_to_say: bool) -> None:
    """Say honestly that we do not have it, then show alternatives that keep the other wishes."""
    t.say("not_in_stock", wanted=wanted)
    body, fuel = _kind_of(wanted, frame)
    alt = replace(frame.without("model", "make"), wanted=wanted)
    # Keep the spirit of the model asked for (an estate for a Superb, an electric car for a Leaf) as long as
    # that leaves something; the customer's own wishes always stay.
    implied = {k: (v,) for k, v in (("fuel", fuel), ("body_type", body)) if v and k not in frame.require}
    found: list[Car] = []
    shown_frame = alt
    for keep in (("fuel", "body_type"), ("fuel",), ()):
        trial = replace(alt, require={**alt.require, **{k: v for k, v in implied.items() if k in keep}})
        found = trial.matches(t.stock)
        if found:
            shown_frame = trial
            break
    same_make = (frame.require.get("make") or (None,))[0]
    if same_make:
        found = sorted(found, key=lambda c: 0 if c.make == same_make else 1)
    # Only the customer's own wishes stay in the search; the kind of the model was our guess.
    t.model.frame = alt
    if not found:
        _relaxed(t, alt, more_to_say)
        return
    t.say("alternatives", what=_describe(shown_frame, t.lang))
    _list(t, found[:SHOW], more_to_say)


def _kind_of(wanted: str, frame: Frame) -> tuple[str | None, str | None]:
    other = find_other_model(wanted.lower())
    if other is not None:
        return other[0].body, other[0].fuel
    for model in frame.require.get("model", ()):
        return implied_kind(model)
    return None, None


def _relaxed(t: Turn, frame: Frame, more_to_say: bool) -> None:
    """Nothing fits: give up the wishes customers give up most easily, one at a time, and say which."""
    relaxed: list[str] = []
    current = frame
    for key in _RELAX:
        if key in ("mileage_max", "year_min"):
            if getattr(current, key) is None:
                continue
            current = replace(current, mileage_max=None) if key == "mileage_max" else replace(current, year_min=None)
        elif key == "features":
            if not current.features:
                continue
            current = replace(current, features=())  # "awd" is the only feature the stock tells
        elif key == "budget_max":
            if current.budget_max is None:
                continue
            current = replace(current, budget_max=int(current.budget_max * 1.15))
        else:
            if key not in current.require:
                continue
            current = current.without(key)
        relaxed.append(key)
        found = current.matches(t.stock)
        if found:
            t.say("relaxed", what=", ".join(_RELAXED["en" if t.lang == "en" else "nl"][k] for k in relaxed))
            _list(t, found[:SHOW], more_to_say)
            return
    t.say("none")


def _names_car(crit: Criteria) -> bool:
    return bool(crit.require.get("model") or crit.require.get("make"))


def _describe(frame: Frame, lang: str) -> str:
    """ " (automaat, tot 20.000)": the wishes in a few words; amounts without a euro sign."""
    words: list[str] = []
    for key in ("fuel", "transmission", "body_type"):
        for value in frame.require.get(key, ()):
            words.append({"fuel": wording.fuel, "transmission": wording.gearbox, "body_type": wording.body}[key](
                value, lang))
    for value in frame.exclude.get("fuel", ()):
        words.append(f"{'no' if lang == 'en' else 'geen'} {wording.fuel(value, lang)}")
    if frame.budget_max:
        words.append(f"{'up to' if lang == 'en' else 'tot'} {wording.number(frame.budget_max, lang)}")
    if frame.year_min:
        words.append(f"{'from' if lang == 'en' else 'vanaf'} {frame.year_min}")
    if frame.mileage_max:
        words.append(f"{'max.' if lang == 'en' else 'max.'} {wording.km(frame.mileage_max, lang)}")
    for value in frame.require.get("color", ()):
        words.append(wording.colour(value, lang))
    if frame.require.get("make") and not frame.require.get("model"):
        words.insert(0, "/".join(frame.require["make"]))
    return f" ({', '.join(words)})" if words else ""


def matches_now(t: Turn) -> list[Car]:
    """Every car of the current search, best first."""
    return t.model.frame.matches(t.stock) if t.model.frame else rank(list(t.stock))


async def point_at(t: Turn, act: Act, more_to_say: bool = False) -> None:
    """ "de tweede" after a list: the car at that position."""
    assert act.position is not None
    await point(t, replace(act, cars=(t.model.shown[act.position],)), more_to_say)
