"""The few database calls the store makes, on a plain ``sqlite3`` connection.

sqlite-utils is kept for what it does best — the full-text index set-up in migrations —
and imported only then: importing it pulls in numpy, a tenth of a second at every start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any


class Db:
    """``execute``, ``query`` (rows as dicts), ``table_names`` and, for migrations,
    ``db["table"]`` as a sqlite-utils table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return (dict(zip(names, row, strict=True)) for row in cur)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, table: str) -> Any:
        from sqlite_utils import Database

        return Database(self.conn)[table]
