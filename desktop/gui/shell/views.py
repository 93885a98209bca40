"""The timeline and PET views plugged into their tabs, wired to the session.

``TimelineView`` (``desktop.gui.timeline.view``) and ``PetView``
(``desktop.gui.pet.view``) are made elsewhere; they take the case *as stored* with the
language and the anonymize flag (they de-identify it themselves through ``deid``).
Here they get:

* the case whenever it changes — only while their tab is showing; a hidden view is
  brought up to date when its tab is opened, so switching cases stays fast;
* edits they offer (``PetView.editRequested(new_case, description)``) saved through
  ``session.submit`` — one transaction, one undo step, refused while anonymized;
* a click on a timeline item shows its row in the tables below
  (``itemActivated(kind, index)`` → ``session.focus_item``).

A view that cannot be imported or built leaves its placeholder; the window goes on.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.gui.common.session import CaseSession

log = logging.getLogger("case_presenter.gui")

#: timeline kinds of item → the list the tables below edit
ITEM_LISTS = {"therapy": "therapies", "event": "events", "measurement": "measurements"}


class ViewFeeder(QObject):
    """Keeps one plugged view showing the session's case, lazily."""

    def __init__(self, session: CaseSession, view: QWidget, is_showing: Callable[[], bool]
                 ) -> None:
        super().__init__(view)
        self.session, self.view, self.is_showing = session, view, is_showing
        self.stale = True
        session.displayChanged.connect(self.changed)

    def changed(self) -> None:
        self.stale = True
        if self.is_showing():
            self.feed()

    def feed(self) -> None:
        if not self.stale:
            return
        self.stale = False
        s = self.session
        self.view.set_case(s.case, lang=s.text_lang, anonymize=s.anonymized)
        if hasattr(self.view, "set_editable"):
            self.view.set_editable(s.editable)


def _make(module: str, cls: str) -> type | None:
    try:
        return getattr(importlib.import_module(f"desktop.gui.{module}"), cls)
    except (ImportError, AttributeError) as e:
        log.info("no %s view: %s", cls, e)
        return None


def timeline_factory(session: CaseSession) -> QWidget | None:
    kind = _make("timeline.view", "TimelineView")
    if kind is None:
        return None
    view = kind()

    def activated(item: str, index: int) -> None:
        if item in ITEM_LISTS:
            session.focus_item(ITEM_LISTS[item], index)

    view.itemActivated.connect(activated)
    return view


def pet_factory(session: CaseSession) -> QWidget | None:
    kind = _make("pet.view", "PetView")
    if kind is None:
        return None
    view = kind(lang=session.text_lang)

    def save(case, description: str) -> None:
        problem = session.submit(case, description)
        if problem:
            session.message.emit(problem)

    view.editRequested.connect(save)
    return view


def plug_in(window) -> dict[str, QWidget]:
    """Put the timeline and PET views into the window's tabs, where they exist: each is
    built when its tab is first shown (the window opens on another tab without importing
    pyqtgraph or the PET code). The dict fills as views are built."""
    plugged: dict[str, QWidget] = {}
    tabs = window.case_pane.tabs
    waiting = {"timeline": timeline_factory, "pet": pet_factory}

    def tab_shown(_index: int = -1) -> None:
        for name, factory in list(waiting.items()):
            if tabs.currentWidget() is window.case_pane.slot_tab(name):
                del waiting[name]
                if window.case_pane.slot_tab(name).slot.widget is None:  # none put there
                    _plug(window, name, factory, plugged)

    for name in waiting:
        window.case_pane.slot_tab(name).make_room()
    tabs.currentChanged.connect(tab_shown)
    tab_shown()
    return plugged


def _plug(window, name: str, factory: Callable[[CaseSession], QWidget | None],
          plugged: dict[str, QWidget]) -> None:
    tabs = window.case_pane.tabs
    try:
        view = factory(window.session)
    except Exception:  # a view's own fault must not cost the window
        log.exception("the %s view could not be built", name)
        return
    if view is None:
        return
    window.set_tab_widget(name, lambda _session, v=view: v)
    slot_tab = window.case_pane.slot_tab(name)
    feeder = ViewFeeder(window.session, view, lambda t=slot_tab: tabs.currentWidget() is t)
    tabs.currentChanged.connect(
        lambda _i, f=feeder, t=slot_tab: f.feed() if tabs.currentWidget() is t else None)
    plugged[name] = view
    feeder.feed()
