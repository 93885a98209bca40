"""Search on PostgreSQL: the same rules as the SQLite library — every typed word must
match, each as a prefix (search as you type) of a word or of its stem — with stems from
PostgreSQL's ``english`` and ``russian`` text-search configurations.

Each case has two tsvector columns: ``tsv_en`` (English stems of its English text, plus
the plain words of that text, its code and notation) and ``tsv_ru`` (Russian stems of its
Russian text, plus the plain words). A word matches if it matches in either column.
"""

from __future__ import annotations

import re

from desktop.core import stems

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

#: tsvector of the English side and of the Russian side, from a ``case_search`` row.
TSV_EN = ("to_tsvector('english', coalesce(%(title)s, '') || ' ' || coalesce(%(body_en)s, ''))"
          " || to_tsvector('simple', coalesce(%(code)s, '') || ' ' || coalesce(%(title)s, '')"
          " || ' ' || coalesce(%(body_en)s, '') || ' ' || coalesce(%(notation)s, ''))")
TSV_RU = ("to_tsvector('russian', coalesce(%(title)s, '') || ' ' || coalesce(%(body_ru)s, ''))"
          " || to_tsvector('simple', coalesce(%(body_ru)s, ''))")

HEADLINE = "StartSel=**, StopSel=**, MaxWords=14, MinWords=5, ShortWord=1, MaxFragments=1"


def words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def word_query(word: str) -> tuple[str, list[str]]:
    """SQL for one word's tsquery and its parameters: the word as a prefix through the
    English and Russian stemmers, and the word and its PyStemmer forms as plain prefixes
    (the same forms the SQLite library matches, «глазной» → «глаз»)."""
    prefix = f"'{word}':*"
    plain = " | ".join(f"'{f}':*" for f in stems.forms(word) if _TOKEN.fullmatch(f))
    sql = ("(to_tsquery('english', %s) || to_tsquery('russian', %s) "
           "|| to_tsquery('simple', %s))")
    return sql, [prefix, prefix, plain or prefix]


def match(text: str) -> tuple[str, str, list[str]] | None:
    """``(where, query, params)``: a WHERE clause needing every word in either column,
    and the whole query (for rank and snippets); None when nothing was typed."""
    found = list(dict.fromkeys(words(text)))
    if not found:
        return None
    conds, queries, where_params, query_params = [], [], [], []
    for w in found:
        sql, params = word_query(w)
        conds.append(f"(s.tsv_en @@ {sql} OR s.tsv_ru @@ {sql})")
        where_params += params + params
        queries.append(sql)
        query_params += params
    return " AND ".join(conds), " && ".join(queries), query_params + where_params
