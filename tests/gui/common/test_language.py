"""The interface language at run time (Qt's translator), and the case-text language."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTableView

from desktop.gui.common import i18n
from tests.gui.conftest import open_window, stored, type_text


def test_switching_to_russian_and_back(window):
    window.findChild(object, "language_ru").trigger()
    assert window.file_menu.title() == "&Файл"
    assert window.findChild(object, "languageMenu").title() == "&Язык"
    assert window.case_pane.tabs.tabText(0) == "Обзор"
    assert window.undo_action.iconText() == "Отменить"
    # field names come from the core vocabulary, case text follows the language
    labels = [w.text() for w in window.case_pane.overview.findChildren(QLabel)]
    assert "Иммунофенотип" in labels and "Пол" in labels
    title_ru = window.findChild(QPlainTextEdit, "field_title_ru")
    assert title_ru.isVisible() and title_ru.toPlainText().startswith("Рецидив")
    assert window.findChild(QPlainTextEdit, "field_title_en").isVisible()  # side by side
    assert window.findChild(QLineEdit, "field_diagnosis_date").text() == "ноябрь 2011"
    header = window.findChild(QTableView, "therapyTable").model().headerData(0, 1)
    assert header == "Название"
    assert "случа" in window.status_label.text()
    window.findChild(object, "language_en").trigger()
    assert window.file_menu.title() == "&File"
    assert window.case_pane.tabs.tabText(0) == "Overview"


def test_both_languages_side_by_side_with_a_missing_marker(window, qtbot, library):
    title_en = window.findChild(QPlainTextEdit, "field_title_en")
    title_ru = window.findChild(QPlainTextEdit, "field_title_ru")
    assert title_en.isVisible() and title_ru.isVisible()
    assert title_en.x() < title_ru.x() or title_en.y() != title_ru.y()
    missing = window.findChild(QLabel, "missing_title_ru")
    assert not missing.isVisible()
    title_ru.setFocus()
    title_ru.selectAll()
    qtbot.keyClick(title_ru, Qt.Key.Key_Delete)
    qtbot.keyClick(title_ru, Qt.Key.Key_Return)
    assert stored(library).title.ru is None
    assert missing.isVisible() and missing.text() == "missing in Russian"
    window.text_lang_action.trigger()  # what the list and the charts show
    assert title_en.isVisible() and title_ru.isVisible()
    assert window.file_menu.title() == "&File"  # the interface stays English


def test_lang_argument_and_remembered_choice(qtbot, library):
    w = open_window(qtbot, library, lang="ru")
    assert w.edit_menu.title() == "&Правка"
    w.close()
    w = open_window(qtbot, library, lang=None)  # nothing asked: the last choice
    assert w.session.ui_lang == "ru"
    w.close()


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context")
            for m in c.iter("message")}


@pytest.mark.skipif(not Path(sys.executable).with_name("pyside6-lupdate").exists()
                    and not shutil.which("pyside6-lupdate"), reason="no pyside6-lupdate")
def test_the_catalogue_is_complete_and_compiled(tmp_path):
    """Every text of the window is in the .ts, translated, and the .qm is built from it
    (if this fails: ``python -m desktop.gui.common.i18n``, translate, run it again)."""
    shipped = i18n.ts_path("ru")
    fresh = tmp_path / shipped.name
    shutil.copy(shipped, fresh)
    i18n.run_lupdate(fresh)
    assert _sources(fresh) == _sources(shipped), "texts added or removed since the last update"
    root = ET.parse(fresh).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert not unfinished
    qm = tmp_path / "ru.qm"
    i18n.run_lrelease(shipped, qm)
    assert qm.read_bytes() == i18n.qm_path("ru").read_bytes(), ".qm is older than the .ts"


def test_lrelease_is_the_tool_we_think_it_is():
    out = subprocess.run([i18n._tool("pyside6-lrelease"), "-version"], capture_output=True,
                         text=True)
    assert "lrelease" in (out.stdout + out.stderr)


def test_a_refused_date_says_why_in_russian_and_nothing_is_written(qtbot, library):
    w = open_window(qtbot, library, lang="ru")
    w.library.select_code("TEST-1")
    qtbot.waitUntil(lambda: w.session.case is not None and w.session.case.code == "TEST-1")
    before = stored(library)
    field = w.findChild(QLineEdit, "field_diagnosis_date")
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(field, "31.02.2018")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    hint = w.findChild(QLabel, "hint_diagnosis_date")
    assert hint.isVisible()
    assert "дня 31 нет в месяце 02.2018" in hint.text()
    assert "does not exist" not in hint.text()
    assert stored(library) == before
    assert not w.undo_action.isEnabled()
    w.close()
