"""Reaching a department library: URLs, messages that never show a password, the pool.

A URL's password is replaced by ``***`` in everything a user sees; libpq's own words
say why a connection failed (refused, timed out, password rejected, no such database).
"""

from __future__ import annotations

import psycopg
from psycopg_pool import ConnectionPool

from desktop.core.errors import StoreError
from desktop.core.store.urls import SCHEMES as SCHEMES
from desktop.core.store.urls import is_url as is_url
from desktop.core.store.urls import redact, scrub

#: Seconds to wait for a server that does not answer.
CONNECT_TIMEOUT = 10
POOL_SIZE = 4


def failure(url: str, e: BaseException, doing: str) -> StoreError:
    """A ``StoreError`` naming the library (without password) and libpq's reason."""
    reason = scrub(str(e), url) or type(e).__name__
    return StoreError(f"{redact(url)}: {doing}: {reason}")


def connect(url: str, timeout: float = CONNECT_TIMEOUT) -> psycopg.Connection:
    """One connection, with a clear message for a bad URL or an unreachable server."""
    try:
        return psycopg.connect(url, connect_timeout=max(1, round(timeout)), autocommit=True)
    except (psycopg.Error, ValueError) as e:
        raise failure(url, e, "cannot connect to the department library") from None


def pool(url: str, timeout: float = CONNECT_TIMEOUT) -> ConnectionPool:
    """Up to ``POOL_SIZE`` connections, each checked before use (a laptop's network
    comes and goes; a dead connection is replaced, not handed out)."""
    p = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, open=False, timeout=timeout,
                       kwargs={"connect_timeout": max(1, round(timeout))},
                       check=ConnectionPool.check_connection, name="case-presenter")
    p.open(wait=False)
    return p
