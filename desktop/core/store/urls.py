"""Telling a department library's URL from a file path, and showing it without its
password. No database driver is imported here: the command line asks this of every
``--db`` before it knows what it will open."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

SCHEMES = ("postgresql://", "postgres://")


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
