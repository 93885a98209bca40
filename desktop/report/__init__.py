"""PDF case summaries with ReportLab: ``CaseSummaryPdf(case, ...).generate() -> bytes`` for
one case, ``batch.write_pdfs`` for many, ``cli`` for ``case-presenter pdf``."""

from typing import Any

__all__ = ["CaseSummaryPdf", "ReportError"]


def __getattr__(name: str) -> Any:
    """``CaseSummaryPdf`` and ``ReportError`` on first use: ReportLab is loaded only when a
    PDF is made, not by every command that merely lists the ``pdf`` options."""
    if name in __all__:
        from desktop.report import summary

        return getattr(summary, name)
    raise AttributeError(name)
