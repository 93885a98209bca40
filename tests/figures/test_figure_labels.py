"""``case-presenter figure --kind timeline`` carries the same callouts and key as the
window: every event label of the seed cases (and of a PET-only case) is in the SVG's
text, in English and Russian, on each time axis."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.core.timeline import build_layout
from desktop.gui.timeline.figure import render_timeline_figure
from tests.figures.test_every_label import cases, missing

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path: Path) -> list[str]:
    """Every text of the drawing, in document order."""
    return [el.text or "" for el in ET.parse(path).iter(f"{SVG}text")]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("anchor", ["calendar", "diagnosis", "transplant"])
def test_every_event_label_is_in_the_svg_figure(qapp, tmp_path, lang, anchor):
    for case in cases():
        path = render_timeline_figure(case, out_path=tmp_path / f"{case.code}.svg",
                                      anchor=anchor, lang=lang)
        texts = svg_text(path)
        assert missing(case, lang, " ".join(texts)) == [], case.code


def test_the_figure_draws_the_callout_numbers_of_its_layout(qapp, tmp_path):
    case = next(c for c in cases() if c.code == "BALL-EM-2")
    path = render_timeline_figure(case, out_path=tmp_path / "f.svg", size=(1024, 768))
    texts = svg_text(path)
    groups = [t for t in texts if " ×" in t]
    assert groups, "a group's callout (n ×k) is drawn at its marker"
    layout = build_layout(case, lang="en")  # a group of one uncertain period at any scale
    biggest = max(len(m.members) for m in layout.markers if m.members)
    assert max(int(t.split(" ×")[1]) for t in groups) >= biggest
    for t in groups:  # each explained in the key under its number
        assert t.split(" ×")[0] in texts
