"""Remake ``docs/screenshot-main.png``, the README's picture of the window: the seed
library, the second case on its Timeline tab, 1440×900, drawn offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.core.store import Store
    from desktop.gui import create_main_window

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "Case Presenter" / "cases.db"
        db.parent.mkdir()
        Store.open(db).close()  # the seed cases
        window = create_main_window(db, lang="en")
        window.resize(1440, 900)
        window.show()
        window.library.select_code("BALL-EM-2")
        for _ in range(50):
            app.processEvents()
        window.show_tab(1)
        for _ in range(50):
            app.processEvents()
        window.grab().save(str(ROOT / "docs" / "screenshot-main.png"))
        window.close()


if __name__ == "__main__":
    main()
