"""Writing an output file (a case file, a PDF, a deck, a figure) whole or not at all.

Every output goes through a temporary file in the target's folder, flushed and renamed
over the target, so a crash never leaves half a file. Only a regular file is ever
replaced: a device, a FIFO, a symbolic link or a folder under the chosen name is refused,
and the temporary file is removed on every failure.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from desktop.core.errors import CasePresenterError


class OutputError(CasePresenterError):
    """An output file that cannot or must not be written; the message names it."""


def check_target(path: str | Path) -> Path:
    """``path`` as a ``Path`` if a file may be written there; else ``OutputError``."""
    if str(path).strip() == "":
        raise OutputError("no output file given: name the file to write")
    p = Path(path)
    try:
        st = p.lstat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(f"{p}: cannot write: {e.strerror or e}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{p}: cannot write: it is a folder; give a file name")
        if not stat.S_ISREG(st.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
            raise OutputError(f"{p}: cannot write: it is {kind}, and only a regular file "
                              "is ever replaced")
    if not p.parent.is_dir():
        raise OutputError(f"{p}: cannot write: the folder {p.parent} does not exist")
    return p


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (with the permissions ``open`` gives a new
    file); ``OutputError`` names the file when it cannot."""
    p = check_target(path)
    tmp = p.with_name(f".{p.name}.{os.getpid()}.{os.urandom(4).hex()}.part")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except OSError as e:
        raise OutputError(f"{p}: cannot write: {e.strerror or e}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return p


def write_text(path: str | Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))
