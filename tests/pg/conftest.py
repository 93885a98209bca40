"""A real PostgreSQL server for the session (Debian's package, a temporary folder), and a
fresh department database per test, set up by the SQL in docs/department.md."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.store import Store
from desktop.core.store.postgres import PgStore
from desktop.core.store.postgres.server import LocalServer

DOC = Path(__file__).resolve().parents[2] / "docs" / "department.md"
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


@pytest.fixture(scope="session")
def pg_server():
    server = LocalServer().start()
    try:
        server.admin(doc_sql("roles"))
        server.admin(doc_sql("people"))
        yield server
    finally:
        server.stop()


@pytest.fixture
def department(pg_server) -> Department:
    """An empty department library whose tables the owner has created."""
    dept = make_department(pg_server)
    dept.open("case_presenter_owner").close()
    return dept


def make_department(server: LocalServer) -> Department:
    """A new database with the documented grants and no tables yet."""
    name = f"dept_{next(_numbers)}"
    server.admin(doc_sql("database").replace("case_presenter OWNER", f"{name} OWNER"))
    server.admin(doc_sql("grants").replace("DATABASE case_presenter", f"DATABASE {name}"),
                 name)
    return Department(server, name)


@pytest.fixture
def laptop(tmp_path) -> Path:
    """A laptop's library file with the seed cases."""
    path = tmp_path / "laptop.db"
    Store.open(path).close()
    return path
