"""Outputs replace only regular files and leave nothing behind (issue 10, finding 7)."""

from __future__ import annotations

import os

import pytest

from desktop.cli import main
from desktop.core.outfile import OutputError, write_bytes
from desktop.core.store import Store
from tests.conftest import make_case


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case())
    return path


def nodes(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"fifo": fifo, "link": link, "folder": folder}


def test_only_a_regular_file_is_replaced(tmp_path):
    for name, node in nodes(tmp_path).items():
        kind = os.lstat(node).st_mode
        with pytest.raises(OutputError, match=str(node)):
            write_bytes(node, b"data")
        assert os.lstat(node).st_mode == kind, name
    assert (tmp_path / "target.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    plain = write_bytes(tmp_path / "plain.bin", b"1")
    assert write_bytes(plain, b"2").read_bytes() == b"2"


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OutputError, match="No space left"):
        write_bytes(tmp_path / "x.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "suffix"), [(["export-json", "TEST-1"], ".json"),
                                                 (["slides", "TEST-1"], ".pptx"),
                                                 (["figure", "TEST-1"], ".png")])
def test_the_command_line_refuses_devices_links_folders_and_empty_names(
        capsys, tmp_path, lib, command, suffix):
    found = nodes(tmp_path)
    fifo, folder = tmp_path / f"fifo{suffix}", tmp_path / f"folder{suffix}"
    os.mkfifo(fifo)
    folder.mkdir()
    link = tmp_path / f"out-link{suffix}"
    link.symlink_to(tmp_path / "target.txt")
    targets = [fifo, folder, link, ""]
    for target in targets:
        try:
            code = main(["--db", str(lib), *command, "--out", str(target)])
        except SystemExit as e:  # refused by the argument parser, with its usage line
            code = e.code
        err = capsys.readouterr().err
        assert code in (1, 2) and "internal error" not in err, (target, err)
        assert "error:" in err, err
    assert os.path.isdir(folder) and not os.path.isfile(fifo) and os.path.islink(link)
    assert os.path.isdir(found["folder"]) and not os.path.isfile(found["fifo"])
    assert (tmp_path / "target.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
