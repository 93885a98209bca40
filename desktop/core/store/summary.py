"""``CaseSummary``: what the library list shows of a case, built light.

Listing 100,000 cases builds 100,000 of these, so a summary *is* the row SQLite gave (a
tuple, made without a Python call per field), and its bilingual ``Text`` values and tag
tuple are made when they are read.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from functools import lru_cache, partial
from operator import itemgetter

from desktop.core.text import Text

#: The columns a summary is built from, in this order (``cases`` table).
COLUMNS = "code, title_en, title_ru, dx_name_en, dx_name_ru, tags, modified"


@lru_cache(maxsize=4096)
def _tags(stored: str) -> tuple[str, ...]:
    return () if stored == "[]" else tuple(json.loads(stored))


class CaseSummary(tuple):
    """A case's code, titles, diagnosis, tags, last change, and where a search matched
    (``snippet``: a few words around each match, matches in ``**``)."""

    __slots__ = ()

    def __new__(cls, code: str, title: Text, diagnosis: Text, tags: tuple[str, ...],
                modified: str, snippet: str = "") -> CaseSummary:
        return tuple.__new__(cls, (code, title.en, title.ru, diagnosis.en, diagnosis.ru,
                                   json.dumps(list(tags), ensure_ascii=False), modified,
                                   snippet))

    @classmethod
    def from_row(cls, r: tuple, snippet: str = "") -> CaseSummary:
        """From a row of ``COLUMNS`` (and a snippet)."""
        return tuple.__new__(cls, (*r[:7], snippet))

    code = property(itemgetter(0))
    modified = property(itemgetter(6))

    @property
    def title(self) -> Text:
        return Text(self[1], self[2])

    @property
    def diagnosis(self) -> Text:
        return Text(self[3], self[4])

    @property
    def tags(self) -> tuple[str, ...]:
        return _tags(self[5])

    @property
    def snippet(self) -> str:
        return self[7] if len(self) > 7 else ""

    def __repr__(self) -> str:
        return f"CaseSummary({self.code!r}, {self.title!r})"


#: ``from_rows(rows)``, in C: one tuple per row, no Python call per field.
from_rows = partial(map, partial(tuple.__new__, CaseSummary))


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Python's cycle collector paused while a long list of rows is made: tuples of
    strings hold no cycle, and the collections their allocation sets off would only walk
    them again and again (a sixth of listing 100,000 cases)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
