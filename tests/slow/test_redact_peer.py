"""Redacted recordings played in rrweb's own Replayer (the peer harness in Chromium) keep the original's node tree.

For each case the recording is redacted (``Replay.redact``), rrweb 2.2.2's Replayer plays the redacted events and is
paused at the timestamps of the corpus ``peer.json`` (the same Replayer's states on the *original* recording), as
tests/slow/test_clip_peer.py does for clips. Compared is the node structure: ids, node types, tag names, shadow
flags, parents and the order of children; not texts nor attribute values, which the redaction changes on purpose.

* Selector masks (per-case ``mask_text`` / ``mask_inputs``, some matching only after a mutation or a move): the
  structure equals the original's at every timestamp.
* Block, with ``mask_all_text`` + ``mask_all_inputs`` (one Replayer run for both, to keep the module short): the
  structure equals the original's with every element the ``block`` selectors match on the original page at that
  moment kept, childless, and its descendants (shadow ones included) gone; our engine's frame has that structure too.
* Masks, in both: every text or control value that our engine's frame of the redacted recording shows changed from
  its frame of the original, the Replayer shows with the very same mask; and, read from the Replayer alone, every
  text a text rule covers on the original page (outside ``<script>``/``<style>``) and every typed value an input or
  text rule covers is ``*`` and white space only. Each run must have masked something (no vacuous pass).

The Replayer's structure on the redacted recording is compared exactly with its structure on the original: on these
cases it has no structural quirk of its own that the redaction could stir up or hide. Selectors are simple compound
ones (``tag``, ``.class``, ``#id``) so that the test reads coverage from the serialized original without an engine
of its own. Skipped where node, chromium or the harness ($RRWEB_PEER, default ~/.cache/rrweb-peer) are absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import rrweb_py
from tests.conftest import corpus_or_skip
from tests.slow.test_clip_peer import _peer_or_skip, _reference, play_clip

pytestmark = pytest.mark.slow

#: case -> (selector mask rules, block rule); selectors chosen to match something in the case, some of them only
#: after a mutation (``li.hot``: a class set later; move-node: nodes moved under ``p`` and ``b``)
CASES: dict[str, tuple[dict[str, list[str]], list[str]]] = {
    "live/rrweb-form": ({"mask_text": ["label"], "mask_inputs": ["input", "select"]}, ["form"]),
    "live/rrweb-masking": ({"mask_text": ["p", "button"], "mask_inputs": ["input"]}, ["p", "button"]),
    "live/rrweb-shadow-dom": ({"mask_text": ["p", "div#host2"], "mask_inputs": ["input"]}, ["div#host2", "p"]),
    "live/rrweb-mutation-observer": ({"mask_text": ["li.hot", "p"], "mask_inputs": []}, ["li.hot", "p"]),
    "live/rrweb-move-node": ({"mask_text": ["p", "b", "section"], "mask_inputs": []}, ["p", "b"]),
    "live/pydoc-css-dynamic": ({"mask_text": ["p", "li"], "mask_inputs": ["input"]}, ["dl.py"]),
    "real/rrweb-player-demoit": ({"mask_text": ["pre.CodeMirror-line", "div#output"], "mask_inputs": ["textarea"]},
                                 ["div.CodeMirror"]),
    "real/chalk-ci-25131bfa": ({"mask_text": ["button", "span"], "mask_inputs": ["textarea"]}, ["button"]),
}
ALL = {"mask_all_text": True, "mask_all_inputs": True}

MASKED = re.compile(r"[\s*]*")
_COMPOUND = re.compile(r"([a-z][a-z0-9-]*)?((?:[.#][\w-]+)*)")
_CONTROLS = frozenset({"input", "textarea", "select", "option"})
#: parents whose text a text rule leaves readable (script) or masks only in CSS ``content`` strings (style)
_UNMASKED_PARENTS = frozenset({"script", "style"})

Node = dict[str, Any]


# ------------------------------------------------------------------------------------------ reading trees

def _walk(root: Node | None) -> Iterator[tuple[Node, Node | None]]:
    """Each node with its parent, parents before children."""
    if root is None:
        return
    stack: list[tuple[Node, Node | None]] = [(root, None)]
    while stack:
        n, parent = stack.pop()
        yield n, parent
        stack.extend((c, n) for c in n.get("childNodes") or [])


def _record(n: Node, parent: Node | None, children: Sequence[Node]) -> tuple:
    return (n["type"], (n.get("tagName") or "").lower() if n["type"] == 2 else None,
            parent["id"] if parent is not None else None, tuple(c["id"] for c in children),
            bool(n.get("isShadow")), bool(n.get("isShadowHost")))


def structure(root: Node | None) -> dict[int, tuple]:
    """id -> (type, tag, parent id, child ids in order, isShadow, isShadowHost)."""
    return {n["id"]: _record(n, parent, n.get("childNodes") or []) for n, parent in _walk(root)}


def _by_id(root: Node | None) -> dict[int, Node]:
    return {n["id"]: n for n, _ in _walk(root)}


def _matches(n: Node, selectors: Sequence[str]) -> bool:
    """Whether the serialized element ``n`` matches one of the compound selectors (``tag``, ``.c``, ``#i``)."""
    if n.get("type") != 2:
        return False
    attrs = n.get("attributes") or {}
    classes = str(attrs.get("class") or "").split()
    for sel in selectors:
        m = _COMPOUND.fullmatch(sel)
        assert m is not None, f"{sel!r}: the test reads only compound tag/.class/#id selectors"
        if m.group(1) and (n.get("tagName") or "").lower() != m.group(1):
            continue
        parts = re.findall(r"([.#])([\w-]+)", m.group(2))
        if all((attrs.get("id") == name) if kind == "#" else (name in classes) for kind, name in parts):
            return True
    return False


def _blocked_structure(root: Node | None, block: Sequence[str]) -> tuple[dict[int, tuple], list[int]]:
    """The structure of ``root`` with every element matching ``block`` (and not inside another) emptied, and the
    ids of those elements."""
    out: dict[int, tuple] = {}
    blocked: list[int] = []
    if root is None:
        return out, blocked
    stack: list[tuple[Node, Node | None]] = [(root, None)]
    while stack:
        n, parent = stack.pop()
        kids = n.get("childNodes") or []
        if _matches(n, block):
            kids = []
            blocked.append(n["id"])
        out[n["id"]] = _record(n, parent, kids)
        stack.extend((c, n) for c in kids)
    return out, blocked


def _structure_diff(want: dict[int, tuple], got: dict[int, tuple], limit: int = 6) -> list:
    keys = sorted(set(want) | set(got), key=str)
    return [(k, want.get(k), got.get(k)) for k in keys if want.get(k) != got.get(k)][:limit]


# ------------------------------------------------------------------------------------------ shared setup

def _load(case: str) -> tuple[Path, Any, list[dict]]:
    folder = corpus_or_skip() / case
    replay = rrweb_py.load(next(folder.glob("events.json*")))
    return folder, replay, _reference(folder)


def _covered(original: Node, rules: dict[str, Any]) -> tuple[set[int], set[int]]:
    """On the original page: the text nodes a text rule covers whose mask hides every character (not under
    ``<script>`` / ``<style>``), and the controls whose value a rule covers (checkbox and radio left out: their
    value is not typed, and a Replayer may read back ``"on"`` for one that had none). A rule covers an element
    that matches it and everything below (shadow trees included)."""
    texts: set[int] = set()
    values: set[int] = set()
    text_sels, input_sels = rules.get("mask_text", ()), rules.get("mask_inputs", ())
    stack: list[tuple[Node, str | None, bool, bool]] = [
        (original, None, bool(rules.get("mask_all_text")), bool(rules.get("mask_all_inputs")))]
    while stack:
        n, ptag, text_rule, input_rule = stack.pop()
        kind = n.get("type")
        if kind == 3:
            if (text_rule and ptag not in _UNMASKED_PARENTS and not n.get("isStyle")) or (
                    input_rule and ptag in ("textarea", "option")):
                texts.add(n["id"])
            continue
        tag = None
        if kind == 2:
            tag = (n.get("tagName") or "").lower()
            text_rule = text_rule or _matches(n, text_sels)
            input_rule = input_rule or _matches(n, input_sels)
            control = str((n.get("attributes") or {}).get("type") or "").lower()
            if (text_rule or input_rule) and tag in _CONTROLS and control not in ("checkbox", "radio"):
                values.add(n["id"])
        stack.extend((c, tag, text_rule, input_rule) for c in n.get("childNodes") or [])
    return texts, values


# ------------------------------------------------------------------------------------------ the tests

def _play(case: str, rules: dict[str, Any]) -> tuple[Any, list[dict], list[dict], Any]:
    """The original replay, its Replayer states (peer.json), the Replayer's states of the redacted recording at the
    same timestamps, and our replay of the redacted recording."""
    peer = _peer_or_skip()
    _, replay, original = _load(case)
    redacted = replay.redact(**rules)
    stamps = [p["timestamp"] for p in original]
    played = play_clip(peer, redacted, stamps)
    assert [p["timestamp"] for p in played] == stamps
    return replay, original, played, rrweb_py.load(redacted)


def _check_masks(case: str, t: float, rules: dict[str, Any], original: Node, shown: dict[int, Node], replay: Any,
                 ours: Any, blocked: Sequence[int] = ()) -> tuple[int, int]:
    """At ``t``: what our engine's frame of the redacted recording (``ours``) masks, the Replayer shows with the
    very same mask; and, read from the Replayer alone, what the rules cover on the original page shows masked.
    Returns how many masked texts and values each check saw (what a block rule removed or emptied, the ids
    ``blocked``, is not looked at: a placeholder keeps no value)."""
    engine = replayer = 0
    before = _by_id(replay.at_timestamp(t).to_rrweb())
    for nid, n in _by_id(ours.at_timestamp(t).to_rrweb()).items():
        was = before.get(nid)
        assert was is not None, (case, t, nid, "a node the original frame does not have")
        if n["type"] == 3 and n.get("textContent") != was.get("textContent"):
            engine += 1
            theirs = shown[nid].get("textContent") if nid in shown else "<absent>"
            assert theirs == n.get("textContent"), (case, t, nid, theirs, n.get("textContent"))
        elif n["type"] == 2 and nid not in blocked and (n.get("attributes") or {}).get(
                "value") != (was.get("attributes") or {}).get("value"):
            engine += 1
            theirs = (shown[nid].get("attributes") or {}).get("value") if nid in shown else "<absent>"
            assert theirs == n["attributes"].get("value"), (case, t, nid, theirs, n["attributes"].get("value"))
    texts, values = _covered(original, rules)
    for nid in texts & shown.keys():
        text = shown[nid].get("textContent") or ""
        assert MASKED.fullmatch(text), (case, t, nid, text[:120])
        replayer += bool(text.strip())
    for nid in values & shown.keys():
        value = (shown[nid].get("attributes") or {}).get("value")
        if isinstance(value, str):
            assert MASKED.fullmatch(value), (case, t, nid, shown[nid].get("tagName"), value[:120])
            replayer += bool(value.strip())
    return engine, replayer


@pytest.mark.parametrize("case", list(CASES))
def test_selector_masks_keep_the_structure_and_show_in_the_replayer(case):
    """Masks change texts and values only: the Replayer's tree is the original's, with our masks in it."""
    rules = CASES[case][0]
    replay, original, played, ours = _play(case, rules)
    engine = replayer = 0
    for ref, got in zip(original, played):
        t = ref["timestamp"]
        want, have = structure(ref["node"]), structure(got["node"])
        assert have == want, (case, t, _structure_diff(want, have))
        e, r = _check_masks(case, t, rules, ref["node"], _by_id(got["node"]), replay, ours)
        engine, replayer = engine + e, replayer + r
    print({"case": case, "rules": rules, "states": len(played), "engine_masked": engine, "replayer_masked": replayer})
    assert engine and replayer, "the rules masked nothing in this case: pick selectors that match"


@pytest.mark.parametrize("case", list(CASES))
def test_blocked_elements_are_empty_placeholders_in_the_replayer(case):
    """``block`` (with every text and input masked): the Replayer's tree is the original's minus the descendants of
    the blocked elements, which are there, childless, at every moment; what remains shows masked."""
    block = CASES[case][1]
    rules = {**ALL, "block": block}
    replay, original, played, ours = _play(case, rules)
    blocked_seen = engine = replayer = 0
    for ref, got in zip(original, played):
        t = ref["timestamp"]
        want, blocked = _blocked_structure(ref["node"], block)
        have = structure(got["node"])
        for nid in blocked:
            assert nid in have and have[nid][3] == (), (case, t, nid, have.get(nid))
        assert have == want, (case, t, _structure_diff(want, have))
        mine = structure(ours.at_timestamp(t).to_rrweb())
        assert mine == want, (case, t, "our engine", _structure_diff(want, mine))
        blocked_seen += len(blocked)
        e, r = _check_masks(case, t, rules, ref["node"], _by_id(got["node"]), replay, ours, set(blocked))
        engine, replayer = engine + e, replayer + r
    print({"case": case, "block": block, "states": len(played), "blocked": blocked_seen, "engine_masked": engine,
           "replayer_masked": replayer})
    assert blocked_seen, "the block rule matched nothing in this case"
    assert engine and replayer, "nothing was masked"
