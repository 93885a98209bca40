"""Lists edited in tables: cells, drafts of new rows, remove and reorder, each one step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from desktop.core.dates import PartialDate
from tests.gui.conftest import stored


def table(window, name):
    view = window.findChild(QTableView, name)
    editor = view.parent()
    return view, view.model(), editor


def col(model, key):
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def test_a_cell_edit_is_saved_and_undone(window, library):
    _, model, _ = table(window, "therapyTable")
    assert model.setData(model.index(0, col(model, "start")), "14.01.2016")
    assert stored(library).therapies[0].start == PartialDate(2016, 1, 14)
    assert model.data(model.index(0, col(model, "start"))) == "14 Jan 2016"
    window.undo_action.trigger()
    assert stored(library).therapies[0].start == PartialDate(2016, 1, 15)


def test_a_bad_cell_is_refused_with_a_message(window, library):
    before = stored(library)
    _, model, editor = table(window, "therapyTable")
    assert not model.setData(model.index(0, col(model, "end")), "2015-01")  # before start
    assert editor.hint.isVisibleTo(editor) and "before the start" in editor.hint.text()
    assert not model.setData(model.index(0, col(model, "cycles")), "two")
    assert stored(library) == before


def test_a_new_row_is_a_draft_until_complete(window, library):
    _view, model, editor = table(window, "eventTable")
    n = len(stored(library).events)
    editor.add()
    assert model.rowCount() == n + 1 and model.is_draft(n)
    assert len(stored(library).events) == n  # nothing written yet
    assert "not saved yet" in editor.hint.text()
    model.setData(model.index(n, col(model, "date")), "March 2017")
    assert len(stored(library).events) == n
    model.setData(model.index(n, col(model, "type")), "relapse")
    events = stored(library).events
    assert len(events) == n + 1
    assert (events[-1].date, events[-1].type) == (PartialDate(2017, 3), "relapse")
    window.undo_action.trigger()
    assert len(stored(library).events) == n


def test_remove_and_reorder_rows(window, library):
    view, model, editor = table(window, "therapyTable")
    names = [t.name.en for t in stored(library).therapies]
    view.setCurrentIndex(model.index(0, 0))
    editor.move(1)
    assert [t.name.en for t in stored(library).therapies] == names[::-1]
    assert view.currentIndex().row() == 1
    editor.remove()
    assert [t.name.en for t in stored(library).therapies] == [names[1]]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [t.name.en for t in stored(library).therapies] == names


def test_checkbox_cells(window, library):
    _, model, _ = table(window, "therapyTable")
    index = model.index(0, col(model, "ongoing"))
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert stored(library).therapies[0].ongoing is True


def test_lesions_follow_the_selected_study_and_sul_rules_hold(window, library):
    window.show_tab(2)
    studies, smodel, _ = table(window, "studyTable")
    _view, model, editor = table(window, "lesionTable")
    studies.setCurrentIndex(smodel.index(0, 0))
    assert model.rowCount() == 1
    assert not model.setData(model.index(0, col(model, "sul_peak")), "12")  # > SULmax 11.93
    assert "SULpeak" in editor.hint.text()
    assert not model.setData(model.index(0, col(model, "sul_max")), "250")  # > MAX_SUL
    editor.add()  # a lesion gets a free id and is complete at once
    assert [x.id for x in stored(library).pet_studies[0].lesions] == ["L1", "L2"]
    studies.setCurrentIndex(smodel.index(1, 0))
    assert model.rowCount() == 1


def test_references_need_text(window, library):
    window.show_tab(4)
    _view, model, editor = table(window, "referenceTable")
    n = model.rowCount()
    editor.add()
    assert model.is_draft(n)
    model.setData(model.index(n, 0), "Doe J. Blood 2020;1:1")
    assert stored(library).references[-1] == "Doe J. Blood 2020;1:1"
