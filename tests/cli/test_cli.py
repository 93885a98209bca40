import json
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.core import casefile
from desktop.core.store import Store
from tests.conftest import make_case


@pytest.fixture
def lib(tmp_path):
    """A library file holding the sample case (no seed cases)."""
    path = tmp_path / "lib.db"
    with Store.open(path, seed=False) as s:
        s.add(make_case())
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_for_people_and_as_json(capsys, lib):
    code, out, _ = run(capsys, "--db", lib, "list")
    assert code == 0 and "TEST-1" in out and "Relapsed B-ALL" in out
    code, out, _ = run(capsys, "--db", lib, "list", "--json")
    rows = json.loads(out)
    assert rows[0]["code"] == "TEST-1" and rows[0]["title"]["ru"].startswith("Рецидив")


def test_list_in_russian(capsys, lib):
    _, out, _ = run(capsys, "--db", lib, "--lang", "ru", "list")
    assert "Рецидив B-ОЛЛ" in out


def test_search_either_language(capsys, lib):
    assert run(capsys, "--db", lib, "search", "молочной")[0] == 0
    code, out, _ = run(capsys, "--db", lib, "search", "blinatumomab")
    assert code == 0 and "TEST-1" in out
    code, out, _ = run(capsys, "--db", lib, "search", "myeloma")
    assert code == 1 and out == ""


def test_show_is_readable_and_says_not_reported(capsys, lib):
    code, out, _ = run(capsys, "--db", lib, "show", "TEST-1")
    assert code == 0
    assert "Blinatumomab" in out and "SULmax 11.93" in out
    assert "SULmax not reported" in out  # the follow-up study has no number
    code, out, _ = run(capsys, "--db", lib, "--lang", "ru", "show", "TEST-1")
    assert "Блинатумомаб" in out and "SULmax 11,93" in out and "не указано" in out
    assert "[нет текста" not in out  # no Russian discussion: left out, no placeholder


def test_export_import_round_trip(capsys, lib, tmp_path):
    out_file = tmp_path / "out.case.json"
    assert run(capsys, "--db", lib, "export-json", "TEST-1", "--out", out_file)[0] == 0
    code, stdout, _ = run(capsys, "--db", lib, "export-json", "TEST-1")
    assert stdout == out_file.read_text(encoding="utf-8")
    other = tmp_path / "other.db"
    with Store.open(other, seed=False):
        pass
    code, out, _ = run(capsys, "--db", other, "import", out_file)
    assert code == 0 and out.strip() == "TEST-1"
    with Store.open(other) as s:
        assert s.get("TEST-1") == make_case()


def test_import_reports_bad_files_without_traceback(capsys, lib, tmp_path):
    bad = tmp_path / "trunc.case.json"
    bad.write_text(casefile.dumps(make_case("NEW"))[:200])
    code, out, err = run(capsys, "--db", lib, "import", bad)
    assert code == 1 and out == ""
    assert "trunc.case.json" in err and "not valid JSON" in err
    assert "Traceback" not in err


def test_import_duplicate_then_replace(capsys, lib, tmp_path):
    path = casefile.dump(make_case(), tmp_path / "same.case.json")
    code, _, err = run(capsys, "--db", lib, "import", path)
    assert code == 1 and "already in the library" in err
    assert run(capsys, "--db", lib, "import", "--replace", path)[0] == 0


def test_unknown_code_is_a_clear_error(capsys, lib):
    code, _, err = run(capsys, "--db", lib, "show", "NOPE")
    assert code == 1 and "NOPE" in err and "Traceback" not in err


def test_corrupt_database_is_refused(capsys, tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"garbage" * 500)
    code, _, err = run(capsys, "--db", db, "list")
    assert code == 1 and "broken.db" in err and "not a Case Presenter library" in err
    assert db.read_bytes() == b"garbage" * 500


def test_check(capsys, lib):
    code, out, _ = run(capsys, "--db", lib, "check")
    assert code == 0 and "no problems found" in out


def test_db_from_environment(capsys, lib, monkeypatch):
    monkeypatch.setenv("CASE_PRESENTER_DB", str(lib))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "TEST-1" in out


def test_module_entry_point_runs(lib):
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", str(lib), "list", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)[0]["code"] == "TEST-1"


def test_show_prints_each_pet_pair_with_its_explanation(capsys, tmp_path):
    db = tmp_path / "seeded.db"
    code, out, _ = run(capsys, "--db", db, "show", "BALL-EM-2")
    assert code == 0
    response = out.split("PET response")[1]
    assert "SULmax 11.93 → not reported: complete metabolic response, as read visually" in response
    assert "%" not in response.split("\n\n")[0]  # nothing computed from a number it does not have
    _, out, _ = run(capsys, "--db", db, "--lang", "ru", "show", "BALL-EM-2")
    assert "SULmax 11,93 → не указан: полный метаболический ответ по визуальной оценке" in out
