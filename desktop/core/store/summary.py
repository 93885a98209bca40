"""``CaseSummary``: what the library list shows of a case, built light.

Listing 100,000 cases builds 100,000 of these, so a row keeps the columns as SQLite gave
them and makes the bilingual ``Text`` values and the tag tuple only when they are read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop.core.text import Text

#: The columns a summary is built from, in this order (``cases`` table).
COLUMNS = "code, title_en, title_ru, dx_name_en, dx_name_ru, tags, modified"


class CaseSummary:
    """A case's code, titles, diagnosis, tags, last change, and where a search matched
    (``snippet``: a few words around each match, matches in ``**``)."""

    __slots__ = ("_dx", "_tags", "_title", "code", "modified", "snippet")

    def __init__(self, code: str, title: Text, diagnosis: Text, tags: tuple[str, ...],
                 modified: str, snippet: str = "") -> None:
        self.code, self._title, self._dx = code, title, diagnosis
        self._tags, self.modified, self.snippet = tags, modified, snippet

    @classmethod
    def from_row(cls, r: Sequence, snippet: str = "") -> CaseSummary:
        """From a row of ``COLUMNS``; nothing is parsed until it is read."""
        s = cls.__new__(cls)
        s.code, s._title, s._dx, s._tags, s.modified, s.snippet = (
            r[0], (r[1], r[2]), (r[3], r[4]), r[5], r[6], snippet)
        return s

    @property
    def title(self) -> Text:
        if isinstance(self._title, tuple):
            self._title = Text(*self._title)
        return self._title

    @property
    def diagnosis(self) -> Text:
        if isinstance(self._dx, tuple):
            self._dx = Text(*self._dx)
        return self._dx

    @property
    def tags(self) -> tuple[str, ...]:
        if isinstance(self._tags, str):
            self._tags = () if self._tags == "[]" else tuple(json.loads(self._tags))
        return self._tags

    def _key(self) -> tuple:
        return (self.code, self.title, self.diagnosis, self.tags, self.modified, self.snippet)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseSummary) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"CaseSummary({self.code!r}, {self.title!r})"
