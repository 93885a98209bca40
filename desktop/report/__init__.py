"""PDF case summaries with ReportLab: ``CaseSummaryPdf(case, ...).generate() -> bytes`` for
one case, ``batch.write_pdfs`` for many, ``cli`` for ``case-presenter pdf``."""

from desktop.report.summary import CaseSummaryPdf, ReportError

__all__ = ["CaseSummaryPdf", "ReportError"]
