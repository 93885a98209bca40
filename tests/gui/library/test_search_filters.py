"""Search understands word forms in both languages and shows why a case matched;
filters for therapy given, event type and response sit beside the tag filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop.gui.library.model import CaseDelegate, CaseListModel
from tests.gui.conftest import type_text


def listed(window):
    return [window.library.model.rows[i].code for i in range(window.library.model.rowCount())]


@pytest.mark.parametrize("query", ["рецидивами", "relapsing"])
def test_word_forms_find_the_seed_cases_with_a_snippet(window, qtbot, query):
    box = window.library.search_box
    box.setFocus()
    type_text(box, query)
    qtbot.waitUntil(lambda: window.library.shown_query == query
                    and {"BALL-EM-1", "BALL-EM-2"} <= set(listed(window)), timeout=5000)
    model = window.library.model
    snippet = model.index(listed(window).index("BALL-EM-1")).data(CaseListModel.SnippetRole)
    assert "**" in snippet
    bold = [text for text, strong in CaseDelegate.snippet_parts(snippet) if strong]
    assert bold and all(w.casefold().startswith(("рецидив", "relaps")) for w in bold)
    assert model.has_snippets  # a fifth line in each row for the snippet
    assert window.library.count_label.text().endswith("found")


def choose(combo: QComboBox, code):
    combo.showPopup()  # the choices are read when the list opens
    combo.hidePopup()
    i = next(i for i in range(combo.count()) if (combo.itemData(i) or (None, None))[1] == code)
    combo.setCurrentIndex(i)


def test_filters_for_therapy_event_and_response(window, qtbot):
    bar = window.library.filter_bar
    choose(bar.therapy, "cellular")
    assert set(listed(window)) == {"BALL-EM-1", "BALL-EM-2"}  # CAR-T in both seed cases
    bar.therapy.setCurrentIndex(0)
    choose(bar.event, "relapse")
    assert "TEST-1" in listed(window)
    choose(bar.response, "CR MRD+")
    assert listed(window) and "TEST-1" in listed(window)
    assert window.library.count_label.text().endswith("found")
    bar.event.setCurrentIndex(0)
    bar.response.setCurrentIndex(0)
    assert len(listed(window)) == 3


def test_the_snippet_is_hidden_while_anonymized(window, qtbot):
    type_text(window.library.search_box, "relapsing")
    qtbot.waitUntil(lambda: window.library.model.has_snippets, timeout=5000)
    window.anonymize_action.trigger()
    assert all(not window.library.model.index(i).data(CaseListModel.SnippetRole)
               for i in range(window.library.model.rowCount()))
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)


def test_the_list_is_for_choosing_not_editing(window, qtbot):
    """A double click or F2 on a case opens it; no row turns into a text field."""
    from PySide6.QtWidgets import QLineEdit

    model, view = window.library.model, window.library.list
    assert model.rowCount() == len(model.rows) == 3
    index = model.index(model.row_of("TEST-1"))
    assert index.data(CaseListModel.CodeRole) == "TEST-1"
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    view.setFocus()
    view.setCurrentIndex(index)
    assert not view.edit(index, view.EditTrigger.AllEditTriggers, None)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.findChild(QLineEdit) is None
    assert window.session.case.code == "TEST-1"
