"""Whether the store can write, as readiness and the sweep need to know (DESIGN §3).

A full disk, a read-only remount, running out of descriptors or an I/O error make writes fail
while reads still work, so `SELECT 1` says nothing. Every failed write marks the store unwritable;
only a probe that really writes (`Db.probe_write`, run by the sweep) marks it writable again, so
a small write that happens to fit in already allocated pages does not declare a full disk healthy.
"""

from __future__ import annotations

import errno
import sqlite3

import psycopg

# Errors of the machine, not of the statement: waiting (and retrying later) can help.
_TRANSIENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EMFILE, errno.ENFILE,
                               errno.ENOMEM, errno.EAGAIN})


def is_store_failure(exc: BaseException) -> bool:
    """True for the store being unable to work right now (disk full, locked, read-only, I/O error,
    out of descriptors), as opposed to a bug in a statement or in the code around it."""
    if isinstance(exc, sqlite3.OperationalError):
        return True
    if isinstance(exc, psycopg.OperationalError):
        # A lost connection, a server shutting down, a full disk, an exhausted pool — but not a
        # deadlock or serialization conflict, which is about the statement and is simply retried.
        return not isinstance(exc, psycopg.errors.TransactionRollback)
    return isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS


class StoreHealth:
    """`writable` and the reason when it is not; flipped by `Db` and by the sweep's probe."""

    def __init__(self) -> None:
        self.writable = True
        self.reason = ""
        self.failures = 0

    def failed(self, exc: BaseException) -> None:
        self.writable = False
        self.reason = str(exc) or type(exc).__name__
        self.failures += 1

    def recovered(self) -> None:
        self.writable = True
        self.reason = ""
