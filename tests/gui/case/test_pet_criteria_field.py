"""The PET response criteria are chosen in the window (Overview ▸ Diagnosis), with the
keyboard as with the mouse: the choice is stored at once, the PET tab's verdict follows,
and Undo brings the case back to criteria chosen by its diagnosis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from desktop.core.store import Store
from tests.board.cases import lymphoma_case
from tests.gui.conftest import open_window


def _stored(library) -> str:
    with Store.open(library) as store:
        return store.get("DLBCL-1").pet_criteria


@pytest.fixture
def lymphoma_window(qtbot, library, request):
    with Store.open(library) as store:
        store.add(lymphoma_case())
    window = open_window(qtbot, library, lang=getattr(request, "param", "en"))
    window.library.select_code("DLBCL-1")
    qtbot.waitUntil(lambda: window.session.case is not None
                    and window.session.case.code == "DLBCL-1")
    yield window
    window.close()


def _badge(window) -> str:
    window.show_tab(2)
    text = window.findChild(QLabel, "petResponseBadge").text()
    window.show_tab(0)
    return text


def test_criteria_chosen_by_keyboard_are_stored_and_judge_the_pet(lymphoma_window, qtbot,
                                                                   library):
    window = lymphoma_window
    combo = window.findChild(QComboBox, "field_pet_criteria")
    assert [combo.itemData(i) for i in range(combo.count())] == ["auto", "lugano", "percist"]
    assert combo.currentData() == "auto" and "by the diagnosis" in combo.currentText()
    assert _badge(window).startswith("CMR (Deauville/Lugano 2014)")  # a lymphoma
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last choice: PERCIST 1.0
    assert _stored(library) == "percist"
    assert _badge(window).startswith("PMR (PERCIST 1.0)")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(library) == "auto"
    assert combo.currentData() == "auto"
    assert _badge(window).startswith("CMR (Deauville/Lugano 2014)")


@pytest.mark.parametrize("lymphoma_window", ["ru"], indirect=True)
def test_the_choices_read_in_russian(lymphoma_window):
    combo = lymphoma_window.findChild(QComboBox, "field_pet_criteria")
    assert combo.currentText().startswith("по диагнозу: Lugano 2014 при лимфоме")
    assert combo.itemText(2) == "PERCIST 1.0"
    labels = [w.text() for w in lymphoma_window.findChildren(QLabel) if w.buddy() is combo]
    assert labels == ["Критерии ответа ПЭТ"]
