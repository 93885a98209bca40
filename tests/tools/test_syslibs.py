"""tools/syslibs.py: what ldd says is missing, which packages bring it, what to do."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tools import syslibs

LDD = """\
/site/PySide6/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffd1b5f2000)
\tlibQt6XcbQpa.so.6 => /site/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0c1c200000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0c1c1f0000)
/site/PySide6/Qt/lib/libQt6XcbQpa.so.6:
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0c1c4a0000)
"""
MISSING = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def test_ldd_output_gives_the_missing_libraries_once():
    assert syslibs.parse_ldd(LDD) == MISSING
    assert syslibs.parse_ldd("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n") == set()


def test_missing_libraries_map_to_debian_packages_and_unknown_ones_are_kept():
    assert syslibs.packages_for(MISSING | {"libGL.so.1", "libfoo.so.2"}) == (
        ["libgl1", "libxcb-icccm4", "libxcb-keysyms1"], ["libfoo.so.2"])


def test_nothing_missing_means_nothing_to_do():
    assert syslibs.plan(set(), apt=True, root=False, sudo=False, use="window") == syslibs.Plan()


def test_root_installs_with_apt_get_directly():
    todo = syslibs.plan(MISSING, apt=True, root=True, sudo=False, use="window")
    assert todo.message is None
    assert todo.command == ["apt-get", "install", "-y", "--no-install-recommends",
                            "libxcb-icccm4", "libxcb-keysyms1"]


def test_passwordless_sudo_installs_through_sudo():
    todo = syslibs.plan(MISSING, apt=True, root=False, sudo=True, use="window")
    assert todo.command[:3] == ["sudo", "-n", "apt-get"]


def test_without_rights_the_exact_command_is_printed():
    todo = syslibs.plan(MISSING, apt=True, root=False, sudo=False, use="window")
    assert todo.command is None
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in todo.message
    assert "  sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in todo.message.splitlines()


def test_without_apt_the_debian_names_are_a_hint_not_a_command():
    todo = syslibs.plan(MISSING, apt=False, root=True, sudo=False, use="tests")
    assert todo.command is None and "apt-get" not in todo.message
    assert "Debian/Ubuntu: libxcb-icccm4 libxcb-keysyms1" in todo.message


def test_a_library_with_no_known_package_is_named():
    todo = syslibs.plan({"libfoo.so.2"}, apt=True, root=True, sudo=False, use="window")
    assert todo.command is None and "libfoo.so.2" in todo.message


@pytest.mark.parametrize("use", sorted(syslibs.TARGETS))
def test_every_checked_file_exists_in_the_installed_wheels(use):
    """A renamed plugin in a newer PySide6 would silently be checked no more."""
    site = Path(next(iter(importlib.util.find_spec("PySide6").submodule_search_locations))).parent
    assert [f for f in syslibs.TARGETS[use] if not (site / f).exists()] == []
