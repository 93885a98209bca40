"""On a laptop screen the Timeline tab shows the lanes, not mostly its key: the key takes
about a fifth of the room the view is shown in (3 to 8 rows), a group too tall for that says how
many events it leaves to its marker's tip, and the view never needs the tab scrolled."""

from __future__ import annotations

import pytest

from tests.gui.conftest import open_window


@pytest.fixture
def seeded(qtbot, library):
    window = open_window(qtbot, library)
    yield window
    window.close()


def _timeline(window, qtbot, code: str, size: tuple[int, int]):
    window.resize(*size)
    window.library.select_code(code)
    qtbot.waitUntil(lambda: window.session.case is not None
                    and window.session.case.code == code)
    window.show_tab(1)
    qtbot.wait(50)
    return window.views["timeline"]


@pytest.mark.parametrize("code", ["BALL-EM-1", "BALL-EM-2"])
def test_at_1280_by_800_the_lanes_have_the_room(seeded, qtbot, code):
    view = _timeline(seeded, qtbot, code, (1280, 800))
    scroller = seeded.case_pane.timeline.slot.scroller
    assert scroller.verticalScrollBar().maximum() == 0  # the tab needs no scrolling
    canvas = view.canvas
    room = canvas.screen_room()
    assert canvas.key.preferredHeight() <= 0.3 * room  # a fifth for its rows, then notes
    top, bottom = canvas.rows_in_view()
    assert bottom - top >= 5  # several lanes' rows, not one
    key_text = " ".join(canvas.key.texts())
    assert "more numbered markers" in key_text or "more at this marker" in key_text


def test_a_taller_window_gives_the_key_more_rows(seeded, qtbot):
    view = _timeline(seeded, qtbot, "BALL-EM-1", (1280, 800))
    small = view.canvas.key.max_rows()
    seeded.resize(1920, 1200)
    qtbot.waitUntil(lambda: view.canvas.key.max_rows() > small)
    assert view.canvas.key.max_rows() <= 8
