"""``case-presenter figure``: slide figures from the command line, and clear errors."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.core.store import Store
from desktop.gui.exports import figure_cli


def parser() -> argparse.ArgumentParser:
    """The program's parser in small: its own ``--lang`` and the ``figure`` command."""
    p = argparse.ArgumentParser(prog="case-presenter")
    p.add_argument("--lang", choices=("en", "ru"), default="en")
    sub = p.add_subparsers(dest="command")
    figure_cli.add_parser(sub)
    return p


@pytest.fixture
def seeded():
    s = Store.open(None, seed=False)
    for path in seed_files():
        s.add(casefile.load(path))
    yield s
    s.close()


def figure(store, capsys, *argv):
    args = parser().parse_args([str(a) for a in argv])
    code = figure_cli.run(store, args)
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_png_of_the_requested_size(seeded, capsys, tmp_path, qapp):
    out = tmp_path / "t.png"
    code, stdout, err = figure(seeded, capsys, "figure", "BALL-EM-1", "--out", out,
                               "--size", "1280x720", "--anchor", "transplant")
    assert code == 0, err
    assert stdout.strip() == str(out)
    assert QImage(str(out)).size().toTuple() == (1280, 720)
    code, _, err = figure(seeded, capsys, "figure", "BALL-EM-2", "--out", tmp_path / "d.png")
    assert code == 0, err
    assert QImage(str(tmp_path / "d.png")).size().toTuple() == (1920, 1080)


@pytest.mark.parametrize("lang,word", [("en", "Immunotherapy"), ("ru", "Иммунотерапия")])
def test_anonymized_svg_in_both_languages(seeded, capsys, tmp_path, qapp, lang, word):
    out = tmp_path / f"t-{lang}.svg"
    code, _, err = figure(seeded, capsys, "figure", "BALL-EM-2", "--out", out, "--lang", lang,
                          "--anonymize")
    assert code == 0, err
    svg = out.read_text(encoding="utf-8")
    assert word in svg
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert not [t for t in texts if re.search(r"(?<![\w-])(?:19|20)\d\d(?![\w-])", t)]


def test_program_language_is_the_default(seeded, capsys, tmp_path, qapp):
    out = tmp_path / "ru.svg"
    code, _, err = figure(seeded, capsys, "--lang", "ru", "figure", "BALL-EM-1", "--out", out)
    assert code == 0, err
    assert "Химиотерапия" in out.read_text(encoding="utf-8")


def test_pdf(seeded, capsys, tmp_path, qapp):
    out = tmp_path / "t.pdf"
    code, _, err = figure(seeded, capsys, "figure", "BALL-EM-1", "--out", out,
                          "--anchor", "diagnosis")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("size", ["abc", "0x0", "99999x2", "1920", "-5x10", "1920x"])
def test_bad_size_is_a_usage_error(seeded, capsys, tmp_path, size):
    with pytest.raises(SystemExit) as e:
        figure(seeded, capsys, "figure", "BALL-EM-1", "--out", tmp_path / "t.png",
               f"--size={size}")
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "--size" in err
    assert "1920x1080" in err or "pixels" in err


@pytest.mark.parametrize("name", ["t.gif", "t", "t.jpeg"])
def test_unknown_suffix_is_a_usage_error(seeded, capsys, tmp_path, name):
    with pytest.raises(SystemExit) as e:
        figure(seeded, capsys, "figure", "BALL-EM-1", "--out", tmp_path / name)
    assert e.value.code == 2
    assert "unknown figure type" in capsys.readouterr().err


def test_errors_end_in_one_line_and_status_1(seeded, capsys, tmp_path):
    code, out, err = figure(seeded, capsys, "figure", "BALL-EM-1", "--out",
                            tmp_path / "a.png", "--anonymize", "--anchor", "calendar")
    assert code == 1 and out == ""
    assert "relative time only" in err and err.count("\n") == 1
    code, _, err = figure(seeded, capsys, "figure", "NOPE-1", "--out", tmp_path / "a.png")
    assert code == 1 and "NOPE-1" in err
    code, _, err = figure(seeded, capsys, "figure", "BALL-EM-1", "--out",
                          tmp_path / "missing" / "a.png")
    assert code == 1 and "does not exist" in err
    code, _, err = figure(seeded, capsys, "figure", "BALL-EM-1", "--kind", "pet", "--anchor",
                          "transplant", "--out", tmp_path / "p.png")
    assert code == 1 and "--anchor" in err
    assert not list(tmp_path.iterdir())


def test_pet_figure_goes_to_the_pet_renderer(seeded, capsys, tmp_path, qapp):
    pytest.importorskip("desktop.gui.pet.view")
    out = tmp_path / "pet.png"
    code, stdout, err = figure(seeded, capsys, "figure", "BALL-EM-2", "--kind", "pet",
                               "--out", out, "--size", "1600x900")
    assert code == 0, err
    assert Path(stdout.strip()) == out
    assert QImage(str(out)).size().toTuple() == (1600, 900)


def test_wired_into_the_program(capsys, tmp_path, qapp):
    from desktop import cli

    if "figure" not in Path(cli.__file__).read_text(encoding="utf-8"):
        pytest.skip("the figure command is not wired into desktop.cli yet")
    db = tmp_path / "lib.db"
    with Store.open(db) as s:  # with the seed cases
        assert "BALL-EM-1" in s
    out = tmp_path / "t.png"
    code = cli.main(["--db", str(db), "figure", "BALL-EM-1", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert QImage(str(out)).size().toTuple() == (1920, 1080)
