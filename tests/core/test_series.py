"""The case series in the core: alignment, anchors, ranks, the unaligned, the table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core import casefile
from desktop.core.dates import PartialDate
from desktop.core.model import Text
from desktop.core.paths import seed_files
from desktop.core.series import (
    Anchor,
    AnchorSpecError,
    SeriesFilter,
    build_series,
    parse_anchor,
    safe_cell,
    to_csv,
)
from desktop.core.store import SavedSeries, Store
from desktop.core.store.schema import SCHEMA_VERSION
from tests.conftest import make_case


@pytest.fixture(scope="module")
def seeds():
    return [casefile.load(p) for p in sorted(seed_files())]


def _side(t, anchor: PartialDate) -> str:
    """Before or after the anchor, from the case file's own dates."""
    if (t.end or t.start).end() < anchor.start():
        return "before"
    assert t.start.start() > anchor.end()
    return "after"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_seed_cases_on_transplant_d0_and_drugs_on_the_side_the_case_files_say(seeds, lang):
    layout = build_series(seeds, "transplant", lang=lang)
    assert [lane.code for lane in layout.lanes] == [c.code for c in seeds]
    assert not layout.unaligned
    sides: dict[str, list[str]] = {}
    for k, case in enumerate(seeds):
        tx = case.transplant_date()
        bars = {b.index: b for b in layout.bars if b.lane == k}
        transplant = [b for b in bars.values() if b.category == "transplant"]
        assert transplant and transplant[0].x0 == 0  # D0 is the transplant's day
        for i, t in enumerate(case.therapies):
            name = (t.name.en or "").lower()
            if not name.startswith(("blinatumomab", "inotuzumab")):
                continue
            side = _side(t, tx)
            sides.setdefault(case.code, []).append(side)
            b = bars[i]
            assert (b.x1 <= 0) if side == "before" else (b.x0 > 0), (case.code, name)
    # the founding report: case 1 got both drugs before the transplant, case 2 after
    assert sides[seeds[0].code] == ["before", "before"]
    assert sides[seeds[1].code] == ["after", "after"]
    assert layout.zero_label == ("D0" if lang == "en" else "Д0")


@pytest.mark.parametrize("text, want", [
    ("transplant", Anchor("transplant")), ("ТГСК", Anchor("transplant")),
    ("Рецидив", Anchor("relapse")), ("diagnosis", Anchor("diagnosis")),
    ("infusion", Anchor("infusion")), ("therapy:inotuzumab", Anchor("therapy", "inotuzumab")),
    ("терапия: блинатумомаб", Anchor("therapy", "блинатумомаб")),
    ("event:remission", Anchor("event", "remission")), ("событие:Ремиссия",
                                                          Anchor("event", "remission")),
    ("Inotuzumab", Anchor("therapy", "Inotuzumab")), ("Imaging", Anchor("event", "imaging")),
])
def test_anchors_in_both_languages_and_cli_forms(text, want):
    assert parse_anchor(text) == want


@pytest.mark.parametrize("text", ["", "event:nonsense", "foo:bar", "therapy:"])
def test_bad_anchor_says_what_can_be_typed(text):
    with pytest.raises(AnchorSpecError) as e:
        parse_anchor(text)
    assert "therapy:NAME" in str(e.value) or "event type" in str(e.value)


def test_a_drug_in_russian_aligns_the_same_as_in_english(seeds):
    en = build_series(seeds, "therapy:inotuzumab")
    ru = build_series(seeds, "терапия:инотузумаб", lang="ru")
    assert [(b.lane, b.x0, b.x1) for b in en.bars] == [(b.lane, b.x0, b.x1) for b in ru.bars]
    ino = [b for b in en.bars if "Inotuzumab" in b.label]
    assert ino and all(b.x0 == 0 for b in ino)


def test_a_case_without_the_anchor_is_listed_not_dropped(seeds):
    no_tx = make_case("NO-TX-1")
    no_tx.events = [e for e in no_tx.events if e.type != "transplant"]
    no_tx.therapies = [t for t in no_tx.therapies if t.category != "transplant"]
    layout = build_series([*seeds, no_tx], "transplant")
    assert [u.code for u in layout.unaligned] == ["NO-TX-1"]
    assert "NO-TX-1" not in [lane.code for lane in layout.lanes]
    assert layout.rows[-1].code == "NO-TX-1" and "no first transplant" in layout.rows[-1].anchor
    assert "Not aligned" in layout.unaligned_title


def test_filter_and_rank(seeds):
    third = make_case("ZZ-1")
    layout = build_series([third, *seeds], "transplant", keep=SeriesFilter(tag="PET-CT"))
    assert [lane.code for lane in layout.lanes] == ["BALL-EM-2"]
    assert set(layout.filtered) == {"ZZ-1", "BALL-EM-1"}
    by_fu = build_series(seeds, "transplant", rank="follow-up")
    ends = [lane.extent[1] for lane in by_fu.lanes]
    assert ends == sorted(ends, reverse=True)


def test_track_is_one_log_scale_and_results_without_a_number_are_hollow(seeds):
    layout = build_series(seeds, "transplant", track="mrd")
    lo, hi = layout.track_range
    assert lo > 0 and hi / lo >= 10
    no_number = [p for p in layout.points if p.value is None]
    assert no_number and all(p.hollow for p in no_number)
    assert all(lane.track_y is not None for lane in layout.lanes)


def test_de_identified_by_default_relative_time_only(seeds):
    case = replace(seeds[0], title=Text("Seen on 09.08.2018 at home", "Осмотр 09.08.2018"))
    layout = build_series([case], "transplant")
    assert "09.08.2018" not in layout.lanes[0].title
    text = " ".join([t.label for t in layout.ticks] + [b.tooltip for b in layout.bars])
    assert "2018" not in text and "2014" not in text


def test_csv_never_starts_a_cell_with_a_formula(seeds):
    evil = make_case("=cmd")
    evil.title = Text("=cmd|' /C calc'!A0", "+SUM(A1)")
    layout = build_series([*seeds, evil], "transplant", anonymize=False)
    csv_text = to_csv(list(layout.rows), "en")
    cells = [c for line in csv_text.splitlines() for c in line.split(",")]
    assert not any(c.lstrip('"').startswith(("=", "+", "-", "@")) for c in cells)
    assert "'=cmd|' /C calc'!A0" in csv_text and "'=cmd" in csv_text
    assert safe_cell("@x") == "'@x" and safe_cell("D−21") == "D−21"


def test_saved_series_round_trip():
    with Store.open(None) as store:
        assert store.user_version == SCHEMA_VERSION
        saved = store.save_series(SavedSeries("tx", ("BALL-EM-1", "BALL-EM-2"), "transplant",
                                              Text("Relapse after HSCT", "Рецидив после ТГСК"),
                                              "relapse", "mrd"))
        assert store.get_series("tx").title.ru == "Рецидив после ТГСК"
        store.save_series(replace(saved, anchor="therapy:inotuzumab"))
        assert [s.anchor for s in store.list_series()] == ["therapy:inotuzumab"]
        with pytest.raises(Exception, match="anchor"):
            store.save_series(replace(saved, anchor="bogus:1"))
        store.delete_series("tx")
        assert store.list_series() == []
