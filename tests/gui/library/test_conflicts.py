"""Importing a case whose code is in the library: Replace, Import as copy, or Skip —
chosen in the window's own question; and Open / Show in folder after an export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.core import casefile
from desktop.gui.common import folders
from tests.gui.conftest import gui_case, stored


def answer(qtbot, choice, seen):
    """Click ``choice`` in the conflict question when it comes up."""
    def click():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "conflictBox":
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.findChild(QPushButton, f"conflict_{choice}").click()

    QTimer.singleShot(0, click)


@pytest.fixture
def conflicting_file(tmp_path):
    case = gui_case("TEST-1")
    case.title = replace(case.title, en="The file's version")
    return casefile.dump(case, tmp_path / "TEST-1.case.json")


@pytest.mark.parametrize("choice", ["replace", "copy", "skip"])
def test_a_code_conflict_offers_replace_copy_or_skip(window, qtbot, library,
                                                     conflicting_file, choice):
    seen: list[str] = []
    answer(qtbot, choice, seen)
    window.import_files([conflicting_file])
    qtbot.waitUntil(lambda: not window.tasks and bool(seen), timeout=10000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "TEST-1" in seen[0]
    message = window.statusBar().currentMessage()
    if choice == "replace":
        assert stored(library).title.en == "The file's version"
        assert "Replaced: 1 case." in message
        window.undo_action.trigger()  # one step brings the library's case back
        assert stored(library).title.en != "The file's version"
    elif choice == "copy":
        assert stored(library).title.en != "The file's version"
        assert stored(library, "TEST-1-2").title.en == "The file's version"
        assert "Imported as a copy: 1 case." in message
    else:
        assert stored(library).title.en != "The file's version"
        assert stored(library, "TEST-1-2") is None
        assert "Skipped: 1 file." in message


def test_export_offers_open_and_show_in_folder(window, qtbot, tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(folders, "open_url", lambda p: opened.append(p) or True)
    target = tmp_path / "out" / "TEST-1.case.json"
    target.parent.mkdir()
    window.export_case(target)
    qtbot.waitUntil(lambda: not window.tasks, timeout=10000)
    assert "Exported: 1 case." in window.statusBar().currentMessage()
    open_button = window.findChild(QPushButton, "openWrittenButton")
    show_button = window.findChild(QPushButton, "showWrittenButton")
    assert open_button.isVisible() and show_button.isVisible()
    open_button.click()
    show_button.click()
    assert opened == [target, target.parent]


def test_dialogs_start_in_documents_and_remember_the_last_folder(tmp_path):
    assert folders.start_dir("cases") == folders.documents()
    assert Path(__file__).resolve().parents[2] not in (folders.documents(), )
    folders.remember(tmp_path / "x.case.json", "cases")
    assert folders.start_dir("cases") == tmp_path
