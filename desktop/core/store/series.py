"""Saved case series: a name, a bilingual title, the case codes in order, and the
anchor, rank, track and filters they are shown with. Mixed into ``Store``; each change
is one transaction like every other write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.errors import NotFound, StoreError
from desktop.core.text import Text

if TYPE_CHECKING:
    from desktop.core.series import SeriesFilter

MAX_NAME = 200


@dataclass(frozen=True)
class SavedSeries:
    """A series as kept in the library. ``anchor``/``rank``/``track`` are the
    command-line forms (``therapy:inotuzumab``, ``relapse``, ``mrd``)."""

    name: str
    codes: tuple[str, ...]
    anchor: str
    title: Text = field(default_factory=Text)
    rank: str = "code"
    track: str | None = None
    filters: SeriesFilter = field(default_factory=lambda: _filter())
    modified: str = ""


def _filter(tag: str | None = None, diagnosis: str | None = None,
            therapy: str | None = None) -> SeriesFilter:
    # the series layout is imported when a series is used, not with every store
    from desktop.core.series import SeriesFilter

    return SeriesFilter(tag, diagnosis, therapy)


def check(series: SavedSeries) -> None:
    """A series that can be shown; else ``StoreError`` naming the field."""
    from desktop.core.series import parse_anchor, parse_rank, track_kinds

    name = series.name.strip()
    if not name or len(name) > MAX_NAME:
        raise StoreError(f"series name: give a name of 1–{MAX_NAME} characters")
    if not series.codes:
        raise StoreError(f"series {name!r}: codes: a series needs at least one case")
    for what, fn, value in (("anchor", parse_anchor, series.anchor),
                            ("rank", parse_rank, series.rank),
                            ("track", track_kinds, series.track)):
        if value is None:
            continue
        try:
            fn(value)
        except ValueError as e:
            raise StoreError(f"series {name!r}: {what}: {e}") from None


class SeriesStore:
    """The ``series`` table's methods of ``Store`` (which provides ``db``, ``_write``
    and ``_read``)."""

    def save_series(self, series: SavedSeries) -> SavedSeries:
        """Add the series, or replace the one of the same name."""
        check(series)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        f = series.filters
        row = {"name": series.name.strip(), "title_en": series.title.en,
               "title_ru": series.title.ru, "codes": json.dumps(list(series.codes)),
               "anchor": series.anchor, "rank": series.rank or "code", "track": series.track,
               "filters": json.dumps({"tag": f.tag, "diagnosis": f.diagnosis,
                                      "therapy": f.therapy}, ensure_ascii=False),
               "modified": now}
        with self._write():
            self.db.execute(
                "INSERT INTO series (name, title_en, title_ru, codes, anchor, rank, track, "
                "filters, modified) VALUES (:name, :title_en, :title_ru, :codes, :anchor, "
                ":rank, :track, :filters, :modified) ON CONFLICT(name) DO UPDATE SET "
                "title_en = excluded.title_en, title_ru = excluded.title_ru, "
                "codes = excluded.codes, anchor = excluded.anchor, rank = excluded.rank, "
                "track = excluded.track, filters = excluded.filters, "
                "modified = excluded.modified", row)
        return self.get_series(row["name"])

    def list_series(self) -> list[SavedSeries]:
        with self._read():
            rows = self.db.execute(_SELECT + " ORDER BY name COLLATE NOCASE").fetchall()
        return [_series(r) for r in rows]

    def get_series(self, name: str) -> SavedSeries:
        with self._read():
            r = self.db.execute(_SELECT + " WHERE name = ?", [name]).fetchone()
        if r is None:
            raise NotFound(f"no saved series named {name!r}")
        return _series(r)

    def delete_series(self, name: str) -> None:
        with self._write():
            cur = self.db.execute("DELETE FROM series WHERE name = ?", [name])
            if cur.rowcount == 0:
                raise NotFound(f"no saved series named {name!r}")


_SELECT = ("SELECT name, title_en, title_ru, codes, anchor, rank, track, filters, modified "
           "FROM series")


def _series(r) -> SavedSeries:
    f = json.loads(r[7] or "{}")
    return SavedSeries(r[0], tuple(json.loads(r[3])), r[4], Text(r[1], r[2]), r[5], r[6],
                       _filter(f.get("tag"), f.get("diagnosis"), f.get("therapy")), r[8])
