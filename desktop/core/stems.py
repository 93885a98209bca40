"""Word stems for search in English and Russian (Snowball stemmers via PyStemmer), so
that word forms find each other: «рецидивами» finds «рецидив», "therapies" "therapy".

A word is stemmed by its script: Cyrillic words by the Russian stemmer, others by the
English one. The store indexes the stems of a case's text beside the text itself.
"""

from __future__ import annotations

import re
from functools import cache

import Stemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    return Stemmer.Stemmer("english"), Stemmer.Stemmer("russian")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """The stem of one word, by the stemmer of its script (``ё`` read as ``е``)."""
    en, ru = _stemmers()
    word = word.lower().replace("ё", "е")
    return ru.stemWord(word) if _CYRILLIC.search(word) else en.stemWord(word)


def forms(word: str) -> list[str]:
    """What a typed word should match as a prefix: the word, its stem, and for a Russian
    relational adjective in «-н-» the noun's stem too («глазной» → «глаз», «костный» →
    «кост»), which no suffix stemmer gives."""
    s = stem(word)
    found = [word.lower(), s]
    if _CYRILLIC.search(s) and s.endswith("н") and len(s) >= 5:
        found.append(s[:-1])
    found = [f for f in dict.fromkeys(found) if f]
    # a form that another form begins is already matched by that one, as a prefix
    return [f for f in found if not any(g != f and f.startswith(g) for g in found)]


def stems(text: str) -> str:
    """The distinct stems of every word in ``text``, space-separated (Russian first).
    Each distinct word is stemmed once: a case's text repeats its words many times."""
    en, ru = _stemmers()
    # no word runs across white space, so the distinct tokens hold the same words
    tokens = " ".join(dict.fromkeys(text.split())).lower().replace("ё", "е")
    found = dict.fromkeys(_WORD.findall(tokens))
    cyr = [w for w in found if _CYRILLIC.search(w)]
    lat = [w for w in found if not _CYRILLIC.search(w)]
    return " ".join(dict.fromkeys(ru.stemWords(cyr) + en.stemWords(lat)))
