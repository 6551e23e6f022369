"""Fake HubSpot CRM v3: contacts, deals, properties, pipelines, with HubSpot's error bodies.

Bearer-token auth; search is OR over filterGroups (at most 5, as HubSpot allows), AND inside a
group (EQ, NEQ, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN over `;`-separated values) and,
like HubSpot's search index, only sees objects `lag_seconds` after they were created. Writing a
property that is not defined is a 400 VALIDATION_ERROR with PROPERTY_DOESNT_EXIST, as HubSpot does. Contacts are updated with PATCH (PUT is 405).
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timezone
from typing import Any

from tests.fakes.http import FakeServer, Recorded, Response

_STAGES = ("appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost")
_DEFAULT_PROPERTIES = {
    "contacts": ("firstname", "lastname", "email", "phone", "mobilephone", "hs_whatsapp_phone_number", "hs_whatsapp_bsuids",
                 "lifecyclestage", "hubspotscore", "company", "city", "hs_object_id", "createdate", "lastmodifieddate"),
    "deals": ("dealname", "dealstage", "pipeline", "amount", "closedate", "description", "hs_object_id", "createdate", "hs_lastmodifieddate"),
}
_RETURNED_BY_DEFAULT = {
    "contacts": ("firstname", "lastname", "email", "createdate", "lastmodifieddate", "hs_object_id"),
    "deals": ("dealname", "dealstage", "pipeline", "amount", "closedate", "createdate", "hs_lastmodifieddate", "hs_object_id"),
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def hubspot_error(status: int, category: str, message: str, **extra: Any) -> Response:
    return Response(status, json={"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category, **extra})


def rate_limited(policy: str = "TEN_SECONDLY_ROLLING", retry_after: int | None = None) -> Response:
    """HubSpot's 429; search endpoints say "secondly" instead of "ten_secondly_rolling"."""
    message = "You have reached your secondly limit." if policy == "SECONDLY" else f"You have reached your {policy.lower()} limit."
    body = {"status": "error", "message": message, "errorType": "RATE_LIMIT", "correlationId": str(uuid.uuid4()), "policyName": policy}
    return Response(429, json=body, headers={"Retry-After": str(retry_after)} if retry_after is not None else {})


def _property_def(name: str, **spec: Any) -> dict[str, Any]:
    now = _now()
    return {
        "name": name,
        "label": spec.get("label", name),
        "type": spec.get("type", "string"),
        "fieldType": spec.get("fieldType", "text"),
        "description": spec.get("description", ""),
        "groupName": spec.get("groupName", "contactinformation"),
        "options": spec.get("options", []),
        "displayOrder": spec.get("displayOrder", -1),
        "calculated": False,
        "externalOptions": False,
        "hasUniqueValue": spec.get("hasUniqueValue", False),
        "hidden": False,
        "formField": spec.get("formField", False),
        "createdAt": now,
        "updatedAt": now,
        "modificationMetadata": {"archivable": True, "readOnlyDefinition": False, "readOnlyValue": False},
    }


class FakeHubSpot(FakeServer):
    """State: `contacts` / `deals` (id → object), `associations` (deal_id, contact_id, type id)."""

    def __init__(self, access_token: str = "pat-eu1-test", *, lag_seconds: float = 0.0) -> None:
        self.access_token = access_token
        self.lag_seconds = lag_seconds
        self._objects: dict[str, dict[str, dict[str, Any]]] = {"contacts": {}, "deals": {}}
        self._visible_at: dict[str, float] = {}
        self._associations: list[tuple[str, str, int]] = []
        self._properties = {t: {n: _property_def(n) for n in names} for t, names in _DEFAULT_PROPERTIES.items()}
        self._ids = iter(range(101, 10_000_000))
        super().__init__()

    def routes(self):
        obj = r"/crm/v3/objects/(?P<kind>contacts|deals)"
        props = r"/crm/v3/properties/(?P<kind>contacts|deals)"
        return [
            ("POST", obj + r"/search", self._search),
            ("POST", obj, self._create),
            ("GET", obj + r"/(?P<oid>\d+)", self._get),
            ("PATCH", obj + r"/(?P<oid>\d+)", self._patch),
            ("DELETE", obj + r"/(?P<oid>\d+)", self._delete),
            ("GET", props, self._list_properties),
            ("POST", props, self._create_property),
            ("GET", props + r"/(?P<name>[^/]+)", self._get_property),
            ("GET", r"/crm/v3/pipelines/deals", self._pipelines),
        ]

    def not_found(self, request: Recorded) -> Response:
        return hubspot_error(404, "OBJECT_NOT_FOUND", "resource not found")

    def method_not_allowed(self, request: Recorded) -> Response:
        return hubspot_error(405, "METHOD_NOT_ALLOWED", f"HTTP {request.method} is not supported by this resource")

    @property
    def contacts(self) -> dict[str, dict[str, Any]]:
        with self.lock:
            return json.loads(json.dumps(self._objects["contacts"]))

    @property
    def deals(self) -> dict[str, dict[str, Any]]:
        with self.lock:
            return json.loads(json.dumps(self._objects["deals"]))

    @property
    def associations(self) -> list[tuple[str, str, int]]:
        with self.lock:
            return list(self._associations)

    def property_names(self, kind: str) -> set[str]:
        with self.lock:
            return set(self._properties[kind])

    def _route(self, request: Recorded) -> Response:
        if request.header("authorization") != f"Bearer {self.access_token}":
            return hubspot_error(
                401,
                "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more "
                "details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            )
        return super()._route(request)

    # -- objects -------------------------------------------------------------------------------
    def _invalid_properties(self, kind: str, properties: dict[str, Any]) -> Response | None:
        errors = []
        for name, value in properties.items():
            definition = self._properties[kind].get(name)
            if definition is None:
                text = f'Property "{name}" does not exist'
                errors.append({"isValid": False, "message": text, "error": "PROPERTY_DOESNT_EXIST", "name": name, "localizedErrorMessage": text})
            elif definition["type"] == "enumeration" and value not in ("", *(o["value"] for o in definition["options"])):
                text = f"{value} was not one of the allowed options"
                errors.append({"isValid": False, "message": text, "error": "INVALID_OPTION", "name": name, "localizedErrorMessage": text})
        if not errors:
            return None
        return hubspot_error(400, "VALIDATION_ERROR", f"Property values were not valid: {json.dumps(errors)}")

    def _shape(self, kind: str, obj: dict[str, Any], wanted: list[str] | None = None) -> dict[str, Any]:
        names = set(_RETURNED_BY_DEFAULT[kind]) | set(wanted or [])
        props = {n: obj["properties"].get(n) for n in names if n in self._properties[kind]}
        return {"id": obj["id"], "properties": props, "createdAt": obj["createdAt"], "updatedAt": obj["updatedAt"], "archived": False}

    def _create(self, request: Recorded, kind: str) -> Response:
        data = request.json() or {}
        properties = {k: (v if v is None else str(v)) for k, v in (data.get("properties") or {}).items()}
        if (invalid := self._invalid_properties(kind, properties)) is not None:
            return invalid
        oid = str(next(self._ids))
        now = _now()
        for assoc in data.get("associations") or []:
            target = assoc.get("to", {}).get("id")
            if target not in self._objects["contacts"]:
                return hubspot_error(400, "VALIDATION_ERROR", f"No contact with ID {target} exists")
            for spec in assoc.get("types") or []:
                self._associations.append((oid, target, int(spec["associationTypeId"])))
        properties.update(hs_object_id=oid, createdate=now, **({"lastmodifieddate": now} if kind == "contacts" else {"hs_lastmodifieddate": now}))
        obj = {"id": oid, "properties": properties, "createdAt": now, "updatedAt": now}
        self._objects[kind][oid] = obj
        self._visible_at[oid] = time.monotonic() + self.lag_seconds
        return Response(201, json=self._shape(kind, obj, list(properties)))

    def _get(self, request: Recorded, kind: str, oid: str) -> Response:
        obj = self._objects[kind].get(oid)
        if obj is None:
            return self.not_found(request)
        wanted = [p for v in request.query.get("properties", []) for p in v.split(",")]
        return Response(200, json=self._shape(kind, obj, wanted))

    def _patch(self, request: Recorded, kind: str, oid: str) -> Response:
        obj = self._objects[kind].get(oid)
        if obj is None:
            return self.not_found(request)
        properties = {k: (v if v is None else str(v)) for k, v in ((request.json() or {}).get("properties") or {}).items()}
        if (invalid := self._invalid_properties(kind, properties)) is not None:
            return invalid
        obj["properties"].update(properties)
        obj["updatedAt"] = _now()
        return Response(200, json=self._shape(kind, obj, list(properties)))

    def _delete(self, request: Recorded, kind: str, oid: str) -> Response:
        self._objects[kind].pop(oid, None)
        return Response(204)

    def _search(self, request: Recorded, kind: str) -> Response:
        data = request.json() or {}
        groups = data.get("filterGroups") or []
        limit = int(data.get("limit") or 10)
        if len(groups) > 5:
            return hubspot_error(400, "VALIDATION_ERROR", "There can be at most 5 filterGroups")
        if not 0 < limit <= 200:
            return hubspot_error(400, "VALIDATION_ERROR", "limit must be between 1 and 200")
        now = time.monotonic()
        hits = [
            obj
            for oid, obj in sorted(self._objects[kind].items(), key=lambda kv: int(kv[0]))
            if self._visible_at[oid] <= now and (not groups or any(all(self._matches(obj, f) for f in g.get("filters", [])) for g in groups))
        ]
        after = int(data.get("after") or 0)
        page = hits[after : after + limit]
        body: dict[str, Any] = {"total": len(hits), "results": [self._shape(kind, o, data.get("properties")) for o in page]}
        if after + limit < len(hits):
            body["paging"] = {"next": {"after": str(after + limit)}}
        return Response(200, json=body)

    @staticmethod
    def _matches(obj: dict[str, Any], flt: dict[str, Any]) -> bool:
        # Unknown properties simply match nothing here (HubSpot's exact answer is not modelled).
        value = obj["properties"].get(flt.get("propertyName"))
        operator = flt.get("operator")
        if operator == "HAS_PROPERTY":
            return value not in (None, "")
        if operator == "NOT_HAS_PROPERTY":
            return value in (None, "")
        if operator in ("EQ", "NEQ"):
            equal = value is not None and value.lower() == str(flt.get("value", "")).lower()
            return equal if operator == "EQ" else not equal
        if operator == "CONTAINS_TOKEN":
            wanted = str(flt.get("value", "")).lower()
            return value is not None and wanted in (t.strip().lower() for t in value.split(";"))
        return False

    # -- properties and pipelines ---------------------------------------------------------------
    def _list_properties(self, request: Recorded, kind: str) -> Response:
        return Response(200, json={"results": list(self._properties[kind].values())})

    def _get_property(self, request: Recorded, kind: str, name: str) -> Response:
        definition = self._properties[kind].get(name)
        if definition is None:
            return hubspot_error(404, "OBJECT_NOT_FOUND", f"property {name} does not exist")
        return Response(200, json=definition)

    def _create_property(self, request: Recorded, kind: str) -> Response:
        data = request.json() or {}
        missing = [k for k in ("name", "label", "type", "fieldType", "groupName") if not data.get(k)]
        if missing:
            return hubspot_error(400, "VALIDATION_ERROR", f"Missing required fields: {', '.join(missing)}")
        if data["name"] in self._properties[kind]:
            return hubspot_error(409, "OBJECT_ALREADY_EXISTS", f"Property named '{data['name']}' already exists.")
        if data["type"] == "enumeration" and not data.get("options"):
            return hubspot_error(400, "VALIDATION_ERROR", "enumeration properties need options")
        definition = _property_def(**data)
        self._properties[kind][data["name"]] = definition
        return Response(201, json=definition)

    def _pipelines(self, request: Recorded) -> Response:
        now = _now()
        stages = [
            {
                "id": stage,
                "label": stage,
                "displayOrder": i,
                "metadata": {"isClosed": str(stage.startswith("closed")).lower(), "probability": "1.0" if stage == "closedwon" else "0.2"},
                "createdAt": now,
                "updatedAt": now,
                "archived": False,
                "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT",
            }
            for i, stage in enumerate(_STAGES)
        ]
        pipeline = {"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "stages": stages, "createdAt": now,
                    "updatedAt": now, "archived": False}
        return Response(200, json={"results": [pipeline]})
