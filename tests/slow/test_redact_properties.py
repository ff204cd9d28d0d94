"""Redaction properties on random recordings and on the corpus.

(1) Nothing masked leaks: under ``mask_all_text`` + ``mask_all_inputs``, no word of 3 characters or more that the
page showed or people typed (text nodes, values, the listed attributes, Input events) appears in the redacted
bytes, unless it is also part of what the rules keep (tag and attribute names, classes, CSS, URLs...).
(2) The redacted recording plays the masked page: ``load(redacted).at(t)`` equals the original frame at ``t`` with
the same masks applied (:meth:`Redactor.page`), for random rules and random moments, whatever moved where in
between (the corrections written after an event are what makes this hold).
(3) Unmasked content is byte-identical: rules that match nothing give back the very bytes.
"""

from __future__ import annotations

import copy
import re

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrweb_py
from rrweb_py.redact import Rules, iter_redacted
from rrweb_py.redact.rewrite import Redactor
from tests.conftest import corpus_or_skip
from tests.strategies import streams

pytestmark = pytest.mark.slow

#: selectors over what tests.strategies generates (its tags, classes "x", "a b", "1", its attributes)
POOL = ["div", "p", "span", "li", "ul", "section", "textarea", "input", "select", "option", ".x", ".a", "[class]",
        "[title]", "[data-x]", "#x", "div > p", "div p", "div span", "div + p", "p ~ span", "span + *",
        ":first-child", "li:nth-child(2n)", ":last-child", "*:not(div)", "[title=x]", ":empty", "body > *",
        ":root", "p:only-child", "[lang|=a]", "[data-y^=a]"]

CORPUS_CASES = ["live/rrweb-form", "live/rrweb-masking", "live/rrweb-shadow-dom", "live/rrweb-mutation-observer",
                "live/rrweb-move-node", "live/rrweb-shuffle", "live/rrweb-style", "live/rrweb-dialog",
                "live/rrweb-react-styled", "live/rrweb-select2", "live/pydoc-css-dynamic",
                "live/rrweb-benchmark-churn", "real/rrweb-player-demoit", "real/chalk-ci-25131bfa",
                "real/chalk-prod-30497eae", "real/posthog-2windows-w0", "real/posthog-2windows-w1"]


@st.composite
def rule_sets(draw):
    pick = st.lists(st.sampled_from(POOL), max_size=3)
    return Rules(mask_all_text=draw(st.booleans()) and draw(st.booleans()), mask_text=draw(pick),
                 mask_all_inputs=draw(st.booleans()) and draw(st.booleans()), mask_inputs=draw(pick),
                 block=draw(st.lists(st.sampled_from(POOL), max_size=2)), strip_query=draw(st.booleans()))


def _clean(sn):
    """A serialized tree without what only the writer adds (``needBlock``) and with the chosen option of a masked
    select left out: masked option values can coincide, and then the first of them shows (docs/redaction.md);
    the window's scroll, which the export writes on the root element (a blocked root keeps none), left out too."""
    if sn is None:
        return None
    sn = dict(sn)
    stack = [sn]
    while stack:  # a copy made as it goes, without recursion: the churn page is deeper than the stack
        n = stack.pop()
        n.pop("needBlock", None)
        if isinstance(n.get("attributes"), dict):
            n["attributes"] = dict(n["attributes"])
        if isinstance(n.get("childNodes"), list):
            n["childNodes"] = [dict(c) for c in n["childNodes"]]
        attrs = n.get("attributes")
        if isinstance(attrs, dict) and (n.get("tagName") == "html" or not n.get("childNodes")):
            attrs.pop("rr_scrollLeft", None)  # the window's scroll, written on the root; an element blocked
            attrs.pop("rr_scrollTop", None)  # after it was scrolled keeps its offset (docs/redaction.md)
        if isinstance(attrs, dict) and n.get("tagName") in ("option", "select"):
            attrs.pop("selected", None)
            if n.get("tagName") == "select":
                attrs.pop("value", None)
        stack.extend(n.get("childNodes") or ())
    return sn


def assert_plays_masked(replay, rules, offsets):
    redacted = list(iter_redacted(replay, rules))
    again = rrweb_py.load(redacted, on_anomaly="collect")
    oracle = Redactor(rules)
    for offset in offsets:
        t = replay.start_timestamp + offset
        want = _clean(oracle.page(replay.at_timestamp(t).state))
        got = _clean(again.at_timestamp(t).to_rrweb())
        difference = _first_difference(got, want)  # not ==: it recurses, and the churn page is deep
        assert difference is None, (offset, difference)
    return redacted


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(streams(max_steps=14), rule_sets(), st.data())
def test_random_recordings_play_the_masked_page(events, rules, data):
    replay = rrweb_py.load(copy.deepcopy(events))
    offsets = data.draw(st.lists(st.floats(0, max(replay.duration_ms, 1)), min_size=1, max_size=4))
    before = orjson.dumps(replay.events)
    assert_plays_masked(replay, rules, [*offsets, replay.duration_ms])
    assert orjson.dumps(replay.events) == before  # the replay's own events are never changed


@pytest.mark.xfail(strict=False, reason="known gap: on snapshots that carry the recorder's form-state attributes "
                   "(value, checked, selected written by the recorder) a correction written after a rule starts or "
                   "stops covering a control does not always restore that state exactly; see docs/redaction.md")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(streams(max_steps=10, rich=True), rule_sets())
def test_random_recordings_with_form_state_play_the_masked_page(events, rules):
    replay = rrweb_py.load(copy.deepcopy(events))
    assert_plays_masked(replay, rules, [replay.duration_ms / 2, replay.duration_ms])


def _recording(case):
    folder = corpus_or_skip() / case
    return rrweb_py.load(next(folder.glob("events.json*")))


def _selector_pool(replay):
    """Selectors built from the tags, classes and ids the recording's last page has."""
    frame = replay.at(replay.duration_ms)
    tags, classes = set(), set()
    for node in frame.state.mirror.values():
        if node.type == 2 and node.tag:
            tags.add(node.tag)
            classes.update(str((node.attrs or {}).get("class", "")).split())
    pool = sorted(t for t in tags if re.fullmatch(r"[a-z][a-z0-9-]*", t))
    pool += sorted("." + c for c in classes if re.fullmatch(r"-?[_a-zA-Z][_a-zA-Z0-9-]*", c))[:30]
    pool += ["div > *", "ul li", "p + *", "li:nth-child(odd)", "input", "textarea", "[type=text]"]
    return pool


@pytest.mark.parametrize("case", CORPUS_CASES)
def test_corpus_recordings_play_the_masked_page(case):
    replay = _recording(case)
    pool = _selector_pool(replay)

    @settings(max_examples=6, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.lists(st.sampled_from(pool), min_size=1, max_size=3), st.lists(st.sampled_from(pool), max_size=2),
           st.lists(st.sampled_from(pool), max_size=1), st.lists(st.floats(0, replay.duration_ms), min_size=2,
                                                                 max_size=4))
    def check(text, inputs, block, offsets):
        rules = Rules(mask_text=text, mask_inputs=inputs, block=block)
        assert_plays_masked(replay, rules, [*offsets, replay.duration_ms])

    check()


def _shown_and_kept(events):
    """What the page showed or people typed, and the recording with all of it emptied (what masks keep)."""
    found: set[str] = set()
    tags: dict = {}
    names = ("value", "placeholder", "title", "alt", "aria-label")

    def empty_tree(root, ptag):
        stack = [(root, ptag)]
        while stack:
            n, ptag = stack.pop()
            if not isinstance(n, dict):
                continue
            if n.get("type") == 2:
                tags[n.get("id")] = n.get("tagName")
            if n.get("type") == 3 and isinstance(n.get("textContent"), str) and not n.get("isStyle") and ptag not in (
                    "style", "script"):
                found.add(n["textContent"])
                n["textContent"] = ""
            attrs = n.get("attributes")
            if isinstance(attrs, dict):
                for k in names:
                    if isinstance(attrs.get(k), str):
                        found.add(attrs[k])
                        attrs[k] = ""
            for c in n.get("childNodes") or ():
                if isinstance(c, dict):
                    parents[c.get("id")] = n.get("id")
                    stack.append((c, n.get("tagName")))

    parents: dict = {}
    kept = orjson.loads(orjson.dumps(list(events)))
    for ev in kept:
        data = ev.get("data") if isinstance(ev.get("data"), dict) else {}
        if ev["type"] == 2:
            empty_tree(data.get("node"), None)
        elif ev["type"] == 3 and data.get("source") == 0:
            for a in data.get("adds") or ():
                node = a.get("node") or {}
                parents[node.get("id")] = a.get("parentId")
                empty_tree(node, tags.get(a.get("parentId")))
            for t in data.get("texts") or ():
                if isinstance(t.get("value"), str) and tags.get(parents.get(t.get("id"))) not in ("style", "script"):
                    found.add(t["value"])
                    t["value"] = ""
            for a in data.get("attributes") or ():
                for k in names:
                    if isinstance((a.get("attributes") or {}).get(k), str):
                        found.add(a["attributes"][k])
                        a["attributes"][k] = ""
        elif ev["type"] == 3 and data.get("source") == 5 and isinstance(data.get("text"), str):
            found.add(data["text"])
            data["text"] = ""
    return found, orjson.dumps(kept).decode()


@pytest.mark.parametrize("case", [c for c in CORPUS_CASES if "churn" not in c])
def test_nothing_masked_leaks(case):
    replay = _recording(case)
    found, kept = _shown_and_kept(replay.events)
    words = {w for s in found for w in re.split(r"\s+", s) if len(w) >= 3 and set(w) != {"*"} and w not in kept}
    redacted = orjson.dumps(list(iter_redacted(replay, Rules(mask_all_text=True, mask_all_inputs=True)))).decode()
    assert sorted(w for w in words if w in redacted) == []


@pytest.mark.parametrize("case", CORPUS_CASES)
def test_rules_that_match_nothing_give_back_the_same_bytes(case):
    replay = _recording(case)
    rules = Rules(mask_text=[".no-such-class"], mask_inputs=["#no-such-id"], block=["no-such-tag"])
    redacted = list(iter_redacted(replay, rules))
    passwords = [ev for ev in replay.events if "password" in orjson.dumps(ev).decode()]
    if passwords:
        pytest.skip("the recording has password fields, which are always masked")
    assert orjson.dumps(redacted) == orjson.dumps(replay.events)


def _first_difference(a, b):
    """Where two serialized trees first differ (for failure messages)."""
    stack = [(a, b, "")]
    while stack:
        x, y, path = stack.pop()
        if type(x) is not type(y):
            return path, x, y
        if isinstance(x, dict):
            for k in sorted(set(x) | set(y)):
                if k not in x or k not in y:
                    return f"{path}/{k}", x.get(k), y.get(k)
                stack.append((x[k], y[k], f"{path}/{k}" + (f"#{x.get('id')}" if k == "childNodes" else "")))
        elif isinstance(x, list):
            if len(x) != len(y):
                return path, [c.get("id") for c in x if isinstance(c, dict)], [c.get("id") for c in y
                                                                                 if isinstance(c, dict)]
            stack.extend((p, q, f"{path}[{i}]") for i, (p, q) in enumerate(zip(x, y)))
        elif x != y:
            return path, x, y
    return None
