"""Check the system libraries Qt needs on Linux; install the missing ones, or say how.

The PySide6 wheel brings Qt itself but not the X11/OpenGL libraries of the system, and
Qt's own message names the wrong one (it blames xcb-cursor for any missing xcb library).
So ``ldd`` tells what is really missing, a short table maps it to Debian's package names,
and apt-get installs them when it may (root, or sudo without a password).

    python tools/syslibs.py window   # before `make run` (the xcb platform)
    python tools/syslibs.py tests    # before `make test` (the offscreen platform)
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# soname → Debian/Ubuntu package (checked with `apt-cache show` on Debian 12)
PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb.so.1": "libxcb1", "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0", "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0", "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g", "libzstd.so.1": "libzstd1",
}

_MODULES = ["PySide6/QtGui.abi3.so", "PySide6/QtWidgets.abi3.so",
            "PySide6/QtPrintSupport.abi3.so", "PySide6/QtSvg.abi3.so", "pypdfium2_raw/libpdfium.so"]
# what each use loads, relative to site-packages (ldd follows their dependencies)
TARGETS = {
    "window": ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
               *_MODULES],
    "tests": ["PySide6/Qt/plugins/platforms/libqoffscreen.so", *_MODULES],
}


@dataclass(frozen=True)
class Plan:
    """What to do: run ``command`` (then check again), or print ``message`` and stop."""

    command: list[str] | None = None
    message: str | None = None


def parse_ldd(text: str) -> set[str]:
    """The sonames ``ldd`` reports as ``not found``."""
    return {line.split("=>")[0].strip() for line in text.splitlines()
            if "=>" in line and line.split("=>")[1].strip() == "not found"}


def packages_for(sonames: set[str]) -> tuple[list[str], list[str]]:
    """(Debian packages to install, sonames with no known package)."""
    known = sorted({PACKAGES[s] for s in sonames if s in PACKAGES})
    return known, sorted(s for s in sonames if s not in PACKAGES)


def plan(missing: set[str], *, apt: bool, root: bool, sudo: bool, use: str) -> Plan:
    """Install with apt-get when allowed; otherwise the exact command to run, or the list."""
    if not missing:
        return Plan()
    packages, unknown = packages_for(missing)
    head = f"Qt ({use}) needs system libraries that are missing: {', '.join(sorted(missing))}."
    if apt and packages and (root or sudo):
        return Plan(command=([] if root else ["sudo", "-n"])
                    + ["apt-get", "install", "-y", "--no-install-recommends", *packages])
    lines = [head]
    if apt and packages:
        lines.append("Install them with:\n  sudo apt-get install " + " ".join(packages))
    elif packages:
        lines.append("Install your distribution's packages that provide them "
                     f"(on Debian/Ubuntu: {' '.join(packages)}).")
    if unknown:
        lines.append("No package is known here for: " + ", ".join(unknown)
                     + " (`apt-file search NAME` finds it on Debian/Ubuntu).")
    return Plan(message="\n".join(lines))


def missing_libs(use: str) -> set[str]:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()  # not installed yet: pip will say so
    site = Path(next(iter(spec.submodule_search_locations))).parent
    files = [str(site / f) for f in TARGETS[use] if (site / f).exists()]
    done = subprocess.run(["ldd", *files], capture_output=True, text=True, check=False)
    return parse_ldd(done.stdout)


def _can_sudo() -> bool:
    return bool(shutil.which("sudo")) and subprocess.run(
        ["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0


def _install(command: list[str]) -> None:
    """``apt-get update`` (a fresh machine has no package lists), then the install."""
    print("Installing what Qt needs:", " ".join(command), flush=True)
    sudo = command[:command.index("apt-get")]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False)
    subprocess.run(command, check=False)


def main(argv: list[str]) -> int:
    use = argv[0] if argv else "window"
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return 0  # Windows and macOS: the wheels bring everything
    root = os.geteuid() == 0
    todo = plan(missing_libs(use), apt=bool(shutil.which("apt-get")), root=root,
                sudo=not root and _can_sudo(), use=use)
    if todo.command:
        _install(todo.command)
        todo = plan(missing_libs(use), apt=True, root=False, sudo=False, use=use)  # say, once
    if todo.message:
        print(todo.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
