"""2,000 mutated case files: each is read as a case or refused naming the file, and what
is accepted writes out and reads back as itself.

The table of outcomes is printed (``pytest -s``): tried / refused cleanly / accepted /
internal errors.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from tests.core.fuzz.generate import SEED, generate_corpus

N = 2_000


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> list[tuple[Path, str, object]]:
    """(file, "accepted" / "refused" / "internal", the case or the exception) per file."""
    found = []
    for path in generate_corpus(tmp_path_factory.mktemp("fuzz"), N, SEED):
        try:
            found.append((path, "accepted", casefile.load(path)))
        except CaseFileError as e:
            found.append((path, "refused", e))
        except Exception as e:  # what the test is looking for
            found.append((path, "internal", e))
    return found


def test_no_file_ends_in_an_internal_error(outcomes):
    counts = Counter(kind for _, kind, _ in outcomes)
    print(f"\ntried {len(outcomes)} | refused cleanly {counts['refused']} | "
          f"accepted {counts['accepted']} | internal errors {counts['internal']}")
    assert [(p.name, repr(e)) for p, kind, e in outcomes if kind == "internal"] == []
    assert len(outcomes) == N
    assert counts["accepted"] >= 100 and counts["refused"] >= 1_000  # both sides are tried


def test_every_refusal_names_the_file_in_both_languages(outcomes):
    for path, kind, e in outcomes:
        if kind == "refused":
            assert e.source == str(path)
            assert str(e).startswith(f"{path}: "), str(e)
            assert e.localized("ru").startswith(f"{path}: ")
            assert len(str(e)) < 600, str(e)[:200]  # a message never quotes a whole value


def test_hostile_files_are_refused_at_their_field(outcomes):
    by_name = {p.name.split("-", 1)[1].removesuffix(".case.json"): (k, e)
               for p, k, e in outcomes[:60]}
    expect = {
        "deep-10000": ("[0]" * 32, "nests more than 32 levels deep"),
        # the document and the case are two levels: the 31st list is the 33rd level
        "deep-33-in-case": ("case.consent" + "[0]" * 30, "nests more than 32 levels deep"),
        "int-5000-digits": ("case.consent", "5,000 digits"),
        "float-1e999": ("case.consent", "1e999 is too large"),
        "float-1e-999": ("case.consent", "too small"),
        "nan": ("case.consent", "NaN is not a number"),
        "lone-surrogate-escaped": ("case.references[0]", "U+D800"),
        "lone-surrogate-key": ('case["\\udfff"]', "U+DFFF"),
        "nul-escaped": ("case.references[0]", "U+0000 (NUL)"),
        "control-chars": ("case.tags[0]", "U+0001"),
        "bare-cr": ("case.tags[0]", "U+000D"),
        "dup-key-root": ("format", "appears twice"),
        "dup-key-same-value": ("case.consent", "appears twice"),
        "date-leading-space": ("case.diagnosis.date", "not an ISO date"),
        "date-arabic-indic": ("case.diagnosis.date", "not an ISO date"),
        "cycles-42.5": ("case.therapies[0].cycles", "whole number"),
        "events-2001": ("case.events", "more than 2,000 items"),
        "measurements-20001": ("case.measurements", "more than 20,000 items"),
        "utf16": (None, "UTF-16"),
        "invalid-utf8": (None, "not UTF-8"),
        "over-size-limit": (None, "larger than a case file can be"),
    }
    for name, (path, words) in expect.items():
        kind, e = by_name[name]
        assert kind == "refused", name
        assert (e.path, words in e.message) == (path, True), (name, str(e))
    for name in ("deep-32-in-case",):
        assert by_name[name][0] == "refused" and "must be true" in by_name[name][1].message
    for name in ("cycles-42.0", "events-2000", "bom-utf8"):
        assert by_name[name][0] == "accepted", name
    assert by_name["cycles-42.0"][1].therapies[0].cycles == 42


def test_what_is_accepted_writes_and_reads_back_as_itself(outcomes):
    accepted = [c for _, kind, c in outcomes if kind == "accepted"]
    for case in accepted:
        text = casefile.dumps(case)
        again = casefile.loads(text, source=case.code)
        assert again == case
        assert casefile.dumps(again) == text


def test_the_corpus_is_reproducible(tmp_path):
    a = [p.read_bytes() for p in generate_corpus(tmp_path / "a", 80, seed=7)]
    b = [p.read_bytes() for p in generate_corpus(tmp_path / "b", 80, seed=7)]
    c = [p.read_bytes() for p in generate_corpus(tmp_path / "c", 80, seed=8)]
    assert a == b
    assert a != c
