"""GUI fixtures: a real window on a fresh library file, settings in a temporary folder."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings

from desktop.core.model import Image
from desktop.core.store import Store
from tests.conftest import make_case


def png(width: int = 2, height: int = 2) -> bytes:
    """A small valid PNG (the core fixture's one-pixel PNG is truncated)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                   0, 0, 0))
            + chunk(b"tEXt", b"Author\x00A.B.") + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def gui_case(code: str = "TEST-1"):
    """The rich test case, with a PET image that can be shown and de-identified."""
    case = make_case(code)
    case.pet_studies[0] = replace(case.pet_studies[0], image=Image("image/png", png()))
    return case


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path_factory):
    """QSettings go to a folder of this test, never the user's own."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def library(tmp_path):
    """A library file with the seed cases and the rich test case TEST-1."""
    path = tmp_path / "cases.db"
    with Store.open(path) as store:
        store.add(gui_case("TEST-1"))
    return path


def open_window(qtbot, path, lang="en"):
    from desktop.gui import create_main_window

    window = create_main_window(path, lang=lang)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library.ready and window.session.case is not None,
                    timeout=5000)
    return window


@pytest.fixture
def window(qtbot, library):
    w = open_window(qtbot, library)
    w.library.select_code("TEST-1")
    qtbot.waitUntil(lambda: w.session.case is not None and w.session.case.code == "TEST-1")
    yield w
    w.close()


def type_text(widget, text):
    """Key presses carrying ``text`` (QTest's own keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def stored(path, code="TEST-1"):
    """The case as a fresh connection reads it: what survives closing the window."""
    with Store.open(path, seed=False) as store:
        return store.get(code) if code in store else None
