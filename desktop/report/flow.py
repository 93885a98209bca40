"""A flowable that keeps a heading with the start of what it heads."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

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
