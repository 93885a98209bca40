"""Presentation mode: the case on a whole screen, one section at a time, for a room.

F5 in the main window (``presentAction``) opens ``StartDialog``: which screen (when there
is more than one; by default one the main window is not on) and whether identifying data
may be shown (off by default: the presentation is de-identified whatever the window's
Anonymize toggle says). ``PresentationWindow`` then fills that screen with the sections of
``presentation.sections`` — title, patient and diagnosis, timeline, PET, take-away, the
ones the case has — drawn from a copy of the case taken at the start.

Keys: → ↓ Page Down Space Enter go on (on the timeline, each press first reveals the next
step: therapies, turning points, the rest), ← ↑ Page Up Backspace go back (hiding that
step again), Home and End jump to
the first and the last section, Esc leaves and gives the focus back to the window, which
was never changed. A thin bar at the bottom shows the section reached; the mouse is not
needed, and its pointer hides after two seconds without movement.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QKeyEvent, QPainter, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.gui.common.i18n import translate
from desktop.gui.presentation.draw import RULE, Scale, Shown
from desktop.gui.presentation.sections import Section, build_sections

CURSOR_HIDE_MS = 2000
NEXT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown,
                       Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter})
PREVIOUS_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp,
                           Qt.Key.Key_Backspace})
DONE = QColor("#4D4D4D")
TODO = QColor("#E3E3E3")


def default_screen(screens: Sequence[QScreen], current: QScreen | None) -> QScreen | None:
    """The first screen the main window is not on (a projector beside the laptop), else
    the window's own screen."""
    return next((s for s in screens if s is not current), current) if len(screens) > 1 \
        else (current or (screens[0] if screens else None))


class _Progress(QWidget):
    """A thin bar of one segment per section: done sections dark, the current one filled
    as far as its steps go, the rest light."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationProgress")
        self.count, self.index, self.fraction = 1, 0, 1.0

    def set_position(self, index: int, count: int, fraction: float, name: str) -> None:
        self.index, self.count, self.fraction = index, max(count, 1), fraction
        self.setAccessibleName(name)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), QColor("#FFFFFF"))
            gap = max(2.0, self.height() * 0.6)
            w = (self.width() - gap * (self.count + 1)) / self.count
            h = self.height() * 0.5
            y = self.height() * 0.25
            for i in range(self.count):
                x = gap + i * (w + gap)
                p.fillRect(QRectF(x, y, w, h), DONE if i < self.index else TODO)
                if i == self.index:
                    p.fillRect(QRectF(x, y, w * self.fraction, h), RULE)
        finally:
            p.end()


class PresentationWindow(QWidget):
    """The sections of one case, full screen. ``closed`` is emitted when it ends."""

    closed = Signal()

    def __init__(self, case: Case, *, lang: str, identifying: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(f"Case Presenter — {case.code}")
        self.shown = Shown.of(case, lang, identifying)
        self.sections: list[Section] = build_sections(self.shown)
        self.index = 0

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("presentationStack")
        for section in self.sections:
            self.stack.addWidget(section)
        # the window takes every mouse move (to show the pointer) and every key
        self.stack.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.progress = _Progress(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress)
        self.setStyleSheet("QWidget#presentationWindow { background: white; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.cursor_timer = QTimer(self, singleShot=True, interval=CURSOR_HIDE_MS)
        self.cursor_timer.timeout.connect(self._hide_cursor)
        self.go(0)

    # --- showing ---------------------------------------------------------------------------
    def present(self, screen: QScreen | None = None) -> None:
        """Fill ``screen`` (None: the primary one)."""
        screen = screen or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cursor_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        k = Scale.of(self.height()).k
        self.progress.setFixedHeight(max(6, round(14 * k)))

    # --- where we are ---------------------------------------------------------------------
    @property
    def section(self) -> Section:
        return self.sections[self.index]

    def position(self) -> tuple[int, int]:
        """(section number from 1, number of sections)."""
        return self.index + 1, len(self.sections)

    def names(self) -> list[str]:
        """The kind of each section: title, facts, timeline, pet, take_away."""
        return [s.name for s in self.sections]

    def texts(self) -> list[str]:
        """Every text the current step shows."""
        return self.section.texts()

    # --- moving ------------------------------------------------------------------------------
    def go(self, index: int, *, at_end: bool = False) -> None:
        """Show section ``index`` at its first step (``at_end``: its last, as when coming
        back to it)."""
        self.index = min(max(index, 0), len(self.sections) - 1)
        section = self.section
        self.stack.setCurrentWidget(section)
        section.set_step(section.steps() - 1 if at_end else 0)
        self._update_progress()

    def next(self) -> None:
        section = self.section
        if section.step < section.steps() - 1:
            section.set_step(section.step + 1)
            self._update_progress()
        elif self.index < len(self.sections) - 1:
            self.go(self.index + 1)

    def previous(self) -> None:
        section = self.section
        if section.step > 0:
            section.set_step(section.step - 1)
            self._update_progress()
        elif self.index > 0:
            self.go(self.index - 1, at_end=True)

    def _update_progress(self) -> None:
        section = self.section
        steps = section.steps()
        fraction = 1.0 if steps <= 1 else (section.step + 1) / steps
        n, m = self.position()
        self.progress.set_position(self.index, m, fraction,
                                   self.shown.words("section_of", n, m))

    # --- keys and mouse ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.sections) - 1, at_end=True)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        self.unsetCursor()
        self.cursor_timer.start()
        super().mouseMoveEvent(event)

    def _hide_cursor(self) -> None:
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def closeEvent(self, event) -> None:
        self.cursor_timer.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()


class StartDialog(QDialog):
    """Where to present and whether identifying data may show (off unless ticked)."""

    def __init__(self, parent: QWidget | None, screens: Sequence[QScreen],
                 default: QScreen | None, current: QScreen | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.screens = list(screens)
        self.screen_combo = QComboBox(self, objectName="presentScreenCombo")
        for s in self.screens:
            size = s.geometry().size()
            name = " · ".join(x for x in (s.name(), s.model()) if x)
            text = f"{name} ({size.width()}×{size.height()})"
            if s is current:
                text = self.tr("%1 — this window").replace("%1", text)
            self.screen_combo.addItem(text)
        if default in self.screens:
            self.screen_combo.setCurrentIndex(self.screens.index(default))
        self.identifying_check = QCheckBox(self, objectName="presentIdentifyingCheck")
        self.identifying_check.setChecked(False)
        self.help = QLabel(self, objectName="presentHelp")
        self.help.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setObjectName("presentStartButton")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.screen_label = QLabel(self)
        if len(self.screens) > 1:
            form.addRow(self.screen_label, self.screen_combo)
        else:
            self.screen_combo.hide()
            self.screen_label.hide()
        form.addRow(self.identifying_check)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.help)
        box.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Present Case"))
        self.screen_label.setText(self.tr("Screen:"))
        self.identifying_check.setText(self.tr("Show identifying data in this presentation"))
        self.identifying_check.setToolTip(self.tr(
            "Initials, record number, date of birth and calendar dates. Off: the "
            "presentation is de-identified, whatever the window shows."))
        self.help.setText(self.tr(
            "Arrow keys, Page Up/Page Down or Space move through the sections; on the "
            "timeline each step shows the next kinds of event. Esc ends the presentation."))
        self.start_button.setText(self.tr("Start"))
        self.start_button.setFocus()

    def chosen_screen(self) -> QScreen | None:
        i = self.screen_combo.currentIndex()
        return self.screens[i] if 0 <= i < len(self.screens) else None

    def identifying(self) -> bool:
        return self.identifying_check.isChecked()


def ask(window: QMainWindow) -> StartDialog | None:
    """F5: the start dialog for the window's case (None when no case is open). Accepting
    it starts the presentation (``launch``)."""
    session = window.session
    if any(p.isVisible() for p in window.findChildren(PresentationWindow)):
        return None  # presenting already
    if session.case is None:
        window.statusBar().showMessage(translate("StartDialog", "Choose a case to present."),
                                       8000)
        return None
    screens = QGuiApplication.screens()
    current = window.screen()
    dialog = StartDialog(window, screens, default_screen(screens, current), current)
    dialog.accepted.connect(lambda: launch(window, dialog.chosen_screen(),
                                           identifying=dialog.identifying()))
    dialog.open()
    return dialog


def launch(window: QMainWindow, screen: QScreen | None = None, *,
           identifying: bool = False) -> PresentationWindow | None:
    """Present the window's case now, on ``screen``, in the case text's language."""
    session = window.session
    if session.case is None:
        return None
    focus = QApplication.focusWidget()
    try:
        presentation = PresentationWindow(copy.deepcopy(session.case), lang=session.text_lang,
                                          identifying=identifying, parent=window)
    except CasePresenterError as e:  # a case that cannot be de-identified
        QMessageBox.warning(window, translate("StartDialog", "Present Case"), str(e))
        return None

    def back() -> None:
        window.raise_()
        window.activateWindow()
        if focus is not None and isValid(focus) and focus.window() is window:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    presentation.closed.connect(back)
    presentation.present(screen)
    return presentation
