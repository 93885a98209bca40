"""A quicker answer to the question PySide6 asks of every module imported after it.

PySide6 (``shibokensupport.feature``) checks each newly imported module for the word
"PySide6" in its source, to know whether its ``__feature__`` switches apply there; it
reads the source through ``inspect.getsource`` (``linecache``: the file split into lines
and kept), which is a fifth of importing the window's modules and pyqtgraph's. The same
question, asked of the file's bytes, gives the same answer in a fraction of the time.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _source_mentions_pyside(original):
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, compiled only, an extension: as before
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> None:
    """Answer PySide6's per-import question from the file's bytes (once; a PySide6
    without that check is left alone)."""
    import PySide6.QtCore  # noqa: F401  (loads shiboken's support modules)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if callable(original) and not hasattr(original, "original"):
        feature._mod_uses_pyside = _source_mentions_pyside(original)
