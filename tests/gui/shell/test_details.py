"""Details a user meets every day: shortcuts, what the status bar says after Undo, the
window title, counts in words, and a Russian window with no English left in it."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
)

from tests.gui.conftest import open_window


def test_no_key_is_bound_twice_and_ctrl_q_quits(window, qtbot):
    keys = Counter(seq.toString() for a in window.findChildren(QAction)
                   for seq in a.shortcuts() if not seq.isEmpty())
    assert [k for k, n in keys.items() if n > 1] == []
    assert "Ctrl+Q" in keys and "Ctrl+Shift+E" in keys
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_after_undo_the_status_bar_says_what_was_undone(window, library, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_action.trigger()
    assert window.statusBar().currentMessage().startswith("Deleted case TEST-1")
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Delete case TEST-1"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Redone: Delete case TEST-1"


def test_the_title_names_the_case_not_the_app_twice(window):
    assert window.windowTitle() == "TEST-1 — Relapsed B-ALL with a breast lesion"
    assert "Case Presenter" not in window.windowTitle()  # Qt adds the application's name


def test_counts_are_words_with_their_plural_forms(window, qtbot, library):
    assert window.library.count_label.text() == "3 cases"
    assert window.status_label.text().endswith("— 3 cases")
    window.findChild(QAction, "language_ru").trigger()
    assert window.library.count_label.text() == "3 случая"
    course = window.case_pane.course.tabs
    assert re.fullmatch(r"Терапия \(\d+\)", course.tabText(0))  # counts kept


#: Latin words a Russian screen may show: codes, units, names of scales and things.
ALLOWED = {"PET", "SUV", "SUVmax", "SULmax", "SULpeak", "SULmean", "SD", "SUL", "ID", "IPI",
           "EN", "RU", "Deauville", "PNG", "JPEG", "PDF", "CMR", "PMR", "SMD", "PMD", "CR",
           "MRD", "Case", "Presenter", "Ctrl", "Shift", "Insert", "Delete", "Up", "Down",
           "English", "PowerPoint", "ABC", "GCB", "non", "IIB", "IVE", "BCR", "ABL", "CD",
           "Enter", "Home", "Esc", "TEST", "B", "ALL", "breast", "lesion", "extramedullary",
           "DLBCL", "Relapsed", "with", "a", "CRS", "day", "Blinatumomab", "Imatinib", "L",
           "X", "E", "P", "CRi", "NMR", "PR", "PD", "NR", "MRN", "A", "HSCT", "allo"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text.replace("&", "")) if w not in ALLOWED}


def test_the_russian_window_has_no_english_left(qtbot, library):
    w = open_window(qtbot, library, lang="ru")
    w.library.select_code("TEST-1")
    texts: list[tuple[str, str]] = []
    for a in w.findChildren(QAction):
        if type(a.parent()).__module__.startswith("pyqtgraph"):
            continue  # the charts' own context menus
        texts += [("action", a.text()), ("tooltip", a.toolTip()), ("icon", a.iconText())]
    for cls, get in ((QLabel, QLabel.text), (QAbstractButton, QAbstractButton.text),
                     (QGroupBox, QGroupBox.title)):
        texts += [(cls.__name__, get(x)) for x in w.findChildren(cls)
                  if x.isVisibleTo(w) and not x.objectName().startswith(("hint_", "field_"))
                  and x.objectName() not in ("libraryStatus", "caseCount")]
    for tabs in w.findChildren(QTabWidget):
        texts += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for combo in w.findChildren(QComboBox):
        if combo.objectName() in ("tagFilter",):  # the library's own tags
            continue
        texts += [("combo", combo.itemText(i)) for i in range(combo.count())
                  if combo.itemData(i) is None or isinstance(combo.itemData(i), bool)
                  or (isinstance(combo.itemData(i), tuple)
                      and combo.itemData(i)[0] != "therapy_name")]  # names are case text
    for view in w.findChildren(QTableView):
        model = view.model()
        texts += [("header", str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
                  for i in range(model.columnCount())]
    page = w.new_case_dialog(show=True)
    texts += [("new", x.text()) for x in page.findChildren(QLabel)]
    texts += [("new", x.title()) for x in page.findChildren(QGroupBox)]
    texts += [("new", x.text()) for x in page.findChildren(QAbstractButton)]
    page.reject()
    english = [(kind, t) for kind, t in texts if _words(t)]
    assert english == [], "\n".join(map(repr, english))
    w.close()
