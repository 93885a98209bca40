"""New, duplicate, delete with undo, import on a worker thread, drag and drop, export."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core import casefile
from tests.gui.conftest import gui_case, stored


def test_delete_asks_and_can_be_undone(window, library, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    window.delete_action.trigger()
    assert asked
    assert stored(library) is None
    assert window.library.model.row_of("TEST-1") < 0
    assert window.session.case is not None  # the next case is shown
    window.undo_action.trigger()
    assert stored(library) == gui_case("TEST-1")
    assert window.session.case.code == "TEST-1"


def test_delete_refused_in_the_dialog_changes_nothing(window, library, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.delete_action.trigger()
    assert stored(library) is not None


def test_duplicate(window, library):
    window.duplicate_action.trigger()
    copy = window.session.case
    assert copy.code == "TEST-1-copy"
    assert stored(library, "TEST-1-copy").title == gui_case().title
    window.undo_action.trigger()
    assert stored(library, "TEST-1-copy") is None


def _files(folder, codes):
    return [casefile.dump(gui_case(c), folder / f"{c}.case.json") for c in codes]


def test_import_runs_on_a_worker_and_reports_bad_files(window, qtbot, tmp_path, library,
                                                       monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    folder = tmp_path / "in"
    folder.mkdir()
    files = _files(folder, [f"IMP-{i}" for i in range(30)])
    bad = folder / "broken.case.json"
    bad.write_text('{"format": "case-presenter/1", "case": {"code": "X", "tags": 3}}')
    task = window.import_files([*files, bad])
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    with qtbot.waitSignal(task.signals.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not window.tasks)
    qtbot.waitUntil(lambda: window.library.model.row_of("IMP-29") >= 0)
    assert stored(library, "IMP-0") is not None
    assert shown and "1 file" in shown[0]
    assert not window.progress.isVisible()


def test_cancelled_import_stops_between_batches(window, qtbot, tmp_path, library):
    folder = tmp_path / "many"
    folder.mkdir()
    files = _files(folder, [f"MANY-{i}" for i in range(200)])
    task = window.import_files(files)
    task.cancel()
    with qtbot.waitSignal(task.signals.finished, timeout=20000) as blocker:
        pass
    result = blocker.args[0]
    assert result.cancelled
    assert len(result.report.imported) < 200


def test_dropping_case_files_imports_them(window, qtbot, tmp_path, library):
    (file,) = _files(tmp_path, ["DROP-1"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file))])
    target = window.library.list.viewport()
    rest = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 5), *rest)  # QDragEnterEvent takes a QPoint
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(5, 5), *rest))
    qtbot.waitUntil(lambda: stored(library, "DROP-1") is not None, timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks)


def test_export_all_writes_case_files(window, qtbot, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    task = window.export_all(out)
    with qtbot.waitSignal(task.signals.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not window.tasks)
    assert casefile.load(out / "TEST-1.case.json") == gui_case("TEST-1")
    assert len(list(out.glob("*.case.json"))) == len(window.library._all)


def test_ctrl_click_selects_several_cases_for_export(window, qtbot):
    from PySide6.QtTest import QTest

    from desktop.gui.exports import actions as exports

    view = window.library.list
    assert window.library.model.rowCount() >= 2
    rects = [view.visualRect(window.library.model.index(i)) for i in (0, 1)]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rects[0].center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rects[1].center())
    codes = exports.selected_codes(window)
    assert len(codes) == 2 and len(set(codes)) == 2


def test_import_says_which_values_it_mapped_to_the_apps_codes(window, qtbot, tmp_path,
                                                              library, monkeypatch):
    from tests.board.cases import write_foreign

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        (self.icon(), self.text(), self.detailedText())) or 0)
    task = window.import_files([write_foreign(tmp_path)])
    with qtbot.waitSignal(task.signals.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not window.tasks)
    assert shown, "a mapped value is said, not only kept"
    icon, text, details = shown[0]
    assert icon == QMessageBox.Icon.Information and "mapped to the app's codes" in text
    assert "bm_blasts_pct" in details and "→ marrow_blasts" in details
    assert "mapped to the app's codes" in window.statusBar().currentMessage()
