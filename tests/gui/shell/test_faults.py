"""Faults: a library that cannot be opened, an exception inside a slot."""

from __future__ import annotations

import hashlib
import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import StoreError
from desktop.core.store import Store, backup
from desktop.gui.shell.errors import ExceptionHandler
from tests.gui.conftest import open_window


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path):
    """A library with a backup, then damaged: its first page overwritten."""
    path = tmp_path / "cases.db"
    with Store.open(path) as store:
        backup.make(store.db, path, "test")
    data = bytearray(path.read_bytes())
    data[:100] = b"\0" * 100
    path.write_bytes(bytes(data))
    return path


def _answer(monkeypatch, button):
    seen = []

    def exec_(box):
        seen.append((box.text(), box.informativeText(),
                     [b.text() for b in box.buttons()]))
        return button.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def test_a_damaged_library_offers_the_backup_and_is_never_overwritten(qtbot, damaged,
                                                                        monkeypatch):
    before = _digest(damaged)
    seen = _answer(monkeypatch, QMessageBox.StandardButton.Retry)  # restore latest backup
    window = open_window(qtbot, damaged)
    _text, info, buttons = seen[0]
    assert str(damaged) in info and "not changed" in info
    assert "Restore Latest Backup" in buttons and "Open Another File…" in buttons
    assert window.db_path != damaged and "restored" in window.db_path.name
    assert window.library.total() >= 1
    window.close()
    assert _digest(damaged) == before


def test_giving_up_raises_the_store_error(qtbot, damaged, monkeypatch):
    from desktop.gui import create_main_window

    _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    before = _digest(damaged)
    with pytest.raises(StoreError):
        create_main_window(damaged)
    assert _digest(damaged) == before


def test_a_library_from_a_newer_version_is_refused_without_a_backup_button(
        qtbot, tmp_path, monkeypatch):
    path = tmp_path / "new.db"
    with Store.open(path, seed=False) as store:
        store.db.execute("PRAGMA user_version = 99")
    seen = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    with pytest.raises(StoreError, match="newer version"):
        open_window(qtbot, path)
    assert "Restore Latest Backup" not in seen[0][2]


def test_an_exception_in_a_slot_is_logged_shown_and_the_app_goes_on(qtbot, caplog,
                                                                     monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    handler = ExceptionHandler().install()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            with caplog.at_level(logging.ERROR, logger="case_presenter.gui"):
                sys.excepthook(*sys.exc_info())
    finally:
        handler.uninstall()
    assert "boom in a slot" in caplog.text
    assert shown and "boom in a slot" in shown[0].text()
    assert "RuntimeError" in shown[0].detailedText()
    assert sys.excepthook is not handler


def test_a_user_error_is_shown_as_a_plain_message(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    handler = ExceptionHandler()
    handler(StoreError, StoreError("cases.db is read-only"), None)
    assert shown[0].text() == "cases.db is read-only" and not shown[0].detailedText()


def test_a_failed_write_is_shown_and_nothing_changes(window, monkeypatch, library):
    from desktop.gui.common.session import CaseSession

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))

    def fail(*args, **kwargs):
        raise StoreError("cases.db is read-only; changes cannot be saved")

    monkeypatch.setattr(window.store, "save", fail)
    problem = window.session.edit("Edit title", lambda c: setattr(c, "tags", ["x"]))
    assert problem and "read-only" in problem
    assert shown and "read-only" in shown[0][2]
    assert window.session.undo_stack.count() == 0
    assert isinstance(window.session, CaseSession)


def test_damaged_text_behind_a_sound_header_is_found_when_the_window_opens(qtbot, tmp_path,
                                                                           monkeypatch):
    """Damage SQLite's header check cannot see (bytes that are not text in a row) is
    found by the check at opening, and the newest good backup is offered."""
    path = tmp_path / "cases.db"
    with Store.open(path) as store:
        backup.make(store.db, path, "test")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    at = data.find("Инотузумаб".encode())
    data[at:at + 4] = b"\xff\xfe\xff\xfe"
    path.write_bytes(bytes(data))
    before = _digest(path)
    seen = _answer(monkeypatch, QMessageBox.StandardButton.Retry)
    window = open_window(qtbot, path)
    assert seen and "damaged" in seen[0][1] and "undecodable text" in seen[0][1]
    assert "restored" in window.db_path.name and window.library.total() == 2
    window.close()
    assert _digest(path) == before
