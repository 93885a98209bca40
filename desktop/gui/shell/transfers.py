"""Case files in and out of the window: what happens when an imported case's code is
already in the library (Replace, Import as copy, Skip), and the counts that say what was
done — in words with their plural forms ("1 case", «2 случая»)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from desktop.core import casefile, vocab
from desktop.core.errors import CaseFileError, CodeInUse
from desktop.gui.common.i18n import translate
from desktop.gui.common.operations import unique_code
from desktop.gui.common.session import CaseSession

CHOICES = ("replace", "copy", "skip")


def ask(parent: QWidget, code: str, source: str, others: int, lang: str) -> tuple[str, bool]:
    """Replace, copy or skip one file whose code is taken; and whether to do the same for
    the ``others`` conflicting files after it."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      translate("Transfers", "Case already in the library"),
                      translate("Transfers", "The library already has a case %1.").replace(
                          "%1", code), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("conflictBox")
    box.setInformativeText(translate(
        "Transfers", "%1\n\nReplace the case in the library with the file's, import the "
        "file as a copy under a new code, or skip the file?").replace("%1", source))
    buttons = {}
    for choice, text, role in (
            ("replace", translate("Transfers", "Replace"), QMessageBox.ButtonRole.AcceptRole),
            ("copy", translate("Transfers", "Import as Copy"), QMessageBox.ButtonRole.AcceptRole),
            ("skip", translate("Transfers", "Skip"), QMessageBox.ButtonRole.RejectRole)):
        button = box.addButton(text, role)
        button.setObjectName(f"conflict_{choice}")
        buttons[button] = choice
    skip = next(b for b, c in buttons.items() if c == "skip")
    box.setDefaultButton(skip)
    box.setEscapeButton(skip)
    if others:
        box.setCheckBox(QCheckBox(translate("Transfers", "Do the same for the other %1").replace(
            "%1", vocab.count(others, "file", lang)), box))
        box.checkBox().setObjectName("conflict_all")
    box.exec()
    choice = buttons.get(box.clickedButton(), "skip")
    return choice, bool(box.checkBox() and box.checkBox().isChecked())


def resolve(parent: QWidget, session: CaseSession, conflicts: list[CodeInUse]
            ) -> tuple[dict[str, int], list[str]]:
    """Ask about each conflict and do it, each as one undo step; returns how many were
    replaced, copied and skipped, and what could not be done."""
    done = dict.fromkeys(CHOICES, 0)
    problems: list[str] = []
    for_all: str | None = None
    for i, conflict in enumerate(conflicts):
        choice = for_all
        if choice is None:
            choice, same = ask(parent, conflict.code, conflict.source or "",
                               len(conflicts) - i - 1, session.ui_lang)
            for_all = choice if same else None
        if choice == "skip":
            done["skip"] += 1
            continue
        try:
            case = casefile.load(conflict.source or "")
        except CaseFileError as e:
            problems.append(e.localized(session.ui_lang))
            continue
        problem = (replace(session, case) if choice == "replace" else copy(session, case))
        if problem:
            problems.append(f"{conflict.source}: {problem}")
        else:
            done[choice] += 1
    return done, problems


def replace(session: CaseSession, case) -> str | None:
    """The library's case of that code, replaced by ``case``: one undo step."""
    stack = session.undo_stack
    stack.beginMacro(translate("Transfers", "Replace case %1").replace("%1", case.code))
    problem = session.delete_case(case.code, translate("Transfers", "Delete case %1").replace(
        "%1", case.code))
    if problem is None:
        problem = session.add_case(case, translate("Transfers", "Import case %1").replace(
            "%1", case.code))
    stack.endMacro()
    if problem is not None and stack.canUndo() and stack.undoText().endswith(case.code):
        stack.undo()  # the case that was deleted comes back
    return problem


def copy(session: CaseSession, case) -> str | None:
    """``case`` under the next free code (``CODE-2`` …): one undo step."""
    old = case.code
    case.code = unique_code(session.store, old)
    return session.add_case(case, translate("Transfers", "Import %1 as %2").replace(
        "%1", old).replace("%2", case.code))


def summary(done: dict[str, int], lang: str) -> str:
    """"Replaced: 1 case. Imported as a copy: 1 case. Skipped: 2 files." (what happened)."""
    parts = []
    if done["replace"]:
        parts.append(translate("Transfers", "Replaced: %1.").replace(
            "%1", vocab.count(done["replace"], "case", lang)))
    if done["copy"]:
        parts.append(translate("Transfers", "Imported as a copy: %1.").replace(
            "%1", vocab.count(done["copy"], "case", lang)))
    if done["skip"]:
        parts.append(translate("Transfers", "Skipped: %1.").replace(
            "%1", vocab.count(done["skip"], "file", lang)))
    return " ".join(parts)


def written_target(paths: list[Path], folder: Path | None) -> Path | None:
    """What "Open" / "Show in folder" point at after an export: one file, or the folder."""
    if len(paths) == 1 and folder is None:
        return paths[0]
    return folder if paths else None
