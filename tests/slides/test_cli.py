"""``case-presenter slides``: the command's options, output and one-line errors."""

from __future__ import annotations

import argparse

import pytest

from desktop.core.store import Store
from desktop.slides import cli, labels
from tests.conftest import make_case
from tests.slides.conftest import deck_texts, found, open_deck, titles


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case())
        s.add(make_case("TEST-2"))
    with Store.open(path, seed=False) as s:
        yield s


def parser() -> argparse.ArgumentParser:
    """The program's parser as ``desktop.cli`` builds it: a global ``--lang`` first."""
    p = argparse.ArgumentParser(prog="case-presenter")
    p.add_argument("--lang", choices=("en", "ru"), default="en")
    cli.add_parser(p.add_subparsers(dest="command"))
    return p


def run(capsys, store, *argv):
    code = cli.run(store, parser().parse_args([str(a) for a in argv]))
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_the_deck_and_prints_its_path(capsys, lib, tmp_path):
    out_file = tmp_path / "talk.pptx"
    code, out, err = run(capsys, lib, "slides", "TEST-1", "TEST-2", "--out", out_file)
    assert (code, out.strip()) == (0, str(out_file))
    # only the pre-flight's warnings (the sample's follow-up PET has no lesion value)
    assert all(line.startswith("case-presenter: warning: TEST-") for line in err.splitlines())
    prs = open_deck(out_file.read_bytes())
    assert titles(prs).count(labels.get("timeline", "en")) == 2
    assert prs.slide_width == 12192000


def test_deidentified_by_default_and_not_when_asked(capsys, lib, tmp_path):
    from desktop.core.deid import identifying_strings

    secrets = identifying_strings(make_case())
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    assert run(capsys, lib, "slides", "TEST-1", "--out", a)[0] == 0
    assert found(secrets, deck_texts(open_deck(a.read_bytes()))) == set()
    assert run(capsys, lib, "slides", "TEST-1", "--out", b, "--no-anonymize")[0] == 0
    kept = found(secrets, deck_texts(open_deck(b.read_bytes())))
    assert {"Nov 2011", "MRN-0042"} <= kept  # calendar dates and the record number


def test_language_and_size(capsys, lib, tmp_path):
    ru, ru2 = tmp_path / "ru.pptx", tmp_path / "ru2.pptx"
    assert run(capsys, lib, "slides", "TEST-1", "--out", ru, "--lang", "ru",
               "--size", "4:3")[0] == 0
    prs = open_deck(ru.read_bytes())
    assert prs.slide_width == 9144000 and labels.get("timeline", "ru") in titles(prs)
    assert run(capsys, lib, "--lang", "ru", "slides", "TEST-1", "--out", ru2)[0] == 0
    assert labels.get("timeline", "ru") in titles(open_deck(ru2.read_bytes()))


def test_unknown_code_is_named(capsys, lib, tmp_path):
    out_file = tmp_path / "x.pptx"
    code, out, err = run(capsys, lib, "slides", "TEST-1", "NOPE-9", "--out", out_file)
    assert code == 1 and out == "" and "NOPE-9" in err and "TEST-1" not in err
    assert err.count("\n") == 1 and not out_file.exists()


def test_unwritable_output_is_a_clear_error(capsys, lib, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    code, _, err = run(capsys, lib, "slides", "TEST-1", "--out", blocker / "x.pptx")
    last = err.splitlines()[-1]  # after the pre-flight's warnings
    assert code == 1 and last.startswith("case-presenter: error: ") and "cannot write" in last
    assert "Traceback" not in err
    code, _, err = run(capsys, lib, "slides", "TEST-1", "--out", tmp_path / "x.pdf")
    assert code == 1 and ".pptx" in err


def test_out_is_required_and_sizes_are_checked(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["slides", "TEST-1"])
    with pytest.raises(SystemExit):
        parser().parse_args(["slides", "TEST-1", "--out", "x.pptx", "--size", "21:9"])
    capsys.readouterr()
