"""The series table beside the figure, and its CSV export.

Per case: D0 as time from the diagnosis (relative, never a date), how many therapies
ended before D0 and began on or after it (supportive care left out; a therapy whose
period straddles D0 is in neither), the best response recorded on a therapy that
began after D0, and the first relapse after D0 or else the last dated follow-up.

CSV cells that a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are written with a leading apostrophe (OWASP's
advice), so opening the file never runs anything.
"""

from __future__ import annotations

import csv
import io

from desktop.core import deid, vocab
from desktop.core.series.anchors import Anchor, find_anchor
from desktop.core.series.lanes import Aligned, extent
from desktop.core.series.layout import SeriesRow
from desktop.core.series.words import word
from desktop.core.timeline import axis_label

COLUMNS = ("col_code", "col_title", "col_anchor", "col_before", "col_after", "col_best",
           "col_outcome")
#: Best first. A response not listed ranks after these.
RESPONSE_ORDER = ("CR MRD-", "CMR", "CR", "CR MRD+", "CRi", "PR", "PMR", "SD", "SMD",
                  "NR", "NMR", "PD", "PMD")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers(lang: str) -> tuple[str, ...]:
    return tuple(word(c, lang) for c in COLUMNS)


def row_of(a: Aligned, anchor: Anchor, title: str) -> SeriesRow:
    lang = a.lang
    dx = find_anchor(a.case, Anchor("diagnosis"))
    since_dx = deid.relative_label(a.anchor, dx, lang, "months") if dx else \
        word("none", lang)
    counted = [t for t in a.case.therapies
               if t.start is not None and t.category != "supportive"]
    spans = [(t, a.span(t.start)) for t in counted]  # type: ignore[arg-type]
    before = sum(1 for _, s in spans if s[1] < 0)
    after = [t for t, s in spans if s[0] >= 0]
    responses = [t.response for t in after if t.response]
    best = min(responses, key=lambda r: (RESPONSE_ORDER.index(r) if r in RESPONSE_ORDER
                                         else len(RESPONSE_ORDER)), default=None)
    best_text = vocab.label(vocab.RESPONSES, best, lang) if best else word("none", lang)
    return SeriesRow(a.case.code, title, since_dx, str(before), str(len(after)), best_text,
                     _outcome(a))


def _outcome(a: Aligned) -> str:
    relapses = [e.date for e in a.case.events if e.type == "relapse" and a.span(e.date)[0] > 0]
    if relapses:
        first = min(relapses, key=lambda d: a.span(d)[0])
        return word("relapse_at", a.lang, when=a.when(first))
    last = extent(a)[1] - 1
    return word("last_seen", a.lang, when=_day(last, a.lang))


def _day(n: float, lang: str) -> str:
    """A day from D0 as the axis writes it (``D+311``)."""
    return axis_label(n, "transplant", lang)


def unaligned_row(code: str, title: str, anchor: Anchor, lang: str) -> SeriesRow:
    dash = word("none", lang)
    return SeriesRow(code, title, word("no_anchor", lang, anchor=anchor.label(lang)), dash,
                     dash, dash, dash)


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(rows: list[SeriesRow], lang: str) -> str:
    """The table as CSV (header first; UTF-8 text, the caller writes it with a BOM if a
    spreadsheet needs one)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([safe_cell(h) for h in headers(lang)])
    for r in rows:
        w.writerow([safe_cell(c) for c in r.cells()])
    return out.getvalue()
