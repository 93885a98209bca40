"""PDF summaries, printing and slides from the window (File ▸ Export PDF…, Print…,
Export Slides…), driven as a user would, offscreen."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from desktop.core.deid import identifying_strings
from desktop.gui.common import folders
from desktop.gui.exports import actions as exports
from desktop.gui.exports import jobs as exports_jobs
from desktop.report import CaseSummaryPdf
from tests.conftest import make_case

TIMEOUT = 30000


@pytest.fixture
def ex(window):
    return exports.install(window)


def show(window, qtbot, code):
    window.library.select_code(code)
    qtbot.waitUntil(lambda: window.session.case is not None and window.session.case.code == code)


def pdf_dialog(ex, qtbot, code="BALL-EM-2", lang=None):
    show(ex.window, qtbot, code)
    dialog = ex.export_pdf()
    assert dialog is not None and dialog.isVisible()
    if lang is not None:
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    return dialog


def pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def text_of(data: bytes, first_page: bool = False) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    shown = reader.pages[:1] if first_page else reader.pages
    text = " ".join(page.extract_text() or "" for page in shown)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return re.sub(r"\s+", " ", text + " " + meta)


def idle(window, qtbot):
    qtbot.waitUntil(lambda: not window.tasks, timeout=TIMEOUT)


def boxes(monkeypatch, answer_yes=False):
    """Message boxes shown (their text and informative text); the answer to a question:
    the accepting button, or Cancel."""
    shown = []

    def exec_(box):
        shown.append(box.text() + "\n" + box.informativeText())
        if answer_yes:
            for button in box.buttons():
                if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                    button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def save_as(monkeypatch, path):
    """The file dialog answers ``path``; the names it proposed are kept."""
    proposed = []

    def ask(_parent, _title, name, _filter="", *a, **k):
        proposed.append(name)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return proposed


# --- the actions -------------------------------------------------------------------------------
def test_actions_are_in_the_file_menu_with_their_shortcuts(ex, window, qtbot):
    names = [a.objectName() for a in window.file_menu.actions()]
    for name in ("exportPdfAction", "printAction", "exportSlidesAction"):
        assert name in names
        assert window.findChild(type(ex.pdf_action), name) is not None
    assert names.index("exportPdfAction") > names.index("exportAllAction")
    assert names.index("exportSlidesAction") < names.index("openLibraryAction")
    assert window.export_pdf_action is ex.pdf_action and window.exports is ex
    assert exports.install(window) is ex  # once
    assert ex.pdf_action.shortcut() == QKeySequence("Ctrl+E")
    assert ex.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    holders = [a.objectName() for a in window.findChildren(type(ex.pdf_action))
               if QKeySequence("Ctrl+E") in a.shortcuts()]
    assert holders == ["exportPdfAction"]  # one action, or the shortcut would do nothing
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window.library.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ex.pdf_dialog is not None and ex.pdf_dialog.isVisible())
    assert ex.pdf_dialog.objectName() == "pdfExportDialog"
    ex.pdf_dialog.reject()


def test_switching_the_language_keeps_the_actions_working(ex, window, qtbot):
    calls = []
    original = ex.retranslate
    ex.retranslate = lambda: calls.append(1) or original()
    window.set_language("ru")
    assert calls and ex.pdf_action.text() and ex.pdf_action in window.file_menu.actions()
    dialog = pdf_dialog(ex, qtbot, lang="ru")
    assert dialog.preview.page_count() == pages(dialog.pdf)
    dialog.reject()
    window.set_language("en")


def test_actions_need_a_case(ex, window, qtbot):
    assert ex.pdf_action.isEnabled()
    window.session.load(None)
    assert not ex.pdf_action.isEnabled() and not ex.slides_action.isEnabled()


# --- the preview -------------------------------------------------------------------------------
def test_preview_shows_every_page_and_follows_the_language(ex, window, qtbot):
    show(window, qtbot, "BALL-EM-2")
    dialog = ex.export_pdf()
    assert not dialog.ready  # made off the UI thread: the dialog is there before the pages
    for name, kind in (("pdfPreview", QWidget), ("pdfLanguage", QComboBox),
                       ("pdfPaper", QComboBox), ("pdfDeidentified", QCheckBox)):
        assert isinstance(dialog.findChild(kind, name), kind), name
    assert dialog.language.currentData() == "both" and dialog.paper.currentData() == "a4"
    assert not dialog.deidentified.isChecked()  # the screen is not anonymized
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    both = dialog.preview.page_count()
    assert both == pages(dialog.pdf) > 1
    assert dialog.page_label.text() == f"Page 1 of {both}"
    assert dialog.save_button.isEnabled()

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert not dialog.ready and not dialog.save_button.isEnabled()  # the old pages are stale
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    english = dialog.preview.page_count()
    assert english == pages(dialog.pdf) < both
    expected = CaseSummaryPdf(window.session.store.get("BALL-EM-2"), "en", False, "a4")
    assert english == pages(expected.generate())
    assert dialog.page_label.text() == f"Page 1 of {english}"
    dialog.preview.show_page(english)
    qtbot.waitUntil(lambda: dialog.page_label.text() == f"Page {english} of {english}")
    dialog.reject()


def test_preview_paper_size(ex, qtbot):
    dialog = pdf_dialog(ex, qtbot, lang="en")
    width = pypdf.PdfReader(io.BytesIO(dialog.pdf)).pages[0].mediabox.width
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    letter = pypdf.PdfReader(io.BytesIO(dialog.pdf)).pages[0].mediabox
    assert round(float(letter.width)) == 612 and round(float(width)) == 595
    dialog.reject()


# --- saving ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, title, other", [
    ("en", "Inotuzumab ozogamicin in relapsed/refractory B-ALL", "Успешная терапия"),
    ("ru", "Успешная терапия резистентного B-острого", "Inotuzumab ozogamicin in relapsed"),
])
def test_save_writes_the_title_in_the_chosen_language(ex, window, qtbot, monkeypatch, tmp_path,
                                                       lang, title, other):
    dialog = pdf_dialog(ex, qtbot, lang=lang)
    target = tmp_path / "summary.pdf"
    proposed = save_as(monkeypatch, target)
    assert folders.start_dir("reports") == folders.documents()  # not the program's folder
    dialog.save_button.click()
    assert proposed and proposed[0].endswith(f"BALL-EM-2-{lang}.pdf")
    assert Path(proposed[0]).parent == folders.documents()
    assert folders.start_dir("reports") == tmp_path  # the next one starts where this went
    assert target.read_bytes() == dialog.pdf
    text = text_of(target.read_bytes(), first_page=True)  # (references quote both titles)
    assert title in text and other not in text
    assert not dialog.isVisible()
    assert str(target) in window.statusBar().currentMessage()


def test_deidentified_export_contains_no_identifier(ex, window, qtbot, monkeypatch, tmp_path):
    case = make_case("DEID-1")
    assert window.session.add_case(case, "add") is None
    secrets = identifying_strings(case)
    assert secrets

    def leaks(data: bytes) -> list[str]:
        text = text_of(data).casefold()
        return [s for s in secrets if s.casefold() in text]

    plain = pdf_dialog(ex, qtbot, "DEID-1", lang="both")
    assert not plain.deidentified.isChecked()
    assert leaks(plain.pdf)  # the check can see them: the full summary has them
    plain.reject()

    window.anonymize_action.trigger()  # the screen anonymized: de-identified by default
    dialog = pdf_dialog(ex, qtbot, "DEID-1", lang="both")
    assert dialog.deidentified.isChecked()
    proposed = save_as(monkeypatch, tmp_path / "deid.pdf")
    dialog.save_dialog()
    assert proposed[0].endswith("DEID-1-deid-both.pdf")
    assert leaks((tmp_path / "deid.pdf").read_bytes()) == []


def test_unchecking_deidentified_while_anonymized_asks(ex, window, qtbot, monkeypatch):
    window.anonymize_action.trigger()
    dialog = pdf_dialog(ex, qtbot, lang="en")
    shown = boxes(monkeypatch)  # the question is answered Cancel
    dialog.deidentified.setChecked(False)
    assert shown and dialog.deidentified.isChecked() and dialog.ready
    boxes(monkeypatch, answer_yes=True)
    dialog.deidentified.setChecked(False)
    assert not dialog.deidentified.isChecked() and not dialog.ready
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    dialog.reject()


def select_all(window):
    view = window.library.list
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.selectAll()
    codes = exports.selected_codes(window)
    assert len(codes) == 3
    return codes


def test_save_all_writes_one_file_per_case_in_the_background(ex, window, qtbot, monkeypatch,
                                                            tmp_path):
    codes = select_all(window)
    dialog = ex.export_pdf()
    assert dialog.save_all_button.isVisible() and dialog.save_all_button.isEnabled()
    assert "(3)" in dialog.save_all_button.text()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    folder = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    dialog.save_all_button.click()
    assert window.tasks and window.progress.isVisible() and window.cancel_button.isVisible()
    assert not dialog.isVisible()
    idle(window, qtbot)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{c}-en.pdf" for c in codes)
    for code in codes:
        assert pages((folder / f"{code}-en.pdf").read_bytes()) >= 1
    assert ": 3 files." in window.statusBar().currentMessage()
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()


def test_save_all_can_be_cancelled(ex, window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(exports_jobs, "BATCH_JOBS", 1)
    codes = select_all(window)
    folder = tmp_path / "out"
    task = ex.save_all(codes, folder, "both", False, "a4")
    # Cancel once the first summary is written: the batch stops after the one in hand
    task.signals.progress.connect(lambda done, _total: done and window.cancel_button.click())
    idle(window, qtbot)
    assert task.cancelled
    written = list(folder.glob("*.pdf"))
    assert 1 <= len(written) < len(codes)
    assert not list(folder.glob(".*.part"))  # no half-written file
    message = window.statusBar().currentMessage()
    assert message.startswith("Cancelled.") and f": {len(written)} file" in message


# --- printing ----------------------------------------------------------------------------------
def print_to(monkeypatch, path, page_range=None):
    """The print dialog answers OK, printing to a PDF file (pages ``page_range``)."""
    seen = []

    def exec_(dialog):
        printer = dialog.printer()
        seen.append((printer.pageLayout().pageSize().id(), printer.fullPage()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if page_range:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*page_range)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return seen


def test_print_prints_every_page_of_the_summary(ex, window, qtbot, monkeypatch, tmp_path):
    show(window, qtbot, "BALL-EM-2")
    from desktop.gui.common.settings import app_settings

    app_settings().setValue("exports/pdfLang", "en")
    out = tmp_path / "printed.pdf"
    seen = print_to(monkeypatch, out)
    job = ex.print_current()
    assert job is not None and job.painted == 0  # pages come from the worker, later
    assert window.progress.isVisible()
    idle(window, qtbot)
    expected = pages(CaseSummaryPdf(window.session.case, "en", False, "a4").generate())
    assert seen and seen[0][1]  # the whole sheet: the summary has its own margins
    assert job.painted == expected
    assert pages(out.read_bytes()) == expected
    assert f"{expected} page" in window.statusBar().currentMessage()
    assert not ex.print_jobs


def test_print_from_the_dialog_honours_the_page_range(ex, window, qtbot, monkeypatch,
                                                      tmp_path):
    dialog = pdf_dialog(ex, qtbot, lang="both")
    assert dialog.preview.page_count() > 3
    out = tmp_path / "range.pdf"
    print_to(monkeypatch, out, (2, 3))
    dialog.print_button.click()
    idle(window, qtbot)
    assert pages(out.read_bytes()) == 2


def test_print_can_be_cancelled(ex, window, qtbot, monkeypatch, tmp_path):
    show(window, qtbot, "BALL-EM-2")
    print_to(monkeypatch, tmp_path / "cancelled.pdf")
    job = ex.print_current()
    window.cancel_button.click()
    idle(window, qtbot)
    total = pages(CaseSummaryPdf(window.session.case, "both", False, "a4").generate())
    assert job.task.cancelled and job.painted < total
    assert "cancelled" in window.statusBar().currentMessage().lower()


def test_closing_the_window_while_printing(ex, window, qtbot, monkeypatch, tmp_path):
    show(window, qtbot, "BALL-EM-2")
    print_to(monkeypatch, tmp_path / "closed.pdf")
    job = ex.print_current()
    qtbot.waitUntil(lambda: job.painted >= 1, timeout=TIMEOUT)
    window.close()
    assert job.task.cancelled and not job.painter.isActive()
    assert not window.tasks


def test_a_printer_that_cannot_start_is_a_message(ex, window, qtbot, monkeypatch, tmp_path):
    show(window, qtbot, "BALL-EM-2")
    shown = boxes(monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    print_to(monkeypatch, blocker / "out.pdf")  # a folder that is a file
    ex.print_current()
    idle(window, qtbot)
    assert shown and "printer could not be started" in shown[0]
    assert window.isVisible()


# --- slides ------------------------------------------------------------------------------------
def deck_text(path) -> str:
    from pptx import Presentation

    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    cp = prs.core_properties
    parts += [cp.title or "", cp.author or "", cp.subject or ""]
    return " ".join(parts)


def test_slides_are_written_in_the_background_and_deidentified_by_default(
        ex, window, qtbot, monkeypatch, tmp_path):
    from pptx import Presentation

    case = make_case("DEID-1")
    assert window.session.add_case(case, "add") is None
    show(window, qtbot, "DEID-1")
    dialog = ex.export_slides()
    assert dialog.objectName() == "slidesExportDialog" and dialog.isVisible()
    assert dialog.deidentified.isChecked()
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("4:3"))
    target = tmp_path / "deck.pptx"
    proposed = save_as(monkeypatch, target)
    dialog.export_button.click()
    assert proposed[0].endswith("DEID-1-deid-en.pptx")
    assert window.tasks and window.progress.isVisible()
    idle(window, qtbot)
    prs = Presentation(str(target))
    assert len(prs.slides) > 0
    assert prs.slide_width * 3 == prs.slide_height * 4
    text = deck_text(target).casefold()
    assert "relapsed b-all" in text
    assert [s for s in identifying_strings(case) if s.casefold() in text] == []
    assert str(target) in window.statusBar().currentMessage()


def test_unchecking_deidentified_slides_asks_first(ex, window, qtbot, monkeypatch, tmp_path):
    show(window, qtbot, "TEST-1")
    dialog = ex.export_slides()
    shown = boxes(monkeypatch)  # Cancel
    dialog.deidentified.setChecked(False)
    assert len(shown) == 1 and dialog.deidentified.isChecked()
    boxes(monkeypatch, answer_yes=True)
    dialog.deidentified.setChecked(False)
    assert not dialog.deidentified.isChecked()
    target = tmp_path / "named.pptx"
    dialog.export_to(target)
    idle(window, qtbot)
    assert "MRN-0042" in deck_text(target)  # the identified deck has them
    assert ex.export_slides().deidentified.isChecked()  # on again the next time
    ex.slides_dialog.reject()


# --- errors ------------------------------------------------------------------------------------
@pytest.fixture
def blocked(tmp_path):
    """A path under a file: no folder can be made there, whoever runs the tests."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    return blocker / "folder"


def test_an_unwritable_pdf_is_a_message_and_the_dialog_stays(ex, window, qtbot, monkeypatch,
                                                             blocked):
    dialog = pdf_dialog(ex, qtbot, lang="en")
    shown = boxes(monkeypatch)
    assert dialog.save_to(blocked / "x.pdf") is False
    assert len(shown) == 1 and str(blocked / "x.pdf") in shown[0]
    assert "Traceback" not in shown[0]
    assert dialog.isVisible() and dialog.ready
    dialog.reject()


def test_an_unwritable_folder_for_save_all_is_a_message(ex, window, qtbot, monkeypatch,
                                                        blocked):
    monkeypatch.setattr(exports_jobs, "BATCH_JOBS", 1)
    shown = boxes(monkeypatch)
    codes = select_all(window)
    ex.save_all(codes, blocked, "en", False, "a4")
    idle(window, qtbot)
    assert len(shown) == 1 and "cannot create the folder" in shown[0]
    assert "Traceback" not in shown[0]
    assert window.isVisible() and not window.tasks


def test_unwritable_slides_are_a_message(ex, window, qtbot, monkeypatch, blocked):
    shown = boxes(monkeypatch)
    dialog = ex.export_slides()
    dialog.export_to(blocked / "deck.pptx")
    idle(window, qtbot)
    assert len(shown) == 1 and "deck.pptx" in shown[0] and "Traceback" not in shown[0]
    assert "not written" in window.statusBar().currentMessage()
