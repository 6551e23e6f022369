"""The `seldenrijk` command line (DESIGN §5).

Exit codes: 0 success; 1 the command failed (bad stock file, integration error; for `eval`: a
conversation failed its checks); 2 bad configuration or usage (with one line on stderr naming the key;
for `eval` also an unreadable conversations file).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import Iterator, Sequence, TextIO

import anyio

from daemon.config import Config, ConfigError, load
from daemon.logs import LogSettings, configure


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="seldenrijk", description="WhatsApp sales assistant of Seldenrijk Auto")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the daemon")
    run.add_argument("--config", help="config file (default ./seldenrijk.toml or $SELDENRIJK_CONFIG)")

    check = sub.add_parser("check-config", help="validate the configuration")
    check.add_argument("--config")

    sub.add_parser("nlu", help="understand one customer message per stdin line; print JSON lines")

    chat = sub.add_parser("chat", help="talk to the assistant through the whole pipeline")
    chat.add_argument("--config")
    chat.add_argument("--from", dest="phone", default="+31600000001", help="customer number, E.164")
    chat.add_argument("--name", default="", help="customer's WhatsApp profile name")
    chat.add_argument("--json", action="store_true", help="one JSON line per customer message")
    chat.add_argument("--details", action="store_true",
                      help="on a terminal: intent, lead status and offered slots in a dim line under each reply")
    chat.add_argument("--verbose", action="store_true",
                      help="on a terminal: show the log lines too (they go to a file otherwise)")

    evaluate = sub.add_parser("eval", help="run scripted conversations through the whole pipeline and judge them")
    evaluate.add_argument("file", help="conversations, one JSON object per line")
    evaluate.add_argument("--config")
    evaluate.add_argument("--json", action="store_true", help="one JSON line per conversation, then a summary line")

    migrate = sub.add_parser("migrate-waha", help="move WAHA-era data to the Twilio form")
    migrate.add_argument("--config")
    migrate.add_argument("--dry-run", action="store_true")

    move = sub.add_parser("migrate-store", help="copy a SQLite store into an empty PostgreSQL database")
    move.add_argument("--from", dest="source", required=True, help="sqlite:PATH of the store file")
    move.add_argument("--to", dest="target", required=True,
                      help="postgresql:// URL (a password may also come from PGPASSWORD)")
    move.add_argument("--config")

    stock = sub.add_parser("stock", help="manage the dealer's stock")
    stock_sub = stock.add_subparsers(dest="stock_command", required=True)
    imp = stock_sub.add_parser("import", help="replace the stock with a CSV file")
    imp.add_argument("file")
    imp.add_argument("--config")
    return parser


def _config(path: str | None) -> Config:
    try:
        return load(path)
    except ConfigError as exc:
        print(f"config error: {exc.key}: {exc.reason}", file=sys.stderr)
        raise SystemExit(2) from None


def _check_store_path(config: Config) -> str | None:
    import os
    from pathlib import Path

    if config.store.url:
        return None  # PostgreSQL: reachable or not, that is for the daemon to find out (exit 1, retried)
    file = Path(config.store.path)
    directory = file.parent if str(file.parent) else Path(".")
    if not directory.is_dir():
        return f"directory {directory} does not exist"
    if os.statvfs(directory).f_flag & os.ST_RDONLY:
        # The disk, not the configuration: say so, but let the daemon start (and exit 1, so that
        # systemd retries) rather than fail the unit as if the config were wrong.
        print(f"warning: store.path: the file system of {directory} is read-only right now", file=sys.stderr)
        return None
    if file.exists() and not os.access(file, os.W_OK):
        return f"{file} is not writable"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"directory {directory} is not writable"
    return None


@contextmanager
def _stderr() -> Iterator[TextIO]:
    yield sys.stderr


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command

    if command == "nlu":
        from daemon.commands import run_nlu

        return run_nlu(sys.stdin, sys.stdout)

    config = _config(getattr(args, "config", None))
    settings = LogSettings(config.logging.level, config.secret_values())

    if command == "check-config":
        problem = _check_store_path(config)
        if problem:
            print(f"config error: store.path: {problem}", file=sys.stderr)
            return 2
        print("config ok")
        return 0

    if command == "run":
        from daemon.service import run_daemon

        configure(settings, config.logging.format)
        return anyio.run(run_daemon, config, getattr(args, "config", None), settings)

    if command == "chat":
        from daemon.chat import chat_log_path, run_chat

        # On a terminal the conversation is what shows: log lines go to a file unless --verbose.
        interactive = sys.stdin.isatty() and not args.json
        log_path = chat_log_path(config) if interactive and not args.verbose else None
        with open(log_path, "a", encoding="utf-8") if log_path else _stderr() as stream:
            configure(settings, config.logging.format, stream=stream)
            return anyio.run(run_chat, config, args.phone, args.name, args.json, args.details, log_path)

    # Batch commands keep stdout for their own output; logs go to stderr.
    if command == "eval":
        from daemon.eval_run import run as run_eval

        # Dozens of conversations, each with its staff alerts: only errors on stderr; the summary
        # counts the model's fallbacks.
        quiet = LogSettings("error", config.secret_values())
        configure(quiet, config.logging.format, stream=sys.stderr)
        return run_eval(config, args.file, args.json)
    configure(settings, config.logging.format, stream=sys.stderr)
    if command == "migrate-waha":
        from daemon.migrate import run_migrate

        return anyio.run(run_migrate, config, args.dry_run)
    if command == "migrate-store":
        from daemon.migrate_store import run_migrate_store

        return anyio.run(run_migrate_store, args.source, args.target)
    if command == "stock":
        from daemon.commands import run_stock_import

        return anyio.run(run_stock_import, config, args.file)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
