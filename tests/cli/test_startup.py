"""A command imports what it uses and no more (issue 17): the parser of the command on the
command line is the only one built; help and a mistyped command still know them all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.cli import build_parser, wanted_command

HEAVY = ("reportlab", "pptx", "PySide6", "pyqtgraph", "numpy", "pydicom", "psycopg",
         "desktop.pet_cli", "desktop.sync_cli", "desktop.report.cli", "desktop.slides.cli",
         "desktop.gui.exports.figure_cli")


def _loaded_after(*argv: str) -> set[str]:
    code = ("import json, sys, contextlib, io\nfrom desktop.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    status = main({list(argv)!r})\n"
            "print(json.dumps([status, sorted(sys.modules)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    status, modules = json.loads(out.splitlines()[-1])
    assert status == 0
    return set(modules)


@pytest.mark.parametrize("command", [["list"], ["search", "relapse"], ["show", "BALL-EM-1"]])
def test_library_commands_import_no_renderer(tmp_path, command):
    db = str(tmp_path / "lib.db")
    _loaded_after("--db", db, "list")  # creating a library migrates (sqlite-utils, numpy)
    loaded = _loaded_after("--db", db, *command)
    assert "desktop.core.store" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}


@pytest.mark.parametrize(("argv", "wanted"), [
    (["list"], "library"),
    (["--db", "pdf", "list"], "library"),           # an option's value is not the command
    (["--lang", "ru", "--db=x.db", "export-json", "A"], "library"),
    (["pdf", "--all"], "pdf"),
    (["pet", "measure", "dir"], "pet"),
    (["--db", "x.db"], ""),                         # no command: the window
    ([], ""),
    (["--help"], None),                             # help lists every command
    (["-h", "list"], None),
    (["lst"], None),                                # a mistyped command: every choice
])
def test_wanted_command(argv, wanted):
    assert wanted_command(argv) == wanted


def test_help_and_mistakes_still_name_every_command(capsys):
    with pytest.raises(SystemExit):
        build_parser(wanted_command(["lst"])).parse_args(["lst"])
    err = capsys.readouterr().err
    for name in ("list", "import", "sync", "pdf", "slides", "figure", "pet"):
        assert f"'{name}'" in err


def test_one_command_parses_as_with_every_parser():
    argv = ["--lang", "ru", "slides", "BALL-EM-1", "--size", "4:3", "--out", "a.pptx"]
    alone = vars(build_parser(wanted_command(argv)).parse_args(argv))
    assert alone == vars(build_parser().parse_args(argv))
    assert alone["size"] == "4:3"


def test_listing_reads_no_case_model(tmp_path):
    """Listing shows stored summaries: it needs neither the case model nor the case-file
    reader nor the stemmer, so it does not import them."""
    db = str(tmp_path / "lib.db")
    _loaded_after("--db", db, "list")
    loaded = _loaded_after("--db", db, "list")
    assert not loaded & {"desktop.core.model", "desktop.core.casefile", "Stemmer",
                         "desktop.core.store.imports", "hashlib"}
