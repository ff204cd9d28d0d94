"""Shared test helpers: where ../shared is, and small event builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RRWEB_PY_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"


def corpus_or_skip() -> Path:
    """The shared corpus folder, or skip the test with a message when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (set RRWEB_PY_SHARED to its parent)")
    return CORPUS
