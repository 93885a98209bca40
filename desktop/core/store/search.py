"""What the full-text index holds for a case, and how a typed query becomes FTS5 syntax."""

from __future__ import annotations

import re
import sqlite3

from desktop.core import stems, vocab
from desktop.core.model import Case, Text

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: At most this many matches are ranked, unless the limit asks for more (bm25 costs 1–3 µs
#: a match: 5,000 rank in 5–15 ms, the 100,000 of a word found in every case in 65–300 ms).
RANKED = 5_000
#: A floor below every rowid: rank every match.
EVERY = -(2**63)


def search_row(case: Case) -> dict[str, str]:
    """English text, Russian text and language-neutral notation, one column each."""
    texts: list[Text] = [case.title, case.diagnosis.name, case.diagnosis.note]
    texts += [f.note for f in case.findings]
    for t in case.therapies:
        texts += [t.name, t.note, vocab.RESPONSES.get(t.response or "", Text())]
    for e in case.events:
        texts += [e.label, e.note, vocab.EVENT_TYPES.get(e.type, Text()),
                  vocab.SITES.get(e.site or "", Text())]
    for s in case.pet_studies:
        texts += [s.label, s.note] + [x.site for x in s.lesions]
    texts += list(case.sections.values())
    dx = case.diagnosis
    notation = [*case.tags, dx.immunophenotype, dx.karyotype, dx.molecular, dx.stage,
                dx.cell_of_origin,
                *(f.value for f in case.findings), *(e.site for e in case.events),
                *(t.response for t in case.therapies), *case.references]
    row = {
        "code": case.code,
        "title": " ".join(x for x in (case.title.en, case.title.ru) if x),
        "body_en": "\n".join(t.en for t in texts if t.en),
        "body_ru": "\n".join(t.ru for t in texts if t.ru),
        "notation": "\n".join(x for x in notation if x),
    }
    return {**row, "stems": stems_of(row)}


def stems_of(row: dict[str, str]) -> str:
    """The stems of a search row's words (titles and both bodies)."""
    return stems.stems(" ".join(row.get(k) or "" for k in ("title", "body_en", "body_ru")))


def fts_query(text: str) -> str | None:
    """Every word must match, each as a prefix (search as you type) of a word or of a
    word's stem, so that word forms find each other; ``None`` if no word.

    Words are quoted, so nothing a user types is read as FTS5 syntax.
    """
    words = _TOKEN.findall(text)
    if not words:
        return None
    return " AND ".join(_word_query(w) for w in words)


def _word_query(word: str) -> str:
    alternatives = [f'"{w}"*' for w in stems.forms(word)]
    return alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"


def rank_floor(conn: sqlite3.Connection, match: str, limit: int) -> int:
    """The lowest rowid among the most recently added ``max(limit, RANKED)`` cases that
    ``match`` (rowids grow as cases are added; a save keeps its case's), or ``EVERY``
    when no more match than that, or ``limit`` is negative (no limit).

    A user who types a word found in nearly every case cannot read its thousands of
    matches; the best of the most recent ones are what is being worked on. Walking the
    matches newest first costs only the rows walked, thanks to the prefix indexes.
    """
    if limit < 0:
        return EVERY
    row = conn.execute("SELECT rowid FROM case_search_fts WHERE case_search_fts MATCH ? "
                       "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                       [match, max(limit, RANKED)]).fetchone()
    return EVERY if row is None else row[0] + 1
