"""PySide6's per-import check answered from the file's bytes gives PySide6's own answers."""

from __future__ import annotations

import json
import sqlite3
import sys

import shibokensupport.feature as feature  # noqa: F401  (present once PySide6 is)

from desktop.gui.common import pyside_imports
from desktop.gui.library import model
from desktop.gui.shell import app


def test_the_quick_check_answers_as_pyside_does():
    pyside_imports.install()
    quick = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    original = quick.original
    assert not hasattr(original, "original")
    for module in (app, model, json, sqlite3, sys, sqlite3.dbapi2):
        assert quick(module) == original(module), module.__name__
    assert quick(app) and not quick(json) and not quick(sys)
    pyside_imports.install()  # once: not wrapped twice
    assert sys.modules["shibokensupport.feature"]._mod_uses_pyside is quick
