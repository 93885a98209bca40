"""Helpers for the PDF tests: valid sample cases, and reading PDFs back with pypdf."""

from __future__ import annotations

import io
from functools import cache

import pytest
from pypdf import PdfReader

from desktop.core import casefile
from desktop.core.model import Case
from desktop.core.paths import seed_files
from desktop.report.summary import CaseSummaryPdf
from tests.conftest import make_case


@cache
def seed_cases() -> tuple[Case, ...]:
    return tuple(casefile.load(p) for p in seed_files())


@cache
def _render(which: str, lang: str, anonymize: bool, paper: str) -> bytes:
    case = make_case() if which == "rich" else next(c for c in seed_cases() if c.code == which)
    return CaseSummaryPdf(case, lang, anonymize, paper).generate()


def render(which: str = "rich", lang: str = "both", anonymize: bool = False,
           paper: str = "a4") -> bytes:
    """A summary, made once per test session: ``which`` is "rich" or a seed case code."""
    return _render(which, lang, anonymize, paper)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in reader(data).pages]


def full_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


@pytest.fixture(params=[c.code for c in seed_cases()])
def seed_code(request) -> str:
    return request.param
