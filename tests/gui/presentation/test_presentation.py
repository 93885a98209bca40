"""Presentation mode: F5, full screen, one section per step, the timeline's events one at a
time, de-identified unless the presenter opts in, Esc back to the window as it was."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.core import deid, pet
from desktop.core.paths import SEED_DIR
from desktop.gui.presentation.draw import BODY_PX, HEADING_PX, MIN_PX, Scale
from desktop.gui.presentation.window import (
    CURSOR_HIDE_MS,
    PresentationWindow,
    StartDialog,
    default_screen,
)
from desktop.gui.timeline.canvas import TimelineCanvas
from desktop.gui.timeline.style import figure_style
from tests.conftest import make_case
from tests.gui.conftest import open_window

ALL = ["title", "facts", "timeline", "pet", "take_away"]


def select(qtbot, window, code: str) -> None:
    window.library.select_code(code)
    qtbot.waitUntil(lambda: window.session.case is not None and window.session.case.code == code)


def showing(window, kind):
    """The one visible child window of ``kind`` (closed ones wait for deletion), or None."""
    found = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(found) <= 1
    return found[0] if found else None


def start(qtbot, window, *, identifying: bool = False, key: bool = True) -> PresentationWindow:
    """F5, the start dialog (identifying data off unless asked), Start."""
    if key:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_F5)
    else:
        window.present_action.trigger()
    dialog = showing(window, StartDialog)
    assert dialog is not None
    assert not dialog.identifying_check.isChecked()  # off by default
    if identifying:
        dialog.identifying_check.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    presentation = showing(window, PresentationWindow)
    assert presentation is not None
    qtbot.waitExposed(presentation)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presentation)  # keys go to it
    assert presentation.isFullScreen()
    assert presentation.screen() is window.screen()  # the only screen there is
    presentation.resize(1920, 1080)  # the offscreen screen is smaller than a projector's
    qtbot.waitUntil(lambda: presentation.size().toTuple() == (1920, 1080))
    return presentation


def press(qtbot, presentation: PresentationWindow, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(presentation, key)


def every_text(presentation: PresentationWindow) -> list[str]:
    """The texts of every step of every section."""
    out: list[str] = []
    presentation.go(0)
    while True:
        out += presentation.texts()
        before = (presentation.index, presentation.section.step)
        presentation.next()
        if (presentation.index, presentation.section.step) == before:
            return out


@pytest.fixture
def window(qtbot, library):
    w = open_window(qtbot, library)
    select(qtbot, w, "BALL-EM-2")
    yield w
    for p in w.findChildren(PresentationWindow):
        p.close()
    w.close()


# --- starting and leaving ----------------------------------------------------------------------
def test_f5_starts_a_full_screen_presentation_on_the_title(qtbot, window):
    assert window.findChild(object, "presentAction").shortcut().toString() == "F5"
    p = start(qtbot, window)  # full screen (then made 1920×1080 for the offscreen tests)
    assert p.isWindow()
    assert p.names() == ALL
    assert p.position() == (1, 5)
    texts = p.texts()
    assert any(t.startswith("Inotuzumab ozogamicin in relapsed/refractory B-ALL") for t in texts)
    assert any("De-identified" in t for t in texts)
    assert p.progress.accessibleName() == "Section 1 of 5"


def test_the_menu_action_starts_it_too_and_is_off_without_a_case(qtbot, window):
    p = start(qtbot, window, key=False)
    assert p.names()[0] == "title"
    p.close()
    window.session.load(None)
    assert not window.present_action.isEnabled()
    window.present()  # F5 without a case: a word in the status bar, no dialog
    assert showing(window, StartDialog) is None
    assert "case" in window.statusBar().currentMessage()


def test_escape_leaves_and_the_window_is_as_it_was(qtbot, window):
    window.show_tab(1)
    before = (window.geometry(), window.case_pane.tabs.currentIndex(),
              window.session.anonymized, window.session.case.code, window.isVisible())
    p = start(qtbot, window)
    press(qtbot, p, Qt.Key.Key_Right, 3)
    press(qtbot, p, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(PresentationWindow) is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    after = (window.geometry(), window.case_pane.tabs.currentIndex(),
             window.session.anonymized, window.session.case.code, window.isVisible())
    assert after == before


def test_cancelling_the_dialog_starts_nothing(qtbot, window):
    window.present_action.trigger()
    dialog = showing(window, StartDialog)
    dialog.reject()
    assert showing(window, PresentationWindow) is None


# --- moving ------------------------------------------------------------------------------------
def test_keys_move_through_the_sections(qtbot, window):
    p = start(qtbot, window)
    press(qtbot, p, Qt.Key.Key_Right)
    assert p.section.name == "facts" and p.position() == (2, 5)
    assert "Patient and diagnosis" in p.texts()
    press(qtbot, p, Qt.Key.Key_Left)
    assert p.section.name == "title"
    press(qtbot, p, Qt.Key.Key_PageDown)
    assert p.section.name == "facts"
    press(qtbot, p, Qt.Key.Key_PageUp)
    assert p.section.name == "title"
    press(qtbot, p, Qt.Key.Key_Space)
    assert p.section.name == "facts"
    press(qtbot, p, Qt.Key.Key_End)
    assert p.section.name == "take_away" and p.position() == (5, 5)
    press(qtbot, p, Qt.Key.Key_Right)  # the end stays the end
    assert p.position() == (5, 5)
    press(qtbot, p, Qt.Key.Key_Home)
    assert p.position() == (1, 5)
    press(qtbot, p, Qt.Key.Key_Left)  # so does the start
    assert p.position() == (1, 5)


def test_the_timeline_reveals_its_events_in_a_few_steps(qtbot, window):
    """Lines of therapy first, then the turning points, then the rest: not one event per
    press (20 presses for BALL-EM-2 before)."""
    p = start(qtbot, window)
    press(qtbot, p, Qt.Key.Key_Right, 2)
    section = p.section
    assert section.name == "timeline"
    canvas = section.canvas
    total = len(canvas.layout_.markers)
    assert len(window.session.case.events) == 20 and total > 0

    def drawn() -> int:  # event symbols in the drawing
        return sum(len(i.getData()[0]) for i in canvas.scatters if i.zValue() == 20)

    assert section.revealed() == 0 and drawn() == 0
    steps = section.steps() - 1
    assert 2 <= steps <= 3
    counts: list[int] = []
    for k in range(steps):
        press(qtbot, p, Qt.Key.Key_PageDown)
        assert p.section is section
        counts.append(section.revealed())
        assert drawn() == counts[-1]
        xs = [m.x for m in canvas.revealed_markers()]
        assert xs == sorted(xs)  # in time order
        if k == 0:  # the turning points come first
            assert {m.type for m in canvas.revealed_markers()} <= {"diagnosis", "relapse",
                                                                   "death"}
    assert counts == sorted(counts) and counts[-1] == total
    assert section.step_line() in p.texts()  # named above the drawing
    assert f"Step {steps} of {steps}" in p.texts()  # steps, not events
    press(qtbot, p, Qt.Key.Key_PageDown)  # all shown: on to the next section
    assert p.section.name == "pet"
    press(qtbot, p, Qt.Key.Key_Left)  # back: the timeline as it was left
    assert p.section is section and section.revealed() == total
    press(qtbot, p, Qt.Key.Key_Left, steps)
    assert section.revealed() == 0
    press(qtbot, p, Qt.Key.Key_Left)
    assert p.section.name == "facts"


def test_the_pet_section_shows_the_value_and_the_cmr_explanation(qtbot, window):
    p = start(qtbot, window)
    p.go(p.names().index("pet"))
    texts = p.texts()
    assert "11.93" in texts
    shown = deid.deidentify(window.session.case)
    comparison = pet.compare_studies(shown)[0]
    assert comparison.response.category == "CMR"
    assert comparison.response.explanation.en in texts
    assert any(t.startswith("CMR") and "complete metabolic response" in t for t in texts)


def test_sections_a_case_does_not_have_are_skipped(qtbot, window):
    select(qtbot, window, "BALL-EM-1")  # no PET studies
    p = start(qtbot, window)
    assert p.names() == ["title", "facts", "timeline", "take_away"]
    assert p.progress.accessibleName() == "Section 1 of 4"
    p.close()
    select(qtbot, window, "TEST-1")  # no conclusion
    p = start(qtbot, window)
    assert p.names() == ["title", "facts", "timeline", "pet"]


# --- what may be shown --------------------------------------------------------------------------
def _identifying(texts: list[str]) -> list[str]:
    case = make_case()
    joined = "\n".join(texts).lower()
    found = [s for s in deid.identifying_strings(case) if s.lower() in joined]
    found += [s for s in ("A.B.", "MRN-0042", "1986") if s.lower() in joined]
    return found


def test_nothing_identifying_shows_by_default(qtbot, window):
    select(qtbot, window, "TEST-1")
    assert not window.session.anonymized  # the window shows the real data
    p = start(qtbot, window)
    texts = every_text(p)
    assert len(texts) > 40
    assert _identifying(texts) == []


def test_identifying_data_shows_only_with_the_opt_in(qtbot, window):
    select(qtbot, window, "TEST-1")
    p = start(qtbot, window, identifying=True)
    texts = every_text(p)
    assert "A.B." in texts and "MRN-0042" in texts
    assert any("1986" in t for t in texts)


def test_the_windows_anonymize_toggle_does_not_reach_the_presentation(qtbot, window):
    select(qtbot, window, "TEST-1")
    p = start(qtbot, window, identifying=True)
    p.go(1)
    before = p.texts()
    window.anonymize_action.trigger()
    assert window.session.anonymized
    assert p.texts() == before
    window.anonymize_action.trigger()
    p.close()
    window.anonymize_action.trigger()  # anonymized window, opt-in off: still de-identified
    p = start(qtbot, window)
    assert _identifying(every_text(p)) == []


# --- the room ----------------------------------------------------------------------------------
def test_the_pointer_hides_after_two_seconds_without_movement(qtbot, window):
    p = start(qtbot, window)
    assert CURSOR_HIDE_MS == 2000 and p.cursor_timer.interval() == 2000
    assert p.cursor_timer.isActive()
    p.cursor_timer.timeout.emit()
    assert p.cursor().shape() == Qt.CursorShape.BlankCursor
    pos = QPointF(200, 200)
    QApplication.sendEvent(p, QMouseEvent(QEvent.Type.MouseMove, pos, p.mapToGlobal(pos),
                                          Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                          Qt.KeyboardModifier.NoModifier))
    assert p.cursor().shape() != Qt.CursorShape.BlankCursor
    assert p.cursor_timer.isActive()


def test_type_is_large_and_scales_with_the_screen():
    at_1080, at_2160 = Scale.of(1080), Scale.of(2160)
    assert at_1080.font(HEADING_PX, bold=True).pixelSize() >= 40
    assert min(BODY_PX) == MIN_PX >= 28
    assert at_1080.font(MIN_PX).pixelSize() >= 28
    assert at_2160.font(MIN_PX).pixelSize() == 2 * at_1080.font(MIN_PX).pixelSize()


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_every_text_on_the_projector_is_at_least_18_pt(qtbot, size):
    """18 pt is 24 px at the 96 px to the inch a projector is driven at."""
    from desktop.core import casefile
    from desktop.core.paths import seed_files

    for path in seed_files():
        p = PresentationWindow(casefile.load(path), lang="ru")
        qtbot.addWidget(p)
        p.resize(*size)
        p.show()
        qtbot.waitExposed(p)
        p.go(0)
        sizes: list[int] = []
        while True:
            sizes += p.section.text_pixel_sizes()
            before = (p.index, p.section.step)
            p.next()
            if (p.index, p.section.step) == before:
                break
        assert sizes and min(sizes) * 72 / 96 >= 18, path.name
        p.close()


def test_the_progress_bar_follows_sections_and_steps(qtbot, window):
    p = start(qtbot, window)
    assert 6 <= p.progress.height() <= 20
    press(qtbot, p, Qt.Key.Key_Right, 3)  # the timeline, one event shown
    assert p.progress.index == 2 and 0 < p.progress.fraction < 1
    assert p.progress.accessibleName() == "Section 3 of 5"


def test_default_screen_is_one_the_window_is_not_on():
    a, b, c = (SimpleNamespace(name=n) for n in "abc")
    assert default_screen([a, b, c], a) is b
    assert default_screen([a, b, c], b) is a
    assert default_screen([a], a) is a
    assert default_screen([a], None) is a


def test_the_dialog_lists_screens_by_name_when_there_are_several(qtbot):
    class FakeScreen:
        def __init__(self, name, w, h):
            self._name, self._size = name, SimpleNamespace(width=lambda: w, height=lambda: h)

        def name(self):
            return self._name

        def model(self):
            return ""

        def geometry(self):
            return SimpleNamespace(size=lambda: self._size)

    laptop, projector = FakeScreen("eDP-1", 1920, 1200), FakeScreen("HDMI-1", 1920, 1080)
    dialog = StartDialog(None, [laptop, projector], projector, laptop)
    qtbot.addWidget(dialog)
    combo = dialog.screen_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "eDP-1 (1920×1200) — this window", "HDMI-1 (1920×1080)"]
    assert dialog.chosen_screen() is projector
    assert not combo.isHidden()
    one = StartDialog(None, [laptop], laptop, laptop)
    qtbot.addWidget(one)
    assert one.screen_combo.isHidden() and one.chosen_screen() is laptop


# --- language ------------------------------------------------------------------------------------
def test_in_russian_the_whole_presentation_is_russian(qtbot, library):
    w = open_window(qtbot, library, lang="en")
    try:
        select(qtbot, w, "BALL-EM-2")
        w.text_lang_action.trigger()  # the case text in Russian, the window in English
        p = start(qtbot, w)
        texts = every_text(p)
        for heading in ("Пациент и диагноз", "Временная шкала терапии", "ПЭТ до и после",
                        "Главное"):
            assert heading in texts
        assert any(t.startswith("Инотузумаб озогамицин") for t in texts)
        assert not any(re.search(r"\b(?:Patient|Take-away|Therapy timeline)\b", t)
                       for t in texts)
        p.close()
    finally:
        w.close()


# --- the timeline canvas's reveal ---------------------------------------------------------------
def test_the_canvas_reveals_the_first_stages_in_time_order(qtbot):
    from desktop.core import casefile, timeline

    case = casefile.load(SEED_DIR / "ball-em-1.case.json")
    layout = timeline.build_layout(case)
    canvas = TimelineCanvas(figure_style((1600, 900)))
    qtbot.addWidget(canvas)
    canvas.resize(1600, 900)
    canvas.draw(layout)
    assert len(canvas.revealed_markers()) == len(layout.markers)  # all by default
    canvas.reveal(1)  # the first stage: diagnosis and relapses
    shown = canvas.revealed_markers()
    first = sorted(m.x for m in layout.markers if m.type in ("diagnosis", "relapse", "death"))
    assert [m.x for m in shown] == first and 0 < len(first) < len(layout.markers)
    drawn = sum(len(i.getData()[0]) for i in canvas.scatters if i.zValue() == 20)
    assert drawn == len(first)
    hidden = {m.label for m in layout.markers} - {m.label for m in shown}
    assert not hidden & set(canvas.labels.texts)  # their labels go with them
    canvas.reveal(0)
    assert canvas.revealed_markers() == []
    assert not [i for i in canvas.scatters if i.zValue() == 20]
    canvas.reveal(None)
    assert len(canvas.revealed_markers()) == len(layout.markers)


def test_facts_too_many_for_one_step_go_on_over_more_pages(qtbot):
    from dataclasses import replace

    from desktop.core.model import Finding, Text

    case = make_case("MANY")
    case = replace(case, findings=[
        Finding(case.diagnosis.date, "karyotype", f"46,XX,t(9;22)(q34;q11) clone {i}",
                Text("note", "примечание")) for i in range(30)])
    p = PresentationWindow(case, lang="en")
    qtbot.addWidget(p)
    p.present()
    p.resize(1920, 1080)
    qtbot.waitUntil(lambda: p.size().toTuple() == (1920, 1080))
    press(qtbot, p, Qt.Key.Key_Right)
    facts = p.section
    assert facts.name == "facts" and facts.steps() >= 2
    first = p.texts()
    assert first[0] == "Patient and diagnosis" and "clone 0" in "\n".join(first)
    press(qtbot, p, Qt.Key.Key_Right)
    assert p.section is facts and facts.step == 1
    second = p.texts()
    assert second[0] == "Patient and diagnosis (continued)"
    assert second[1] == "Later findings"  # a continued group keeps its label
    assert not set(first[1:]) & set(second[2:])  # nothing twice, nothing lost:
    shown = every_text(p)
    assert all(f"clone {i}" in "\n".join(shown) for i in range(30))


def test_f5_inside_the_presentation_starts_nothing_more(qtbot, window):
    p = start(qtbot, window)
    press(qtbot, p, Qt.Key.Key_F5)
    window.present_action.trigger()  # even if the window's shortcut fires
    assert showing(window, StartDialog) is None
    assert p.isVisible() and p.position() == (1, 5)
