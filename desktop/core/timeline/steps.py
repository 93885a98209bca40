"""The few steps a presentation reveals a timeline in: the lines of therapy first, then
the course's turning points, then the rest — never one event per key press.
"""

from __future__ import annotations

from desktop.core.timeline.layout import Marker, TimelineLayout

#: Event types revealed at each step after the therapies (None: every other type).
REVEAL_STAGES: tuple[tuple[str, ...] | None, ...] = (
    ("diagnosis", "relapse", "death"),
    ("remission", "transplant", "infusion"),
    None,
)


def reveal_stages(layout: TimelineLayout) -> list[list[Marker]]:
    """The markers each step adds (in time order), steps that would add nothing left out;
    step 0, the therapies alone, is not listed."""
    named = {t for stage in REVEAL_STAGES if stage for t in stage}
    out = []
    for stage in REVEAL_STAGES:
        mine = [m for m in layout.markers
                if (m.type in stage if stage is not None else m.type not in named)]
        if mine:
            out.append(sorted(mine, key=lambda m: m.x))
    return out
