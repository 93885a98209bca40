"""Listing pauses the cycle collector while it builds rows, and always restores it."""

from __future__ import annotations

import gc

import pytest

from desktop.core.store import Store
from desktop.core.store.summary import no_collection


def test_listing_leaves_the_collector_as_it_found_it():
    with Store.open(None) as store:
        assert gc.isenabled()
        assert [r.code for r in store.list_cases()] == sorted(store.codes(), key=str.lower)
        assert gc.isenabled()
        gc.disable()
        try:
            store.list_cases()
            assert not gc.isenabled()  # a caller's own pause is not lifted
        finally:
            gc.enable()


def test_collector_restored_when_building_fails():
    with pytest.raises(RuntimeError), no_collection():
        assert not gc.isenabled()
        raise RuntimeError("a database error while rows are read")
    assert gc.isenabled()
