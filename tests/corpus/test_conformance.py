"""Every probe of ../shared/corpus through the conformance comparator: live truth, rrweb fixtures, real recordings.

Known divergences (recording gaps, and states where rrweb's Replayer is wrong) are listed with their reason in
known_divergences.json and expected to differ (strict xfail: a fix shows up as a failure to update the list).
"""

from __future__ import annotations

import fnmatch
import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import rrweb_py
from tests.conftest import CORPUS, SHARED, corpus_or_skip

KNOWN = json.loads((Path(__file__).with_name("known_divergences.json")).read_text())
SLOW = {"long-churn"}


def _pick(folder: Path, stem: str) -> Path | None:
    for name in (stem + ".json", stem + ".json.gz"):
        if (folder / name).exists():
            return folder / name
    return None


def _cases() -> list[Any]:
    out = []
    for kind in ("live", "fixture", "real"):
        base = CORPUS / kind
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            if _pick(folder, "events") and (_pick(folder, "probes") or _pick(folder, "peer")):
                marks = [pytest.mark.slow] if folder.name in SLOW else []
                out.append(pytest.param(kind, folder.name, id=f"{kind}/{folder.name}", marks=marks))
    if not out:
        out.append(pytest.param("live", None, id="no-corpus"))
    return out


@functools.cache
def _compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rrweb_compare", SHARED / "conformance" / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rules(kind: str, case: str) -> list[dict[str, Any]]:
    """The divergence rules of a case; rules given for a pattern (with *) need not all occur in every case."""
    return [{**r, "_exact": "*" not in pattern} for pattern, rules in KNOWN.get(kind, {}).items()
            if fnmatch.fnmatch(case, pattern) for r in rules]


def _matches(rule: dict[str, Any], probe: int, diff: dict[str, Any]) -> bool:
    return ((not rule.get("probes") or probe in rule["probes"])
            and (not rule.get("kind") or rule["kind"] == diff["kind"])
            and (not rule.get("attr") or rule["attr"] == diff.get("attr"))
            and (not rule.get("ids") or diff.get("id") in rule["ids"]))


@pytest.mark.corpus
@pytest.mark.parametrize(("kind", "case"), _cases())
def test_case_matches_reference(kind: str, case: str | None) -> None:
    """Each reference state of a corpus case is reproduced exactly, except the listed divergences."""
    corpus = corpus_or_skip()
    if case is None:
        pytest.skip("no corpus cases found")
    folder = corpus / kind / case
    compare = _compare()
    ref_path = _pick(folder, "probes") or _pick(folder, "peer")
    reference = compare.load_list(ref_path, False)
    replay = rrweb_py.load(_pick(folder, "events"))
    rules = _rules(kind, case)
    used: set[int] = set()
    unexpected = []
    for i, ref in enumerate(reference):
        frame = replay.at(ref["timestamp"] - replay.start_timestamp)
        cand = {"timestamp": ref["timestamp"], "node": frame.to_rrweb(),
                "scroll": {"x": frame.scroll.x, "y": frame.scroll.y},
                "viewport": {"width": frame.viewport.width, "height": frame.viewport.height}}
        result = compare.compare([ref], [cand], max_diffs=100000)
        for diff in result["probes"][0]["diffs"]:
            hits = [k for k, rule in enumerate(rules) if _matches(rule, i, diff)]
            used.update(hits)
            if not hits:
                unexpected.append(f"probe {i} @{ref['timestamp']}: {diff['msg'][:300]}")
    assert not unexpected, "\n".join(unexpected[:20])
    stale = [rule["reason"] for k, rule in enumerate(rules) if k not in used and rule["_exact"]]
    assert not stale, "divergences that no longer occur (remove them from known_divergences.json): " + "; ".join(stale)
