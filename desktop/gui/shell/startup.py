"""Python's cycle collector held off while the window starts (no Qt here: it is paused
before Qt is imported).

Starting makes some 135,000 objects that live as long as the window (modules, classes,
enums, widgets' wrappers) and next to no cyclic garbage (a few hundred objects). Every
collection the allocations set off walks them again: 35 to 90 ms of a start on the
Timeline tab, at random moments. So the collector waits until the window is shown,
then those objects are frozen (``gc.freeze``: later collections no longer walk them)
and collection goes on as before for everything made after.
"""

from __future__ import annotations

import gc
from collections.abc import Callable


def pause_collection() -> Callable[[], None]:
    """Pause the cycle collector; the function returned (safe to call more than once)
    freezes what exists and resumes it. A collector already off is left off."""
    if not gc.isenabled():
        return lambda: None
    gc.disable()
    done = []

    def resume() -> None:
        if not done:
            done.append(True)
            gc.freeze()
            gc.enable()

    return resume
