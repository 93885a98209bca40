"""What the window asks when an edit meets a newer version of the case in the library
(saved meanwhile by another window or an import): reload it, or keep the edit as a copy.
Nothing is ever overwritten silently."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.errors import Conflict
from desktop.core.model import Case
from desktop.gui.common.i18n import translate
from desktop.gui.common.session import CaseSession


def ask(parent: QWidget, session: CaseSession, mine: Case, conflict: Conflict) -> None:
    """Offer Reload (the library's version) or Keep mine as a copy (a new case)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Conflict", "The case changed elsewhere"))
    if conflict.found is None:
        box.setText(translate("Conflict", "Case %1 was deleted from the library (by another "
                              "window or program) after you opened it. Your change was not "
                              "saved.").replace("%1", conflict.code))
    else:
        box.setText(translate("Conflict", "Case %1 was changed in the library (by an import, "
                              "another window or program) after you opened it. Your change "
                              "was not saved, and theirs was not overwritten.")
                    .replace("%1", conflict.code))
    box.setInformativeText(translate("Conflict", "Reload shows the library's version. Keep "
                                     "mine as a copy saves your version as a new case."))
    reload = box.addButton(translate("Conflict", "Reload"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(translate("Conflict", "Keep mine as a copy"),
                         QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(reload)
    box.exec()
    if box.clickedButton() is keep:
        problem = session.keep_as_copy(mine, translate("Conflict", "Keep my version as a copy"))
        if problem:
            QMessageBox.warning(parent, translate("Conflict", "The copy could not be saved"),
                                problem)
        return
    session.revisions.pop(conflict.code, None)
    session.reload()
