"""Anonymize, keyboard use, remembered settings, plug-in views, undo keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTableView, QWidget

from desktop.core.deid import identifying_strings
from tests.gui.conftest import gui_case, open_window, stored, type_text


def visible_text(window) -> str:
    """Every text a viewer can see on screen right now."""
    parts = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QLabel):
            parts.append(w.text())
        elif isinstance(w, QTableView):
            m = w.model()
            parts += [str(m.index(r, c).data() or "") for r in range(m.rowCount())
                      for c in range(m.columnCount())]
    return "\n".join(parts)


def test_anonymize_hides_identifiers_and_shows_relative_days(window, qtbot):
    initials = window.findChild(QLineEdit, "field_patient_initials")
    record = window.findChild(QLineEdit, "field_patient_record_number")
    assert initials.isVisible() and initials.text() == "A.B."
    window.anonymize_action.trigger()
    assert window.session.anonymized
    assert not initials.isVisible() and not record.isVisible()
    assert window.findChild(QLabel, "anonymizedBanner").isVisible()
    # the transplant (2015-11-25) is day 0: the relapse of Nov 2016 is D+ something
    events = window.findChild(QTableView, "eventTable")
    window.show_tab(1)
    dates = [events.model().index(r, 0).data() for r in range(events.model().rowCount())]
    assert dates[0] == "D0" and dates[1].startswith(("D+", "≈ D+"))
    assert window.findChild(QLineEdit, "field_diagnosis_date").text().startswith(("D", "≈"))
    for tab in range(5):
        window.show_tab(tab)
        shown = visible_text(window).casefold()
        leaks = [s for s in identifying_strings(gui_case()) if s.casefold() in shown]
        assert not leaks, leaks
    # nothing can be edited meanwhile
    assert window.findChild(QPlainTextEdit, "field_title_en").isReadOnly()
    assert not window.new_action.isEnabled() and not window.delete_action.isEnabled()
    assert not window.findChild(QTableView, "therapyTable").model().flags(
        events.model().index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    window.anonymize_action.trigger()
    window.show_tab(0)
    assert initials.isVisible() and initials.text() == "A.B."


def test_anonymize_does_not_change_the_library(window, library):
    before = stored(library)
    window.anonymize_action.trigger()
    window.anonymize_action.trigger()
    assert stored(library) == before


def test_keyboard(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    codes = [r.code for r in window.library.model.rows]
    here = codes.index("TEST-1")
    qtbot.keyClick(window.case_pane.tabs, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.case_pane.tabs.currentIndex() == 2
    qtbot.keyClick(window.case_pane.tabs, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library.search_box.hasFocus()
    window.library.list.setFocus()
    step = Qt.Key.Key_Up if here else Qt.Key.Key_Down
    qtbot.keyClick(window.library.list, step, Qt.KeyboardModifier.AltModifier)
    assert window.session.case.code == codes[here - 1 if here else here + 1]
    qtbot.keyClick(window.library.list, Qt.Key.Key_PageDown if here else Qt.Key.Key_PageUp,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.session.case.code == "TEST-1"


def test_ctrl_z_in_a_field_without_own_typing_undoes_the_last_edit(window, qtbot, library):
    title = window.findChild(QPlainTextEdit, "field_title_en")
    window.activateWindow()
    title.setFocus()
    title.selectAll()
    type_text(title, "Typed")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert stored(library).title.en == "Typed"
    assert title.hasFocus()
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(library).title.en == gui_case().title.en


def test_window_remembers_the_last_case(qtbot, library):
    first = open_window(qtbot, library)
    first.library.select_code("TEST-1")
    first.show_tab(3)
    first.close()
    second = open_window(qtbot, library)
    assert second.session.case.code == "TEST-1"
    assert second.case_pane.tabs.currentIndex() == 3
    second.close()


def test_views_plug_into_the_timeline_and_pet_tabs(window):
    seen = []

    def factory(session):
        label = QLabel("chart")
        label.setObjectName("myTimeline")
        session.displayChanged.connect(lambda: seen.append(
            (session.display_case.code, session.anonymized)))
        return label

    widget = window.set_tab_widget("timeline", factory)
    assert window.findChild(QLabel, "myTimeline") is widget
    assert window.findChild(QWidget, "timelineTab").isAncestorOf(widget)
    assert not window.findChild(QLabel, "timelinePlaceholder").isVisibleTo(window)
    window.anonymize_action.trigger()
    assert seen[-1] == ("TEST-1", True)
    window.session.focus_item("events", 1)
    assert window.findChild(QTableView, "eventTable").currentIndex().row() == 1


def test_timeline_and_pet_views_are_built_when_their_tab_is_first_shown(window):
    """The window opens on Overview without them; each tab, once shown, holds its view
    showing the case (whichever is opened first), built once."""
    from desktop.gui.pet.view import PetView
    from desktop.gui.timeline.view import TimelineView

    assert window.views == {}
    assert window.findChild(TimelineView) is None and window.findChild(PetView) is None
    window.show_tab(2)
    pet = window.findChild(PetView)
    assert window.views == {"pet": pet}
    assert window.findChild(QWidget, "petTab").isAncestorOf(pet)
    assert not window.findChild(QLabel, "petPlaceholder").isVisibleTo(window)
    window.show_tab(1)
    timeline = window.findChild(TimelineView)
    assert window.views == {"pet": pet, "timeline": timeline}
    assert timeline.isVisible() and timeline.timeline_layout is not None
    assert not window.findChild(QLabel, "timelinePlaceholder").isVisibleTo(window)
    window.show_tab(0)
    window.show_tab(2)
    window.show_tab(1)
    assert window.findChildren(TimelineView) == [timeline]
    assert window.findChildren(PetView) == [pet]
    # a hidden view catches up with the case when its tab is shown again
    drawn = timeline.texts()
    window.show_tab(0)
    window.library.select_code("BALL-EM-1")
    assert timeline.texts() == drawn
    window.show_tab(1)
    assert timeline.texts() != drawn


def test_a_view_plugged_before_its_tab_is_shown_stays(window):
    """A view put into a tab from elsewhere is not replaced when the tab is shown."""
    label = window.set_tab_widget("timeline", lambda session: QLabel("mine"))
    window.show_tab(1)
    assert window.case_pane.slot_tab("timeline").slot.widget is label
    assert "timeline" not in window.views


def test_a_list_read_before_the_window_is_shown_is_shown_with_it(qtbot, library,
                                                                  monkeypatch):
    """The first paint already has the library listed and a case on screen."""
    import threading

    from desktop.core.store import Store
    from desktop.gui import create_main_window

    go, sent = threading.Event(), threading.Event()
    real_open = Store.open.__func__

    def held_open(cls, *args, **kwargs):  # the search thread waits until the test is ready
        if threading.current_thread() is not threading.main_thread():
            go.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(held_open))
    window = create_main_window(library, lang="en")
    qtbot.addWidget(window)
    window.library.searcher._worker.found.connect(
        lambda *_: sent.set(), Qt.ConnectionType.DirectConnection)  # on the search thread
    go.set()
    assert sent.wait(10)  # sent; with no event loop meanwhile, not yet handed over
    assert not window.library.ready and window.session.case is None
    window.show()
    assert window.library.ready and window.library.model.rowCount() == 3
    assert window.session.case is not None
    window.close()
