"""The Qt binding must not corrupt the interpreter: PySide6 6.12.0 on Python 3.11 drops a
reference to ``None`` on every void call and aborts after a few thousand (pinned out in
pyproject.toml). Run in a subprocess, so a bad build fails this test instead of the run."""

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
class Emitter(QObject):
    fired = Signal(bool)
emitter = Emitter()
emitter.fired.connect(lambda value: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20000):
    label.setText("x")
    emitter.fired.emit(True)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_void_calls_and_signals_keep_reference_counts():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stderr[-500:]
    none_delta, true_delta = (int(x) for x in done.stdout.split())
    assert abs(none_delta) < 100 and abs(true_delta) < 100
