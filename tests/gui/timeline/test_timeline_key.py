"""The window's timeline says every event: callout numbers at the markers the layout
keys, the key below the plot, uncertain spans hatched, categorical lanes without numbers,
the view following the data unless the user zoomed, and a zoom taking groups apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.core.dates import PartialDate
from desktop.core.model import Case, Diagnosis, Event, Text, Therapy
from desktop.gui.timeline.labels import callout_text
from desktop.gui.timeline.view import TimelineView
from tests.figures.test_every_label import cases, flat, missing


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


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("anchor", ["calendar", "transplant"])
def test_every_event_label_is_on_the_plot_or_in_the_key(view, qtbot, lang, anchor):
    for case in cases():
        view.set_case(case, lang=lang)
        view.set_anchor(anchor)
        settle(qtbot)
        layout = view.timeline_layout
        key = view.canvas.key
        cut = _cut_entries(key, layout)  # said in the key, whole in the marker's tip
        tips = [m.tooltip for m in layout.markers if m.callout in cut]
        assert missing(case, lang, " ".join([*view.texts(), *tips])) == [], case.code
        drawn = view.canvas.labels.texts
        for m in layout.markers:  # keyed markers carry their number, labelled ones not
            if m.show_label:
                assert m.callout is None and m.label in drawn
            else:
                assert callout_text(m) in drawn
        assert [e.number for e in key.entries] == [m.callout for m in layout.markers
                                                   if m.callout is not None]
        assert all(flat(" ".join(e.labels)) in flat(" ".join(key.texts()))
                   for e in key.entries if e.number not in cut)
        unlisted = [n for n in layout.notes if flat(n) not in flat(" ".join(key.texts()))]
        if unlisted:  # on screen several notes are one line; each bar's tip has its own
            assert len(layout.notes) > 1 and str(len(layout.notes)) in " ".join(key.texts())
            tips = flat(" ".join(b.tooltip for b in layout.bars))
            assert [n for n in layout.notes if flat(n) not in tips] == []


def test_a_group_lists_every_member_in_the_key(view, qtbot):
    case = next(c for c in cases() if c.code == "BALL-EM-2")
    view.set_case(case, lang="en")
    settle(qtbot)
    layout = view.timeline_layout
    group = max((m for m in layout.markers if m.members), key=lambda m: len(m.members))
    assert callout_text(group) == f"{group.callout} ×{len(group.members)}"
    entry = next(e for e in layout.key if e.number == group.callout)
    text = flat(" ".join(view.canvas.key.texts()))
    for ref in group.members:
        label = case.events[ref.index].label.en
        assert label in entry.labels[0] + " ".join(entry.labels) and flat(label) in text


def test_an_uncertain_span_is_hatched_not_solid(view, qtbot):
    """FLAG-Ida, dated only "2015"–"2015": no day of it is drawn as treatment."""
    case = next(c for c in cases() if c.code == "BALL-EM-2")
    view.set_case(case, lang="en")
    settle(qtbot)
    layout = view.timeline_layout
    bar = next(b for b in layout.bars if b.label.startswith("FLAG-Ida"))
    assert bar.solid is None
    image = view.canvas.grab().toImage()
    a, b = view.map_to_canvas(bar.x0, bar.y), view.map_to_canvas(bar.x1, bar.y)
    ratio = image.width() / view.canvas.width()
    row = [QColor(image.pixel(round(x * ratio), round(a.y() * ratio))).name()
           for x in range(a.x() + 4, b.x() - 4)]
    solid = QColor(bar.colour).name()
    assert row and solid not in row
    assert len(set(row)) >= 2  # pale ground and the hatching across it


def test_a_lane_of_results_without_numbers_has_categories_not_a_scale(view, qtbot):
    case = next(c for c in cases() if c.code == "BALL-EM-2")
    view.set_case(case, lang="en")
    settle(qtbot, 60)
    lane = next(la for la in view.timeline_layout.lanes if la.categories)
    assert lane.threshold_y is None
    view.canvas.lane_axis.update()
    view.canvas.grab()
    drawn = view.canvas.lane_axis.drawn
    assert all(t.label in drawn for t in lane.categories)
    assert not any(t.label[:1].isdigit() for t in lane.value_ticks)


def _case(events: list[Event], therapies: list[Therapy] | None = None) -> Case:
    return Case(code="ZOOM-1", title=Text("Zoom", "Зум"),
                diagnosis=Diagnosis(PartialDate(2015, 1, 1), Text("B-ALL", "B-ОЛЛ")),
                therapies=therapies or [], events=events)


def _events() -> list[Event]:
    days = (1, 3, 5, 6)
    return [Event(PartialDate(2016, 1, 10 + d), "other", Text(f"Event D{d}", f"Событие {d}"))
            for d in days] + [Event(PartialDate(2018, 6, 1), "relapse",
                                    Text("Late relapse", "Поздний рецидив"))]


def test_zooming_to_a_dense_week_shows_its_markers_apart(view, qtbot):
    view.set_case(_case(_events()), lang="en")
    settle(qtbot)
    whole = view.timeline_layout
    assert any(len(m.members) == 4 for m in whole.markers)  # one week, one group
    view.set_x_range(16810, 16830)  # 2016-01-08 … 2016-01-28
    qtbot.waitUntil(lambda: not any(m.members for m in view.timeline_layout.markers),
                    timeout=3000)
    apart = [m for m in view.timeline_layout.markers if m.label.startswith("Event D")]
    assert len(apart) == 4 and len({m.x for m in apart}) == 4
    assert view.user_zoomed


def test_the_view_refits_when_data_change_unless_the_user_zoomed(view, qtbot):
    case = _case(_events())
    view.set_case(case, lang="en")
    settle(qtbot)
    assert not view.user_zoomed
    later = replace(case, therapies=[Therapy(Text("Blinatumomab", "Блинатумомаб"),
                                             "immunotherapy", PartialDate(2019, 3, 1),
                                             PartialDate(2019, 4, 1))])
    view.set_case(later, lang="en")  # an edit: a therapy after everything else
    settle(qtbot)
    layout = view.timeline_layout
    assert view.x_range() == pytest.approx((layout.x_min, layout.x_max))
    view.zoom(3)
    settle(qtbot)
    assert view.user_zoomed
    zoomed = view.x_range()
    renamed = replace(later, events=[replace(e, label=Text(f"{e.label.en}!", e.label.ru))
                                     for e in later.events])
    view.set_case(renamed, lang="en")  # another edit: the view stays where the user is
    settle(qtbot)
    assert view.x_range() == pytest.approx(zoomed)
    assert any(m.label.endswith("!") for m in view.timeline_layout.markers)
    view.fit_all()
    assert not view.user_zoomed
    view.set_case(later, lang="en")
    settle(qtbot)
    layout = view.timeline_layout
    assert view.x_range() == pytest.approx((layout.x_min, layout.x_max))


#: How the key says it leaves labels out, in the interface's language.
AND_MORE = ("and {n} more at this marker", "и ещё {n} у этой метки")


def _cut_entries(key, layout) -> set[int]:
    """The numbers of the entries the key lists only in part, for want of rows: each
    says how many of its labels it leaves out, and its marker's tip holds them all."""
    said = flat(" ".join(key.texts()))
    cut = set()
    for e in key.entries:
        if flat(" ".join(e.labels)) in said:
            continue
        left = sum(1 for label in e.labels[1:] if flat(label) not in said)
        assert any(flat(p.format(n=left)) in said for p in AND_MORE), e.number
        marker = next(m for m in layout.markers if m.callout == e.number)
        tip = flat(marker.tooltip)  # each event's words and date, one under another
        assert all(flat(label.split(": ", 1)[-1]) in tip for label in e.labels)
        cut.add(e.number)
    return cut


def test_a_key_too_long_for_the_screen_says_how_many_it_leaves_out(view, qtbot):
    events = [Event(PartialDate(2016, 1 + k // 28, 1 + k % 28), "other",
                    Text(f"Visit number {k} with a long description", f"Визит {k}"))
              for k in range(300)]
    view.set_case(_case(events), lang="en")
    settle(qtbot)
    key = view.canvas.key
    assert len(view.timeline_layout.key) > 20
    assert 0 < key.more < len(view.timeline_layout.key)
    shown = sum(1 for line in key.lines if line.entry is not None)
    assert shown + key.more == len(view.timeline_layout.key)
    assert f"{key.more} more numbered markers" in " ".join(key.texts())
