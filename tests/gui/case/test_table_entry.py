"""Tables that help: the keyboard stays in the table, Add opens the new row for typing,
drop-down lists show whole labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableView

from tests.gui.conftest import stored, type_text


def focus():
    return QApplication.focusWidget()


def test_choosing_a_category_saves_the_row_and_the_keyboard_stays(window, qtbot, library):
    window.show_tab(1)
    view = window.findChild(QTableView, "therapyTable")
    n = len(stored(library).therapies)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # Add
    type_text(focus(), "R-CHOP")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    combo = focus()
    assert isinstance(combo, QComboBox) and view.isAncestorOf(combo)
    for _ in range(3):  # blank, chemotherapy, immunotherapy, chemoimmunotherapy
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    therapies = stored(library).therapies
    assert len(therapies) == n + 1 and therapies[-1].category == "chemoimmunotherapy"
    assert focus() is view or (focus() is not None and view.isAncestorOf(focus()))
    assert not window.library.search_box.hasFocus()
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)  # on to the start date, typed in the table
    type_text(focus(), "2023-04")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)  # the table accepts the cell on its next turn
    qtbot.waitUntil(lambda: str(stored(library).therapies[-1].start) == "2023-04")
    assert window.library.search_box.text() == ""


def test_lesion_add_opens_the_new_row_and_typing_goes_into_it(window, qtbot, library):
    window.show_tab(2)
    studies = window.findChild(QTableView, "studyTable")
    lesions = window.findChild(QTableView, "lesionTable")
    studies.setCurrentIndex(studies.model().index(0, 0))
    before = stored(library).pet_studies[0]
    window.findChild(object, "lesionTable_add").click()
    editor = focus()
    assert lesions.isAncestorOf(editor), "the new lesion's cell is open for typing"
    assert lesions.currentIndex().row() == len(before.lesions)
    type_text(editor, "mediastinum")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(focus(), "14.2")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(library).pet_studies[0].lesions[-1].sul_max == 14.2)
    after = stored(library).pet_studies[0]
    new = after.lesions[-1]
    assert (new.id, new.site.en, new.sul_max) == ("L2", "mediastinum", 14.2)
    assert after.mediastinum_suv_max == before.mediastinum_suv_max  # not the study's row


def test_every_add_opens_the_first_empty_cell(window, qtbot):
    window.show_tab(1)
    for name in ("therapyTable", "eventTable", "measurementTable"):
        view = window.findChild(QTableView, name)
        view.parent().add()
        assert view.state() == QTableView.State.EditingState, name
        assert view.currentIndex().row() == view.model().rowCount() - 1
        view.parent().remove()


def test_the_response_list_is_as_wide_as_its_longest_label(window, qtbot):
    window.show_tab(1)
    view = window.findChild(QTableView, "therapyTable")
    model = view.model()
    column = next(i for i, c in enumerate(model.columns) if c.key == "response")
    view.setFocus()
    view.edit(model.index(0, column))
    combo = focus()
    assert isinstance(combo, QComboBox)
    longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                  for i in range(combo.count()))
    assert combo.view().minimumWidth() >= longest > view.columnWidth(column)
