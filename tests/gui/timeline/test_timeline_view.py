"""The timeline view draws the core's layout, and only it: counts and positions, zoom and
ticks, hover, click, anchors, lanes, Anonymize mode and figures."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.core import casefile, timeline
from desktop.core.dates import MONTHS_EN, MONTHS_EN_SHORT, MONTHS_RU, MONTHS_RU_SHORT, PartialDate
from desktop.core.model import Case, Diagnosis, Text, Therapy
from desktop.core.paths import SEED_DIR
from desktop.core.timeline import AnchorError, Ref
from desktop.gui.timeline.figure import FigureError, render_timeline_figure
from desktop.gui.timeline.labels import callout_text
from desktop.gui.timeline.view import TimelineView

SEEDS = {"BALL-EM-1": "ball-em-1.case.json", "BALL-EM-2": "ball-em-2.case.json"}
#: A year written as a date (not inside a protocol name like ALL-2009) or a month name.
YEAR = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")
MONTH = re.compile(r"\b(?:" + "|".join(
    sorted({*MONTHS_EN, *MONTHS_EN_SHORT, *MONTHS_RU, *MONTHS_RU_SHORT}, key=len, reverse=True))
    + r")\b", re.IGNORECASE)


def seed(code: str) -> Case:
    return casefile.load(SEED_DIR / SEEDS[code])


@pytest.fixture
def view(qtbot):
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def settle(qtbot, ms: int = 30) -> None:
    QApplication.processEvents()
    qtbot.wait(ms)


def drawn_points(v: TimelineView) -> list[tuple[float, float]]:
    out = []
    for item in v.canvas.scatters:
        x, y = item.getData()
        out += [(round(float(a), 6), round(float(b), 6)) for a, b in zip(x, y, strict=True)]
    return sorted(out)


def layout_points(layout: timeline.TimelineLayout) -> list[tuple[float, float]]:
    pts = [(m.x, m.y) for m in layout.markers]
    pts += [(p.x, p.y) for s in layout.series for p in s.points]
    return sorted((round(float(a), 6), round(float(b), 6)) for a, b in pts)


def marker(layout, kind: str, index: int):
    return next(m for m in layout.markers if m.ref == Ref(kind, index))


def move_mouse(qtbot, v: TimelineView, x: float, y: float) -> None:
    qtbot.wait(40)  # pyqtgraph drops mouse moves closer than ~1/60 s
    pos = QPointF(v.map_to_canvas(x, y))
    viewport = v.canvas.viewport()
    ev = QMouseEvent(QEvent.Type.MouseMove, pos, viewport.mapToGlobal(pos),
                     Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, ev)


# --- the whole course -------------------------------------------------------------------
@pytest.mark.parametrize("code", list(SEEDS))
def test_seed_case_draws_every_item_of_the_layout_where_the_layout_says(view, qtbot, code):
    view.set_case(seed(code), lang="en", anonymize=False)
    settle(qtbot)
    layout = view.timeline_layout
    assert layout is not None and layout.anchor == "calendar"
    assert layout.bars and layout.markers and layout.series
    # bars: one drawn per layout bar, same geometry; a therapy given once as a point
    groups = view.canvas.bars.groups
    drawn = sorted(zip(*(np.concatenate([getattr(g, k) for g in groups])
                         for k in ("x0", "x1", "y", "s0", "s1", "ongoing")), strict=True))
    want = sorted((b.x0, b.x1, b.y, *(b.solid or (np.nan, np.nan)), b.ongoing)
                  for b in layout.bars if not b.point)
    assert len(drawn) == len(want)
    assert view.canvas.bars.points == [b for b in layout.bars if b.point]
    assert len(drawn) + len(view.canvas.bars.points) == len(layout.bars)
    np.testing.assert_array_equal(np.array(drawn, float), np.array(want, float))
    # markers and measurement points: the same positions, none more
    assert drawn_points(view) == layout_points(layout)
    # labels: exactly those the layout shows
    shown = sorted([b.label for b in layout.bars if b.label]
                   + [m.label for m in layout.markers if m.show_label and m.label]
                   + [callout_text(m) for m in layout.markers
                      if m.callout is not None and not m.show_label])
    assert sorted(view.canvas.labels.texts) == shown
    # the whole course is in view
    lo, hi = view.x_range()
    assert lo == pytest.approx(layout.x_min) and hi == pytest.approx(layout.x_max)
    assert [lane.label for lane in layout.lanes] == [t for _, t in view.lanes()]


def test_transplant_anchor_puts_the_transplant_at_d0_and_engraftment_at_d24(view, qtbot):
    case = seed("BALL-EM-1")
    view.set_case(case, lang="en", anonymize=False)
    view.set_anchor("transplant")
    settle(qtbot)
    layout = view.timeline_layout
    assert layout.anchor == "transplant" and view.anchor == "transplant"
    hsct = next(i for i, t in enumerate(case.therapies) if t.category == "transplant")
    assert case.therapies[hsct].start == PartialDate(2018, 8, 9)
    bar = next(b for b in layout.bars if b.ref == Ref("therapy", hsct))
    assert bar.x0 == 0
    engraft = next(i for i, e in enumerate(case.events) if "Engraftment" in (e.label.en or ""))
    m = marker(layout, "event", engraft)
    assert m.x == 24
    assert (m.x, m.y) in [(x, y) for x, y in drawn_points(view)]
    view.set_x_range(-20, 60)
    settle(qtbot)
    labels = [t.label for t in view.ticks()]
    assert "D0" in labels and any(s.startswith("D+") for s in labels)
    assert "D+24" in view.tooltip(Ref("event", engraft))


# --- zoom and ticks -------------------------------------------------------------------
def test_keyboard_and_zoom_change_range_and_tick_density(view, qtbot):
    view.set_case(seed("BALL-EM-2"), lang="en", anonymize=False)
    settle(qtbot)
    layout = view.timeline_layout
    lo0, hi0 = view.x_range()
    coarse = view.ticks()
    assert len(coarse) >= 3
    view.canvas.setFocus()
    for _ in range(6):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    lo1, hi1 = view.x_range()
    assert hi1 - lo1 < (hi0 - lo0) / 8
    fine = view.ticks()
    assert len(fine) >= 2
    step = lambda ts: min(b.pos - a.pos for a, b in itertools.pairwise(ts))  # noqa: E731
    assert step(fine) < step(coarse)  # denser ticks: shorter steps
    assert [t.label for t in fine] != [t.label for t in coarse]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    lo2, hi2 = view.x_range()
    assert lo2 < lo1 and hi2 - lo2 == pytest.approx(hi1 - lo1)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    assert view.x_range()[1] - view.x_range()[0] > hi2 - lo2
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert view.x_range() == pytest.approx((layout.x_min, layout.x_max))
    # the view never leaves the course
    view.set_x_range(layout.x_min - 5000, layout.x_max + 5000)
    lo, hi = view.x_range()
    assert lo >= layout.x_min - 1e-6 and hi <= layout.x_max + 1e-6


def test_zooming_in_relayouts_labels_for_the_new_zoom(view, qtbot):
    view.set_case(seed("BALL-EM-1"), lang="en", anonymize=False)
    settle(qtbot)
    before = view.timeline_layout
    view.set_anchor("transplant")
    view.set_x_range(-60, 200)
    qtbot.waitUntil(lambda: view.timeline_layout.days_per_char < before.days_per_char / 2,
                    timeout=3000)
    after = view.timeline_layout
    assert view.x_range() == pytest.approx((-60, 200))
    shown = lambda lay: sum(m.show_label for m in lay.markers)  # noqa: E731
    assert shown(after) > shown(before)


# --- hover and click ------------------------------------------------------------------
def test_hovering_a_marker_shows_its_tooltip(view, qtbot):
    case = seed("BALL-EM-1")
    view.set_case(case, lang="en", anonymize=False)
    view.set_anchor("transplant")
    view.set_x_range(-40, 120)
    settle(qtbot, 300)
    engraft = next(i for i, e in enumerate(case.events) if "Engraftment" in (e.label.en or ""))
    m = marker(view.timeline_layout, "event", engraft)
    move_mouse(qtbot, view, m.x, m.y)
    assert view.hover_text() == m.tooltip
    assert "Engraftment at D+24" in view.hover_text()
    # a bar too, and nothing over empty space
    view.fit_all()
    settle(qtbot, 300)
    bar = next(b for b in view.timeline_layout.bars if b.x1 - b.x0 > 50)
    move_mouse(qtbot, view, (bar.x0 + bar.x1) / 2, bar.y)
    assert view.hover_text() == bar.tooltip
    move_mouse(qtbot, view, view.timeline_layout.x_min + 1, -0.3)
    assert view.hover_text() == ""


def test_clicking_an_item_emits_item_activated_with_its_ref(view, qtbot):
    case = seed("BALL-EM-1")
    view.set_case(case, lang="en", anonymize=False)
    view.set_anchor("transplant")
    view.set_x_range(-40, 120)
    settle(qtbot, 300)
    layout = view.timeline_layout
    engraft = next(i for i, e in enumerate(case.events) if "Engraftment" in (e.label.en or ""))
    m = marker(layout, "event", engraft)
    with qtbot.waitSignal(view.itemActivated, timeout=2000) as blocker:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.map_to_canvas(m.x, m.y))
    assert blocker.args == ["event", engraft]
    assert view.selected == Ref("event", engraft)
    assert view.canvas.highlight.shapes
    bar = next(b for b in layout.bars if b.x0 >= -40 and b.x1 - b.x0 >= 20)
    with qtbot.waitSignal(view.itemActivated, timeout=2000) as blocker:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.map_to_canvas((bar.x0 + bar.x1) / 2, bar.y))
    assert blocker.args == ["therapy", bar.ref.index]
    point = next(p for s in layout.series for p in s.points if -40 < p.x < 120)
    with qtbot.waitSignal(view.itemActivated, timeout=2000) as blocker:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.map_to_canvas(point.x, point.y))
    assert blocker.args == ["measurement", point.ref.index]


# --- anchors, lanes, language ---------------------------------------------------------
def test_anchor_choices_follow_the_case_and_say_why_not(view, qtbot):
    case = Case("NO-HSCT", diagnosis=Diagnosis(date=PartialDate(2015, 3)),
                therapies=[Therapy(Text("Imatinib", "Иматиниб"), "targeted",
                                   PartialDate(2015, 4, 1), PartialDate(2016, 1, 1))])
    view.set_case(case, lang="en", anonymize=False)
    combo = view.anchor_combo
    items = {combo.itemData(i): combo.model().item(i) for i in range(combo.count())}
    assert items["calendar"].isEnabled() and items["diagnosis"].isEnabled()
    assert not items["transplant"].isEnabled()
    why = view.anchor_errors()["transplant"]
    assert "transplant" in why and items["transplant"].toolTip() == why
    with pytest.raises(AnchorError, match="transplant"):
        view.set_anchor("transplant")
    combo.setCurrentIndex(combo.findData("diagnosis"))
    assert view.anchor == "diagnosis" and view.timeline_layout.anchor == "diagnosis"
    # issue 12: the title names the axis's one unit
    assert view.timeline_layout.axis_title.endswith("Days from diagnosis")
    # anonymized without a transplant: counted from the diagnosis, no calendar
    view.set_anonymize(True)
    assert view.anchor == "diagnosis"
    assert not items["calendar"].isEnabled()
    assert "relative time only" in view.anchor_errors()["calendar"]
    # nothing to count from: nothing drawn, and the status says why
    undated = Case("NO-ANCHOR", therapies=case.therapies)
    view.set_case(undated, anonymize=True)
    assert view.timeline_layout is None
    assert "cannot count days" in view.status.text()
    assert not view.export_button.isEnabled()


def test_switching_anchor_keeps_the_visible_period(view, qtbot):
    view.set_case(seed("BALL-EM-1"), lang="en", anonymize=False)
    cal = view.timeline_layout
    view.set_x_range(cal.x_min + 1000, cal.x_min + 1500)
    view.set_anchor("diagnosis")
    rel = view.timeline_layout
    shift = rel.x_min - cal.x_min
    assert view.x_range() == pytest.approx((cal.x_min + 1000 + shift, cal.x_min + 1500 + shift))


def test_the_same_case_edited_keeps_the_view_another_case_fits(view, qtbot):
    case = seed("BALL-EM-1")
    view.set_case(case, lang="en", anonymize=False)
    cal = view.timeline_layout
    view.set_lane_visible("measure:wbc", False)
    view.set_x_range(cal.x_min + 1000, cal.x_min + 1500)
    case.therapies[0] = Therapy(Text("Edited", "Изменено"), "chemotherapy",
                                case.therapies[0].start, case.therapies[0].end)
    view.set_case(case)
    assert view.x_range() == pytest.approx((cal.x_min + 1000, cal.x_min + 1500))
    assert "measure:wbc" in view.hidden_lanes
    assert any(b.label == "Edited" for b in view.timeline_layout.bars)
    view.set_case(seed("BALL-EM-2"))
    other = view.timeline_layout
    assert view.x_range() == pytest.approx((other.x_min, other.x_max))
    assert not view.hidden_lanes


def test_lanes_can_be_hidden_and_shown(view, qtbot):
    view.set_case(seed("BALL-EM-1"), lang="en", anonymize=False)
    all_ids = [lane_id for lane_id, _ in view.lanes()]
    assert "measure:wbc" in all_ids and "events" in all_ids
    view.set_lane_visible("measure:wbc", False)
    view.set_lane_visible("events", False)
    ids = [lane.id for lane in view.timeline_layout.lanes]
    assert "measure:wbc" not in ids and "events" not in ids
    assert not view.timeline_layout.markers  # events are drawn in their lane only
    assert drawn_points(view) == layout_points(view.timeline_layout)
    assert [lane_id for lane_id, _ in view.lanes()] == all_ids  # still offered
    assert view.hidden_lanes == {"measure:wbc", "events"}
    # the lane menu lists every lane, checked when shown; unchecking hides
    view._fill_lane_menu()
    actions = {a.data(): a for a in view.lane_menu.actions() if a.data()}
    assert not actions["events"].isChecked() and actions["therapy:chemotherapy"].isChecked()
    actions["therapy:chemotherapy"].setChecked(False)
    assert "therapy:chemotherapy" not in [lane.id for lane in view.timeline_layout.lanes]
    view.show_all_lanes()
    assert [lane.id for lane in view.timeline_layout.lanes] == all_ids


def test_language_switch_redraws_in_russian(view, qtbot):
    view.set_case(seed("BALL-EM-2"), lang="en", anonymize=False)
    view.set_language("ru")
    settle(qtbot)
    texts = view.texts()
    assert "Химиотерапия" in texts and "События" in texts
    assert any("Блинатумомаб" in t for t in texts)
    assert view.timeline_layout.lang == "ru"


# --- Anonymize mode ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("code", list(SEEDS))
def test_anonymize_shows_no_date_anywhere(view, qtbot, code, lang):
    view.set_case(seed(code), lang=lang, anonymize=False)
    assert any(YEAR.search(t) for t in view.texts())  # calendar ticks have years
    view.set_anonymize(True)
    settle(qtbot)
    assert view.anchor == "transplant"
    combo = view.anchor_combo
    assert not combo.model().item(combo.findData("calendar")).isEnabled()
    with pytest.raises(AnchorError):
        view.set_anchor("calendar")
    for span in (None, 400, 40):  # fit, then zoomed: every tick density
        if span:
            view.set_x_range(-span / 2, span / 2)
            settle(qtbot)
        texts = view.texts() + list(view._tips.values())
        bad = [t for t in texts if YEAR.search(t) or MONTH.search(t)]
        assert not bad, bad
    view.set_anchor("diagnosis")
    texts = view.texts() + list(view._tips.values())
    assert not [t for t in texts if YEAR.search(t) or MONTH.search(t)]


# --- figures ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_figure_png_has_the_requested_size(tmp_path, qapp, lang):
    out = render_timeline_figure(seed("BALL-EM-1"), out_path=tmp_path / "t.png", lang=lang)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    # not blank: coloured bars were drawn
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)  # kept: the array borrows it
    arr = np.frombuffer(rgb.constBits(), np.uint8).reshape(1080, 1920, 4).copy()
    assert (np.ptp(arr[..., :3], axis=2) > 60).sum() > 5000
    small = render_timeline_figure(seed("BALL-EM-2"), out_path=tmp_path / "s.png",
                                   size=(1280, 720), anchor="transplant", lang=lang)
    assert QImage(str(small)).size().toTuple() == (1280, 720)


@pytest.mark.parametrize("lang,word", [("en", "Chemotherapy"), ("ru", "Химиотерапия")])
def test_figure_svg_contains_text(tmp_path, qapp, lang, word):
    out = render_timeline_figure(seed("BALL-EM-2"), out_path=tmp_path / "t.svg", lang=lang,
                                 anonymize=True)
    svg = out.read_text(encoding="utf-8")
    assert "<text" in svg and word in svg
    # issue 12: one unit on the axis (years over this course), named by its title
    assert ("Years from transplant" if lang == "en" else "Годы от трансплантации") in svg
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts and not [t for t in texts if YEAR.search(t) or MONTH.search(t)]


def test_figure_pdf_and_errors(tmp_path, qapp):
    case = seed("BALL-EM-2")
    pdf = render_timeline_figure(case, out_path=tmp_path / "t.pdf", anchor="diagnosis")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(FigureError, match="unknown figure type"):
        render_timeline_figure(case, out_path=tmp_path / "t.gif")
    with pytest.raises(FigureError, match="relative time only"):
        render_timeline_figure(case, out_path=tmp_path / "a.png", anchor="calendar",
                               anonymize=True)
    with pytest.raises(FigureError, match="pixels"):
        render_timeline_figure(case, out_path=tmp_path / "b.png", size=(0, 0))
    with pytest.raises(FigureError, match="does not exist"):
        render_timeline_figure(case, out_path=tmp_path / "nowhere" / "c.png")


def test_view_export_writes_what_is_shown(view, qtbot, tmp_path):
    view.set_case(seed("BALL-EM-1"), lang="ru", anonymize=True)
    view.set_lane_visible("measure:wbc", False)
    out = view.export(tmp_path / "v.svg")
    svg = out.read_text(encoding="utf-8")
    assert "Лейкоциты" not in svg and "Химиотерапия" in svg
    # a line mixing scripts stays one piece (Qt writes one <text> per script run)
    assert re.search(r">[^<]*[А-Яа-я][^<]*[A-Za-z][^<]*</text>", svg)
    assert 'width="1920"' in svg and 'font-family="PT Sans"' in svg
    png = view.export(tmp_path / "v.png", size=(1600, 900))
    assert QImage(str(png)).size().toTuple() == (1600, 900)


@pytest.mark.parametrize("anonymize", [False, True])
def test_a_short_window_keeps_the_labels_and_scrolls_the_lanes_under_a_fixed_axis(
        qtbot, anonymize):
    """Rows never get too thin for their labels: the lanes scroll inside the plot, and
    the time axis stays in view under them (the window's scroll area does not move)."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QScrollArea

    from desktop.gui.timeline.style import MIN_ROW_FOR_LABELS

    area = QScrollArea()
    area.setWidgetResizable(True)
    v = TimelineView()
    area.setWidget(v)
    qtbot.addWidget(area)
    area.resize(1200, 560)
    area.show()
    v.set_case(casefile.load(SEED_DIR / "ball-em-1.case.json"), lang="ru", anonymize=anonymize)
    qtbot.wait(50)
    layout, canvas = v.timeline_layout, v.canvas
    top, bottom = canvas.rows_in_view()
    row_px = canvas.vb.height() / (bottom - top)
    line = QFontMetricsF(canvas.style_.label).height()
    assert row_px >= MIN_ROW_FOR_LABELS * line
    assert bottom - top < layout.height  # not every lane fits: they scroll
    assert v.row_bar.isVisible() and v.row_bar.maximum() > 0
    assert area.verticalScrollBar().maximum() == 0  # the view itself fits the window
    axis_y = canvas.mapFromScene(canvas.time_axis.sceneBoundingRect().bottomLeft()).y()
    assert 0 < axis_y <= canvas.height()  # the time axis is drawn, in view
    labels_before = tuple(canvas.time_axis.shown)
    v.row_bar.setValue(v.row_bar.maximum())  # scroll to the last lane
    qtbot.wait(20)
    top2, bottom2 = canvas.rows_in_view()
    assert top2 > top
    assert bottom2 == pytest.approx(layout.height + timeline_style_pad(), abs=0.02)
    assert canvas.mapFromScene(canvas.time_axis.sceneBoundingRect().bottomLeft()).y() == axis_y
    assert canvas.time_axis.shown == labels_before


def timeline_style_pad() -> float:
    from desktop.gui.timeline.style import Y_PAD

    return Y_PAD
