"""The layers import one way only: ``tools/imports.py`` finds no module or layer circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_have_no_circle():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "imports.py")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
