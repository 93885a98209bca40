"""Summaries in batches (a process pool) and from the command line."""

from __future__ import annotations

import argparse

import pytest

from desktop.core.errors import NotFound, StoreError
from desktop.core.model import Text
from desktop.core.store import Store
from desktop.report import cli
from desktop.report.batch import BatchError, file_name, write_pdfs
from desktop.report.summary import ReportError
from tests.conftest import make_case
from tests.report.conftest import reader


@pytest.fixture
def lib(tmp_path):
    """A library file with three cases, one of them unprintable (a Korean title)."""
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        for code in ("A-1", "B-2", "C-3"):
            s.add(make_case(code))
    return path


def test_file_names():
    assert file_name("BALL-EM-1", "both", False) == "BALL-EM-1-both.pdf"
    assert file_name("BALL-EM-1", "ru", True) == "BALL-EM-1-deid-ru.pdf"


def test_batch_with_two_jobs_writes_one_file_per_case(lib, tmp_path):
    out = tmp_path / "out"
    seen = []
    paths = write_pdfs(lib, ["C-3", "A-1", "B-2"], out, lang="ru", anonymize=True,
                       paper="letter", jobs=2, progress=lambda n, total, p: seen.append(n))
    assert [p.name for p in paths] == ["C-3-deid-ru.pdf", "A-1-deid-ru.pdf", "B-2-deid-ru.pdf"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp
    assert sorted(seen) == [1, 2, 3]
    for p in paths:
        r = reader(p.read_bytes())
        assert float(r.pages[0].mediabox.width) == pytest.approx(612)
        assert p.stem.split("-deid")[0] in r.pages[0].extract_text()


def test_batch_in_process(lib, tmp_path):
    paths = write_pdfs(lib, ["A-1", "A-1"], tmp_path, lang="en", jobs=1)
    assert [p.name for p in paths] == ["A-1-en.pdf"]
    assert paths[0].read_bytes().startswith(b"%PDF-")


def test_unknown_codes_are_refused_before_anything_is_written(lib, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(NotFound, match=r"'NOPE'.*'ZZZ'"):
        write_pdfs(lib, ["A-1", "NOPE", "ZZZ"], out)
    assert not out.exists()
    with pytest.raises(StoreError, match="no case library"):
        write_pdfs(tmp_path / "missing.db", ["A-1"], out)
    with pytest.raises(ReportError):
        write_pdfs(lib, ["A-1"], out, lang="fr")


def test_one_unprintable_case_does_not_stop_the_others(lib, tmp_path):
    with Store.open(lib) as s:
        bad = s.get("B-2")
        bad.title = Text("Case 한", "Случай")
        s.save(bad)
    out = tmp_path / "out"
    with pytest.raises(BatchError) as e:
        write_pdfs(lib, ["A-1", "B-2", "C-3"], out, lang="both", jobs=2)
    assert [p.name for p in e.value.written] == ["A-1-both.pdf", "C-3-both.pdf"]
    assert e.value.failures[0][0] == "B-2"
    assert "B-2" in e.value.failures[0][1] and "title.en" in e.value.failures[0][1]
    assert sorted(p.name for p in out.iterdir()) == ["A-1-both.pdf", "C-3-both.pdf"]


# --- the command -----------------------------------------------------------------------------
def _parse(*argv: str):
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("en", "ru"), default="en")  # the program's own
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(list(argv))


def test_cli_prints_each_path(lib, tmp_path, capsys):
    out = tmp_path / "pdfs"
    args = _parse("--lang", "ru", "pdf", "A-1", "C-3", "--lang", "en", "--anonymize",
                  "--paper", "letter", "--out", str(out), "--jobs", "1")
    assert args.lang == "ru" and args.pdf_lang == "en"
    assert cli.run(lib, args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "A-1-deid-en.pdf"), str(out / "C-3-deid-en.pdf")]


def test_cli_all(lib, tmp_path, capsys):
    assert cli.run(lib, _parse("pdf", "--all", "--out", str(tmp_path))) == 0
    assert len(capsys.readouterr().out.split()) == 3
    assert {p.name for p in tmp_path.glob("*.pdf")} == {"A-1-both.pdf", "B-2-both.pdf",
                                                         "C-3-both.pdf"}


@pytest.mark.parametrize(("argv", "message"), [
    (("pdf", "A-1", "NOPE"), "no case with code 'NOPE'"),
    (("pdf",), "give one or more case codes, or --all"),
    (("pdf", "A-1", "--all"), "not both"),
])
def test_cli_errors_are_one_line_and_exit_1(lib, tmp_path, capsys, argv, message):
    assert cli.run(lib, _parse(*argv, "--out", str(tmp_path))) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("case-presenter: error: ") and message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert list(tmp_path.glob("*.pdf")) == []


def test_cli_out_naming_a_pdf_writes_that_file_for_one_case(lib, tmp_path, capsys):
    target = tmp_path / "talk" / "summary.pdf"
    assert cli.run(lib, _parse("pdf", "A-1", "--lang", "en", "--out", str(target))) == 0
    assert capsys.readouterr().out.split() == [str(target)]
    assert reader(target.read_bytes()).pages  # a PDF, not a folder
    assert sorted(p.name for p in target.parent.iterdir()) == ["summary.pdf"]  # no temp
    old = target.read_bytes()
    assert cli.run(lib, _parse("pdf", "B-2", "--out", str(target))) == 0  # replaced whole
    assert target.read_bytes() != old
    assert sorted(p.name for p in target.parent.iterdir()) == ["summary.pdf"]


def test_cli_out_naming_a_pdf_refuses_several_cases_and_writes_nothing(lib, tmp_path, capsys):
    target = tmp_path / "out" / "summary.pdf"
    assert cli.run(lib, _parse("pdf", "A-1", "B-2", "--out", str(target))) == 1
    err = capsys.readouterr().err
    assert "names one PDF file, but 2 cases would be written" in err
    assert not target.parent.exists()
