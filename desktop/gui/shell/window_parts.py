"""The main window's actions, menus, toolbar and status bar, built once.

They are made without words: ``MainWindow.retranslate`` sets every text, so a
change of language reaches them all. The slots they call are ``MainWindow``'s.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStyle, QToolBar

from desktop.gui.case.pane import TAB_NAMES
from desktop.gui.common.i18n import LANGS, NATIVE_NAMES


def _unique(*keys: str | QKeySequence.StandardKey) -> tuple[QKeySequence, ...]:
    out: list[QKeySequence] = []
    for key in keys:
        for seq in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                    else [QKeySequence(key)]):
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return tuple(out)


class WindowParts:
    """Builds the parts of ``MainWindow`` that hold its actions (a mixin: ``self`` is
    the window)."""

    def _action(self, name: str, slot: Callable | None = None,
                shortcuts: tuple[str | QKeySequence, ...] = (),
                icon: QStyle.StandardPixmap | None = None, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        SP, K = QStyle.StandardPixmap, QKeySequence.StandardKey
        self.new_action = self._action("newAction", self.new_case, (K.New,),
                                       SP.SP_FileIcon)
        self.duplicate_action = self._action("duplicateAction", self.duplicate_case,
                                             ("Ctrl+D",), SP.SP_FileDialogContentsView)
        self.delete_action = self._action("deleteAction", self.delete_case, ("Ctrl+Delete",),
                                          SP.SP_TrashIcon)
        self.import_action = self._action("importAction", self.import_dialog, ("Ctrl+I",),
                                          SP.SP_DialogOpenButton)
        self.export_action = self._action("exportAction", self.export_case_dialog,
                                          ("Ctrl+Shift+E",), SP.SP_DialogSaveButton)
        self.export_all_action = self._action("exportAllAction", self.export_all_dialog)
        self.open_action = self._action("openLibraryAction", self.open_library_dialog,
                                        (K.Open,))
        self.sync_action = self._action("syncAction", self.open_sync_dialog,
                                        icon=SP.SP_BrowserReload)
        # Ctrl+Q everywhere (some desktops bind no Quit key); one binding once, as a key
        # bound twice to one action is ambiguous and then does nothing
        self.quit_action = self._action("quitAction", self.close, _unique(K.Quit, "Ctrl+Q"))
        # plain actions, not QUndoStack's: those words come from Qt's own catalogue,
        # which the window does not load ("Undo" on a Russian screen)
        stack = self.session.undo_stack
        self.undo_action = self._action("undoAction", stack.undo, _unique(K.Undo),
                                        SP.SP_ArrowBack)
        self.redo_action = self._action("redoAction", stack.redo,
                                        _unique("Ctrl+Shift+Z", "Ctrl+Y"), SP.SP_ArrowForward)
        self.find_action = self._action("findAction", self.focus_search, (K.Find,))
        self.next_action = self._action("nextCaseAction", lambda: self.library.step(1),
                                        ("Ctrl+PgDown", "Alt+Down"))
        self.previous_action = self._action("previousCaseAction",
                                            lambda: self.library.step(-1),
                                            ("Ctrl+PgUp", "Alt+Up"))
        self.tab_actions = [self._action(f"tab{i + 1}Action",
                                         lambda _c=False, i=i: self.show_tab(i),
                                         (f"Ctrl+{i + 1}",)) for i in range(len(TAB_NAMES))]
        self.anonymize_action = self._action("anonymizeAction", self.set_anonymized,
                                             ("Ctrl+Shift+A",), checkable=True)
        self.text_lang_action = self._action("textLanguageAction", self.toggle_text_language,
                                             ("Ctrl+Shift+L",))
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for lang in LANGS:
            a = self._action(f"language_{lang}", lambda _c=False, lg=lang: self.set_language(lg),
                             checkable=True)
            a.setText(NATIVE_NAMES[lang])
            self.language_group.addAction(a)
            self.language_actions[lang] = a
        self.about_action = self._action("aboutAction", self.about)
        self.present_action = self._action("presentAction", self.present, ("F5",))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addActions([self.new_action, self.duplicate_action, self.delete_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_action, self.export_action,
                                   self.export_all_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.open_action, self.sync_action, self.quit_action])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addActions([self.next_action, self.previous_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.tab_actions)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.anonymize_action, self.text_lang_action])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.present_action)
        self.language_menu = bar.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        tb = QToolBar(self)
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.new_action, self.duplicate_action, self.delete_action])
        tb.addSeparator()
        tb.addActions([self.undo_action, self.redo_action])
        tb.addSeparator()
        tb.addActions([self.import_action, self.export_action])
        tb.addSeparator()
        tb.addAction(self.anonymize_action)
        tb.addAction(self.text_lang_action)
        self.addToolBar(tb)
        self.toolbar = tb

    def open_sync_dialog(self) -> None:
        """File ▸ Sync with Department…: this library and the department's (a file only)."""
        from desktop.gui.shell import sync_dialog

        if self.db_path is not None:
            sync_dialog.show(self)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self, objectName="libraryStatus")
        self.progress = QProgressBar(self, objectName="taskProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self, objectName="cancelTaskButton")
        self.cancel_button.clicked.connect(self.cancel_tasks)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.status_label)
