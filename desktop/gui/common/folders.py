"""Where file dialogs start, and what to offer after a file was written.

Every dialog starts in the folder last used for a file of its kind, else in the user's
documents folder — never in the program's own folder. After an export the status bar
offers to open the file and to show it in its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QPushButton

from desktop.gui.common.i18n import translate
from desktop.gui.common.settings import app_settings


def documents() -> Path:
    found = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


def start_dir(kind: str = "files") -> Path:
    """The folder last used for ``kind`` (cases, reports, images, libraries), if it is
    still there; else the documents folder."""
    last = app_settings().value(f"folders/{kind}")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents()


def remember(path: str | Path, kind: str = "files") -> None:
    """Remember the folder of ``path`` (or ``path`` itself, a folder) for ``kind``."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    app_settings().setValue(f"folders/{kind}", str(folder))


def open_url(path: Path) -> bool:
    """Open ``path`` with the desktop's program for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def offer_open(window: QMainWindow, path: Path | None) -> None:
    """"Open" and "Show in folder" in the status bar for a written file (a folder: only
    "Show"); ``None`` takes them away."""
    bar = window.statusBar()
    buttons = bar.findChildren(QPushButton, "openWrittenButton"), bar.findChildren(
        QPushButton, "showWrittenButton")
    if not buttons[0]:
        opener = QPushButton(bar, objectName="openWrittenButton", flat=True)
        shower = QPushButton(bar, objectName="showWrittenButton", flat=True)
        bar.insertPermanentWidget(0, opener)
        bar.insertPermanentWidget(1, shower)
        opener.clicked.connect(lambda: open_url(Path(opener.property("target"))))
        shower.clicked.connect(lambda: open_url(Path(shower.property("target"))))
    else:
        opener, shower = buttons[0][0], buttons[1][0]
    opener.setText(translate("Folders", "Open"))
    shower.setText(translate("Folders", "Show in folder"))
    if path is None:
        opener.hide()
        shower.hide()
        return
    p = Path(path)
    opener.setProperty("target", str(p))
    opener.setToolTip(str(p))
    shower.setProperty("target", str(p if p.is_dir() else p.parent))
    shower.setToolTip(str(p if p.is_dir() else p.parent))
    opener.setVisible(not p.is_dir())
    shower.show()
