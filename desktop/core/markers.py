"""An immunophenotype as written ("CD19+/CD10+/CD22+/sIgM-") read into marker rows.

The screen, the PDF and the slides show the same marker table. Nothing is guessed: a
marker written without + or − is listed with no expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

POSITIVE, NEGATIVE, DIM = "positive", "negative", "dim"

_STATUS = [
    (re.compile(r"(?:\+\s*/\s*[-−–]|±|\(\s*\+\s*/\s*[-−–]\s*\))$"), DIM, "±"),
    (re.compile(r"(?:\+?\s*\(?\s*(?:dim|weak|low|lo)\s*\)?\+?)$", re.I), DIM, "dim"),
    (re.compile(r"(?:(?:\+\s*|\s+|\+?\()(?:bright|bri|hi|high|strong)\)?|\+\+|hi|bright)$", re.I),
     POSITIVE,
     "++"),
    (re.compile(r"(?:\+|\(\+\)|\s+pos(?:itive)?)$", re.I), POSITIVE, "+"),
    (re.compile(r"(?:[-−–]|\([-−–]\)|\s+neg(?:ative)?)$", re.I), NEGATIVE, "−"),
]
_NOTE = re.compile(r"\s*\(([^()]*[^\s()+\-−–±][^()]*)\)\s*$")


@dataclass(frozen=True)
class Marker:
    name: str
    status: str | None  # positive | negative | dim | None (not said)
    mark: str  # the sign as written, normalised: + ++ − dim ±
    note: str | None = None  # a remark in brackets: "(immunohistochemistry)"
    written: str = ""


def _tokens(text: str) -> list[str]:
    # "+/-" is one sign, not a separator
    protected = re.sub(r"\+\s*/\s*([-−–])", "+\x00\\1", text)
    parts = re.split(r"[/,;]|\s{2,}|\n", protected)
    return [p.replace("\x00", "/").strip() for p in parts if p.strip()]


def parse_markers(text: str | None) -> list[Marker]:
    """``CD19+/CD10+/CD22+/sIgM-`` → CD19 +, CD10 +, CD22 +, sIgM −. Also ``CD45dim``,
    ``CD34+/-``, ``CD20 (+)``, ``TdT negative``, ``CD22+ (immunohistochemistry)``."""
    if not text:
        return []
    out: list[Marker] = []
    for token in _tokens(text):
        body, note = token, None
        m = _NOTE.search(body)
        if m:
            body, note = body[: m.start()].strip(), m.group(1).strip()
        status, mark = None, ""
        for pattern, kind, sign in _STATUS:
            found = pattern.search(body)
            if found and found.start() > 0:
                body, status, mark = body[: found.start()].strip(), kind, sign
                break
        out.append(Marker(body, status, mark, note, token))
    return out
