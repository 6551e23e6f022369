"""The daemon's metrics, exposed with `prometheus-client` (text format 0.0.4 at GET /metrics).

Counters and the handling-time histogram live in one registry per runtime (never the library's
global one, so two runtimes in one process — tests — do not mix). Gauges are read at scrape
time from callbacks, some of which ask the store, so `render()` is async: it reads them first,
then the registry writes the text.
"""

from __future__ import annotations

from typing import Awaitable, Callable, Iterator

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

# `*_created` series double every counter for no use here; this is the library's own switch.
prometheus_client.disable_created_metrics()  # type: ignore[no-untyped-call]

_HELP = {
    "seldenrijk_webhooks_total": "Webhooks received, by endpoint and outcome.",
    "seldenrijk_messages_handled_total": "Inbound messages handled by conversation actors, by outcome.",
    "seldenrijk_replies_sent_total": "Outbound messages accepted by the provider.",
    "seldenrijk_send_failures_total": "Send attempts that failed, by kind (rate_limited, transient, permanent).",
    "seldenrijk_send_retries_total": "Sends deferred for a short backoff (provider briefly down).",
    "seldenrijk_send_alerts_total": "Sends deferred to the five-minute retry path (a long outage).",
    "seldenrijk_actor_restarts_total": "Supervised actor restarts, by actor.",
    "seldenrijk_integration_errors_total": "Errors from HubSpot, Google Calendar and Chatwoot, by service and kind.",
    "seldenrijk_handoffs_total": "Conversations handed to a human.",
    "seldenrijk_config_reloads_total": "Config reloads, by result.",
    "seldenrijk_sweep_wakeups_total": "Conversations with waiting inbox rows woken by the sweep.",
    "seldenrijk_dialogue_calendar_late_total": "Test-drive requests told the free times would follow: the calendar was"
                                               " slower than google_calendar.answer_within_seconds.",
    "seldenrijk_active_conversations": "Conversation actors alive now.",
    "seldenrijk_inbox_pending": "Inbound messages not yet handled.",
    "seldenrijk_outbox_open": "Outbound messages queued or sending.",
    "seldenrijk_http_connections_open": "HTTP connections open now.",
    "seldenrijk_http_connections_refused": "HTTP connections refused (503) because too many were open.",
    "seldenrijk_handle_seconds": "Seconds spent handling one inbound message.",
    "seldenrijk_llm_calls_total": "Messages sent to the configured language model, by outcome (ok, fallback).",
    "seldenrijk_llm_fallbacks_total": "Messages the rule reader read because the model failed, by reason.",
    "seldenrijk_llm_seconds": "Seconds one model reading took (answered calls).",
    "seldenrijk_llm_tokens_total": "Tokens the model reported, by kind (prompt, completion).",
    "seldenrijk_llm_writer_total": "Replies the model phrased (mode read+write), by outcome (accepted, rejected).",
    "seldenrijk_llm_writer_rejections_total": "Phrased replies replaced by the phrasebook reply, by reason.",
}
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
Reader = Callable[[], "Awaitable[float] | float"]


class _Gauges(Collector):
    """Yields the gauge values read by the last `render()`."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def collect(self) -> Iterator[Metric]:
        for name, value in sorted(self.values.items()):
            yield GaugeMetricFamily(name, _HELP.get(name, name), value=value)


class Metrics:
    """`inc` and `observe` by name (a metric's label names are fixed by its first use), `gauge` to
    register a reader, `value` to read a counter back (tests, the chat command), `render` for GET
    /metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._counters: dict[str, Counter] = {}
        self._histograms: dict[str, Histogram] = {}
        self._readers: dict[str, Reader] = {}
        self._gauges = _Gauges()
        self.registry.register(self._gauges)

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        counter = self._counters.get(name)
        if counter is None:
            counter = Counter(name, _HELP.get(name, name), sorted(labels), registry=self.registry)
            self._counters[name] = counter
        (counter.labels(**labels) if labels else counter).inc(amount)

    def observe(self, name: str, seconds: float) -> None:
        histogram = self._histograms.get(name)
        if histogram is None:
            histogram = Histogram(name, _HELP.get(name, name), buckets=_BUCKETS, registry=self.registry)
            self._histograms[name] = histogram
        histogram.observe(seconds)

    def value(self, name: str, **labels: str) -> float:
        return self.registry.get_sample_value(name, labels) or 0.0

    def gauge(self, name: str, read: Reader) -> None:
        self._readers[name] = read

    async def render(self) -> str:
        values: dict[str, float] = {}
        for name, read in self._readers.items():
            value = read()
            values[name] = float(value if isinstance(value, (int, float)) else await value)
        self._gauges.values = values
        return generate_latest(self.registry).decode("utf-8")
