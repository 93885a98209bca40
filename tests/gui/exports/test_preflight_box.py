"""The export dialogs show the pre-flight for the language chosen, before anything is written."""

from __future__ import annotations

from desktop.core.model import Text
from desktop.gui.exports import actions as exports
from tests.board.cases import lymphoma_case
from tests.gui.exports.test_exports import pdf_dialog, show


def test_dialogs_list_what_the_chosen_language_lacks(window, qtbot):
    ex = exports.install(window)
    case = lymphoma_case("PF-1")
    case.therapies[0].note = Text("Given in full.", None)
    assert window.session.add_case(case, "add") is None
    show(window, qtbot, "PF-1")
    dialog = ex.export_slides()
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    assert any("therapies[0].note" in x for x in dialog.preflight.lines)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.preflight.lines == []
    assert dialog.preflight.text()  # says that nothing is missing
    dialog.reject()
    pdf = pdf_dialog(ex, qtbot, "PF-1", "ru")
    assert any("therapies[0].note" in x for x in pdf.preflight.lines)
    pdf.reject()
