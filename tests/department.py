"""A real PostgreSQL server for the tests (Debian's package, a temporary folder), and
department databases set up by the SQL in docs/department.md. The fixtures that use it
(``pg_server``, ``department``) are in tests/conftest.py, so that the department tests
and the window's tests share one server per session."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.store.postgres import PgStore
from desktop.core.store.postgres.server import LocalServer

DOC = Path(__file__).resolve().parents[1] / "docs" / "department.md"
PASSWORDS = {"case_presenter_owner": "owner-password", "ivanova": "physician-password",
             "resident1": "resident-password"}
_numbers = itertools.count(1)


def doc_sql(step: str) -> str:
    """The SQL block of docs/department.md that starts ``-- step: <step>``."""
    for block in re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        if block.startswith(f"-- step: {step}\n"):
            return block
    raise AssertionError(f"docs/department.md has no SQL step {step!r}")


@dataclass
class Department:
    server: LocalServer
    name: str

    def url(self, user: str = "ivanova") -> str:
        return self.server.url(user, PASSWORDS[user], self.name)

    def open(self, user: str = "ivanova") -> PgStore:
        return PgStore.open(self.url(user))

    def admin(self, sql: str) -> None:
        self.server.admin(sql, self.name)


def start_server() -> LocalServer:
    """A started server with the documented roles and people."""
    server = LocalServer().start()
    try:
        server.admin(doc_sql("roles"))
        server.admin(doc_sql("people"))
    except BaseException:
        server.stop()
        raise
    return server


def make_department(server: LocalServer) -> Department:
    """A new database with the documented grants and no tables yet."""
    name = f"dept_{next(_numbers)}"
    server.admin(doc_sql("database").replace("case_presenter OWNER", f"{name} OWNER"))
    server.admin(doc_sql("grants").replace("DATABASE case_presenter", f"DATABASE {name}"),
                 name)
    return Department(server, name)
