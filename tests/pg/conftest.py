"""The department tests: a laptop's library file. The PostgreSQL server and the
department databases (``pg_server``, ``department``) come from tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.store import Store


@pytest.fixture
def laptop(tmp_path) -> Path:
    """A laptop's library file with the seed cases."""
    path = tmp_path / "laptop.db"
    Store.open(path).close()
    return path
