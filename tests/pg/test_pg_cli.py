"""The command line with a department library: roles, sync, bad URLs and servers out of
reach (a clear message without the password, the local library untouched)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import casefile
from desktop.core.store import Store
from desktop.core.store.postgres.server import free_port
from desktop.core.sync import sync
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_commands_work_on_a_department_library(department, capsys, tmp_path):
    url = department.url()
    f = casefile.dump(make_case("CLI-1"), tmp_path / "c.case.json")
    assert run(capsys, "--db", url, "import", f)[0] == 0
    code, out, err = run(capsys, "--db", url, "list")
    assert code == 0 and out.startswith("CLI-1") and "ivanova:***@" in err
    assert "physician-password" not in err
    assert run(capsys, "--db", url, "search", "рецидивами")[1].startswith("CLI-1")
    assert "female, age at diagnosis 25" in run(capsys, "--db", url, "show", "CLI-1")[1]
    code, out, _ = run(capsys, "--db", url, "check")
    assert code == 0 and "no problems found" in out


def test_the_url_may_come_from_the_environment(department, capsys, monkeypatch):
    with department.open() as lib:
        lib.add(make_case("ENV-1"))
    monkeypatch.setenv("CASE_PRESENTER_DB", department.url())
    assert run(capsys, "list")[1].startswith("ENV-1")


def test_a_reader_reads_and_every_write_is_refused_with_a_message(department, capsys,
                                                                   tmp_path):
    with department.open() as lib:
        lib.add(make_case("R-1"))
    url = department.url("resident1")
    with department.open("resident1") as reader:
        assert reader.readonly and reader.codes() == ["R-1"]
    assert run(capsys, "--db", url, "list")[1].startswith("R-1")
    f = casefile.dump(make_case("R-2"), tmp_path / "r.case.json")
    code, out, err = run(capsys, "--db", url, "import", f)
    assert code == 1 and out == ""
    assert "the role 'resident1' may only read" in err and "nothing was changed" in err
    assert "resident-password" not in err and "Traceback" not in err
    with department.open("resident1") as reader:
        with pytest.raises(Exception, match="may only read"):
            reader.delete("R-1")
        assert reader.codes() == ["R-1"]


@pytest.mark.parametrize("url", [
    "postgresql://ivanova:s3cret-pw@127.0.0.1:{closed}/case_presenter",  # nobody listens
    "postgresql://ivanova:s3cret-pw@127.0.0.1:notaport/case_presenter",  # not a URL
    "postgresql://ivanova:s3cret-pw@{server}/no_such_database",
    "postgresql://ivanova:s3cret-pw@{server}/{db}",  # wrong password
    "postgresql://ivanova@{server}/{db}?password=s3cret-pw&sslmode=bogus",
])
def test_bad_urls_and_servers_out_of_reach_leave_the_laptop_untouched(
        url, department, laptop, capsys):
    url = url.format(closed=free_port(), server=f"127.0.0.1:{department.server.port}",
                     db=department.name)
    before = laptop.read_bytes()
    code, out, err = run(capsys, "--db", laptop, "sync", url)
    assert code == 1 and out == ""
    assert err.startswith("case-presenter: error: postgresql://ivanova")
    assert "s3cret-pw" not in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert laptop.read_bytes() == before
    code, _, err = run(capsys, "--db", url, "list")
    assert code == 1 and "s3cret-pw" not in err and "cannot connect" in err


def test_sync_out_of_reach_does_not_even_create_a_new_library(tmp_path, capsys):
    target = tmp_path / "new.db"
    code, _, err = run(capsys, "--db", target, "sync",
                       f"postgresql://x:pw@127.0.0.1:{free_port()}/db")
    assert code == 1 and "cannot connect" in err and not target.exists()


def test_sync_from_the_command_line_with_a_conflict_and_its_resolution(
        department, laptop, tmp_path, capsys):
    url = department.url()
    code, out, err = run(capsys, "--db", laptop, "sync", url)
    assert code == 0 and out.split() == ["sent", "BALL-EM-1", "sent", "BALL-EM-2"]
    assert "2 sent, 0 fetched, 0 deleted, 0 conflict(s)" in err
    other = tmp_path / "other.db"
    assert run(capsys, "--db", other, "sync", url)[1].split()[::2] == ["fetched", "fetched"]
    for path, text in ((laptop, "mine"), (other, "theirs")):
        with Store.open(path) as s:
            case = s.get("BALL-EM-1")
            s.save(type(case)(**{**case.__dict__, "tags": [text]}))
    run(capsys, "--db", other, "sync", url)
    code, out, err = run(capsys, "--db", laptop, "sync", url)
    assert code == 1 and "conflict  BALL-EM-1: changed here and changed in the department" in err
    assert "--resolve BALL-EM-1=mine|theirs|both" in err
    code, _, err = run(capsys, "--db", laptop, "sync", url, "--resolve", "BALL-EM-1=sideways")
    assert code == 1 and "CODE=mine, CODE=theirs or CODE=both" in err
    code, out, _ = run(capsys, "--db", laptop, "sync", url, "--resolve", "BALL-EM-1=theirs")
    assert code == 0 and out.split() == ["resolved:", "theirs", "BALL-EM-1"]
    with Store.open(laptop) as s:
        assert s.get("BALL-EM-1").tags == ["theirs"]


def test_sync_needs_a_file_here_and_a_url_there(department, laptop, capsys):
    code, _, err = run(capsys, "--db", department.url(), "sync", department.url())
    assert code == 1 and "--db must be a file" in err
    code, _, err = run(capsys, "--db", laptop, "sync", str(laptop))
    assert code == 1 and "not a department library URL" in err


def test_a_sync_killed_mid_way_is_finished_by_the_next(department, laptop, tmp_path):
    """SIGKILL during a sync of 120 cases: both libraries valid, the next sync completes
    it with no conflict and nothing sent twice."""
    with Store.open(laptop) as s:
        s.import_files([casefile.dump(make_case(f"K-{i:03}"), tmp_path / f"k{i}.case.json")
                        for i in range(120)])
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(laptop), "sync",
                             department.url()], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = [proc.stdout.readline() for _ in range(25)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert all(line.startswith("sent") for line in lines)
    with Store.open(laptop) as local, department.open() as dept:
        assert local.check() == [] and dept.check() == []
        there = len(dept)
        assert 25 <= there < 122
        report = sync(local, dept)
        assert not report.conflicts and not report.failed
        assert len(dept) == 122 and len(report.sent) == 122 - there  # nothing twice
        assert sync(local, dept).sent == []


def test_the_window_is_not_opened_on_a_url_yet(capsys):
    code, _, err = run(capsys, "--db", "postgresql://ivanova:pw@127.0.0.1:1/x")
    assert code == 1 and "case-presenter sync URL" in err and ":pw@" not in err
