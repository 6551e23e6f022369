"""Shared helpers for the blind conversation sets (blind_a/make.py, blind_b/make.py, blind_c/make.py).

Nothing here is a conversation. It loads the stock, holds the detection pattern of every stock car (the same
patterns as the shared development set, so a car is recognised the same way in every set), filters and ranks the
stock, writes the check objects of the format the conversation runner judges, knows the fixed moment's calendar
(what is bookable), and writes the two output files after checking the set for mistakes of its own.

The moment is Tuesday 1 December 2026, 08:30 Europe/Amsterdam, with the embedded business defaults: open Mon-Sat
09:00-18:00, Sunday closed, lunch 12:00-13:00, 60-minute slots, 2 hours' notice, a 14-day horizon.
Standard library only.
"""
import csv, json, os, re
from datetime import date, datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STOCK = os.path.join(ROOT, "integrations", "data", "stock.csv")

# --- cars -------------------------------------------------------------------------------------------------
# Detection pattern per stock car (case-insensitive, searched within one line): a model that occurs once in the
# stock is named by the model; where there are several, by the model plus the words that tell them apart.
ALIAS = {
    "SR2401": r"golf[^\n]{0,6}1\.0|golf[^\n]{0,25}comfortline",
    "SR2405": r"golf[^\n]{0,6}1\.5|golf[^\n]{0,15}\blife\b",
    "SR2407": r"golf[^\n]{0,6}1\.6|golf[^\n]{0,15}\btdi\b|golf[^\n]{0,12}diesel",
    "SR2411": r"\be-?hybrid|golf[^\n]{0,6}1\.4|golf[^\n]{0,12}plug-?in",
    "SR2413": r"golf[^\n]{0,6}1\.2|trendline",
    "SR2417": r"polo[^\n]{0,20}comfortline",
    "SR2419": r"polo[^\n]{0,20}(highline|dsg)",
    "SR2423": r"polo[^\n]{0,15}\blife\b",
    "SR2425": r"tiguan[^\n]{0,8}(1\.5|tsi)",
    "SR2429": r"tiguan[^\n]{0,25}(2\.0|tdi|4motion)",
    "SR2431": r"passat|\bgte\b",
    "SR2435": r"\bup!|(volkswagen|vw) up\b|move up",
    "SR2437": r"\bid\.? ?3\b",
    "SR2441": r"\bastra\b",
    "SR2443": r"corsa[^\n]{0,4}1\.2",
    "SR2447": r"corsa[^\n]{0,4}1\.4|online edition|corsa[^\n]{0,25}automa",
    "SR2449": r"(?<![\d.,])208(?![\d.,])",
    "SR2453": r"(?<![\d.,])2008(?![\d.,])",
    "SR2455": r"(?<![\d.,])3008(?![\d.,])",
    "SR2459": r"clio[^\n]{0,15}\bzen\b",
    "SR2461": r"bi-?fuel|clio[^\n]{0,25}lpg",
    "SR2465": r"captur",
    "SR2467": r"m[eé]gane",
    "SR2471": r"\byaris\b",
    "SR2473": r"corolla",
    "SR2477": r"\baygo\b",
    "SR2479": r"\bc-?hr\b",
    "SR2483": r"economyline|cvvt",
    "SR2485": r"picanto[^\n]{0,15}(gt|dpi)|gt-line automaat",
    "SR2489": r"niro ev|e-niro|niro[^\n]{0,12}(elektri|electric|64)",
    "SR2491": r"niro[^\n]{0,12}(hybrid|hybride|hev|gdi|1\.6)",
    "SR2495": r"sportage",
    "SR2497": r"\bi20\b",
    "SR2501": r"tucson",
    "SR2503": r"\bkona\b",
    "SR2507": r"fiesta",
    "SR2509": r"\bkuga\b",
    "SR2513": r"octavia[^\n]{0,30}(tdi|diesel|1\.6)|greentech",
    "SR2515": r"octavia[^\n]{0,30}(tsi|dsg|1\.5|benzine)|business edition dsg",
    "SR2519": r"kamiq",
    "SR2521": r"\ba3\b",
    "SR2525": r"\ba4\b",
    "SR2527": r"\bq3\b",
    "SR2531": r"\b1[ -]?seri[e]s?\b|\b118i\b",
    "SR2533": r"\b3[ -]?seri[e]s?\b|\b330e\b",
    "SR2537": r"\bx1\b",
    "SR2539": r"a-?klasse|a-class|\ba ?180\b",
    "SR2543": r"c-?klasse|c-class|\bc ?200\b",
    "SR2545": r"\bv40\b",
    "SR2549": r"\bxc ?40\b",
    "SR2551": r"\bc3\b",
    "SR2555": r"\bc4\b",
    "SR2557": r"fiat 500|\b500 ?c\b",
    "SR2561": r"\bmicra\b",
    "SR2563": r"qashqai",
    "SR2567": r"mazda ?2\b",
    "SR2569": r"cx-?5",
    "SR2573": r"\bibiza\b",
    "SR2575": r"model ?3\b",
    "SR2579": r"model ?y\b",
    "SR2581": r"\bmini\b|\bcooper\b",
    "SR2585": r"\bswift\b",
    "SR2587": r"sandero",
    "SR2591": r"duster",
}

CARS = {}
for _row in csv.DictReader(open(STOCK, encoding="utf-8")):
    CARS[_row["stock_id"]] = {
        "title": f"{_row['make']} {_row['model']} {_row['variant']}", "price": int(_row["price_eur"]),
        "km": int(_row["mileage_km"]), "year": int(_row["year"]), "fuel": _row["fuel"],
        "transmission": _row["transmission"], "body_type": _row["body_type"], "color": _row["color"],
        "make": _row["make"], "model": _row["model"], "alias": ALIAS.get(_row["stock_id"], "")}
assert len(CARS) == 64, f"the sets were written for 64 stock cars, found {len(CARS)}"
assert set(CARS) == set(ALIAS), f"stock and patterns differ: {sorted(set(CARS) ^ set(ALIAS))}"
for _sid, _c in CARS.items():  # every pattern names its own car's title and no other car's title
    _hits = [o for o, oc in CARS.items() if re.search(_c["alias"], oc["title"], re.I)]
    assert _hits == [_sid], f"pattern of {_sid} /{_c['alias']}/ matches {_hits}"
PRICES = {c["price"] for c in CARS.values()}


def S(make=None, model=None, fuel=None, not_fuel=None, gearbox=None, body=None, not_body=None, price_max=None,
      price_min=None, year_min=None, km_max=None, color=None, where=None):
    """Stock ids matching every given criterion, cheapest first. fuel/body may be a tuple of allowed values."""
    def ok(v, want):
        return want is None or (v in want if isinstance(want, tuple) else v == want)
    out = [s for s, c in CARS.items()
           if ok(c["make"], make) and ok(c["model"], model) and ok(c["fuel"], fuel)
           and (not_fuel is None or c["fuel"] not in (not_fuel if isinstance(not_fuel, tuple) else (not_fuel,)))
           and ok(c["transmission"], gearbox) and ok(c["body_type"], body)
           and (not_body is None or c["body_type"] != not_body) and ok(c["color"], color)
           and (price_max is None or c["price"] <= price_max) and (price_min is None or c["price"] >= price_min)
           and (year_min is None or c["year"] >= year_min) and (km_max is None or c["km"] <= km_max)
           and (where is None or where(c))]
    assert out, "empty stock set"
    return sorted(out, key=lambda s: (CARS[s]["price"], s))


def one(**k):
    ids = S(**k)
    assert len(ids) == 1, f"{k} is not one car: {ids}"
    return ids[0]


def top(ids, key, n, reverse=False):
    """The n best of ids by key, plus any car tied with the n-th (a tie never fails a good reply)."""
    ranked = sorted(ids, key=lambda s: CARS[s][key], reverse=reverse)
    cut = CARS[ranked[min(n, len(ranked)) - 1]][key]
    return [s for s in ranked if (CARS[s][key] >= cut if reverse else CARS[s][key] <= cut)]


def best(ids, key, reverse=False):
    """The single best car of ids by key; asserts there is no tie (a superlative must have one answer)."""
    ranked = top(ids, key, 1, reverse)
    assert len(ranked) == 1, f"tie for best {key}: {ranked}"
    return ranked[0]


def num(n):
    """A number as a reply may write it: 42.300 / 42,300 / 42300 / 42 300."""
    s = str(n)
    return r"(?<![\d.,])" + (s[:-3] + r"[.,  ]?" + s[-3:] if len(s) > 3 else s) + r"(?![\d])"


def fmt(n):
    return f"{n:,}".replace(",", ".")


def km(sid): return num(CARS[sid]["km"])
def price(sid): return num(CARS[sid]["price"])
def year(sid): return r"\b%d\b" % CARS[sid]["year"]
def title(sid): return CARS[sid]["title"]
def fact(sid): return f"{price(sid)}|{km(sid)}|{year(sid)}"


def car(sid):
    """A regex naming this car: its pattern, its stock id, or its price when no other car has that price."""
    alts = [CARS[sid]["alias"], sid]
    if sum(c["price"] == CARS[sid]["price"] for c in CARS.values()) == 1:
        alts.append(price(sid))
    return "|".join(alts)


def any_car(ids):
    """A regex naming at least one of these cars."""
    return "|".join(car(s) for s in ids)


COLOUR = {"grijs": r"grijs|grijze|grey|gray|antraciet", "wit": r"\bwit\b|\bwitte\b|white", "zwart": r"zwart|black",
          "blauw": r"blauw|blue", "rood": r"\brood\b|\brode\b|\bred\b", "zilver": r"zilver|silver"}
FUEL = {"benzine": r"benzine|petrol|gasoline", "diesel": r"diesel", "hybride": r"hybride|hybrid",
        "elektrisch": r"elektrisch|electric|\bev\b", "lpg": r"lpg|autogas|gas"}
GEARBOX = {"automaat": r"\bja\b|\byes\b|automaat|automatisch|automatic",
           "handgeschakeld": r"handgeschakeld|handbak|schakel|geen automaat|\bmanual|\bnee\b|\bno\b"}


def colour(sid): return COLOUR[CARS[sid]["color"]]


def money(n):
    """A euro amount a customer types (budget, offer): it must be no stock price, or a reply echoing it would
    seem to name a car."""
    assert n not in PRICES, f"{n} is a stock price"
    return n


def not_stock(text):
    """A car the customer names that is not for sale here (their own car, a model not in stock): no stock
    pattern may match it, or a reply repeating the customer's words would seem to name a stock car."""
    hits = [s for s, c in CARS.items() if re.search(c["alias"], text, re.I)]
    assert not hits, f"{text!r} matches stock patterns {hits}"
    return text


# --- the calendar of the fixed moment ------------------------------------------------------------------------
NOW = datetime(2026, 12, 1, 8, 30)
TUE, WED, THU, FRI, SAT, SUN, MON = (f"2026-12-0{d}" for d in range(1, 8))
TUE2, WED2, THU2, FRI2, SAT2 = "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12"
HOURS = [9, 10, 11, 13, 14, 15, 16, 17]  # slot starts: open 09-18, lunch 12-13, 60-minute slots


def bookable(day, hour):
    """Is a drive starting on day (YYYY-MM-DD) at hour bookable under the defaults at the fixed moment?"""
    d = date.fromisoformat(day)
    start = datetime(d.year, d.month, d.day, hour)
    return (d.weekday() != 6 and hour in HOURS and start >= NOW + timedelta(hours=2)
            and d <= NOW.date() + timedelta(days=14))


def free(day, hour):
    assert bookable(day, hour), f"{day} {hour}:00 is not bookable"
    return {"date": day, "hour": hour}


# --- check constructors -------------------------------------------------------------------------------------
def mentions(turn, *res, why): return {"kind": "mentions", "turn": turn, "re": list(res), "why": why}
def not_mentions(turn, *res, why): return {"kind": "not_mentions", "turn": turn, "re": list(res), "why": why}
def replied(turn, why): return {"kind": "replied", "turn": turn, "why": why}
def no_fallback(turn, why): return {"kind": "no_fallback", "turn": turn, "why": why}
def handoff(turn, value, why): return {"kind": "handoff", "turn": turn, "value": value, "why": why}
def opted_out(turn, value, why): return {"kind": "opted_out", "turn": turn, "value": value, "why": why}
def language(turn, lang, why): return {"kind": "language", "turn": turn, "lang": lang, "why": why}
def only(turn, ids, why, min=1):
    return {"kind": "cars_mentioned_only", "turn": turn, "ids": sorted(ids), "min": min, "why": why}


def slots(turn, why, at=None, **k):
    """offered_slots_on; at=free(day, hour) asserts the time is bookable."""
    return {"kind": "offered_slots_on", "turn": turn, **(at or {}), **k, "why": why}


def appointment(turn, why, at=None, **k):
    """appointment; at=free(day, hour) asserts the time is bookable."""
    return {"kind": "appointment", "turn": turn, **(at or {}), **k, "why": why}


# --- topic words (dealer knowledge is checked by topic, not truth) ------------------------------------------
NOT_IN_STOCK = r"\b(geen|niet)\b|helaas|\bnot\b|\bno\b|\bnone\b|unfortunately|n't"
ALT_LABEL = (r"alternatie|vergelijkba|in de buurt|\bwel\b|\bander(e|s)?\b|misschien|soortgelijk|lijkt op|iets voor (je|u)"
             r"|interessant|kijk (eens|ook)|vergelijk|zelfde soort|instead|similar|alternative|might|other")
CANCELLED = (r"geannuleerd|annuleer|afgezegd|geschrapt|verwijderd|cancel|ingetrokken|vervalt|vervallen|staat niet meer"
             r"|afgemeld|doorgehaald|gaat niet door|komt te vervallen")
NEGOTIATE = (r"prijs|korting|onderhandel|ruimte|scherp|verkoper|collega|\bbod\b|voorstel|inruil|vraagprijs"
             r"|price|discount|negotia|offer|sales|colleague")
INVENTED_DISCOUNT = (r"\d+ ?(%|procent|percent)|(korting|eraf|er af|discount|off)[^\n.]{0,20}€ ?\d"
                     r"|€ ?\d[\d.,]*[^\n.]{0,15}(korting|eraf|er af|discount|off\b)")
OFFER_HANDLED = (r"\bbod\b|voorstel|aanbod|verkoper|collega|doorgeven|door te geven|doorgegeven|overleg|voorleggen"
                 r"|voor te leggen|offer|colleague|sales|pass (it|this) on")
BUY = (r"koop|kopen|aankoop|reserv|contract|verkoper|aanbetal|papieren|overschrijv|apart|vast ?(te )?zetten"
       r"|aflever|bestel")
BUY_EN = r"buy|purchas|reserv|contract|deposit|paperwork|sales|hold it|set it aside|deliver"
WARNING = r"geld lenen kost geld|borrowing money costs money"
FINANCE = r"financ|lening|lenen|afbetal|lease|per maand|maandbedrag|termijn|krediet|instal|monthly|loan"
TRADE_IN = r"inruil|taxat|trad(e|ing)|part[- ]?ex"
APOLOGY = r"sorry|vervelend|excuses|spijt|jammer|apolog|unfortunate"
PERSON = r"collega|medewerker|verkoper|adviseur|iemand|contact|bel|colleague|someone|call|team"
PARKING = r"parkeer|parkeren|parking|parkeerplaats"
ADDRESS = r"industrieweg|barneveld|3771"
WARRANTY = r"garantie|bovag|warrant|guarantee"
APK = r"\bapk\b|\bmot\b"
SERVICING = r"onderhoud|werkplaats|service|beurt|garage"
DELIVERY = r"bezorg|aflever|thuis|aan huis|breng|lever|transport|ophal|deliver|pick(ed)? up|collect"
EV_RANGE = (r"actieradius|bereik|range|volle accu|(op|met) (een|één) (volle )?(lading|accu)|wltp|elektrisch (rijden|bereik)"
            r"|km elektrisch|kilometers? elektrisch|full charge|miles|(?<![\d.,])\d{2,3} ?(km|kilometer)\b")
CHARGING = r"laad|laden|lader|charg|snellad|wallbox|stopcontact"
DRIVING_LICENCE = r"rijbewijs|licen[cs]e|legitimatie|identiteit|\bid\b"
DEALER_ONLY = "a simple buyer is never handed to a human (the bot would fall silent)"


def day_re(day):
    """A regex for a day as a reply may write it (weekday name in Dutch or English, or the date)."""
    d = date.fromisoformat(day)
    nl = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"][d.weekday()]
    en = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][d.weekday()]
    n = d.day
    return (rf"{nl}|{en}|\b0?{n} ?(dec|december)|december {n}\b|\b{n}(st|nd|rd|th)\b|\b0?{n}[-/]12\b"
            + (r"|morgen|tomorrow" if day == WED else "") + (r"|vandaag|today" if day == TUE else ""))


def hour_re(hour):
    """A regex for a full hour as a reply may write it (15:00, 15.00, 15 uur, 15u, 3 pm, drie uur)."""
    words = {9: "negen", 10: "tien", 11: "elf", 13: "één", 14: "twee", 15: "drie", 16: "vier", 17: "vijf"}
    h12 = hour - 12 if hour > 12 else hour
    return (rf"\b0?{hour}[:.]00|\b0?{hour} ?(uur|u)\b|\b{h12} ?(pm|am|p\.m\.|a\.m\.|o.?clock)|\b{words[hour]} uur"
            + (rf"|\b{h12}[:.]00 ?(pm|am)" if hour > 12 else ""))


# --- output ---------------------------------------------------------------------------------------------------
CHECK_FIELDS = {"mentions": {"re"}, "not_mentions": {"re"}, "replied": set(), "no_fallback": set(),
                "handoff": {"value"}, "opted_out": {"value"}, "language": {"lang"},
                "cars_mentioned_only": {"ids", "min"},
                "offered_slots_on": {"weekday", "date", "hour", "hour_min", "hour_max", "all", "or_booked"},
                "appointment": {"exists", "weekday", "date", "hour", "hour_min", "hour_max", "car", "offered_index",
                                "offer_before"}}


def validate(convs, prefix, n=40, max_turns=6):
    """The set's own consistency: ids, phones, turns, check fields, regexes, shared stock values pinned."""
    assert len(convs) == n, len(convs)
    assert len({c["id"] for c in convs}) == n and len({c["from"] for c in convs}) == n
    for c in convs:
        assert re.fullmatch(prefix + r"\d\d-[a-z0-9-]+", c["id"]), c["id"]
        assert re.fullmatch(r"\+(316\d{8}|324\d{8}|447\d{9})", c["from"]), c["from"]
        assert 2 <= len(c["turns"]) <= max_turns, (c["id"], len(c["turns"]))
        assert all(t.strip() and "\n" not in t for t in c["turns"]), c["id"]
        for k in c["checks"]:
            assert set(k) - {"kind", "turn", "why"} <= CHECK_FIELDS[k["kind"]], (c["id"], k)
            assert k["why"], (c["id"], k)
            t = k["turn"]
            assert t == "end" or 1 <= t <= len(c["turns"]), (c["id"], k)
            for x in k.get("re", []) + ([k["car"]] if "car" in k else []):
                re.compile(x)
            assert all(s in CARS for s in k.get("ids", [])), (c["id"], k)
            if k["kind"] == "appointment" and k.get("turn") == "end" and "offered_index" in k:
                assert "offer_before" in k, (c["id"], k)
            if k["kind"] in ("offered_slots_on", "appointment") and "date" in k and "hour" in k \
                    and not k.get("all") and k.get("exists", True):
                assert bookable(k["date"], k["hour"]), (c["id"], k)  # a time that must be booked is bookable
        # a km or price shared by two stock cars does not tell which car: an "only" check on the turn pins it
        for k in c["checks"]:
            for x in k.get("re", []):
                for car_ in CARS.values():
                    for field in ("km", "price"):
                        if num(car_[field]) in x and sum(o[field] == car_[field] for o in CARS.values()) > 1:
                            assert any(o["kind"] == "cars_mentioned_only" and o["turn"] == k["turn"]
                                       for o in c["checks"]), (c["id"], k["turn"], field, car_[field])


def write(here, convs, prefix, n=40, max_turns=6):
    validate(convs, prefix, n, max_turns)
    with open(os.path.join(here, "cars-dev.json"), "w", encoding="utf-8") as f:
        json.dump({s: {k: v for k, v in c.items() if k not in ("make", "model")} for s, c in sorted(CARS.items())},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(here, "conversations.jsonl"), "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    n_msg = sum(len(c["turns"]) for c in convs)
    n_chk = sum(len(c["checks"]) for c in convs)
    print(f"{len(convs)} conversations, {n_msg} messages, {n_chk} checks, {len(CARS)} cars")


# --- coverage -------------------------------------------------------------------------------------------------
CAPABILITIES = [
    "questions about a listed car / the car in focus", "superlatives over the matches", "comparison of two cars",
    "several questions in one message", "dealer knowledge: parking", "dealer knowledge: warranty/BOVAG",
    "dealer knowledge: APK", "dealer knowledge: delivery", "dealer knowledge: servicing",
    "dealer knowledge: financing + 'Geld lenen kost geld'", "dealer knowledge: trade-in process / valuation",
    "dealer knowledge: EV range / charging", "dealer knowledge: holidays",
    "honest 'not in stock' + labelled alternatives", "widening / narrowing / excluding / replacing / preferring criteria",
    "booking in few turns, slot by number/ordinal", "booking an exact free time asked for", "yes/no in context",
    "moving a booking relative to itself", "recalling the appointment", "cancelling",
    "negotiation (discount ask, an offer)", "purchase intent", "trade-in while still buying",
    "complaint / human handoff", "opt-out", "opt-out look-alikes", "no needless handoff (handoff false at the end)",
    "English", "Flemish"]


def coverage(convs, cover, extra):
    """Checks the capability table (every row of CONVERSATIONS.md at least twice) and returns it as text."""
    ids = {c["id"][:3]: c["id"] for c in convs}
    assert set(cover) == set(CAPABILITIES), sorted(set(cover) ^ set(CAPABILITIES))
    lines = []
    for cap in CAPABILITIES + list(extra):
        tags = (cover | extra)[cap].split()
        assert all(t in ids for t in tags), (cap, tags)
        assert len(set(tags)) == len(tags)
        if cap in cover:
            assert len(tags) >= 2, f"{cap}: only {tags}"
        for t in tags:  # the rows that a check kind or the phone number decides
            c = next(c for c in convs if c["id"][:3] == t)
            kinds = {(k["kind"], k["turn"], str(k.get("value", k.get("lang")))) for k in c["checks"]}
            assert cap != "no needless handoff (handoff false at the end)" or ("handoff", "end", "False") in kinds, t
            assert cap != "opt-out" or any(k[0] == "opted_out" and k[2] == "True" for k in kinds), t
            assert cap != "English" or (c["from"].startswith("+44") or "+316" in c["from"]) and \
                any(k[0] == "language" and k[2] == "en" for k in kinds), t
            assert cap != "Flemish" or c["from"].startswith("+324"), t
            assert cap != "booking an exact free time asked for" or any(
                k["kind"] in ("offered_slots_on", "appointment") and "hour" in k and "date" in k for k in c["checks"]), t
        lines.append(f"| {cap} | {len(tags)} | {' '.join(tags)} |")
    return "\n".join(lines)
