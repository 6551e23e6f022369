"""HubSpot CRM client on the official (synchronous) hubspot-api-client.

Each SDK call runs in a worker thread (at most four at once) with a per-request timeout, after
client-side pacing: at most 100 requests per rolling 10 s, and searches at most 4 per second.
Failures become `HubSpotError`. The SDK only retries failed *connects* (the request was never
sent), so a create is never sent twice by this module; the CRM actor decides on retries.
"""

from __future__ import annotations

import json
from collections import deque
from types import MappingProxyType
from typing import Any, Callable, Protocol, Sequence, TypeVar

import anyio
import urllib3
from hubspot import HubSpot
from hubspot.crm import contacts as hs_contacts
from hubspot.crm import deals as hs_deals
from hubspot.crm import properties as hs_properties

from daemon.config import HubSpotConfig
from integrations.errors import IntegrationError

T = TypeVar("T")
DEAL_TO_CONTACT = 3  # HUBSPOT_DEFINED association type id (hubspot.crm.association_type)
_API_EXCEPTIONS = (hs_contacts.ApiException, hs_deals.ApiException, hs_properties.ApiException)
# When a 429 has no Retry-After, the policy name says how long its window is.
_POLICY_WINDOW = MappingProxyType({"SECONDLY": 1.0, "TEN_SECONDLY_ROLLING": 10.0})
_CONTACT_FIELDS = ("firstname", "lastname", "phone", "mobilephone", "hs_whatsapp_phone_number", "hs_whatsapp_bsuids",
                   "lifecyclestage")


class HubSpotError(IntegrationError):
    """A failed HubSpot call (see IntegrationError)."""


class Clock(Protocol):
    def monotonic(self) -> float: ...
    async def sleep(self, seconds: float) -> None: ...


class AnyioClock:
    """The event loop's clock."""

    def monotonic(self) -> float:
        return anyio.current_time()

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)


class Pacer:
    """At most `limit` acquisitions in any window of `period` seconds.

    A token bucket whose tokens come back exactly `period` after they were spent: unlike a
    refilling bucket it never allows a burst on top of a full window, which is what HubSpot's
    rolling limits count.
    """

    def __init__(self, limit: int, period: float, clock: Clock) -> None:
        self._limit = limit
        self._period = period
        self._clock = clock
        self._spent: deque[float] = deque()
        self._lock = anyio.Lock()

    async def acquire(self) -> None:
        async with self._lock:  # FIFO: waiters are served in arrival order
            while True:
                now = self._clock.monotonic()
                while self._spent and now - self._spent[0] >= self._period:
                    self._spent.popleft()
                if len(self._spent) < self._limit:
                    self._spent.append(now)
                    return
                await self._clock.sleep(self._spent[0] + self._period - now)


def _error(what: str, exc: Exception) -> HubSpotError:
    status = int(getattr(exc, "status", 0) or 0)
    raw = getattr(exc, "body", None)
    try:
        body: Any = json.loads(raw) if raw else None
    except (TypeError, ValueError):
        body = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    headers = getattr(exc, "headers", None) or {}
    retry_after: float | None = None
    try:
        retry_after = float(headers.get("Retry-After")) if headers.get("Retry-After") else None
    except ValueError:
        pass
    if status == 429 and retry_after is None and isinstance(body, dict):
        retry_after = _POLICY_WINDOW.get(str(body.get("policyName")))
    transient = status in (0, 423, 429) or status >= 500
    return HubSpotError(f"{what} → {status}: {getattr(exc, 'reason', '')}", status=status, body=body, retry_after=retry_after, transient=transient)


class HubSpotClient:
    """Contacts and deals for the WhatsApp assistant in one HubSpot portal.

    Cancelling a call stops waiting for it; an SDK call already in its thread still completes.
    """

    def __init__(self, config: HubSpotConfig, *, clock: Clock | None = None) -> None:
        self._config = config
        clock = clock or AnyioClock()
        self._general = Pacer(100, 10.0, clock)
        self._search = Pacer(4, 1.0, clock)
        self._limiter = anyio.CapacityLimiter(4)
        # Retry only connects: nothing was sent yet, so a POST cannot be duplicated.
        retry = urllib3.Retry(total=None, connect=2, read=False, redirect=0, status=0, other=0)
        api = HubSpot(access_token=config.access_token, host=config.base_url.rstrip("/"), retry=retry)
        # Each discovery attribute access builds a new ApiClient and pool: keep one of each.
        self._contacts = api.crm.contacts.basic_api
        self._contact_search = api.crm.contacts.search_api
        self._deals = api.crm.deals.basic_api
        self._deal_search = api.crm.deals.search_api
        self._properties = api.crm.properties.core_api

    async def _call(self, what: str, call: Callable[..., T], *args: Any, search: bool = False, **kwargs: Any) -> T:
        await self._general.acquire()
        if search:
            await self._search.acquire()
        kwargs["_request_timeout"] = self._config.timeout_seconds
        try:
            return await anyio.to_thread.run_sync(lambda: call(*args, **kwargs), limiter=self._limiter)
        except _API_EXCEPTIONS as exc:
            raise _error(what, exc) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:  # timeouts, refused, reset
            raise HubSpotError(f"{what} failed: {exc!r}", transient=True) from exc

    async def ensure_properties(self) -> None:
        """Create the custom contact and deal properties this assistant writes, if missing."""
        for kind, wanted in _custom_properties().items():
            answer = await self._call(f"properties.get_all {kind}", self._properties.get_all, kind)
            existing = {p.name for p in answer.results}
            for definition in wanted:
                if definition.name in existing:
                    continue
                try:
                    await self._call(f"properties.create {definition.name}", self._properties.create, kind, property_create=definition)
                except HubSpotError as exc:
                    if exc.status != 409:  # 409: another instance created it meanwhile
                        raise

    async def find_contact(self, phone_e164: str | None, bsuids: Sequence[str] = ()) -> str | None:
        """The id of a contact whose WhatsApp number, phone or mobile phone equals `phone_e164`, or
        whose `hs_whatsapp_bsuids` (`;`-separated) holds one of `bsuids`.

        HubSpot's search index lags behind writes by a few seconds: a contact created just now
        may not be found yet, so callers serialise find-then-create per contact. HubSpot allows five
        filter groups: the phone takes three, the BSUIDs the rest (as one token of several first,
        then as the whole value).
        """
        groups = [
            hs_contacts.FilterGroup(filters=[hs_contacts.Filter(property_name=name, operator="EQ", value=phone_e164)])
            for name in ("hs_whatsapp_phone_number", "phone", "mobilephone") if phone_e164
        ] + [
            hs_contacts.FilterGroup(filters=[hs_contacts.Filter(property_name="hs_whatsapp_bsuids", operator=op, value=b)])
            for op in ("CONTAINS_TOKEN", "EQ") for b in bsuids
        ]
        groups = groups[:5]
        if not groups:
            return None
        request = hs_contacts.PublicObjectSearchRequest(filter_groups=groups, properties=list(_CONTACT_FIELDS), limit=1)
        answer = await self._call("contacts.search", self._contact_search.do_search, public_object_search_request=request, search=True)
        return answer.results[0].id if answer.results else None

    async def create_contact(self, phone_e164: str | None, name: str | None, properties: dict[str, str]) -> str:
        """Create a contact (phone and WhatsApp number set when known, name split in first/last);
        returns its id. A contact known only by BSUID gets it in `properties` (`hs_whatsapp_bsuids`)."""
        first, _, last = (name or "").strip().partition(" ")
        values = {"phone": phone_e164, "hs_whatsapp_phone_number": phone_e164} if phone_e164 else {}
        if first:
            values["firstname"] = first
        if last.strip():
            values["lastname"] = last.strip()
        values.update(properties)
        body = hs_contacts.SimplePublicObjectInputForCreate(properties=values)
        answer = await self._call("contacts.create", self._contacts.create, simple_public_object_input_for_create=body)
        return answer.id

    async def update_contact(self, contact_id: str, properties: dict[str, str]) -> None:
        """PATCH the given properties (an empty string clears a value)."""
        body = hs_contacts.SimplePublicObjectInput(properties=properties)
        await self._call("contacts.update", self._contacts.update, contact_id, simple_public_object_input=body)

    async def find_deal(self, booking_id: str) -> str | None:
        """The id of the deal created for `booking_id`, or None (subject to the search lag)."""
        group = hs_deals.FilterGroup(filters=[hs_deals.Filter(property_name="seldenrijk_booking_id", operator="EQ", value=booking_id)])
        request = hs_deals.PublicObjectSearchRequest(filter_groups=[group], properties=["dealname", "dealstage", "seldenrijk_booking_id"], limit=1)
        answer = await self._call("deals.search", self._deal_search.do_search, public_object_search_request=request, search=True)
        return answer.results[0].id if answer.results else None

    async def create_deal(self, contact_id: str, *, name: str, booking_id: str, pipeline: str, stage: str, amount: int | None = None) -> str:
        """Create a deal associated with the contact (type 3, deal→contact); returns its id."""
        values = {"dealname": name, "pipeline": pipeline, "dealstage": stage, "seldenrijk_booking_id": booking_id}
        if amount is not None:
            values["amount"] = str(amount)
        association = hs_deals.PublicAssociationsForObject(
            to=hs_deals.PublicObjectId(id=contact_id),
            types=[hs_deals.AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=DEAL_TO_CONTACT)],
        )
        body = hs_deals.SimplePublicObjectInputForCreate(properties=values, associations=[association])
        answer = await self._call("deals.create", self._deals.create, simple_public_object_input_for_create=body)
        return answer.id

    def contact_url(self, contact_id: str) -> str | None:
        """Link to the contact in HubSpot's UI, when `portal_id` is configured."""
        if not self._config.portal_id:
            return None
        return f"https://app.hubspot.com/contacts/{self._config.portal_id}/contact/{contact_id}"

    async def aclose(self) -> None:
        for api in (self._contacts, self._contact_search, self._deals, self._deal_search, self._properties):
            api.api_client.rest_client.pool_manager.clear()


def _custom_properties() -> dict[str, list[hs_properties.PropertyCreate]]:
    """The properties HubSpot lacks by default (writing an unknown one fails the whole request)."""

    def prop(name: str, label: str, type_: str, field_type: str, group: str, options: tuple[str, ...] = ()) -> hs_properties.PropertyCreate:
        choices = [hs_properties.OptionInput(label=v, value=v, display_order=i, hidden=False) for i, v in enumerate(options)]
        return hs_properties.PropertyCreate(name=name, label=label, type=type_, field_type=field_type, group_name=group, options=choices or None)

    return {
        "contacts": [
            prop("lead_score", "Lead score", "number", "number", "contactinformation"),
            prop("lead_status", "Lead status", "enumeration", "select", "contactinformation", ("HOT", "WARM", "COLD")),
            prop("lead_reasons", "Lead reasons", "string", "textarea", "contactinformation"),
            prop("whatsapp_id", "WhatsApp ID", "string", "text", "contactinformation"),
        ],
        "deals": [prop("seldenrijk_booking_id", "Seldenrijk booking id", "string", "text", "dealinformation")],
    }
