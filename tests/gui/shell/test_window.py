"""The main window on a real library file, driven as a user would (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView, QPlainTextEdit, QTableView

from desktop.core.dates import PartialDate
from tests.gui.conftest import stored, type_text

NAMES = ["caseList", "searchBox", "tagFilter", "caseTabs", "overviewTab", "timelineTab",
         "petTab", "narrativeTab", "referencesTab", "anonymizeAction", "undoAction",
         "redoAction", "languageMenu", "field_title_en", "field_diagnosis_date",
         "therapyTable", "eventTable", "measurementTable", "lesionTable"]


def test_every_named_part_is_there(window):
    missing = [n for n in NAMES if window.findChild(object, n) is None]
    assert not missing
    assert isinstance(window.findChild(QListView, "caseList"), QListView)
    assert isinstance(window.findChild(QTableView, "therapyTable"), QTableView)


def test_status_bar_names_the_library_and_counts_cases(window, library):
    text = window.status_label.text()
    assert str(library) in text
    assert f"{len(window.library._all)} case" in text


def test_search_as_you_type_in_either_language(window, qtbot):
    box = window.library.search_box
    type_text(box, "молочн")  # Russian prefix, from TEST-1's Russian title
    qtbot.waitUntil(lambda: window.library.model.rowCount() >= 1)
    codes = [r.code for r in window.library.model.rows]
    assert "TEST-1" in codes
    box.clear()
    qtbot.keyClicks(box, "zzzz-nothing")
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 0)
    box.clear()
    qtbot.waitUntil(lambda: window.library.model.rowCount() == len(window.library._all))


def test_tag_filter_and_sort(window, qtbot):
    pane = window.library
    i = pane.tag_filter.findData("extramedullary")
    assert i > 0
    pane.tag_filter.setCurrentIndex(i)
    assert all("extramedullary" in r.tags for r in pane.model.rows)
    pane.set_sort("code")
    codes = [r.code for r in pane.model.rows]
    assert codes == sorted(codes, key=str.casefold)


def test_selecting_a_case_shows_it(window, qtbot):
    title = window.findChild(QPlainTextEdit, "field_title_en")
    assert title.toPlainText() == "Relapsed B-ALL with a breast lesion"
    assert window.findChild(QLineEdit, "field_diagnosis_date").text() == "Nov 2011"
    assert window.findChild(QTableView, "therapyTable").model().rowCount() == 2


def _retype(qtbot, widget, text):
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    else:
        widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_an_edit_is_saved_at_once_and_undo_redo_save_too(window, qtbot, library):
    title = window.findChild(QPlainTextEdit, "field_title_en")
    _retype(qtbot, title, "A new title")
    assert stored(library).title.en == "A new title"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert stored(library).title.en == "Relapsed B-ALL with a breast lesion"
    assert title.toPlainText() == "Relapsed B-ALL with a breast lesion"
    window.redo_action.trigger()
    assert stored(library).title.en == "A new title"
    # the library list follows the edit without a new query
    row = window.library.model.rows[window.library.model.row_of("TEST-1")]
    assert row.title.en == "A new title"


def test_date_field_says_what_it_understood(window, qtbot, library):
    field = window.findChild(QLineEdit, "field_diagnosis_date")
    hint = window.findChild(object, "hint_diagnosis_date")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "09.08.2018")
    assert hint.isVisible() and "9 Aug 2018" in hint.text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(library).diagnosis.date == PartialDate(2018, 8, 9)
    field.selectAll()
    type_text(field, "в марте 2014 г.")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(library).diagnosis.date == PartialDate(2014, 3)
    assert field.text() == "Mar 2014"


def test_bad_input_is_refused_at_the_field_and_nothing_is_written(window, qtbot, library):
    before = stored(library)
    weight = window.findChild(QLineEdit, "field_patient_weight_kg")
    _retype(qtbot, weight, "4000")
    hint = window.findChild(object, "hint_patient_weight_kg")
    assert hint.isVisible() and "400" in hint.text()
    date = window.findChild(QLineEdit, "field_diagnosis_date")
    _retype(qtbot, date, "2014-13")
    assert window.findChild(object, "hint_diagnosis_date").isVisible()
    code = window.findChild(QLineEdit, "field_code")
    _retype(qtbot, code, "bad code!")
    assert "letters" in window.findChild(object, "hint_code").text()
    _retype(qtbot, code, "BALL-EM-1")  # taken by a seed case
    assert "already" in window.findChild(object, "hint_code").text()
    assert stored(library) == before
    assert not window.undo_action.isEnabled()
    # a number with its unit and a decimal comma is fine
    _retype(qtbot, weight, "61,5 kg")
    assert stored(library).patient.weight_kg == 61.5


def test_renaming_a_case_keeps_it_selected_and_undo_renames_back(window, qtbot, library):
    code = window.findChild(QLineEdit, "field_code")
    _retype(qtbot, code, "TEST-9")
    assert stored(library, "TEST-9") is not None and stored(library, "TEST-1") is None
    assert window.session.case.code == "TEST-9"
    window.undo_action.trigger()
    assert stored(library, "TEST-1") is not None and stored(library, "TEST-9") is None
    assert window.library.model.row_of("TEST-1") >= 0


def test_short_words_match_titles_and_codes_at_once_and_enter_opens_the_first(window, qtbot):
    box = window.library.search_box
    box.setFocus()
    qtbot.keyClicks(box, "BA")  # one or two letters: codes, titles, diagnoses, tags
    codes = [r.code for r in window.library.model.rows]
    assert codes and all(c.startswith("BALL") for c in codes)
    assert window.session.case.code == "TEST-1"  # typing does not change the case shown
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.session.case.code == codes[0]
    assert window.library.list.hasFocus()
