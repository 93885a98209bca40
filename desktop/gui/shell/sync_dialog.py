"""File ▸ Sync with Department…: this computer's library and the department's, case by case.

The department's URL is asked once and remembered in the settings — without its
password, which is kept for this session only (or read from ~/.pgpass, as
docs/department.md says); the URL is shown with ``***`` in its place. The sync runs on
the thread pool with progress and Cancel; the window stays usable. A case changed on both
sides is listed with a choice (keep mine, keep theirs, keep both), and the next sync
applies the choices. When a sync ends, the case list and the open case are read again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core import vocab
from desktop.core.store.urls import is_url, redact
from desktop.gui.common import workers
from desktop.gui.common.settings import app_settings
from desktop.gui.shell.sync_task import SyncTask

if TYPE_CHECKING:
    from desktop.gui.common.workers import TaskResult

URL_KEY = "department/url"
# The choices for a conflict, in the order of the list; None: decide later.
CHOICES = (None, "mine", "theirs", "both")


def without_password(url: str) -> str:
    """The URL as the settings keep it: no password at all (not even ``***``)."""
    bare = re.sub(r"(://[^/@:]*):[^/@]*@", r"\1@", url)
    bare = re.sub(r"([?&])password=[^&]*&?", r"\1", bare)
    return bare.rstrip("?&")


class SyncDialog(QDialog):
    """One per window, kept while it is open (so is a password typed into the URL)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("syncDialog")
        self.window_ = window
        self.task: SyncTask | None = None
        self.result: TaskResult | None = None
        self._session_url: str | None = None  # the URL with its password, never saved
        self._error: str | None = None  # an address that is not one
        self._build()
        saved = app_settings().value(URL_KEY, "")
        self.url_edit.setText(saved if isinstance(saved, str) else "")
        self.retranslate()
        self._set_running(False)
        self.resize(640, 420)

    def _build(self) -> None:
        self.intro = QLabel(self, objectName="syncIntro", wordWrap=True)
        self.url_label = QLabel(self)
        self.url_edit = QLineEdit(self, objectName="syncUrl")
        self.url_edit.returnPressed.connect(self.start)
        self.url_label.setBuddy(self.url_edit)
        self.password_note = QLabel(self, objectName="syncPasswordNote", wordWrap=True)
        self.password_note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow(self.url_label, self.url_edit)
        self.progress = QProgressBar(self, objectName="syncProgress")
        self.step_label = QLabel(self, objectName="syncStep")
        self.result_label = QLabel(self, objectName="syncResult", wordWrap=True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflict_label = QLabel(self, objectName="syncConflictNote", wordWrap=True)
        self.conflicts = QTableWidget(0, 4, self, objectName="syncConflicts")
        self.conflicts.verticalHeader().hide()
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.conflicts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.sync_button = QPushButton(self, objectName="syncButton", default=True)
        self.sync_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self, objectName="syncCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self, objectName="syncClose")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.sync_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.password_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.step_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.conflict_label)
        layout.addWidget(self.conflicts, 4)
        layout.addStretch(1)  # the room the list takes when there is one
        layout.addLayout(buttons)
        self._show_conflicts([])

    # --- words -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync with Department"))
        self.intro.setText(self.tr(
            "Sends the cases changed on this computer to the department library and fetches "
            "the cases changed there. A case changed on both sides is never overwritten: "
            "you choose which to keep."))
        self.url_label.setText(self.tr("&Department library:"))
        self.url_edit.setPlaceholderText("postgresql://user@server/database")
        self.password_note.setText(self.tr(
            "The address is remembered without its password: a password in it is kept "
            "only until you quit. Or keep it in ~/.pgpass (see docs/department.md)."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self.conflicts.setHorizontalHeaderLabels([
            self.tr("Case"), self.tr("Here"), self.tr("In the department"), self.tr("Keep")])
        for row in range(self.conflicts.rowCount()):
            self._fill_row_words(row)
        self._update_words()

    def _update_words(self) -> None:
        choosing = self.conflicts.rowCount() > 0
        self.sync_button.setText(self.tr("Sync and Apply Choices") if choosing
                                 else self.tr("&Sync"))
        self.conflict_label.setText(self.tr(
            "Changed on both sides — nothing was overwritten. Choose for each case and sync "
            "again: keep mine sends this computer's version, keep theirs takes the "
            "department's, keep both keeps theirs under its code and mine under a new code."
        ) if choosing else "")
        self.result_label.setText(self._result_text())
        failed = bool(self._error or (self.result and self.result.error))
        self.result_label.setStyleSheet("color: #a40000;" if failed else "")

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # --- the URL -----------------------------------------------------------------------
    def url(self) -> str:
        """What to connect to: the field's text, or the session's URL it stands for."""
        text = self.url_edit.text().strip()
        if self._session_url and text == redact(self._session_url):
            return self._session_url
        return text

    def _remember(self, url: str) -> None:
        app_settings().setValue(URL_KEY, without_password(url))
        if redact(url) != url:  # a password: for this session only, shown as ***
            self._session_url = url
            self.url_edit.setText(redact(url))

    # --- running -------------------------------------------------------------------------
    def start(self) -> SyncTask | None:
        """Sync now, with the choices made for the conflicts listed."""
        if self.task is not None or self.window_.db_path is None:
            return None
        url = self.url()
        if not is_url(url):
            self.result = None
            self._error = self.tr("%1 is not a department library address; write "
                                  "postgresql://user@server/database. Nothing was changed."
                                  ).replace("%1", repr(redact(url)) if url else "''")
            self._update_words()
            return None
        self._remember(url)
        self._error = None
        self.result = None
        task = SyncTask(self.window_.db_path, url, self.choices())
        task.signals.step.connect(self._step)
        task.signals.finished.connect(lambda result, t=task: self._finished(t, result))
        self.task = task
        self.window_.tasks.append(task)
        self.window_._update_state()
        self._set_running(True)
        self._update_words()
        workers.start(task)
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.step_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.sync_button.setEnabled(not running)
        self.url_edit.setEnabled(not running)
        self.conflicts.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.step_label.setText(self.tr("Connecting to %1…").replace(
                "%1", redact(self.url())))

    def _step(self, done: int, total: int, code: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")
        self.step_label.setText(self.tr("%1 of %2: %3").replace("%1", str(done)).replace(
            "%2", str(total)).replace("%3", code))

    def _finished(self, task: SyncTask, result: TaskResult) -> None:
        window = self.window_
        if task in window.tasks:
            window.tasks.remove(task)
        self.task = None
        self.result = result
        self._set_running(False)
        if not window._closed:
            window._update_state()
            if result.error is None:
                reload_window(window, result.report)
        self._show_conflicts(result.report.conflicts if result.error is None else [])
        self._update_words()
        window.statusBar().showMessage(self._result_text().split("\n")[0], 15000)

    # --- conflicts -----------------------------------------------------------------------
    def _show_conflicts(self, conflicts: list) -> None:
        self.conflicts.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            self.conflicts.setItem(row, 0, QTableWidgetItem(c.code))
            self.conflicts.setItem(row, 1, QTableWidgetItem())
            self.conflicts.setItem(row, 2, QTableWidgetItem())
            box = QComboBox(self.conflicts, objectName=f"syncChoice_{c.code}")
            box.setProperty("sides", (c.here, c.there))
            self.conflicts.setCellWidget(row, 3, box)
            self._fill_row_words(row)
        self.conflicts.setVisible(bool(conflicts))
        self.conflict_label.setVisible(bool(conflicts))

    def _fill_row_words(self, row: int) -> None:
        box: QComboBox = self.conflicts.cellWidget(row, 3)
        here, there = box.property("sides")
        self.conflicts.item(row, 1).setText(self._side(here))
        self.conflicts.item(row, 2).setText(self._side(there))
        chosen = box.currentIndex()
        box.clear()
        for choice, text in zip(CHOICES, (self.tr("Decide later"), self.tr("Keep mine"),
                                          self.tr("Keep theirs"), self.tr("Keep both")),
                                strict=True):
            box.addItem(text, choice)
        box.setCurrentIndex(max(chosen, 0))

    def _side(self, word: str) -> str:
        return {"changed": self.tr("changed"), "added": self.tr("added"),
                "deleted": self.tr("deleted")}.get(word, word)

    def choices(self) -> dict[str, str]:
        """The conflicts' codes with the choice made for each (not "decide later")."""
        found = {}
        for row in range(self.conflicts.rowCount()):
            choice = self.conflicts.cellWidget(row, 3).currentData()
            if choice:
                found[self.conflicts.item(row, 0).text()] = choice
        return found

    def choose(self, code: str, choice: str) -> None:
        """Pick ``choice`` (mine, theirs, both) for the conflict on ``code``."""
        box = self.findChild(QComboBox, f"syncChoice_{code}")
        box.setCurrentIndex(CHOICES.index(choice))

    # --- what happened -------------------------------------------------------------------
    def _result_text(self) -> str:
        if self._error:
            return self._error
        result = self.result
        if result is None:
            return ""
        if result.error:
            return result.error + "\n" + self.tr("Nothing more was changed; sync again when "
                                                 "the department library can be reached.")
        r, lang = result.report, self.window_.session.ui_lang
        deleted = len(r.deleted_here) + len(r.deleted_there)
        counts = [text.replace("%1", vocab.count(n, "case", lang)) for n, text in (
            (len(r.sent), self.tr("Sent: %1.")), (len(r.fetched), self.tr("Fetched: %1.")),
            (deleted, self.tr("Deleted: %1."))) if n]
        lines = [" ".join(counts)] if counts else []
        if not (counts or r.conflicts or r.failed or r.held or result.cancelled):
            lines.append(self.tr("Nothing to send or fetch: the two libraries agree."))
        if result.cancelled:
            lines.insert(0, self.tr("Cancelled; the next sync does the rest."))
        if r.resolved:
            lines.append(self.tr("Settled: %1.").replace("%1", ", ".join(
                f"{code} → {new}" if new else code for code, _, new in r.resolved)))
        if r.held:
            lines.append(self.tr("Kept here, not sent (this role may only read): %1.")
                         .replace("%1", ", ".join(r.held)))
        if r.failed:
            lines.append(self.tr("Not synced:") + "\n" + "\n".join(r.failed[:8]))
        return "\n".join(lines)

    def closeEvent(self, e) -> None:
        self.cancel()  # a sync that was asked to stop ends between two cases
        super().closeEvent(e)


def reload_window(window, report) -> None:
    """The case list read again, and the open case if the sync changed it here (its undo
    history is then dropped: undoing would write an older version over the fetched one)."""
    changed = set(report.fetched) | set(report.deleted_here)
    for code, choice, new in report.resolved:
        if choice != "mine":
            changed.add(code)
        if new:
            changed.add(new)
    session = window.session
    if changed or report.sent or report.deleted_there:
        session.libraryReloaded.emit()
    if changed:
        session.undo_stack.clear()
    current = session.case.code if session.case is not None else None
    if current in changed:
        session.revisions.pop(current, None)
        session.reload()


def show(window) -> SyncDialog:
    """The window's sync dialog (made on first use), shown and raised."""
    dialog = getattr(window, "sync_dialog", None)
    if dialog is None:
        dialog = window.sync_dialog = SyncDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
