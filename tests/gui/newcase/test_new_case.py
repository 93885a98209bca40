"""The guided new case, typed with the keyboard only, as a physician would."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.dates import PartialDate
from tests.gui.conftest import stored, type_text


def focus():
    return QApplication.focusWidget()


def tab_to(qtbot, name, limit=40):
    """Tab on until the field ``name`` has the keyboard (the way a user moves)."""
    for _ in range(limit):
        w = focus()
        if w is not None and (w.objectName() == name or w.parent().objectName() == name):
            return w
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; at {focus().objectName()}")


def typed(qtbot, name, text):
    w = tab_to(qtbot, name)
    type_text(w, text)


def down(qtbot, name, times):
    w = tab_to(qtbot, name)
    for _ in range(times):
        qtbot.keyClick(w, Qt.Key.Key_Down)


def type_the_dlbcl_case(qtbot):
    """A man, 58, DLBCL stage IV, R-CHOP ×6, PET before and after (Deauville 5, then 3)."""
    page = QApplication.activeModalWidget()
    assert page.objectName() == "newCasePage"
    qtbot.waitUntil(lambda: focus() is page.code)  # the page opens with the code field
    typed(qtbot, "new_code", "DLBCL-58")
    typed(qtbot, "new_title_en", "DLBCL stage IV: complete metabolic response after R-CHOP")
    typed(qtbot, "new_title_ru", "ДВКЛ IV стадии: полный метаболический ответ после R-CHOP")
    typed(qtbot, "new_tags", "DLBCL, PET")
    down(qtbot, "new_sex", 2)  # not reported, female, male
    typed(qtbot, "new_age", "58")
    typed(qtbot, "new_dx_date", "03.2023")
    typed(qtbot, "new_dx_name_en", "Diffuse large B-cell lymphoma")
    typed(qtbot, "new_dx_name_ru", "Диффузная B-крупноклеточная лимфома")
    typed(qtbot, "new_stage", "IVB")
    typed(qtbot, "new_ipi", "3")
    down(qtbot, "new_cell_of_origin", 2)  # blank, GCB, non-GCB
    typed(qtbot, "new_therapy_0_name", "R-CHOP")
    down(qtbot, "new_therapy_0_category", 3)  # blank, chemo, immuno, chemoimmunotherapy
    typed(qtbot, "new_therapy_0_start", "2023-04")
    typed(qtbot, "new_therapy_0_end", "2023-08")
    typed(qtbot, "new_therapy_0_cycles", "6")
    typed(qtbot, "new_therapy_0_response", "CMR")
    typed(qtbot, "new_study_0_date", "2023-03")
    typed(qtbot, "new_study_0_label", "Baseline")
    typed(qtbot, "new_study_0_liver_suv_max", "2,1")
    typed(qtbot, "new_study_0_mediastinum_suv_max", "1.5")
    down(qtbot, "new_study_0_deauville", 5)
    typed(qtbot, "new_study_1_date", "2023-09")
    typed(qtbot, "new_study_1_label", "End of treatment")
    typed(qtbot, "new_study_1_liver_suv_max", "2.0")
    typed(qtbot, "new_study_1_mediastinum_suv_max", "1.4")
    down(qtbot, "new_study_1_deauville", 3)
    down(qtbot, "new_study_1_visual_response", 1)
    assert page.create_button.isEnabled(), page.message.text()
    qtbot.keyClick(focus(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def in_modal(qtbot, drive):
    """Run ``drive`` once the modal page is up; a failure closes the page and is raised."""
    failures = []

    def run():
        try:
            drive(qtbot)
        except BaseException as e:  # re-raised below, after the page is closed
            failures.append(e)
        finally:
            page = QApplication.activeModalWidget()
            if page is not None:
                page.reject()

    QTimer.singleShot(0, run)
    return failures


def test_a_whole_case_typed_with_the_keyboard_only_is_saved_in_one_step(window, qtbot,
                                                                        library):
    failures = in_modal(qtbot, type_the_dlbcl_case)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    if failures:
        raise failures[0]
    case = stored(library, "DLBCL-58")
    assert case is not None
    assert (case.patient.sex, case.patient.age_at_diagnosis) == ("M", 58)
    dx = case.diagnosis
    assert (dx.date, dx.stage, dx.ipi, dx.cell_of_origin) == (PartialDate(2023, 3), "IVB", 3,
                                                               "non-GCB")
    assert dx.name.ru == "Диффузная B-крупноклеточная лимфома" and dx.immunophenotype is None
    [t] = case.therapies
    assert (t.name.en, t.category, t.cycles, t.response) == ("R-CHOP", "chemoimmunotherapy",
                                                             6, "CMR")
    before, after = case.pet_studies
    assert (before.liver_suv_max, before.mediastinum_suv_max, before.deauville) == (2.1, 1.5,
                                                                                    "5")
    assert (after.deauville, after.visual_response) == ("3", "CMR")
    # it lands in the normal editor, and one Undo takes it all away
    assert window.session.case.code == "DLBCL-58"
    assert window.case_pane.tabs.currentIndex() == 0
    assert window.undo_action.text().endswith("New case DLBCL-58")
    window.undo_action.trigger()
    assert stored(library, "DLBCL-58") is None


def test_the_page_says_what_is_wrong_as_you_type_and_writes_nothing(window, qtbot, library):
    page = window.new_case_dialog(show=True)
    assert not page.create_button.isEnabled()
    assert "needs a code" in page.message.text()  # the first step, not yet an error:
    assert "#b00020" not in page.message.styleSheet()  # not in red before anything is typed
    type_text(page.code, "TEST-1")
    assert "already has a case TEST-1" in page.message.text()
    assert "#b00020" in page.message.styleSheet()
    page.code.clear()
    type_text(page.code, "NEW-1")
    type_text(page.age, "300")
    assert not page.create_button.isEnabled()
    assert "Age at diagnosis" in page.message.text() and "0–120" in page.message.text()
    page.age.clear()
    type_text(page.therapies.rows[0]["name"], "R-CHOP")
    assert "Category" in page.message.text() and not page.create_button.isEnabled()
    page.therapies.rows[0]["name"].clear()
    assert page.create_button.isEnabled()
    page.reject()
    assert stored(library, "NEW-1") is None


def test_lymphoma_and_leukaemia_fields_follow_the_disease(window, qtbot):
    page = window.new_case_dialog(show=True)
    assert page.stage.isVisible() and not page.karyotype.isVisible()
    page.disease.setCurrentIndex(page.disease.findData("leukaemia"))
    assert page.karyotype.isVisible() and not page.stage.isVisible()
    page.reject()
