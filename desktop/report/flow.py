"""Flowables that place what they hold by the room left on the page: a heading kept with
the start of what it heads, and a figure that floats ahead of what follows."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

#: Body lines a heading must keep below it on its page.
MIN_LINES = 3


class KeepStart(CondPageBreak):
    """Starts a new page unless ``heading`` and the start of ``body`` fit below: the
    heading row and first row of a table, or three lines of a paragraph, or the whole of
    anything else. Unlike ``keepWithNext`` it never moves a long table or paragraph
    whole to the next page: both still split where the page ends."""

    def __init__(self, heading: Flowable, body: Flowable) -> None:
        super().__init__(0)
        self.heading, self.body = heading, body

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self._needed(availWidth, availHeight)
        return super().wrap(availWidth, availHeight)

    def _needed(self, width: float, height: float) -> float:
        h = self.heading
        need = h.wrap(width, height)[1] + h.getSpaceBefore() + h.getSpaceAfter()
        body = self.body
        if isinstance(body, Table):
            return need + _first_rows(body, body.repeatRows + 1, height)
        if isinstance(body, Paragraph):
            full = body.wrap(width, height)[1]
            return need + min(full, MIN_LINES * body.style.leading)
        return need + body.wrap(width, height)[1] + body.getSpaceBefore()


#: Cell padding above and below, as the summary's tables set it (a little generous).
ROW_PADDING = 5.0


def _first_rows(table: Table, n: int, height: float) -> float:
    """Height of the first ``n`` rows, measured cell by cell (wrapping the whole table
    here would lay out every row twice)."""
    total = 0.0
    for row in table._cellvalues[:n]:
        cells = [cell.wrap(w - 6, height)[1] for cell, w in zip(row, table._argW, strict=False)
                 if isinstance(cell, Flowable)]
        total += max(cells, default=0.0) + ROW_PADDING
    return total


class FloatAhead(Flowable):
    """A figure (``block``, kept together) here if it fits in the room left on the page;
    else the flowables after it (``following``) fill that room and the figure heads the
    next page, as a printed figure floats to the top of the next page rather than leave
    half a page blank. Either way nothing is dropped and the order is otherwise kept.

    It holds the rest of the story: ``split`` hands back the flowables in their order for
    this page, which is when the room is known."""

    def __init__(self, block: list[Flowable], following: list[Flowable]) -> None:
        super().__init__()
        self.block, self.following = block, following

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, availHeight + 1  # never drawn itself: split places the parts

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if _height(self.block, availWidth, availHeight, self.canv) <= availHeight:
            return [*self.block, *self.following]
        taken, rest = _fill(self.following, availWidth, availHeight, self.canv)
        if not taken:  # nothing fits below: the figure opens the next page
            return []
        return [*taken, KeepTogether(self.block), *rest]


def _height(flowables: list[Flowable], width: float, height: float, canv) -> float:
    """Height the flowables take, spaces included; a ``KeepTogether`` by its content."""
    total = 0.0
    for f in flowables:
        if isinstance(f, CondPageBreak):  # takes no room (wrapping it may break the page)
            continue
        if isinstance(f, KeepTogether):
            total += _height(f._content, width, height, canv)
            continue
        total += f.wrapOn(canv, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _fill(flowables: list[Flowable], width: float, room: float, canv
          ) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables (the last maybe split, its first part here) that fit in ``room``,
    and the rest. Measuring never lays anything out: a heading kept with its start is
    asked what it needs rather than wrapped (wrapping it breaks the page)."""
    for i, f in enumerate(flowables):
        if isinstance(f, CondPageBreak):
            if (f._needed(width, room) if isinstance(f, KeepStart) else f.height) > room:
                return list(flowables[:i]), list(flowables[i:])
            continue
        need = _height([f], width, room, canv)
        if need <= room:
            room -= need
            continue
        parts = [] if isinstance(f, KeepTogether) or room <= 0 else f.splitOn(canv, width, room)
        if len(parts) > 1 and _height(parts[:1], width, room, canv) <= room:
            return [*flowables[:i], parts[0]], [*parts[1:], *flowables[i + 1:]]
        return list(flowables[:i]), list(flowables[i:])
    return list(flowables), []
