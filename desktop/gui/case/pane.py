"""The case pane: tabs Overview, Timeline, PET, Narrative, References.

The Timeline and PET tabs each hold a *slot* on top for a view made elsewhere
(``MainWindow.set_tab_widget("timeline" | "pet", factory)``, ``factory(session) ->
QWidget``), and below it the tables that edit what that view draws.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.gui.case.course import CourseEditor
from desktop.gui.case.narrative import NarrativeTab
from desktop.gui.case.overview import OverviewTab
from desktop.gui.case.references import ReferencesTab
from desktop.gui.case.studies import StudyEditor
from desktop.gui.common.session import CaseSession

TAB_NAMES = ("overview", "timeline", "pet", "narrative", "references")
WidgetFactory = Callable[[CaseSession], QWidget]


class PluginSlot(QWidget):
    """Where a view from another module goes; a quiet placeholder until then."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Slot")
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName(f"{name}Placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #777; padding: 16px;")
        self.widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)

    def set_widget(self, widget: QWidget) -> None:
        """Show ``widget`` here, in a scroll area: a view that wants more room than a
        small screen has scrolls instead of making the window taller than the screen."""
        layout = self.layout()
        if self.widget is not None:
            layout.removeWidget(self.scroller)
            self.scroller.deleteLater()
        self.placeholder.hide()
        self.widget = widget
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName(f"{self.objectName()}Scroller")
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(widget)
        layout.addWidget(self.scroller)
        self.scroller.show()  # now, not on the next pass of the event loop
        widget.show()
        layout.activate()  # sized now: a view told to draw at once draws at its size


class SlotTab(QSplitter):
    """A plug-in view above, the editing tables below."""

    def __init__(self, name: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName(f"{name}Tab")
        self.slot = PluginSlot(name, self)
        self.editor = editor
        self.addWidget(self.slot)
        self.addWidget(editor)
        self.setChildrenCollapsible(True)
        self.setStretchFactor(0, 3)  # the view is what people came for; tables below,
        self.setStretchFactor(1, 2)  # growing with the window too
        self.setSizes([80, 500])  # the placeholder is small until a view arrives
        self.roomy = False

    def set_widget(self, widget: QWidget) -> None:
        self.slot.set_widget(widget)
        self.make_room()

    def make_room(self) -> None:
        """The view gets three fifths of the height, once: a view built when the tab is
        first shown finds its room made when the window was (and so the same room)."""
        if self.roomy:
            return
        self.roomy = True
        total = max(sum(self.sizes()), 600)
        self.setSizes([total * 3 // 5, total * 2 // 5])


class CasePane(QWidget):
    """A banner (anonymized, or no case) above the tabs."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.banner = QLabel(self)
        self.banner.setObjectName("anonymizedBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4c2; color: #4a3b00; padding: 6px 10px;"
                                  "border-bottom: 1px solid #e0c860;")
        self.banner.hide()
        self.empty = QLabel(self)
        self.empty.setObjectName("noCaseLabel")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666; font-size: 14pt; padding: 32px;")

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(session)
        self.course = CourseEditor(session)
        self.timeline = SlotTab("timeline", self.course)
        self.studies = StudyEditor(session)
        self.pet = SlotTab("pet", self.studies)
        self.narrative = NarrativeTab(session)
        self.references = ReferencesTab(session)
        for w in (self.overview, self.timeline, self.pet, self.narrative, self.references):
            self.tabs.addTab(w, "")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        session.displayChanged.connect(self.refresh)
        self.retranslate()

    def slot_tab(self, name: str) -> SlotTab:
        return {"timeline": self.timeline, "pet": self.pet}[name]

    def retranslate(self) -> None:
        lang = self.session.ui_lang
        titles = [self.tr("Overview"), self.tr("Timeline"), self.tr("PET"),
                  self.tr("Narrative"), vocab.field("references", lang)]
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
            self.tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        self.timeline.slot.placeholder.setText(self.tr(
            "The timeline chart will appear here. The tables below edit what it shows."))
        self.pet.slot.placeholder.setText(self.tr(
            "The PET comparison will appear here. The tables below edit the studies."))
        self.empty.setText(self.tr("No case selected.\n\nChoose a case on the left, or "
                                   "create one with Ctrl+N."))
        self._banner()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _banner(self) -> None:
        s = self.session
        if not s.anonymized:
            self.banner.hide()
            return
        if s.deid_error:
            text = self.tr("Anonymized: this case cannot be shown — %1").replace("%1",
                                                                                 s.deid_error)
        else:
            text = self.tr("Anonymized: identifying fields are hidden; dates are shown as "
                           "time, not as dates — %1. Editing is off.").replace("%1",
                                                                              s.caption())
        self.banner.setText(text)
        self.banner.show()

    def refresh(self) -> None:
        s = self.session
        self._banner()
        showing = s.display_case is not None
        self.stack.setCurrentWidget(self.tabs if showing else self.empty)
        if s.anonymized and s.deid_error:
            self.empty.setText("")
        elif not showing:
            self.empty.setText(self.tr("No case selected.\n\nChoose a case on the left, or "
                                       "create one with Ctrl+N."))
        for part in (self.overview, self.course, self.studies, self.narrative,
                     self.references):
            part.refresh()
