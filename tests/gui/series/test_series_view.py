"""The Series room driven in the real window: Compare… from the library's selection,
a typed Russian anchor, saving a series with a bilingual title, CSV export."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from tests.gui.conftest import open_window


def _select(window, codes):
    sel = window.library.list.selectionModel()
    sel.clearSelection()
    for code in codes:
        row = window.library.model.row_of(code)
        sel.select(window.library.model.index(row), QItemSelectionModel.SelectionFlag.Select)


def test_compare_saves_and_exports(qtbot, library, tmp_path):
    w = open_window(qtbot, library)
    _select(w, ["BALL-EM-1", "BALL-EM-2"])
    assert w.series_actions.selected_codes() == ["BALL-EM-1", "BALL-EM-2"]
    assert w.series_actions.compare_action in w.library.list.actions()
    w.series_actions.compare_action.trigger()
    view = w.series_actions.views[-1]
    qtbot.waitUntil(lambda: view.isVisible())
    assert view.table.rowCount() == 2
    assert [lane.code for lane in view.canvas.layout_.lanes] == ["BALL-EM-1", "BALL-EM-2"]
    view.anchor_box.setText("терапия:инотузумаб")
    view.refresh()
    assert view.layout_.anchor == "therapy:инотузумаб" and not view.message.text()
    view.anchor_box.setText("nonsense:x")
    view.refresh()
    assert "therapy:NAME" in view.message.text()
    assert view.layout_.anchor == "therapy:инотузумаб"  # the last good figure stays
    view.anchor_box.setText("transplant")
    view.refresh()
    image = view.canvas.grab()
    assert not image.isNull()
    from desktop.core.model import Text

    view.save("tx", Text("After HSCT", "После ТГСК"))
    assert view.windowTitle().endswith("tx")
    assert w.session.store.get_series("tx").codes == ("BALL-EM-1", "BALL-EM-2")
    reopened = w.series_actions.open_saved("tx")
    assert reopened.canvas.layout_.title == "After HSCT"
    path = view.write_csv(tmp_path / "s.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Code,") and "BALL-EM-2" in text
    for v in list(w.series_actions.views):
        v.close()
    w.close()


def test_russian_window_names_the_room_in_russian(qtbot, library):
    w = open_window(qtbot, library, lang="ru")
    assert w.series_actions.compare_action.text() == "&Сравнить…"
    view = w.series_actions.compare(["BALL-EM-1", "TEST-1"])
    assert view.save_button.text() == "Сохранить серию…"
    assert view.layout_.unaligned == ()  # TEST-1 has a transplant too
    view.close()
    w.close()
