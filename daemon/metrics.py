"""A small Prometheus registry: counters, gauges and histograms-as-summaries, text format 0.0.4."""

from __future__ import annotations

from collections import defaultdict
from typing import Awaitable, Callable

_HELP = {
    "seldenrijk_webhooks_total": "Webhooks received, by endpoint and outcome.",
    "seldenrijk_messages_handled_total": "Inbound messages handled by conversation actors, by outcome.",
    "seldenrijk_replies_sent_total": "Outbound messages accepted by the provider.",
    "seldenrijk_send_failures_total": "Send attempts that failed, by kind (rate_limited, transient, permanent).",
    "seldenrijk_send_alerts_total": "Sends deferred to the five-minute retry path (provider down).",
    "seldenrijk_actor_restarts_total": "Supervised actor restarts, by actor.",
    "seldenrijk_integration_errors_total": "Errors from HubSpot, Google Calendar and Chatwoot, by service and kind.",
    "seldenrijk_handoffs_total": "Conversations handed to a human.",
    "seldenrijk_config_reloads_total": "Config reloads, by result.",
    "seldenrijk_active_conversations": "Conversation actors alive now.",
    "seldenrijk_inbox_pending": "Inbound messages not yet handled.",
    "seldenrijk_outbox_open": "Outbound messages queued or sending.",
    "seldenrijk_handle_seconds_sum": "Total seconds spent handling inbound messages.",
    "seldenrijk_handle_seconds_count": "Inbound messages timed.",
}


def _escape(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items())) + "}"


def _number(value: float) -> str:
    """Exact: integral values as integers, others with full precision (not `:g`'s six digits)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Metrics:
    """Counters live here; gauges are read at scrape time from callbacks (the store, the registry)."""

    def __init__(self) -> None:
        self._values: dict[str, dict[tuple[tuple[str, str], ...], float]] = defaultdict(dict)
        self._gauges: dict[str, Callable[[], Awaitable[float] | float]] = {}

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        series = self._values[name]
        series[key] = series.get(key, 0.0) + amount

    def observe(self, name: str, seconds: float) -> None:
        self.inc(f"{name}_sum", seconds)
        self.inc(f"{name}_count")

    def value(self, name: str, **labels: str) -> float:
        return self._values.get(name, {}).get(tuple(sorted(labels.items())), 0.0)

    def gauge(self, name: str, read: Callable[[], Awaitable[float] | float]) -> None:
        self._gauges[name] = read

    async def render(self) -> str:
        lines: list[str] = []
        for name in sorted(self._values):
            kind = "counter" if name.endswith("_total") or name.endswith(("_sum", "_count")) else "gauge"
            lines.append(f"# HELP {name} {_HELP.get(name, name)}")
            lines.append(f"# TYPE {name} {kind}")
            for key, value in sorted(self._values[name].items()):
                lines.append(f"{name}{_labels(dict(key))} {_number(value)}")
        for name, read in sorted(self._gauges.items()):
            value = read()
            if not isinstance(value, (int, float)):
                value = await value
            lines.append(f"# HELP {name} {_HELP.get(name, name)}")
            lines.append(f"# TYPE {name} gauge")
            lines.append(f"{name} {_number(value)}")
        return "\n".join(lines) + "\n"
