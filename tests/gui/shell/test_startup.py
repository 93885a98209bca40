"""Starting the window: the cycle collector waits until it is shown, and the window is
deleted when the event loop ends (not in the interpreter's teardown)."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QTimer

from desktop.gui.shell import app as shell_app
from desktop.gui.shell.main_window import MainWindow
from desktop.gui.shell.startup import pause_collection


def test_collection_paused_then_resumed_with_what_exists_frozen():
    assert gc.isenabled()
    resume = pause_collection()
    try:
        assert not gc.isenabled()
        resume()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        resume()  # a second call changes nothing
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_collector_already_off_is_left_off():
    gc.disable()
    try:
        pause_collection()()
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_run_app_calls_shown_once_the_window_shows_and_deletes_it_at_the_end(qapp, library):
    windows: list[MainWindow] = []
    visible: list[bool] = []

    def shown() -> None:
        windows.extend(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
        visible.extend(w.isVisible() for w in windows)
        for w in windows:
            QTimer.singleShot(0, w.close)  # the user closes it: the loop ends

    guard = QTimer(singleShot=True, interval=20_000)
    guard.timeout.connect(qapp.quit)  # the test fails rather than hangs
    guard.start()
    try:
        assert shell_app.run_app(library, "en", shown=shown) == 0
    finally:
        guard.stop()
    assert visible == [True]
    assert not shiboken6.isValid(windows[0])
