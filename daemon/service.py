"""`seldenrijk run`: the daemon's life from config to exit code.

Readiness is a handshake: store opened and actors started (`open_runtime`) → socket
bound → Hypercorn serving → only then READY=1. SIGHUP reloads; SIGTERM/SIGINT stop
intake, drain (up to `server.drain_seconds`) and exit 0. An actor that crashes too
often escalates: the daemon reports not-ready, stops, and exits 1 for systemd. A store that
cannot be opened exits 2 when the configuration is at fault (missing directory, permissions, a
file that is not a database) and 1 when the disk is (read-only, full, I/O errors): systemd's
unit does not restart the first, and does restart the second.
"""

from __future__ import annotations

import os
import signal

import anyio
from anyio.abc import TaskStatus

from actors.supervisor import Escalation
from daemon.config import Config, ConfigError, load
from daemon.ingress import create_app
from daemon.logs import LogSettings, get_logger
from daemon.runtime import Runtime, open_runtime
from daemon.sdnotify import Notifier
from daemon.server import ConnectionGate, HttpLimits, bind_socket, serve_http
from integrations.store import StoreError, StoreUnavailable

log = get_logger(component="daemon")


async def reload_config(rt: Runtime, path: str | None) -> bool:
    """Build and validate the new file; apply it whole, or keep the old one and say why."""
    rt.notifier.notify("RELOADING=1", f"MONOTONIC_USEC={int(anyio.current_time() * 1e6)}")
    try:
        try:
            new = load(path)
        except ConfigError as exc:
            rt.metrics.inc("seldenrijk_config_reloads_total", result="rejected")
            log.error("config_reload_rejected", key=exc.key, reason=exc.reason, kept="previous config")
            return False
        change = await rt.apply_config(new)
        rt.metrics.inc("seldenrijk_config_reloads_total", result="applied")
        log.info("config_reloaded", changed=list(change.changed), needs_restart=list(change.needs_restart))
        return True
    finally:
        rt.notifier.notify("READY=1", "STATUS=serving")


async def _signals(rt: Runtime, path: str | None) -> None:
    with anyio.open_signal_receiver(signal.SIGHUP, signal.SIGTERM, signal.SIGINT) as signals:
        async for signum in signals:
            if signum == signal.SIGHUP:
                await reload_config(rt, path)
            else:
                log.info("shutdown_requested", signal=signal.Signals(signum).name)
                rt.stop_event.set()
                return


async def _watchdog(rt: Runtime, interval: float) -> None:
    """WATCHDOG=1 only while the loop turns and the store answers: a wedged daemon gets restarted."""
    while True:
        with anyio.move_on_after(interval):
            await rt.store.main.fetchone("SELECT 1")
            rt.notifier.notify("WATCHDOG=1")
        await anyio.sleep(interval)


async def run_daemon(config: Config, config_path: str | None, log_settings: LogSettings,
                     notifier: Notifier | None = None) -> int:
    notifier = notifier or Notifier()
    try:
        sock = bind_socket(config.server.host, config.server.port)
    except OSError as exc:
        log.error("bind_failed", host=config.server.host, port=config.server.port, error=exc.strerror)
        return 2
    try:
        async with open_runtime(config, log_settings=log_settings, notifier=notifier) as rt:
            app = create_app(rt)
            async with anyio.create_task_group() as tg:
                tg.start_soon(_signals, rt, config_path)
                served = anyio.Event()

                async def http(task_status: TaskStatus[ConnectionGate] = anyio.TASK_STATUS_IGNORED) -> None:
                    try:
                        server = config.server
                        limits = HttpLimits(server.max_connections, server.keep_alive_seconds,
                                            server.read_timeout_seconds)
                        await serve_http(app, sock, rt.stop_event.wait, limits=limits,
                                         graceful_timeout=server.drain_seconds, task_status=task_status)
                    finally:
                        served.set()

                gate = await tg.start(http)
                rt.metrics.gauge("seldenrijk_http_connections_open", lambda: gate.open)
                rt.metrics.gauge("seldenrijk_http_connections_refused", lambda: gate.refused)
                host, port = sock.getsockname()[:2]
                transport = rt.transport()
                log.info("daemon_ready", host=host, port=port, provider=config.whatsapp.provider,
                         transport=transport.name if transport is not None else "local",
                         redis=bool(config.redis.url))
                notifier.notify("READY=1", "STATUS=serving", f"MAINPID={os.getpid()}")
                interval = notifier.watchdog_interval()
                if interval and config.server.watchdog:
                    tg.start_soon(_watchdog, rt, interval)
                await rt.stop_event.wait()
                notifier.notify("STOPPING=1")
                log.info("daemon_stopping", drain_s=config.server.drain_seconds)
                rt.draining = True
                # Hypercorn saw the same event: it stops accepting and finishes in-flight requests.
                with anyio.move_on_after(config.server.drain_seconds + 1):
                    await served.wait()
                tg.cancel_scope.cancel()
            # Leaving open_runtime lets conversation actors finish the message in hand (drain).
    except StoreUnavailable as exc:
        # Transient (disk full, read-only remount, I/O error): exit 1, so systemd tries again.
        log.error("store_unavailable", reason=str(exc), transient=True)
        notifier.notify("STATUS=store unavailable")
        return 1
    except StoreError as exc:
        log.error("store_unusable", reason=str(exc), transient=False)
        return 2
    except BaseExceptionGroup as group:
        escalated = group.subgroup(lambda e: isinstance(e, Escalation))
        if escalated is None:
            raise
        notifier.notify("STOPPING=1", "STATUS=actor escalated")
        log.error("daemon_escalated", error=str(escalated.exceptions[0]))
        return 1
    finally:
        sock.close()
        notifier.close()
    log.info("daemon_stopped")
    return 0
