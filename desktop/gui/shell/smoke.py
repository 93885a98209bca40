"""Smoke mode for the standalone bundle's test (``CASE_PRESENTER_SMOKE=1``).

The window quits by itself once it shows a case and prints that case's code, so a script
can prove that the bundled window starts (offscreen) without a person to close it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ENV = "CASE_PRESENTER_SMOKE"
TIMEOUT_MS = 60_000
POLL_MS = 10


def wanted() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def _shown_code(app: QApplication) -> str | None:
    """The code of the case a visible main window shows, if any."""
    for widget in app.topLevelWidgets():
        session = getattr(widget, "session", None)
        case = getattr(session, "case", None)
        if widget.isVisible() and case is not None:
            return case.code
    return None


def arm(app: QApplication, finish: Callable[[int], None] | None = None) -> QTimer:
    """Poll until a case is shown, print its code, close the windows and ``finish(0)``
    (default: leave the event loop); status 3 on time-out."""
    timer = QTimer(app)
    waited = [0]

    def poll() -> None:
        code = _shown_code(app)
        waited[0] += POLL_MS
        if code is not None or waited[0] >= TIMEOUT_MS:
            timer.stop()
            print(f"smoke: window shows {code}" if code else "smoke: no case shown",
                  file=sys.stdout, flush=True)
            if code is None:  # a dialog may hold its own event loop: leave at once
                os._exit(3)
            for widget in app.topLevelWidgets():
                widget.close()
            (finish or app.exit)(0)

    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    return timer
