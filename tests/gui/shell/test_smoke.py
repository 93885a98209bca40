"""The bundle's smoke mode: the window reports the case it shows, then closes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.gui.shell import smoke


def test_smoke_mode_prints_the_shown_case_and_closes_the_window(qtbot, window, capsys):
    finished = []  # app.exit() here would end every later test's event loop at once
    timer = smoke.arm(QApplication.instance(), finished.append)
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=5000)
    assert finished == [0]
    assert capsys.readouterr().out == "smoke: window shows TEST-1\n"
    assert not window.isVisible()


def test_smoke_mode_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert not smoke.wanted()
    monkeypatch.setenv(smoke.ENV, "0")
    assert not smoke.wanted()
    monkeypatch.setenv(smoke.ENV, "1")
    assert smoke.wanted()
