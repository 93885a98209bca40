"""Optimistic concurrency, the same for every kind of library: a save names the revision
it started from, and a case changed (or deleted) since is never written over."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.errors import Conflict, NotFound


def current(row: Sequence[int] | None, code: str, base_revision: int | None,
            where: str) -> tuple[int, int]:
    """The ``(id, revision)`` of ``code`` read as ``row`` (None: no such case); ``Conflict``
    when it is not ``base_revision`` (when one is given), ``NotFound`` when it is gone."""
    if row is None:
        if base_revision is not None:
            raise Conflict(f"case {code!r} was deleted from {where} since it was opened; "
                           "nothing was written.", code=code, expected=base_revision,
                           found=None)
        raise NotFound(f"no case with code {code!r} to save over in {where}")
    if base_revision is not None and row[1] != base_revision:
        raise Conflict(f"case {code!r} was changed in {where} since it was opened "
                       f"(revision {row[1]}, this copy is of revision {base_revision}); "
                       "nothing was written.", code=code, expected=base_revision,
                       found=row[1])
    return row[0], row[1]
