"""Damaged, empty, foreign and read-only libraries; backups that a crash cannot spoil
(issue 10, findings 5, 6 and 9)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core import casefile
from desktop.core.errors import StoreError
from desktop.core.store import Store, backup
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parents[3]


def library(path: Path, n: int = 3) -> Path:
    with Store.open(path, seed=False) as s:
        for i in range(n):
            s.add(make_case(f"C-{i}"))
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def sha(path: Path) -> bytes:
    return path.read_bytes()


def corrupt_text(path: Path) -> None:
    """Bytes that are not UTF-8 where a title is stored, the pages intact."""
    data = bytearray(path.read_bytes())
    at = data.find("Рецидив".encode())
    assert at > 0
    data[at:at + 4] = b"\xff\xfe\xff\xfe"
    path.write_bytes(bytes(data))


def corrupt_pages(path: Path, first: float = 0.6) -> None:
    """Garbage over the b-tree pages from ``first`` (a fraction) of the file on; with
    ``first`` near 0 even the schema cannot be read."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for p in range(max(1, int(len(data) // page * first)), len(data) // page):
        data[p * page + 8:p * page + 40] = b"\x07" * 32
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [corrupt_text, corrupt_pages])
def test_a_damaged_library_is_not_written_and_check_reports(tmp_path, damage):
    path = library(tmp_path / "lib.db", n=40)
    damage(path)
    before = sha(path)
    file = casefile.dump(make_case("NEW-1"), tmp_path / "new.case.json")
    with pytest.raises(StoreError, match="damaged"), Store.open(path) as s:
        s.import_files([file])
    assert sha(path) == before
    with Store.open(path, readonly=True) as s:
        problems = s.check()
    assert problems and all(isinstance(p, str) for p in problems)
    assert sha(path) == before


def test_check_on_a_library_damaged_beyond_its_schema_is_a_message(tmp_path, capsys):
    from desktop.cli import main

    path = library(tmp_path / "lib.db")
    corrupt_pages(path, first=0)
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "lib.db" in err and ("damaged" in err or "not a Case Presenter" in err)
    assert "internal error" not in err


def test_the_damage_message_offers_the_newest_good_backup(tmp_path):
    path = library(tmp_path / "lib.db")
    with Store.open(path) as s:
        good = backup.make(s.db.conn, path, "manual")
    (backup.folder(path) / "lib-99999999-000000-000000-truncated.db").write_bytes(b"SQLite")
    corrupt_text(path)
    with pytest.raises(StoreError) as e, Store.open(path, verify=True):
        pass
    assert str(good) in str(e.value)
    assert backup.newest_good(path) == good


def test_an_empty_file_and_a_foreign_empty_database_are_refused_not_adopted(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="0 bytes"):
        Store.open(empty)
    assert empty.stat().st_size == 0
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")  # a valid, empty SQLite file of another program
    conn.close()
    before = sha(foreign)
    with pytest.raises(StoreError, match="another program"):
        Store.open(foreign)
    assert sha(foreign) == before


def test_a_new_library_appears_whole_or_not_at_all(tmp_path):
    path = tmp_path / "new.db"
    with Store.open(path) as s:
        assert len(s) == 2  # the seed cases
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_backup_keeps_the_old_ones_and_stops_the_import(tmp_path, monkeypatch):
    path = library(tmp_path / "lib.db")
    with Store.open(path) as s:
        kept = backup.make(s.db.conn, path, "earlier")
    files = [casefile.dump(make_case(f"N-{i}"), tmp_path / f"n{i}.case.json") for i in range(2)]

    class FullDisk(sqlite3.Connection):
        def backup(self, *args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

    with Store.open(path, seed=False) as s:
        s.db.conn.close()
        s.db.conn = sqlite3.connect(path, factory=FullDisk, isolation_level=None)
        with pytest.raises(StoreError, match="could not be backed up"):
            s.import_files(files)
        assert "N-0" not in s
    assert backup.backups(path) == [kept]
    assert not list(backup.folder(path).glob(".*"))


def test_kill_during_a_backup_leaves_the_previous_backups_usable(tmp_path):
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        big = make_case("BIG")
        big.sections = {f"s{i}": type(big.title)("x" * 200_000, "я" * 100_000)
                        for i in range(40)}
        s.add(big)
        for i in range(5):
            backup.make(s.db.conn, path, f"good{i}")
    good = backup.backups(path)
    script = ("import sys; from desktop.core.store import Store, backup\n"
              "s = Store.open(sys.argv[1])\n"
              "print('ready', flush=True)\n"
              "while True: backup.make(s.db.conn, s.path, 'loop')\n")
    for delay in (0.05, 0.15, 0.3):
        p = subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT,
                             stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert p.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        p.stdout.close()
    listed = backup.backups(path)
    assert len(listed) == backup.KEEP
    for b in listed:  # every listed backup is whole; the old good ones too, if pruned
        conn = sqlite3.connect(f"file:{b}?mode=ro", uri=True)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()
    assert backup.newest_good(path) == listed[0]
    assert set(good) & set(listed) or all(b.name > good[0].name for b in listed)


def read_only_run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the command line with ``folder`` mounted read-only (a private mount namespace,
    as root), or made unwritable (as another user, for whom permissions count)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "desktop", *args]
    if os.geteuid() == 0:
        mount = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
                 'exec "$@"')
        cmd = ["unshare", "--mount", "sh", "-c", mount, "sh", *cmd]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_read_only_commands_work_on_read_only_media(tmp_path):
    """A library in a folder nobody may write to (as on a CD or a read-only share)."""
    folder = tmp_path / "media"
    folder.mkdir()
    path = library(folder / "lib.db")
    assert sorted(p.name for p in folder.iterdir()) == ["lib.db"]  # no -wal, no -shm
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
    r = read_only_run(folder, "--db", str(path), "list")
    assert r.returncode == 0, r.stderr
    assert "C-0" in r.stdout and "C-2" in r.stdout
    seed = sorted((ROOT / "resources" / "seed").glob("*.case.json"))[0]
    r = read_only_run(folder, "--db", str(path), "import", str(seed))
    assert r.returncode == 1 and "Traceback" not in r.stderr and str(path) in r.stderr
    os.chmod(folder, 0o755)
