"""The benchmark inputs: files of ../shared/corpus (read in place), by short name."""

from __future__ import annotations

import gc
import gzip
import os
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RRWEB_PY_SHARED", ROOT.parent / "shared")) / "corpus"

INPUTS = {
    "long-churn": CORPUS / "live" / "long-churn" / "events.json.gz",
    "append-70x70x70": CORPUS / "bench" / "append-70x70x70" / "events.json.gz",
    "append-1000-reverse": CORPUS / "bench" / "append-1000-reverse" / "events.json.gz",
    "chalk-prod": CORPUS / "real" / "chalk-prod-30497eae" / "events.json",
    "chalk-dev": CORPUS / "real" / "chalk-dev-6c720608" / "events.json",
    "rrweb-demoit": CORPUS / "real" / "rrweb-player-demoit" / "events.json",
}


def available() -> dict[str, Path]:
    """The inputs present on this machine."""
    return {name: path for name, path in INPUTS.items() if path.exists()}


def floor(raw: bytes) -> object:
    """The floor every load is measured against: gunzip + ``orjson.loads`` of the same bytes, GC paused."""
    text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    gc.disable()
    try:
        return orjson.loads(text)
    finally:
        gc.enable()
