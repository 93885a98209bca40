"""Where the library and resources live, from source and in a standalone bundle."""

from __future__ import annotations

import subprocess
import sys

from desktop.core import paths


def test_from_source_the_library_and_reports_are_in_the_project(monkeypatch):
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    assert paths.default_db_path(bundle=None) == paths.ROOT / "cases.db"
    assert paths.default_reports_dir(bundle=None) == paths.ROOT / "reports"


def test_a_bundle_keeps_its_library_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = paths.default_db_path(bundle=tmp_path / "bundle")
    assert db == tmp_path / "data" / "case-presenter" / "cases.db"
    assert db.parent.is_dir()  # created, so the first start can seed it


def test_the_environment_variable_wins_in_a_bundle_too(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "mine.db"))
    assert paths.default_db_path(bundle=tmp_path / "bundle") == tmp_path / "mine.db"


def test_a_bundle_writes_reports_to_the_documents_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "docs"))
    assert paths.default_reports_dir(bundle=tmp_path) == tmp_path / "docs" / "Case Presenter"


def test_frozen_resources_resolve_inside_the_bundle(tmp_path):
    code = (f"import sys; sys.frozen = True; sys._MEIPASS = {str(tmp_path)!r}\n"
            "from desktop.core import paths; print(paths.BUNDLE); print(paths.SEED_DIR)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=paths.ROOT).stdout.splitlines()
    assert out == [str(tmp_path), str(tmp_path / "resources" / "seed")]
