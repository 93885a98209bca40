"""Reading a library (a PDF, a deck, a list) leaves nothing beside it: a read-only
connection that closes last takes the -wal and -shm files with it, and it still refuses
every write, in the store and in SQL."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core.errors import StoreError
from desktop.core.store import Store
from tests.conftest import make_case


def _beside(path):
    return sorted(p.name for p in path.parent.iterdir())


def test_a_read_only_open_leaves_no_wal_or_shm(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as store:
        store.add(make_case("A-1"))
    assert _beside(path) == ["lib.db"]
    with Store.open(path, readonly=True) as store:
        assert store.get("A-1").code == "A-1"
    assert _beside(path) == ["lib.db"]


def test_a_read_only_store_refuses_writes_in_sql_too(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as store:
        store.add(make_case("A-1"))
    with Store.open(path, readonly=True) as store:
        with pytest.raises(StoreError):
            store.add(make_case("B-2"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.conn.execute("DELETE FROM cases")
        assert [r.code for r in store.list_cases()] == ["A-1"]


def test_a_reader_beside_a_writer_leaves_the_writers_files_to_it(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as writer:
        with Store.open(path, readonly=True) as reader:
            writer.add(make_case("A-1"))
            assert reader.get("A-1").code == "A-1"
        assert "lib.db-wal" in _beside(path)  # the writer is still open
    assert _beside(path) == ["lib.db"]
