"""Reaching a department library: URLs, messages that never show a password, the pool.

A URL's password is replaced by ``***`` in everything a user sees; libpq's own words
say why a connection failed (refused, timed out, password rejected, no such database).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg_pool import ConnectionPool

from desktop.core.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")
#: Seconds to wait for a server that does not answer.
CONNECT_TIMEOUT = 10
POOL_SIZE = 4


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def _password(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        if parts.password:
            return unquote(parts.password)
    except ValueError:
        pass
    m = re.search(r"[?&]password=([^&]*)", url)
    return unquote(m.group(1)) if m else None


def redact(url: str) -> str:
    """The URL without its password (``user:***@``, ``password=***``)."""
    shown = re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", shown)


def scrub(text: str, url: str) -> str:
    """``text`` with any trace of the URL's password removed."""
    secret = _password(url)
    text = text.replace(url, redact(url))
    if secret:
        text = text.replace(secret, "***")
    return " ".join(text.split())


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
