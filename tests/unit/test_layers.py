"""The layers import one way only: ``tools/imports.py`` finds no module or layer circle, and the layers above the
read side reach the engine only through it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_have_no_circle():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "imports.py")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_analysis_and_cli_read_the_engine_only_through_the_read_side():
    """Analysis, redaction and the CLI import no ``_engine`` module: what they may read of it is ``_read/engine.py``."""
    import ast

    pkg = ROOT / "src" / "rrweb_py"
    offenders = []
    for path in [*sorted((pkg / "analysis").glob("*.py")), *sorted((pkg / "redact").glob("*.py")), pkg / "cli.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any("_engine" in n.split(".") for n in names):
                offenders.append(f"{path.relative_to(pkg)}:{node.lineno}")
    assert offenders == []
