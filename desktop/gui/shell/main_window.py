"""The main window: the case library on the left, the selected case on the right.

Everything that changes data goes through ``CaseSession`` (one transaction, one undo
step, written at once — there is no Save); long work (imports, exports) runs on the
thread pool with a progress bar and Cancel in the status bar.
"""

from __future__ import annotations

import contextlib
import copy
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from desktop.core import vocab
from desktop.core.errors import CodeInUse
from desktop.core.paths import CASE_FILE_SUFFIX
from desktop.core.store import Store
from desktop.gui.case.pane import CasePane, WidgetFactory
from desktop.gui.common import folders, workers
from desktop.gui.common.i18n import LANGS, LanguageSwitcher
from desktop.gui.common.operations import unique_code
from desktop.gui.common.session import CaseSession
from desktop.gui.common.settings import app_settings, library_key
from desktop.gui.library.pane import LibraryPane
from desktop.gui.shell import conflict as conflict_dialog
from desktop.gui.shell import transfers
from desktop.gui.shell.dbopen import open_library
from desktop.gui.shell.window_parts import WindowParts


def _case_files(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls
            if u.isLocalFile() and u.toLocalFile().endswith(CASE_FILE_SUFFIX)]


class MainWindow(QMainWindow, WindowParts):
    def __init__(self, db_path: Path | str, lang: str | None = None,
                 store: Store | None = None, plug_views: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        settings = app_settings()
        lang = lang or str(settings.value("ui/lang", "en"))
        if lang not in LANGS:
            lang = "en"
        note = None
        if store is None:
            store, note = open_library(Path(db_path), None)
        self.store = store
        self.db_path = store.path
        self.switcher = LanguageSwitcher()
        self.switcher.install(lang)
        self.session = CaseSession(store, self.switcher.lang, self)
        self.tasks: list[workers.Task] = []
        self._closed = False

        self.library = LibraryPane(self.session, self)
        self.library.reload()  # the list is read on its thread while the window is built
        self.case_pane = CasePane(self.session, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.case_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 1020])
        self.setCentralWidget(self.splitter)
        self.resize(1400, 860)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.setAcceptDrops(True)
        QApplication.instance().installEventFilter(self)

        self.session.displayChanged.connect(self._update_state)
        self.session.storeFailed.connect(self._store_failed)
        self.session.conflicted.connect(
            lambda mine, conflict: conflict_dialog.ask(self, self.session, mine, conflict))
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.session.caseChanged.connect(self._remember_case)
        self.session.undo_stack.indexChanged.connect(self._history_moved)
        self.library.countChanged.connect(lambda *_: self._update_status())
        self.undo_action.triggered.connect(self._undone)
        self.redo_action.triggered.connect(self._redone)

        from desktop.gui.exports import actions as exports
        from desktop.gui.shell import views

        self.plug_views = plug_views
        self.views = views.plug_in(self) if plug_views else {}  # filled as tabs are shown
        exports.install(self)  # PDF export and preview, printing, slides
        from desktop.gui.series import actions as series

        series.install(self)  # View ▸ Compare…: the selected cases as a series
        self._restore_settings()
        self.retranslate()
        # the LanguageChange Qt posted when the translator was installed reaches the
        # window now, not after it is shown with its case (by then a dialog opened from
        # it would have its buttons' words reset by it)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.LanguageChange)
        self._update_state()
        if note:
            self.statusBar().showMessage(note, 15000)

    # --- words -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        texts = {
            self.new_action: (self.tr("&New Case"), self.tr("New")),
            self.duplicate_action: (self.tr("D&uplicate Case"), self.tr("Duplicate")),
            self.delete_action: (self.tr("&Delete Case…"), self.tr("Delete")),
            self.import_action: (self.tr("&Import Case Files…"), self.tr("Import")),
            self.export_action: (self.tr("&Export Case…"), self.tr("Export")),
            self.export_all_action: (self.tr("Export &All Cases…"), None),
            self.open_action: (self.tr("&Open Library…"), None),
            self.sync_action: (self.tr("S&ync with Department…"), None),
            self.quit_action: (self.tr("&Quit"), None),
            self.find_action: (self.tr("&Find"), None),
            self.next_action: (self.tr("&Next Case"), None),
            self.previous_action: (self.tr("&Previous Case"), None),
            self.anonymize_action: (self.tr("&Anonymize"), self.tr("Anonymize")),
            self.about_action: (self.tr("&About Case Presenter"), None),
            self.present_action: (self.tr("Pre&sent Case…"), None),
        }
        for action, (text, icon_text) in texts.items():
            action.setText(text)
            if icon_text:
                action.setIconText(icon_text)
        self.anonymize_action.setToolTip(self.tr(
            "Hide identifying fields and show dates as time from transplant or diagnosis, "
            "for showing the screen to an audience (Ctrl+Shift+A). Editing is off meanwhile."))
        tab_titles = [self.tr("Overview"), self.tr("Timeline"), self.tr("PET"),
                      self.tr("Narrative"), self.tr("References")]
        for action, title in zip(self.tab_actions, tab_titles, strict=True):
            action.setText(title)
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.library.retranslate()
        self.case_pane.retranslate()
        self._update_text_lang_action()
        self._update_status()
        self._update_state()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _update_text_lang_action(self) -> None:
        here = self.session.text_lang
        self.text_lang_action.setText(self.tr("Show Case Text in Russian") if here == "en"
                                      else self.tr("Show Case Text in English"))
        self.text_lang_action.setIconText(self.tr("Case text: %1").replace("%1", here.upper()))
        self.text_lang_action.setToolTip(self.tr(
            "The list, the charts and the tables show the case in English; click to show "
            "it in Russian (Ctrl+Shift+L). Fields show both languages side by side.")
            if here == "en" else self.tr(
            "The list, the charts and the tables show the case in Russian; click to show "
            "it in English (Ctrl+Shift+L). Fields show both languages side by side."))

    def _update_status(self) -> None:
        total = self.library.total()
        where = str(self.db_path) if self.db_path else self.tr("in memory")
        self.status_label.setText(self.tr("Library: %1").replace("%1", where) + " — "
                                  + vocab.count(total, "case", self.session.ui_lang))

    def _update_title(self) -> None:
        """The case on screen; Qt adds the application's name itself (a title that named
        it too would read "Case Presenter — X — Case Presenter")."""
        case = self.session.display_case
        if case is None:
            self.setWindowTitle("")
            return
        title = case.title.get(self.session.text_lang) or ""
        if len(title) > 60:
            title = title[:59] + "…"
        self.setWindowTitle(f"{case.code} — {title}" if title else case.code)

    def _history_moved(self, _index: int) -> None:
        self._update_state()

    def _undone(self) -> None:
        """After Undo the status bar says what was undone (not what was done before)."""
        text = self.session.undo_stack.redoText()
        if text:
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", text), 10000)

    def _redone(self) -> None:
        text = self.session.undo_stack.undoText()
        if text:
            self.statusBar().showMessage(self.tr("Redone: %1").replace("%1", text), 10000)

    def _update_state(self) -> None:
        if self._closed:
            return
        s = self.session
        editable = not s.anonymized
        has_case = s.case is not None
        busy = bool(self.tasks)
        self.new_action.setEnabled(editable)
        self.duplicate_action.setEnabled(editable and has_case)
        self.delete_action.setEnabled(editable and has_case)
        self.import_action.setEnabled(editable and not busy)
        self.export_action.setEnabled(has_case and not busy and not s.anonymized)
        self.export_all_action.setEnabled(not busy and not s.anonymized)
        self.sync_action.setEnabled(self.db_path is not None and not self.store.readonly)
        self.undo_action.setEnabled(editable and s.undo_stack.canUndo())
        self.redo_action.setEnabled(editable and s.undo_stack.canRedo())
        self.undo_action.setText(" ".join(x for x in (self.tr("&Undo"),
                                                      s.undo_stack.undoText()) if x))
        self.redo_action.setText(" ".join(x for x in (self.tr("&Redo"),
                                                      s.undo_stack.redoText()) if x))
        self.anonymize_action.setChecked(s.anonymized)
        self.present_action.setEnabled(has_case)
        for lang, action in self.language_actions.items():
            action.setChecked(lang == s.ui_lang)
        self._update_text_lang_action()
        self._update_title()

    # --- settings ----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        tab = settings.value("window/tab", 0)
        with contextlib.suppress(TypeError, ValueError):
            self.show_tab(int(tab))
        last = settings.value(library_key(self.db_path, "lastCase"))
        if isinstance(last, str) and last:
            self.library.select_code(last)

    def _remember_case(self) -> None:
        if self.session.case is not None:
            app_settings().setValue(library_key(self.db_path, "lastCase"), self.session.case.code)

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/tab", self.case_pane.tabs.currentIndex())
        settings.setValue("ui/lang", self.session.ui_lang)
        self._remember_case()
        settings.sync()

    # --- plug-in views -------------------------------------------------------------------------
    def set_tab_widget(self, name: str, factory: WidgetFactory) -> QWidget:
        """Put a view made by ``factory(session)`` on top of the ``timeline`` or ``pet`` tab.
        The view listens to ``session.displayChanged`` and draws ``session.display_case``."""
        if name not in ("timeline", "pet"):
            raise ValueError(f"no slot named {name!r}; there are 'timeline' and 'pet'")
        widget = factory(self.session)
        self.case_pane.slot_tab(name).set_widget(widget)
        return widget

    # --- commands -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.library.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.library.search_box.selectAll()

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.case_pane.tabs.count():
            self.case_pane.tabs.setCurrentIndex(index)

    def set_language(self, lang: str) -> None:
        """Switch the interface (and the case text) to ``lang`` at run time."""
        self.session.ui_lang = lang  # before Qt's LanguageChange reaches the widgets
        self.session.text_lang = lang
        self.switcher.install(lang)
        self.session.set_languages(self.switcher.lang)
        # Qt posts LanguageChange to the windows; deliver it now, to every widget, so the
        # window reads in the new language before this returns
        QApplication.sendEvent(self, QEvent(QEvent.Type.LanguageChange))
        app_settings().setValue("ui/lang", self.switcher.lang)

    def present(self) -> None:
        """F5: present the case full screen (the start dialog first)."""
        from desktop.gui.presentation import window as presentation

        presentation.ask(self)

    def toggle_text_language(self) -> None:
        self.session.set_text_lang("ru" if self.session.text_lang == "en" else "en")

    def set_anonymized(self, on: bool) -> None:
        focus = QApplication.focusWidget()
        if on and focus is not None and hasattr(focus, "commitRequested"):
            focus.commitRequested.emit()  # accept what is being typed before locking
        self.session.set_anonymized(bool(on))

    def new_case(self) -> None:
        """Ctrl+N: the guided new-case page; the case it adds opens in the editor."""
        self.new_case_dialog().exec()

    def new_case_dialog(self, show: bool = False):
        from desktop.gui.newcase.page import NewCasePage

        page = NewCasePage(self.session, self)
        page.accepted.connect(lambda: self._new_case_added(page.created))
        if show:
            page.show()
        return page

    def _new_case_added(self, code: str | None) -> None:
        if code is None:
            return
        self.library.select_code(code)
        self.show_tab(0)
        self.case_pane.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(self.tr("Created case %1.").replace("%1", code), 8000)

    def duplicate_case(self) -> None:
        case = self.session.case
        if case is None:
            return
        copy_ = copy.deepcopy(case)
        copy_.code = unique_code(self.store, f"{case.code}-copy")
        problem = self.session.add_case(copy_, self.tr("Duplicate case %1").replace(
            "%1", case.code))
        if problem:
            QMessageBox.warning(self, "Case Presenter", problem)

    def delete_case(self) -> None:
        case = self.session.case
        if case is None or self.session.anonymized:
            return
        title = case.title.get(self.session.text_lang) or ""
        answer = QMessageBox.question(
            self, self.tr("Delete Case"),
            self.tr("Delete case %1?").replace("%1", f"{case.code} {title}".strip())
            + "\n\n" + self.tr("You can undo this with Ctrl+Z."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        problem = self.session.delete_case(case.code, self.tr("Delete case %1").replace(
            "%1", case.code))
        if problem:
            QMessageBox.warning(self, "Case Presenter", problem)
            return
        self.statusBar().showMessage(self.tr("Deleted case %1. Undo with Ctrl+Z.").replace(
            "%1", case.code), 10000)

    def about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, self.tr("About Case Presenter"), self.tr(
            "Case Presenter %1\n\nClinical cases in haematology and oncology: a library, "
            "timelines, PET response and bilingual summaries. Works offline.").replace(
            "%1", __version__))

    def _store_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("The library could not be written"), message)

    # --- opening another library -------------------------------------------------------------
    def open_library_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Case Library"), str(self.db_path.parent if self.db_path
                                                    else folders.start_dir("libraries")),
            self.tr("Case libraries (*.db);;All files (*)"))
        if not chosen:
            return
        folders.remember(chosen, "libraries")
        try:
            store, note = open_library(Path(chosen), self)
        except Exception:  # the user gave up: stay on the library that is open
            return
        window = MainWindow(store.path or chosen, self.session.ui_lang, store=store,
                            plug_views=self.plug_views)
        window.show()
        if note:
            window.statusBar().showMessage(note, 15000)
        self.close()

    # --- background work ---------------------------------------------------------------------
    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import Case Files"), str(folders.start_dir("cases")),
            self.tr("Case files (*.case.json);;All files (*)"))
        if files:
            folders.remember(files[0], "cases")
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> workers.Task | None:
        if not files or self.session.anonymized:
            return None
        if self.db_path is None:
            report = self.store.import_files(files)
            self._task_finished(workers.TaskResult("import", report))
            return None
        return self._run(workers.ImportTask(self.db_path, files))

    def export_case_dialog(self) -> None:
        case = self.session.case
        if case is None or self.db_path is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Case"),
            str(folders.start_dir("cases") / f"{case.code}{CASE_FILE_SUFFIX}"),
            self.tr("Case files (*.case.json)"))
        if path:
            if not path.endswith(CASE_FILE_SUFFIX):
                path += CASE_FILE_SUFFIX
            folders.remember(path, "cases")
            self.export_case(Path(path))

    def export_case(self, path: Path) -> workers.Task | None:
        case = self.session.case
        if case is None or self.db_path is None:
            return None
        return self._run(workers.ExportTask(self.db_path, [case.code], path, True))

    def export_all_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export All Cases to Folder"),
                                                  str(folders.start_dir("cases")))
        if folder:
            folders.remember(folder, "cases")
            self.export_all(Path(folder))

    def export_all(self, folder: Path) -> workers.Task | None:
        if self.db_path is None:
            return None
        codes = [r.code for r in self.library._all] or self.store.codes()
        return self._run(workers.ExportTask(self.db_path, codes, folder))

    def _run(self, task: workers.Task) -> workers.Task:
        self.tasks.append(task)
        task.signals.progress.connect(self._task_progress)
        task.signals.finished.connect(lambda result, t=task: self._task_done(t, result))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._update_state()
        folders.offer_open(self, None)
        self.statusBar().showMessage(self.tr("Importing…") if task.kind == "import"
                                     else self.tr("Exporting…"))
        workers.start(task)
        return task

    def _task_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total}")

    def cancel_tasks(self) -> None:
        for task in self.tasks:
            task.cancel()
        self.cancel_button.setEnabled(False)

    def _task_done(self, task: workers.Task, result: workers.TaskResult) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if not self.tasks:
            self.progress.hide()
            self.cancel_button.hide()
        self._update_state()
        folder = getattr(task, "target", None) if not getattr(task, "single_file", True) \
            else None
        self._task_finished(result, folder)

    def _task_finished(self, result: workers.TaskResult, folder: Path | None = None) -> None:
        report, lang = result.report, self.session.ui_lang
        conflicts: list[CodeInUse] = []
        mapped: list[str] = []
        if result.kind == "import":
            mapped = [f"{code}: {m}" for code, values in report.mapped.items() for m in values]
            imported = report.imported
            if imported:
                self.session.libraryReloaded.emit()
                self.library.select_code(imported[-1])
            message = self.tr("Imported: %1.").replace("%1", vocab.count(len(imported),
                                                                         "case", lang))
            conflicts = [e for e in report.failed if isinstance(e, CodeInUse)]
            problems = [str(e) for e in report.failed if not isinstance(e, CodeInUse)]
            if report.backup:
                message += " " + self.tr("Backup made first: %1").replace(
                    "%1", str(report.backup))
            if mapped:
                message += " " + self.tr("Values written in another centre's words, "
                                         "mapped to the app's codes: %1.").replace(
                    "%1", str(len(mapped)))
        else:
            message = self.tr("Exported: %1.").replace("%1", vocab.count(len(report.written),
                                                                         "case", lang))
            problems = list(report.failed)
            folders.offer_open(self, transfers.written_target(report.written, folder))
        if result.cancelled:
            message = self.tr("Cancelled.") + " " + message
        if result.error:
            problems.insert(0, result.error)
        if conflicts and not result.cancelled:
            done, failed = transfers.resolve(self, self.session, conflicts)
            message = " ".join(x for x in (message, transfers.summary(done, lang)) if x)
            problems += failed
        self.statusBar().showMessage(message, 15000)
        if problems:
            self._report_box(QMessageBox.Icon.Warning, message + "\n\n" + self.tr(
                "Not processed: %1").replace("%1", vocab.count(len(problems), "file", lang)),
                problems, problems + mapped)
        elif mapped:  # said, as the command line says it: a value was not kept as written
            self._report_box(QMessageBox.Icon.Information, message, mapped, mapped)

    def _report_box(self, icon: QMessageBox.Icon, text: str, lines: list[str],
                    details: list[str]) -> None:
        """A box with ``text``, the first of ``lines`` under it and all ``details``."""
        box = QMessageBox(icon, "Case Presenter", text, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else ""))
        box.setDetailedText("\n".join(details))
        box.exec()

    # --- drag and drop of case files ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # every event of the application passes here: all but drags leave at once
        # (QDragEnterEvent and QDragMoveEvent are QDropEvents), before any other call
        if not isinstance(event, QDropEvent):
            return False
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) \
                and isinstance(watched, QWidget) and watched.window() is self:
            mime = event.mimeData()
            files = _case_files(mime.urls()) if mime.hasUrls() else []
            if files:
                if t == QEvent.Type.Drop:
                    event.acceptProposedAction()
                    self.import_files(files)
                else:
                    event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and _case_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _case_files(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # --- closing ---------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self and hasattr(focus, "commitRequested"):
            focus.commitRequested.emit()  # what is typed in the field is accepted, if valid
        self.save_settings()
        self.cancel_tasks()
        for task in list(self.tasks):
            task.signals.finished.disconnect()
        self.tasks.clear()
        QApplication.instance().removeEventFilter(self)
        self.session.undo_stack.indexChanged.disconnect(self._history_moved)
        self.library.shutdown()
        QThreadPool.globalInstance().waitForDone(10000)
        self.store.close()
        self.switcher.uninstall()
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # the list read while the window was built is shown with it: one first paint,
        # with the case on screen, instead of an empty window painted first
        self.library.searcher.deliver_waiting()
        QTimer.singleShot(0, self._update_status)
