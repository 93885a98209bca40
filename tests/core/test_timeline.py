"""The timeline layout: lanes, bars, markers, series and axes, in numbers a renderer draws."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import random
import re
from datetime import date

import pytest

from desktop.core import palette, vocab
from desktop.core.dates import MONTHS_EN, MONTHS_EN_SHORT, MONTHS_RU, PartialDate
from desktop.core.deid import deidentify, relative_label
from desktop.core.model import Case, Diagnosis, Event, Measurement, Text, Therapy
from desktop.core.timeline import (
    MRD_NEGATIVITY_PERCENT,
    SERIES_ROWS,
    AnchorError,
    Ref,
    TimelineLayout,
    axis_label,
    axis_title,
    build_layout,
    hit_test,
    pack_rows,
    ticks,
)

d = PartialDate.parse_iso


def day(iso: str) -> int:
    """Days since 1970-01-01: the calendar x of a day."""
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def therapy(name: str, category: str, start: str | None, end: str | None = None,
            **kw) -> Therapy:
    return Therapy(Text(name, name.upper()), category, d(start) if start else None,
                   d(end) if end else None, **kw)


def seed_like_case() -> Case:
    """Shaped like case 1 of the founding report: diagnosis, bispecific and ADC,
    allo-HSCT on 09.08.2018, engraftment at D+24, DLI at D+74, MRD by RT-PCR."""
    return Case(
        "TL-1",
        diagnosis=Diagnosis(date=d("2014-03-15"), name=Text("B-ALL", "В-ОЛЛ")),
        therapies=[
            therapy("Blinatumomab", "immunotherapy", "2018-02", "2018-04", cycles=2),
            therapy("Inotuzumab ozogamicin", "immunotherapy", "2018-04-10", "2018-06-20",
                    cycles=3, response="CR MRD-"),
            therapy("allo-HSCT", "transplant", "2018-08-09"),
            therapy("Tacrolimus", "supportive", "2018-12-17", ongoing=True),
            therapy("DLI", "cellular", "2018-10-22"),
            therapy("Imatinib", "targeted", "2014-04-01", "2014-09-30"),
            therapy("Hyper-CVAD", "chemotherapy", "2014-03-20", "2014-08-30", cycles=4),
        ],
        events=[
            Event(d("2015-05"), "relapse", Text("Relapse", "Рецидив"), site="cns"),
            Event(d("2018-09-02"), "other", Text("Engraftment", "Приживление")),
            Event(d("2018-07-01"), "imaging", Text("PET-CT", "ПЭТ-КТ")),
        ],
        measurements=[
            Measurement(d("2018-01"), "marrow_blasts", 88.6, "%"),
            Measurement(d("2018-07-01"), "mrd_pcr", 0.5, "%"),
            Measurement(d("2018-09-02"), "mrd_pcr", None, "%", "negative"),
            Measurement(d("2018-06-01"), "bcr_abl", 33.5534, "%"),
        ],
    )


def all_strings(obj: object) -> list[str]:
    """Every string anywhere in a layout (fields, nested tuples, bilingual titles)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, tuple | list):
        return [s for x in obj for s in all_strings(x)]
    if dataclasses.is_dataclass(obj):
        return [s for f in dataclasses.fields(obj) for s in all_strings(getattr(obj, f.name))]
    return []


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- lanes ----------------------------------------------------------------------
def test_lanes_come_in_the_fixed_order_and_empty_ones_are_skipped() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    assert [lane.id for lane in layout.lanes] == [
        "therapy:chemotherapy", "therapy:targeted", "therapy:immunotherapy",
        "therapy:transplant", "therapy:supportive", "events",
        "measure:marrow_blasts", "measure:mrd",
    ]
    assert [lane.kind for lane in layout.lanes] == ["bars"] * 5 + ["markers"] + ["series"] * 2


def test_chemoimmunotherapy_has_a_lane_of_its_own_after_chemotherapy() -> None:
    case = dataclasses.replace(seed_like_case(), therapies=[
        therapy("R-CHOP", "chemoimmunotherapy", "2014-03-20", "2014-08-30", cycles=6),
        therapy("R-DHAP", "chemoimmunotherapy", "2015-06-01", "2015-08-01", cycles=2),
        therapy("Hyper-CVAD", "chemotherapy", "2014-09-20", "2014-12-30")])
    layout = build_layout(case, shorten_gaps=False, lang="ru")
    ids = [lane.id for lane in layout.lanes]
    assert ids[:2] == ["therapy:chemotherapy", "therapy:chemoimmunotherapy"]
    assert "therapy:other" not in ids
    lane = layout.lanes[1]
    assert lane.label == "Химиоиммунотерапия"
    bars = [b for b in layout.bars if lane.y <= b.y <= lane.y + lane.height]
    assert sorted(b.label.split(",")[0] for b in bars) == ["R-CHOP", "R-DHAP"]


def test_lanes_are_stacked_without_overlap_and_titled_in_both_languages() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, lang="ru")
    for upper, lower in itertools.pairwise(layout.lanes):
        assert upper.y + upper.height < lower.y
    assert layout.height == pytest.approx(layout.lanes[-1].y + layout.lanes[-1].height)
    tx = next(lane for lane in layout.lanes if lane.id == "therapy:transplant")
    assert tx.title == Text("Transplantation / Cellular therapy",
                            "Трансплантация / Клеточная терапия")
    assert tx.label == "Трансплантация / Клеточная терапия"
    blasts = next(lane for lane in layout.lanes if lane.id == "measure:marrow_blasts")
    assert blasts.label == "Бласты в костном мозге, %"


def test_hidden_lanes_are_left_out_with_their_items_and_the_extent_stays() -> None:
    case = seed_like_case()
    full = build_layout(case)
    part = build_layout(case, hidden_lanes=("events", "therapy:immunotherapy"))
    assert "events" not in {lane.id for lane in part.lanes}
    assert not part.markers
    assert all(b.lane_id != "therapy:immunotherapy" for b in part.bars)
    assert len(part.bars) == len(full.bars) - 2
    assert (part.x_min, part.x_max) == (full.x_min, full.x_max)
    assert part.lanes[0].y == 0.0


def test_unknown_anchor_or_language_is_refused() -> None:
    with pytest.raises(ValueError, match="anchor"):
        build_layout(seed_like_case(), shorten_gaps=False, anchor="birth")
    with pytest.raises(ValueError, match="lang"):
        build_layout(seed_like_case(), shorten_gaps=False, lang="de")


# --- bars -----------------------------------------------------------------------
def bar(layout: TimelineLayout, index: int):
    return next(b for b in layout.bars if b.ref == Ref("therapy", index))


def test_a_day_precise_bar_covers_its_days_in_calendar_x() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    b = bar(layout, 1)  # inotuzumab 10.04.2018 – 20.06.2018
    assert b.x0 == day("2018-04-10")
    assert b.x1 == day("2018-06-20") + 1  # the last day is covered
    assert b.solid == (b.x0, b.x1)
    assert b.start_range == (day("2018-04-10"), day("2018-04-10"))
    assert b.label == "Inotuzumab ozogamicin, 3 cycles"
    assert b.colour == palette.THERAPY_COLOURS["immunotherapy"]
    assert "MRD-negative complete remission" in b.tooltip


def test_a_month_precision_bar_carries_the_uncertainty_of_both_months() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    b = bar(layout, 0)  # blinatumomab 2018-02 … 2018-04
    assert b.start_range == (day("2018-02-01"), day("2018-02-28"))
    assert b.end_range == (day("2018-04-01") + 1, day("2018-04-30") + 1)
    assert (b.x0, b.x1) == (day("2018-02-01"), day("2018-05-01"))
    assert b.solid == (day("2018-02-28"), day("2018-04-02"))  # certain only in between
    assert "Feb 2018 – Apr 2018" in b.tooltip


def test_an_ongoing_bar_reaches_the_right_edge_and_an_open_end_is_not_invented() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    tacro = bar(layout, 3)
    assert tacro.ongoing and not tacro.end_unknown
    assert tacro.x1 == layout.x_max
    assert tacro.end_range is None
    assert "ongoing" in tacro.tooltip
    hsct = bar(layout, 2)  # a start only: one day, flagged, not stretched
    assert hsct.end_unknown and not hsct.ongoing
    assert (hsct.x0, hsct.x1) == (day("2018-08-09"), day("2018-08-09") + 1)
    assert "end not reported" in hsct.tooltip


def test_the_extent_has_a_margin_around_every_date() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    assert layout.x_min < day("2014-03-15") < day("2018-12-17") < layout.x_max


def test_therapies_without_a_start_are_listed_not_drawn() -> None:
    case = seed_like_case()
    case.therapies.append(therapy("Dexamethasone", "supportive", None))
    layout = build_layout(case)
    assert layout.undated == (Ref("therapy", len(case.therapies) - 1),)
    assert len(layout.bars) == len(case.therapies) - 1


def test_labels_ask_for_cycles_in_the_language_and_flag_a_missing_translation() -> None:
    case = Case("TL-2", therapies=[
        Therapy(Text("Blinatumomab", "Блинатумомаб"), "immunotherapy", d("2018-01-01"),
                d("2018-01-28"), cycles=n) for n in (1, 2, 5, 11, 21)])
    case.therapies.append(Therapy(Text("DLI", None), "cellular", d("2018-03-01")))
    layout = build_layout(case, lang="ru")
    labels = [b.label for b in sorted(layout.bars, key=lambda b: b.ref.index)]
    assert labels[:5] == ["Блинатумомаб, 1 цикл", "Блинатумомаб, 2 цикла",
                          "Блинатумомаб, 5 циклов", "Блинатумомаб, 11 циклов",
                          "Блинатумомаб, 21 цикл"]
    assert labels[5] == ""  # left out, never the other language (the pre-flight says so)
    assert bar(layout, 5).missing_translation
    assert not bar(layout, 0).missing_translation


# --- packing --------------------------------------------------------------------
def test_pack_rows_is_first_fit_in_start_order() -> None:
    assert pack_rows([(0, 10), (5, 15), (10, 20), (12, 14)]) == [0, 1, 0, 2]


def test_pack_rows_never_overlaps_and_uses_the_fewest_rows() -> None:
    rng = random.Random(7)
    spans = [(a, a + rng.randint(1, 60)) for a in (rng.randint(0, 500) for _ in range(300))]
    rows = pack_rows(spans)
    for (sa, ra), (sb, rb) in itertools.combinations(zip(spans, rows, strict=True), 2):
        assert ra != rb or not overlaps(sa, sb)
    deepest = max(sum(a <= x < b for a, b in spans) for x in range(600))
    assert max(rows) + 1 == deepest


def test_overlapping_bars_and_their_labels_go_to_separate_sub_rows() -> None:
    case = Case("TL-3", therapies=[
        therapy(f"Drug {i}", "chemotherapy", f"2018-0{1 + i % 3}-01", f"2018-0{4 + i % 3}-15")
        for i in range(6)])
    layout = build_layout(case, days_per_char=2.0)
    lane = layout.lanes[0]
    assert lane.rows == max(b.row for b in layout.bars) + 1 >= 3
    assert lane.height == lane.rows
    for b in layout.bars:
        assert lane.y < b.y < lane.y + lane.height

    def taken(b):  # the bar and, if placed after it, its label
        end = b.x1 if b.label_pos == "inside" else b.label_x + (len(b.label) + 1) * 2.0
        return (b.x0, end)

    for a, b in itertools.combinations(layout.bars, 2):
        assert a.row != b.row or not overlaps(taken(a), taken(b))


def test_a_short_bar_puts_its_label_after_itself_in_readable_ink() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, days_per_char=5.0)
    hsct = bar(layout, 2)
    assert hsct.label_pos == "after" and hsct.label_x > hsct.x1
    assert palette.contrast(hsct.label_colour, "#FFFFFF") >= 4.5
    long = bar(layout, 6)  # Hyper-CVAD: 164 days, label 19 characters
    assert long.label_pos == "inside"
    assert palette.contrast(long.label_colour, long.colour) >= 4.5
    blina = bar(layout, 0)  # 89 days in all, but only 33 certain: the label goes out
    assert blina.label_pos == "after"


def test_a_label_near_the_right_edge_goes_before_its_bar() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, days_per_char=10.0)
    tacro = bar(layout, 3)  # ongoing: 53 days to the right edge, its label needs 110
    assert tacro.label_pos == "before"
    assert tacro.label_x + len("Tacrolimus") * 10.0 <= tacro.x0


# --- markers --------------------------------------------------------------------
def marker(layout: TimelineLayout, ref: Ref):
    return next(m for m in layout.markers if m.ref == ref)


def test_markers_sit_on_their_day_and_a_month_spans_its_month() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    engraft = marker(layout, Ref("event", 1))
    assert engraft.x == day("2018-09-02")
    assert engraft.x_range == (engraft.x, engraft.x)
    relapse = marker(layout, Ref("event", 0))
    assert relapse.x_range == (day("2015-05-01"), day("2015-05-31"))
    assert relapse.x == (day("2015-05-01") + day("2015-05-31")) / 2
    assert relapse.label == "Relapse (CNS)"
    assert (relapse.symbol, relapse.colour) == (palette.EVENT_STYLES["relapse"].symbol,
                                                palette.EVENT_STYLES["relapse"].colour)
    assert relapse.tooltip == "Relapse\nRelapse (CNS)\nMay 2015"


def test_the_diagnosis_date_is_a_marker_unless_an_event_already_says_it() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    dx = marker(layout, Ref("diagnosis", 0))
    assert (dx.x, dx.type, dx.label) == (day("2014-03-15"), "diagnosis", "B-ALL")
    case = seed_like_case()
    case.events.append(Event(d("2014-03-15"), "diagnosis"))
    assert all(m.ref.kind != "diagnosis" for m in build_layout(case).markers)


def test_labels_of_nearby_events_are_staggered_so_shown_labels_never_overlap() -> None:
    events = [Event(d(f"2018-05-{1 + 2 * i:02d}"), "complication",
                    Text(f"Febrile neutropenia {i}")) for i in range(7)]
    events.append(Event(d("2019-05-01"), "follow-up", Text("Visit")))
    layout = build_layout(Case("TL-4", events=events), days_per_char=1.0, max_label_rows=4)
    rows = [marker(layout, Ref("event", i)).row for i in range(4)]
    assert rows == [0, 1, 2, 3]  # each 24-character label is 25 days long
    for i in range(7):  # every event drawn: its own marker, or a member of a group
        assert any(m.ref == Ref("event", i) or Ref("event", i) in m.members
                   for m in layout.markers)
    shown = [m for m in layout.markers if m.show_label]
    hidden = [m for m in layout.markers if not m.show_label]
    assert hidden, "more overlapping labels than rows: some labels wait for the tooltip"
    for a, b in itertools.combinations(shown, 2):
        if a.row == b.row:
            assert not overlaps((a.x - 1, a.label_x1), (b.x - 1, b.label_x1))
    for a, b in itertools.combinations(layout.markers, 2):  # nor a whisker or a symbol
        if a.row == b.row and a.show_label:
            assert not overlaps((a.label_x0, a.label_x1), (b.x_range[0] - 1, b.x_range[1] + 1))
    lone = marker(layout, Ref("event", 7))
    assert (lone.row, lone.show_label) == (0, True)
    assert max(m.row for m in layout.markers if m.show_label) < 4  # labels: 4 rows
    for a, b in itertools.combinations(layout.markers, 2):  # no symbol drawn over another
        if a.row == b.row:
            assert abs(a.x - b.x) >= 2 * layout.days_per_char
    assert lone.label_x1 - lone.label_x0 == pytest.approx(len("Visit") * 1.0)


def test_a_label_near_the_right_edge_goes_left_of_its_marker() -> None:
    events = [Event(d("2018-01-01"), "relapse"),
              Event(d("2018-12-31"), "follow-up", Text("Last follow-up visit"))]
    layout = build_layout(Case("TL-10", events=events), days_per_char=2.0)
    first, last = layout.markers
    assert first.label_x0 == first.x + 2.0  # "Relapse" fits on the right
    assert last.label_x1 == last.x - 2.0 < layout.x_max
    assert last.label_x1 - last.label_x0 == pytest.approx(len("Last follow-up visit") * 2.0)


def test_a_shown_label_never_overlaps_anything_in_its_row() -> None:
    rng = random.Random(3)
    events = [Event(PartialDate(2018, rng.randint(1, 12), rng.choice([None, 5, 15, 25])),
                    rng.choice(list(vocab.EVENT_TYPES)), Text("x" * rng.randint(1, 30)))
              for _ in range(300)]
    layout = build_layout(Case("TL-13", events=events), days_per_char=0.5)
    assert any(not m.show_label for m in layout.markers)
    for a, b in itertools.permutations(layout.markers, 2):
        if a.row == b.row and a.show_label:
            taken = (b.x_range[0] - 0.5, b.x_range[1] + 0.5)
            assert not overlaps((a.label_x0, a.label_x1), taken)
            assert not b.show_label or not overlaps((a.label_x0, a.label_x1),
                                                    (b.label_x0, b.label_x1))


def test_a_label_keeps_clear_of_a_whisker_in_its_row() -> None:
    events = [Event(d("2018-05-02"), "relapse", Text("Relapse")),
              Event(d("2018-06"), "remission", Text("CR"))]  # whisker: the whole of June
    layout = build_layout(Case("TL-12", events=events), days_per_char=1.0)
    relapse, remission = layout.markers
    assert relapse.label_x1 < remission.x_range[0]  # 'Relapse' ends by 10 May
    assert relapse.row == remission.row == 0
    close = build_layout(Case("TL-12", events=[events[0], Event(d("2018-05"), "remission")]),
                         days_per_char=1.0)
    assert [m.row for m in close.markers] == [0, 1]  # May's whisker covers the label


def test_staggering_follows_the_zoom() -> None:
    events = [Event(d("2018-05-01"), "relapse"), Event(d("2018-05-05"), "remission")]
    wide = build_layout(Case("TL-5", events=events), days_per_char=1.0)
    close = build_layout(Case("TL-5", events=events), days_per_char=0.1)
    assert [m.row for m in wide.markers] == [0, 1]
    assert [m.row for m in close.markers] == [0, 0]


# --- relative time --------------------------------------------------------------
def test_transplant_anchor_counts_d_plus_days_from_the_transplant() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, anchor="transplant")
    assert bar(layout, 2).x0 == 0  # allo-HSCT 09.08.2018 is D0
    engraft = marker(layout, Ref("event", 1))  # 02.09.2018
    assert engraft.x == 24
    assert engraft.tooltip.endswith("2 Sep 2018 (D+24)")
    assert bar(layout, 4).x0 == 74  # DLI 22.10.2018
    assert bar(layout, 3).x0 == 130  # tacrolimus 17.12.2018
    assert "(D+130)" in bar(layout, 3).tooltip
    # issue 12: the axis title names its one unit (the course spans years: months)
    assert layout.axis_title == "Months from transplant"


def test_days_before_the_anchor_are_negative() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, anchor="transplant", lang="ru")
    pet = marker(layout, Ref("event", 2))  # 01.07.2018
    assert pet.x == -39
    assert pet.tooltip.endswith("01.07.2018 (Д\u221239)")
    dx = build_layout(seed_like_case(), shorten_gaps=False, anchor="diagnosis")
    assert bar(dx, 6).x0 == 5  # chemotherapy 20.03.2014, diagnosis 15.03.2014
    assert dx.x_min < 0  # the margin reaches before day 0


def test_d_plus_is_exact_only_when_both_dates_give_the_day() -> None:
    case = seed_like_case()
    layout = build_layout(case, anchor="diagnosis")
    relapse = marker(layout, Ref("event", 0))  # May 2015, diagnosis 15.03.2014
    # issue 12: one value for an approximate date, in the column's one unit (months over
    # a course of years), never a range of ranges
    assert relapse.tooltip.endswith("May 2015 (≈ month 14)")
    assert relapse.when == "≈ month 14"
    case.diagnosis.date = d("2014-03")
    case.events.append(Event(d("2016"), "follow-up"))
    coarse = build_layout(case, anchor="diagnosis")
    assert marker(coarse, Ref("event", 1)).tooltip.endswith("(≈ month 54)")
    assert marker(coarse, Ref("event", 3)).tooltip == "Follow-up\n2016 (≈ month 28)"
    assert coarse.axis_title == "≈ Months from diagnosis"


def test_an_approximate_date_is_marked_approximate() -> None:
    case = seed_like_case()
    case.events.append(Event(d("2018-10-01~"), "complication", Text("GVHD")))
    layout = build_layout(case, anchor="transplant", anonymize=True)
    gvhd = marker(layout, Ref("event", 3))
    assert gvhd.approximate
    assert gvhd.tooltip.endswith("≈ D+53")


def test_axis_labels_follow_the_de_identification_conventions() -> None:
    anchor = d("2018-08-09")
    for iso, n in (("2018-09-02", 24), ("2018-07-01", -39), ("2018-08-09", 0),
                   ("2021-12-31", 1240)):
        for lang in ("en", "ru"):
            assert axis_label(n, "transplant", lang) == relative_label(
                d(iso), anchor, lang, "transplant")
            assert axis_label(n, "diagnosis", lang) == relative_label(d(iso), anchor, lang,
                                                                      "days")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("anchor", ["diagnosis", "transplant"])
def test_every_relative_date_is_one_value_in_one_unit(lang: str, anchor: str) -> None:
    """Issue 12 replaced "as de-identification writes it" (a range for a partial date):
    an exact date is its axis label, a partial one "≈" and the middle of its period."""
    rng = random.Random(5)
    events = [Event(PartialDate(rng.randint(2010, 2024), rng.randint(1, 12),
                                rng.choice([None, 1, 9, 28]), rng.random() < 0.1), "other")
              for _ in range(200)]
    case = seed_like_case()
    case.events = events
    layout = build_layout(case, anchor=anchor, lang=lang, anonymize=True)
    unit = "day" if anchor == "transplant" else "month"
    assert layout.unit == unit
    for m in layout.markers:
        for text in (m.tooltip.split("\n")[-1], m.when):
            assert " – " not in text
            exact = not text.startswith("≈ ")
            if m.members or m.ref.kind != "event":
                continue
            e = events[m.ref.index]
            assert exact == (e.date.day is not None and not e.date.approximate)


def test_a_missing_anchor_is_named() -> None:
    case = Case("TL-6", events=[Event(d("2018-01-01"), "relapse")])
    with pytest.raises(AnchorError, match="diagnosis date"):
        build_layout(case, anchor="diagnosis")
    with pytest.raises(AnchorError, match="transplant date"):
        build_layout(case, anchor="transplant")
    case.events.append(Event(d("2017-06"), "diagnosis"))  # a diagnosis event is enough
    assert build_layout(case, anchor="diagnosis").markers[0].x_range == (0, 29)


# --- de-identified ----------------------------------------------------------------
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
MONTH_WORDS = re.compile(r"(?<![^\W\d_])(?:" + "|".join([*MONTHS_EN, *MONTHS_EN_SHORT, *MONTHS_RU,
                                   *(m[:3] for m in MONTHS_RU)]) + r")(?![^\W\d_])", re.I)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("anchor", ["diagnosis", "transplant"])
def test_an_anonymized_layout_holds_no_date_text(lang: str, anchor: str) -> None:
    layout = build_layout(seed_like_case(), anchor=anchor, lang=lang, anonymize=True)
    texts = all_strings(layout)
    for span in (30, 400, 4000):
        texts += all_strings(ticks(layout, span))
    assert any("24" in t for t in texts)  # the relative days are there
    leaks = [t for t in texts if YEAR.search(t) or MONTH_WORDS.search(t)]
    assert leaks == []
    plain = all_strings(build_layout(seed_like_case(), anchor=anchor, lang=lang))
    assert any(YEAR.search(t) for t in plain)  # the check can see dates


@pytest.mark.parametrize("anchor", ["diagnosis", "transplant"])
def test_the_de_identified_case_draws_the_same_relative_timeline(anchor: str) -> None:
    case = seed_like_case()
    assert build_layout(deidentify(case, anchor=anchor), anchor=anchor, anonymize=True) == \
        build_layout(case, anchor=anchor, anonymize=True)


def test_an_anonymized_layout_refuses_calendar_time() -> None:
    with pytest.raises(AnchorError, match="relative"):
        build_layout(seed_like_case(), shorten_gaps=False, anonymize=True)


# --- series -----------------------------------------------------------------------
def lane(layout: TimelineLayout, lane_id: str):
    return next(x for x in layout.lanes if x.id == lane_id)


def test_mrd_is_on_a_log_scale_and_a_result_without_a_number_is_a_category() -> None:
    """Issue 12: no threshold line the case does not state; a negative result without a
    number sits on a labelled "negative" row under the value box, not on the axis."""
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    mrd = lane(layout, "measure:mrd")
    assert (mrd.scale, mrd.unit, mrd.threshold, mrd.threshold_y) == ("log", "%", None, None)
    assert MRD_NEGATIVITY_PERCENT == 0.01  # kept as a reference, not drawn
    assert mrd.value_range == (0.1, 100.0)
    assert [t.label for t in mrd.categories] == ["negative"]
    assert mrd.height == SERIES_ROWS + 1
    series = {s.kind: s for s in layout.series if s.lane_id == "measure:mrd"}
    assert list(series) == ["bcr_abl", "mrd_pcr"]
    positive, negative = series["mrd_pcr"].points
    assert (negative.value, negative.negative) == (None, True)
    assert negative.y == mrd.categories[0].pos > mrd.y + SERIES_ROWS  # below the values
    assert negative.symbol == palette.RESULT_SYMBOLS["negative"]
    assert "negative" in negative.tooltip and "0.01" not in negative.tooltip
    assert positive.value == 0.5 and not positive.negative
    assert mrd.y <= positive.y <= mrd.y + SERIES_ROWS
    assert positive.x == day("2018-07-01")


def test_a_lane_of_results_only_has_no_numeric_axis() -> None:
    case = Case("TL-8", measurements=[
        Measurement(d("2018-01-01"), "chimerism", None, None, "complete"),
        Measurement(d("2018-03-01"), "chimerism", None, None, "mixed"),
    ])
    chim = lane(build_layout(case), "measure:chimerism")
    assert chim.value_range is None
    assert [t.label for t in chim.value_ticks] == ["mixed", "complete"]  # categories only


def test_blasts_are_linear_and_a_month_date_spans_its_month() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    blasts = lane(layout, "measure:marrow_blasts")
    assert (blasts.scale, blasts.value_range, blasts.threshold) == ("linear", (0.0, 100.0),
                                                                    None)
    (point,) = next(s for s in layout.series if s.kind == "marrow_blasts").points
    assert point.x_range == (day("2018-01-01"), day("2018-01-31"))
    assert point.y == pytest.approx(blasts.y + blasts.height * (1 - 0.886))
    assert point.tooltip == "Marrow blasts: 88.6 %\nJan 2018"


def test_a_threshold_in_percent_is_not_drawn_over_other_units() -> None:
    case = Case("TL-7", measurements=[
        Measurement(d("2018-01-01"), "bcr_abl", 1200.0, "copies"),
        Measurement(d("2018-02-01"), "bcr_abl", None, "copies", "negative"),
    ])
    layout = build_layout(case)
    mrd = lane(layout, "measure:mrd")
    assert mrd.threshold is None and mrd.threshold_y is None and mrd.unit == "copies"
    negative = layout.series[0].points[1]
    assert negative.negative and negative.y == mrd.categories[0].pos  # on its own row


def test_values_are_written_the_russian_way_and_nothing_unknown_is_drawn() -> None:
    case = Case("TL-8", measurements=[
        Measurement(d("2018-01-01"), "mrd_flow", 0.05, "%"),
        Measurement(d("2018-02-01"), "chimerism", None),  # neither a number nor a result
    ])
    layout = build_layout(case, lang="ru")
    assert [x.id for x in layout.lanes] == ["measure:mrd"]
    assert layout.series[0].points[0].tooltip == "МОБ (проточная цитометрия): 0,05 %\n01.01.2018"


def test_a_zero_on_a_log_scale_is_clipped_to_the_floor_not_dropped() -> None:
    case = Case("TL-9", measurements=[Measurement(d("2018-01-01"), "mrd_pcr", 0.0, "%")])
    layout = build_layout(case)
    (point,) = layout.series[0].points
    assert point.clipped and point.value == 0.0
    assert point.y == layout.lanes[0].y + layout.lanes[0].height


# --- axis -------------------------------------------------------------------------
def labels(ts) -> list[str]:
    return [t.label for t in ts]


def test_calendar_ticks_adapt_to_the_zoom_in_both_languages() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False)
    lo = day("2018-07-30")
    days = ticks(layout, 30, x_min=lo, x_max=lo + 30)
    assert labels(days) == ["1 Aug 2018", "6 Aug", "11 Aug", "16 Aug", "21 Aug", "26 Aug"]
    assert days[0].pos == day("2018-08-01")
    ru = ticks(layout, 30, "ru", x_min=lo, x_max=lo + 30)
    assert labels(ru)[:2] == ["1 авг 2018", "6 авг"]
    months = ticks(layout, 300, x_min=day("2018-05-15"), x_max=day("2019-03-15"))
    assert labels(months) == ["Jun 2018", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                              "Jan 2019", "Feb", "Mar"]
    assert labels(ticks(layout, 365, x_min=day("2018-05-15"), x_max=day("2019-03-15"))) == [
        "Jul 2018", "Sep", "Nov", "Jan 2019", "Mar"]  # every other month, from January
    quarters = labels(ticks(layout, 900, "ru", x_min=day("2017-01-01"),
                            x_max=day("2018-12-31")))
    assert quarters == ["янв 2017", "апр", "июл", "окт", "янв 2018", "апр", "июл", "окт"]
    years = ticks(layout, 3000)  # the whole extent: late January 2014 to February 2019
    assert labels(years) == ["2015", "2016", "2017", "2018", "2019"]
    assert years[0].pos == day("2015-01-01")
    assert labels(ticks(layout, 365 * 20)) == ["2016", "2018"]


def test_relative_ticks_count_from_the_anchor() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, anchor="transplant")
    near = ticks(layout, 50, x_min=-12, x_max=30)
    assert labels(near) == ["D\u221210", "D\u22125", "D0", "D+5", "D+10", "D+15", "D+20",
                            "D+25", "D+30"]
    assert [t.pos for t in near][:3] == [-10, -5, 0]
    hundreds = labels(ticks(layout, 400, "ru", x_min=0, x_max=400))
    assert hundreds == ["Д0", "Д+50", "Д+100", "Д+150", "Д+200", "Д+250", "Д+300", "Д+350",
                        "Д+400"]
    # issue 12: one unit on an axis, named by its title, never "D0" among months
    months = ticks(layout, 1500, x_min=-400, x_max=400)
    assert labels(months) == ["\u221212", "\u22126", "0", "6", "12"]
    assert axis_title(layout, 1500) == "Months from transplant"
    assert axis_title(layout, 50) == "Days from transplant (D+)"
    assert months[-1].pos == pytest.approx(365.25)
    dx = build_layout(seed_like_case(), shorten_gaps=False, anchor="diagnosis", lang="ru")
    assert labels(ticks(dx, 8, x_min=0, x_max=3)) == ["0", "1", "2", "3"]
    assert labels(ticks(dx, 6000, x_min=0, x_max=2000)) == ["0", "2", "4"]
    assert axis_title(dx, 6000) == "Годы от диагноза"


def test_ticks_refuse_a_span_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="span_days"):
        ticks(build_layout(seed_like_case(), shorten_gaps=False), 0)


# --- lookup and palette -----------------------------------------------------------
def test_a_click_finds_the_item_drawn_there() -> None:
    layout = build_layout(seed_like_case(), shorten_gaps=False, anchor="transplant")
    hsct = bar(layout, 2)
    assert hit_test(layout, 0.5, hsct.y, x_tolerance=2) == Ref("therapy", 2)
    engraft = marker(layout, Ref("event", 1))
    assert hit_test(layout, 25, engraft.y, x_tolerance=3) == Ref("event", 1)
    negative = layout.series[-1].points[-1]
    assert hit_test(layout, negative.x, negative.y, x_tolerance=1) == negative.ref
    assert hit_test(layout, 24, layout.height + 5, x_tolerance=3) is None


def test_every_event_type_and_category_has_a_distinct_readable_style() -> None:
    assert set(palette.EVENT_STYLES) == set(vocab.EVENT_TYPES)
    assert set(palette.THERAPY_COLOURS) == set(vocab.THERAPY_CATEGORIES)
    symbols = [s.symbol for s in palette.EVENT_STYLES.values()]
    assert len(set(symbols)) == len(symbols)
    styles = [*palette.EVENT_STYLES.values(), *palette.MEASUREMENT_STYLES.values()]
    for style in styles:
        assert style.symbol in palette.SYMBOLS
        assert palette.contrast(style.text, "#FFFFFF") >= palette.WCAG_TEXT
    for colour in palette.THERAPY_COLOURS.values():
        assert palette.contrast(palette.text_on(colour), colour) >= palette.WCAG_TEXT
    assert set(palette.RESULT_SYMBOLS.values()) <= set(palette.SYMBOLS)
    assert palette.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)


def test_building_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    build_layout(seed_like_case(), shorten_gaps=False)
    assert gc.isenabled()
    with pytest.raises(AnchorError):
        build_layout(Case("TL-11"), anchor="transplant")
    assert gc.isenabled()
    gc.disable()
    try:
        build_layout(seed_like_case(), shorten_gaps=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_results_without_a_number_are_named_in_the_chosen_language() -> None:
    from desktop.core import casefile
    from desktop.core.paths import SEED_DIR

    case = casefile.load(SEED_DIR / "ball-em-2.case.json")
    tips = [p.tooltip for s in build_layout(case, lang="ru").series for p in s.points]
    assert any("полный" in t for t in tips)  # complete donor chimerism
    assert any("отрицательный" in t for t in tips)
    assert not any("complete" in t or "negative" in t for t in tips)
