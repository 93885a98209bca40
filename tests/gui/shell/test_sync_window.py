"""File ▸ Sync with Department…: the real window against a real PostgreSQL server
(tests/department.py), sending, fetching, a conflict settled in the window, a bad URL."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from desktop.core.model import Text
from desktop.core.store import Store
from desktop.gui.common.settings import app_settings
from desktop.gui.shell.sync_dialog import URL_KEY, without_password
from tests.conftest import make_case
from tests.department import PASSWORDS
from tests.gui.conftest import stored

SEEDS = ["BALL-EM-1", "BALL-EM-2"]


def library_state(path) -> dict[str, int]:
    """Every case's revision and the sync state: what "unchanged" means."""
    with Store.open(path, seed=False) as store:
        revisions = {code: store.revision(code) for code in store.codes()}
        synced = store.db.execute("SELECT count(*) FROM sync_state").fetchone()[0]
    return {**revisions, "(sync_state rows)": synced}


def run_sync(qtbot, window, url: str | None = None):
    """File ▸ Sync with Department…, the URL typed (if given), Sync, until it ends."""
    window.sync_action.trigger()
    dialog = window.sync_dialog
    if url is not None:
        dialog.url_edit.setText(url)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and bool(dialog.result or dialog._error),
                    timeout=20000)
    return dialog


def listed(window, code: str) -> bool:
    return window.library.model.row_of(code) >= 0


def test_sync_sends_local_cases_fetches_the_departments_and_lists_them(qtbot, window,
                                                                       department):
    with department.open() as dept:
        dept.add(make_case("DEPT-1"))
    url = department.url()
    password = PASSWORDS["ivanova"]
    dialog = run_sync(qtbot, window, url)

    assert dialog.result.error is None, dialog.result.error
    report = dialog.result.report
    assert sorted(report.sent) == sorted([*SEEDS, "TEST-1"]) and report.fetched == ["DEPT-1"]
    with department.open() as dept:
        assert sorted(dept.codes()) == sorted([*SEEDS, "DEPT-1", "TEST-1"])
        assert dept.get("TEST-1") == stored(window.db_path)
    qtbot.waitUntil(lambda: listed(window, "DEPT-1"))
    assert stored(window.db_path, "DEPT-1") == make_case("DEPT-1")
    assert (dialog.progress.value(), dialog.progress.maximum()) == (4, 4)  # case by case
    text = dialog.result_label.text()
    assert "Sent: 3 cases. Fetched: 1 case." in text
    # the password is never saved, and never shown
    assert app_settings().value(URL_KEY) == without_password(url)
    assert password not in app_settings().value(URL_KEY) and "ivanova@" in app_settings().value(
        URL_KEY)
    assert password not in dialog.url_edit.text() and ":***@" in dialog.url_edit.text()
    assert window.sync_action.isEnabled() and not window.tasks
    # the window's own connection stayed usable: an edit is written at once
    assert window.session.edit("Title", lambda c: setattr(
        c, "title", Text("Edited after sync", c.title.ru))) is None
    assert stored(window.db_path).title.en == "Edited after sync"
    # a second sync, with the URL from the session (password and all), sends that edit
    again = run_sync(qtbot, window)
    assert again.result.error is None and again.result.report.sent == ["TEST-1"]


def test_a_conflict_is_listed_and_keep_both_gives_both_cases(qtbot, window, department):
    dialog = run_sync(qtbot, window, department.url())
    assert dialog.result.error is None
    with department.open() as dept:  # another laptop changed it there meanwhile
        theirs = dept.get("TEST-1")
        dept.save(dataclasses.replace(theirs, title=Text("Department's title", "Их")))
    assert window.session.edit("Title", lambda c: setattr(
        c, "title", Text("My title", c.title.ru))) is None

    dialog = run_sync(qtbot, window)
    assert [c.code for c in dialog.result.report.conflicts] == ["TEST-1"]
    assert dialog.conflicts.isVisible() and dialog.conflicts.rowCount() == 1
    assert dialog.conflicts.item(0, 0).text() == "TEST-1"
    assert dialog.conflicts.item(0, 1).text() == "changed"
    assert dialog.sync_button.text() == "Sync and Apply Choices"
    assert stored(window.db_path).title.en == "My title"  # nothing overwritten
    with department.open() as dept:
        assert dept.get("TEST-1").title.en == "Department's title"

    dialog.choose("TEST-1", "both")
    assert dialog.choices() == {"TEST-1": "both"}
    dialog = run_sync(qtbot, window)
    assert dialog.result.error is None, dialog.result.error
    assert dialog.result.report.resolved == [("TEST-1", "both", "TEST-1-2")]
    assert stored(window.db_path).title.en == "Department's title"
    assert stored(window.db_path, "TEST-1-2").title.en == "My title"
    with department.open() as dept:
        assert dept.get("TEST-1").title.en == "Department's title"
        assert dept.get("TEST-1-2").title.en == "My title"
    qtbot.waitUntil(lambda: listed(window, "TEST-1-2"))
    assert listed(window, "TEST-1")
    # the open case was read again: the window shows the department's version
    assert window.session.case.title.en == "Department's title"
    assert not window.session.undo_stack.canUndo()  # an undo would write over theirs
    assert dialog.conflicts.rowCount() == 0 and "TEST-1 → TEST-1-2" in dialog.result_label.text()


def test_a_bad_url_or_a_server_out_of_reach_says_so_and_changes_nothing(qtbot, window,
                                                                       pg_server):
    before = library_state(window.db_path)
    dialog = run_sync(qtbot, window, "cases.example.org/department")
    assert "is not a department library address" in dialog.result_label.text()
    assert dialog.task is None and dialog.result is None

    unreachable = "postgresql://ivanova:secret-word@127.0.0.1:1/case_presenter"
    dialog = run_sync(qtbot, window, unreachable)
    message = dialog.result_label.text()
    assert dialog.result.error and "cannot connect to the department library" in message
    assert "127.0.0.1" in message and "secret-word" not in message
    assert "Nothing more was changed" in message
    assert "secret-word" not in app_settings().value(URL_KEY)
    assert library_state(window.db_path) == before
    assert listed(window, "TEST-1") and window.sync_action.isEnabled()


def test_the_settings_keep_the_url_without_any_password():
    assert without_password("postgresql://ivanova:s3cret@db.example/dept") == \
        "postgresql://ivanova@db.example/dept"
    assert without_password("postgresql://db/dept?password=s3cret&sslmode=require") == \
        "postgresql://db/dept?sslmode=require"
    assert without_password("postgresql://db/dept?sslmode=require&password=s3cret") == \
        "postgresql://db/dept?sslmode=require"
    assert without_password("postgresql://ivanova@db/dept") == "postgresql://ivanova@db/dept"
