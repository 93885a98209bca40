"""Entry point of the standalone bundle: the same as ``case-presenter`` (no command: the window)."""

import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # pyqtgraph may start helper processes
    raise SystemExit(main())
