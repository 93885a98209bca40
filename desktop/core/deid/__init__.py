"""De-identification: one set of rules for the screen, the PDF and the slides.

What goes
    initials, record number and birth date (set to ``None``); the same strings, and the
    birth date, wherever they are written in free text; every absolute date written in
    free text (numeric, ISO and month-name forms in English and Russian), replaced by
    time relative to an anchor; metadata chunks of PET images (PNG text, JPEG EXIF/XMP).

What stays
    clinical numbers that merely look like dates: doses (``10 mg/kg``), karyotypes,
    counts, percentages, ``day+24`` / ``D+130``, protocol names with a year
    (``ALL-REZ-MB-2013``) and citation years (``J Nucl Med 2009;50:122S``). A bare year
    is a date only in a clear context (``in 2014``, ``в 2014 г.``).

Relative time (conventions)
    The anchor is the transplant (``D0`` is its day: ``D+24``, ``D−21``; ``Д+24`` in
    Russian) or the diagnosis (``day 1,234`` / ``month 7``; day 0 / month 0 is the
    anchor). Months are whole calendar months elapsed, floored (15 Mar → 14 Oct is
    ``month 6``). A label is exact only when both dates give the day; otherwise it is
    the range the precisions allow (``D+114 – D+144``), or ``≈ month 42`` for a
    calendar-month difference; a day is never invented. No anchor: ``[date]``.

The de-identified ``Case``
    The model holds ``PartialDate``s, so the copy keeps dates but moves every one of
    them by the same whole number of 4-year leap cycles (never zero), putting the
    reference date (the anchor) in 2000–2003 (2040–2043 if it was there already).
    Precision and every day and month count between two dates stay exactly as they
    were, so timelines and relative labels computed on the copy equal those of the
    original, while no date in it is the real date of its event. Dates of the copy are
    never shown as calendar dates: show ``DeidView.date``.

The parts: ``relative`` (time from the anchor in words), ``text_dates`` (dates in free
text), ``images`` (image metadata), ``view`` (the de-identified case) and ``leaks`` (what
must never show).
"""

from __future__ import annotations

from desktop.core.deid.images import strip_image_metadata
from desktop.core.deid.leaks import date_forms, identifying_strings
from desktop.core.deid.relative import (
    ANCHORS,
    DATE_PLACEHOLDER,
    EPOCH_YEAR,
    MAX_DAY_RANGE,
    MINUS,
    NBSP,
    REMOVED,
    STYLES,
    AnchorKind,
    DeidError,
    Style,
    relative_label,
)
from desktop.core.deid.text_dates import Found, scrub_text
from desktop.core.deid.view import DeidView, choose_anchor, deidentify

__all__ = [
    "ANCHORS",
    "DATE_PLACEHOLDER",
    "EPOCH_YEAR",
    "MAX_DAY_RANGE",
    "MINUS",
    "NBSP",
    "REMOVED",
    "STYLES",
    "AnchorKind",
    "DeidError",
    "DeidView",
    "Found",
    "Style",
    "choose_anchor",
    "date_forms",
    "deidentify",
    "identifying_strings",
    "relative_label",
    "scrub_text",
    "strip_image_metadata",
]
