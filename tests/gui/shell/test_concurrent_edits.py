"""The window beside other writers (issue 10, findings 2 and 8): a change made elsewhere
is never reverted by an edit here, and the window's threads end with the program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop.core.model import Text
from desktop.core.store import Store
from tests.gui.conftest import stored, type_text

ROOT = Path(__file__).resolve().parents[3]


def change_elsewhere(path: Path) -> None:
    """What an ``import --replace`` or a second window does meanwhile."""
    with Store.open(path) as other:
        case = other.get("TEST-1")
        case.title = Text("Changed elsewhere", "Изменено в другом месте")
        other.save(case)


def answer_with(monkeypatch, label: str, shown: list[str]) -> None:
    def click(box: QMessageBox) -> int:
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)


def type_diagnosis_date(qtbot, window, text: str) -> None:
    field = window.findChild(QLineEdit, "field_diagnosis_date")
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize("choice", ["Reload", "Keep mine as a copy"])
def test_an_edit_over_a_change_made_elsewhere_is_never_silent(qtbot, window, library,
                                                              monkeypatch, choice):
    change_elsewhere(library)
    shown: list[str] = []
    answer_with(monkeypatch, choice, shown)
    type_diagnosis_date(qtbot, window, "03.2012")
    assert shown and "TEST-1" in shown[0] and "changed in the library" in shown[0]
    theirs = stored(library)
    assert theirs.title.en == "Changed elsewhere" and str(theirs.diagnosis.date) == "2011-11"
    if choice == "Reload":
        qtbot.waitUntil(lambda: window.session.case.title.en == "Changed elsewhere")
        type_diagnosis_date(qtbot, window, "03.2012")  # now from the library's version
        assert stored(library).title.en == "Changed elsewhere"
        assert str(stored(library).diagnosis.date) == "2012-03"
    else:
        mine = stored(library, "TEST-1-mine")
        assert mine is not None and str(mine.diagnosis.date) == "2012-03"
        assert mine.title.en == "Relapsed B-ALL with a breast lesion"
        assert window.session.case.code == "TEST-1-mine"


def test_undo_after_a_change_elsewhere_does_not_revert_it(qtbot, window, library,
                                                          monkeypatch):
    type_diagnosis_date(qtbot, window, "03.2012")
    change_elsewhere(library)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.session.undo_stack.undo()
    assert shown and "changed in the library" in shown[0]
    assert stored(library).title.en == "Changed elsewhere"


def test_results_after_the_search_stopped_are_dropped(qtbot, window):
    searcher = window.library.searcher
    got: list[object] = []
    searcher.results.connect(lambda *a: got.append(a))
    worker = searcher._worker
    searcher.stop()
    worker.found.emit(99, "late", [])
    searcher.search("relapse", 10)
    qtbot.wait(50)
    assert got == [] and worker.closed


SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.gui import create_main_window
w = create_main_window(sys.argv[1], lang="en")
w.show()
for q in ("relapse", "рецидив", "", "blinat"):
    w.library.searcher.search(q, 50)
    app.processEvents()
print("shown", flush=True)
sys.exit(0)  # without closing the window
"""


def test_the_program_ending_without_closing_the_window_ends_cleanly(library, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path)}
    for _ in range(3):
        r = subprocess.run([sys.executable, "-c", SCRIPT, str(library)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and "shown" in r.stdout, r.stderr
        assert "Destroyed while thread" not in r.stderr
