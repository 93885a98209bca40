"""Opening a library file, and what to do when it cannot be opened.

A library that is damaged, from a newer version, read-only or locked is never written
to: the message says what happened (the store's own words) and offers to open another
file or to restore the newest backup — into a *new* file beside it, so the one that
failed stays exactly as it was.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.errors import StoreError
from desktop.core.store import Store, backup
from desktop.gui.common.i18n import translate

OPEN_ANOTHER = QMessageBox.StandardButton.Open
RESTORE = QMessageBox.StandardButton.Retry
QUIT = QMessageBox.StandardButton.Cancel


def restore_copy(db_path: Path) -> Path:
    """Copy the newest good backup of ``db_path`` (one that passes SQLite's check) to a
    new file beside it; return its path."""
    good = backup.newest_good(db_path)
    if good is None:
        raise StoreError(f"there is no usable backup of {db_path} in "
                         f"{backup.folder(db_path)}")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}-restored-{stamp}{db_path.suffix or '.db'}")
    n = 2
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}-restored-{stamp}-{n}{db_path.suffix}")
        n += 1
    shutil.copy2(good, target)
    return target


#: A library up to this size is checked for damage when the window opens it (a tenth of
#: a second or so), so a damaged one is met with the offer of its backup at once; a
#: larger one is checked before its first write instead (the store always does).
VERIFY_AT_OPEN_BYTES = 64 * 1024 * 1024


def _checked_at_open(path: Path) -> bool:
    try:
        return path.stat().st_size <= VERIFY_AT_OPEN_BYTES
    except OSError:
        return False


def ask(path: Path, error: StoreError, parent: QWidget | None) -> QMessageBox.StandardButton:
    """The message box: open another file, restore the latest backup, or quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Case Presenter")
    box.setText(translate("OpenLibrary", "The case library could not be opened."))
    has_backup = bool(backup.backups(path))
    info = str(error)
    if has_backup:
        info += "\n\n" + translate(
            "OpenLibrary", "The newest backup can be restored into a new file beside it; "
            "the file that failed will not be changed.")
    box.setInformativeText(info)
    box.setStandardButtons(OPEN_ANOTHER | (RESTORE if has_backup else
                                           QMessageBox.StandardButton.NoButton) | QUIT)
    box.button(OPEN_ANOTHER).setText(translate("OpenLibrary", "Open Another File…"))
    if has_backup:
        box.button(RESTORE).setText(translate("OpenLibrary", "Restore Latest Backup"))
    box.button(QUIT).setText(translate("OpenLibrary", "Quit") if parent is None
                             else translate("OpenLibrary", "Cancel"))
    box.setDefaultButton(OPEN_ANOTHER)
    result = box.exec()
    try:
        return QMessageBox.StandardButton(result)
    except ValueError:
        return QUIT


def open_library(path: Path, parent: QWidget | None = None) -> tuple[Store, str | None]:
    """Open ``path``, asking the user what to do while it fails. Returns the store and a
    note for the status bar (a restored backup), or raises the last ``StoreError`` when
    the user gives up."""
    note = None
    while True:
        try:
            return Store.open(path, verify=_checked_at_open(path)), note
        except StoreError as error:
            choice = ask(path, error, parent)
            if choice == RESTORE:
                try:
                    restored = restore_copy(path)
                except (StoreError, OSError) as e:
                    QMessageBox.warning(parent, "Case Presenter", str(e))
                    continue
                note = translate("OpenLibrary", "Restored the newest backup of %1 into %2; "
                                 "the damaged file was left as it was.").replace(
                    "%1", path.name).replace("%2", str(restored))
                path = restored
            elif choice == OPEN_ANOTHER:
                chosen, _ = QFileDialog.getOpenFileName(
                    parent, translate("OpenLibrary", "Open Case Library"), str(path.parent),
                    translate("OpenLibrary", "Case libraries (*.db);;All files (*)"))
                if not chosen:
                    continue
                path = Path(chosen)
            else:
                raise error
