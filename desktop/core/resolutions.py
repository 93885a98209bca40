"""How a sync conflict may be settled: keep mine, keep theirs, or keep both (theirs keeps
the code, mine is kept under a new one). Apart from ``desktop.core.sync`` so that the
command line can offer the choices without loading the sync engine."""

CHOICES = ("mine", "theirs", "both")
