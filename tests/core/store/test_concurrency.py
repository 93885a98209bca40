"""The library beside other writers (issue 10, findings 1–3): never corrupted, no
accepted change lost, writers wait their turn."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.core import casefile
from desktop.core.errors import Conflict
from desktop.core.model import Text
from desktop.core.store import Store
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parents[3]


def write_files(folder: Path, prefix: str, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [casefile.dump(make_case(f"{prefix}-{i:03d}"), folder / f"{prefix}-{i:03d}.case.json")
            for i in range(n)]


def cli(*args: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "desktop", *map(str, args)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_the_file_is_never_opened_outside_sqlite(tmp_path, monkeypatch):
    """POSIX drops a process's SQLite locks when any descriptor of the file is closed:
    opening a second store must not open the library with Python's ``open``."""
    path = tmp_path / "lib.db"
    Store.open(path, seed=False).close()
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: spy(self, *a, **k))
    with Store.open(path) as first, Store.open(path, readonly=True) as second:
        first.add(make_case("A-1"))
        assert second.codes() == ["A-1"]
    assert str(path) not in opened


def test_two_stores_in_one_process_beside_command_line_imports(tmp_path):
    """Three rounds of three concurrent command-line bulk imports while this process
    keeps two stores open (the window and its search thread) and edits a case."""
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case("LOCAL"))
    editor = Store.open(path)
    searcher = Store.open(path, readonly=True)
    stop = threading.Event()
    reads: list[int] = []

    def search_loop() -> None:
        with Store.open(path, readonly=True) as own:
            while not stop.is_set():
                reads.append(len(own.search("relapsed")))

    thread = threading.Thread(target=search_loop)
    thread.start()
    expected: set[str] = {"LOCAL"}
    try:
        for rnd in range(3):
            procs = [cli("--db", path, "import",
                         *write_files(tmp_path / f"r{rnd}w{w}", f"R{rnd}W{w}", 25))
                     for w in range(3)]
            for i in range(10):  # the window edits while the imports run
                case, rev = editor.load("LOCAL")
                case.title = Text(f"edit {rnd}.{i}", f"правка {rnd}.{i}")
                editor.save(case, base_revision=rev)
                searcher.list_cases()
            for p in procs:
                out, err = p.communicate(timeout=120)
                assert p.returncode == 0, err
                expected |= set(out.split())
            assert integrity(path) == "ok"
            assert set(editor.codes()) == expected
    finally:
        stop.set()
        thread.join()
        editor.close()
        searcher.close()
    assert len(expected) == 1 + 3 * 3 * 25 and reads
    with Store.open(path) as s:
        assert s.get("LOCAL").title.en == "edit 2.9" and s.check() == []


def test_concurrent_bulk_imports_wait_their_turn_instead_of_failing(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case("FIRST"))
    procs = [cli("--db", path, "import", *write_files(tmp_path / f"w{w}", f"W{w}", 60))
             for w in range(4)]
    results = [(*p.communicate(timeout=180), p.returncode) for p in procs]
    assert [r[2] for r in results] == [0, 0, 0, 0], [r[1] for r in results]
    with Store.open(path) as s:
        assert len(s) == 1 + 4 * 60


def test_a_save_over_a_newer_revision_is_refused(tmp_path):
    """The window's copy is older than an ``import --replace`` made meanwhile: saving it
    raises ``Conflict`` and the import's change stays."""
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case())
    with Store.open(path) as window:
        case, rev = window.load("TEST-1")
        theirs = make_case()
        theirs.title = Text("Changed by import", "Изменено импортом")
        file = casefile.dump(theirs, tmp_path / "t.case.json")
        p = cli("--db", path, "import", "--replace", file)
        p.communicate(timeout=60)
        assert p.returncode == 0
        case.title = Text("Mine", "Моё")
        with pytest.raises(Conflict) as e:
            window.save(case, base_revision=rev)
        assert e.value.found == rev + 1 and "changed in the library" in str(e.value)
        assert window.get("TEST-1").title.en == "Changed by import"
        with pytest.raises(Conflict):
            window.delete("TEST-1", base_revision=rev)
        assert window.save(case, base_revision=rev + 1) == rev + 2


def test_revisions_count_saves_and_start_at_one(store):
    assert store.add(make_case()) == 1 and store.revision("TEST-1") == 1
    case, rev = store.load("TEST-1")
    assert rev == 1 and store.save(case, base_revision=1) == 2
    assert store.save(case) == 3 and store.revision("NOPE") is None


def test_a_file_that_breaks_the_reader_never_cancels_the_good_ones(tmp_path, monkeypatch):
    """Whatever goes wrong with one file (here a reader bug, a value SQLite cannot store),
    the files beside it are imported and the message names the file."""
    good = write_files(tmp_path / "good", "OK", 3)
    bad_reader = casefile.dump(make_case("BAD-1"), tmp_path / "bad1.case.json")
    bad_text = casefile.dump(make_case("BAD-2"), tmp_path / "bad2.case.json")
    real = casefile.load

    def load(path, *args, **kwargs):
        if path == bad_reader:
            raise RecursionError("maximum recursion depth exceeded")
        case = real(path, *args, **kwargs)
        if path == bad_text:
            case.title = Text("lone \ud800 surrogate", None)
        return case

    monkeypatch.setattr(casefile, "load", load)
    with Store.open(tmp_path / "lib.db", seed=False) as s:
        report = s.import_files([good[0], bad_reader, good[1], bad_text, good[2]])
        assert report.imported == ["OK-000", "OK-001", "OK-002"]
        assert [e.source for e in report.failed] == [str(bad_reader), str(bad_text)]
        assert s.codes() == ["OK-000", "OK-001", "OK-002"] and s.check() == []
