"""The fuzz corpus through the store and the command line (issue 10's "Done when"):
0 internal errors, and every refused file leaves the library byte-identical."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from desktop.cli import main
from desktop.core.store import Store
from tests.core.fuzz.generate import SEED, generate_corpus


def fingerprint(path: Path) -> str:
    """The library as it is on disk: the file and its write-ahead log."""
    h = hashlib.sha256()
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_every_refusal_leaves_the_library_as_it_was(tmp_path):
    files = generate_corpus(tmp_path / "corpus", 2_000, SEED)
    lib = tmp_path / "lib.db"
    counts: Counter[str] = Counter()
    changed_on_refusal = []
    with Store.open(lib) as store:
        for f in files:
            before = fingerprint(lib)
            report = store.import_files([f], replace=True)
            if report.imported:
                counts["imported"] += 1
                store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # keeps hashing cheap
                continue
            counts["refused"] += 1
            error = report.failed[0]
            assert error.source == str(f) and "internal" not in str(error)
            if fingerprint(lib) != before:
                changed_on_refusal.append(f.name)
        assert store.check() == []
    print(f"\ntried {len(files)} | refused cleanly {counts['refused']} | "
          f"imported {counts['imported']} | internal errors 0 | "
          f"data changed on refusal {len(changed_on_refusal)}")
    assert changed_on_refusal == []
    assert counts["refused"] > 1_000 and counts["imported"] > 100


def test_the_command_line_imports_the_good_files_of_a_hostile_batch(tmp_path, capsys):
    files = generate_corpus(tmp_path / "corpus", 300, SEED)
    lib = tmp_path / "lib.db"
    code = main(["--db", str(lib), "import", *map(str, files)])
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in err
    refused = [line for line in err.splitlines() if line.startswith("case-presenter: not")]
    imported = out.split()
    assert len(refused) + len(imported) == len(files)
    assert all(any(f.name in line for f in files) for line in refused)
    with Store.open(lib, readonly=True) as s:
        assert set(imported) <= set(s.codes())
