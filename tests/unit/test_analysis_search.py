"""Search by what the user saw: the incremental text index, find_text, find(selector) and node lifetimes."""

from __future__ import annotations

import collections

import pytest

import rrweb_py
from rrweb_py._read.frame import Frame
from rrweb_py._read.query import page_text
from rrweb_py.analysis import any_intervals, find, find_text, lifetime
from rrweb_py.analysis._walk import walk
from rrweb_py.analysis.selectors import SelectorIndex
from rrweb_py.analysis.text import TextIndex
from rrweb_py.errors import InvalidArgument
from tests.builders import add, el, meta, mutation, page, snapshot, text
from tests.conftest import corpus_or_skip

CASES = ["live/rrweb-form", "live/rrweb-mutation-observer", "live/rrweb-move-node", "live/rrweb-shadow-dom",
         "live/rrweb-masking", "live/rrweb-shuffle", "live/rrweb-dialog", "real/chalk-ci-25131bfa",
         "real/rrweb-player-demoit", "real/posthog-2windows-w0", "fixture/iframe"]
SELECTORS = ["div", "li", "ul > li", "div span", "li:first-child", "li:nth-child(2n+1)", "h1 ~ p", "[class]",
             "input[type=checkbox]", "div:not(.x) > *", "body *:empty", "a[href^=http]", "option[selected]", "[value]",
             "input:checked"]


class _Check:
    """Compares the indexes with Frame at every settled moment."""

    def __init__(self, replay, text_index, selector_index):
        self.replay, self.text, self.sel = replay, text_index, selector_index
        self.moments = 0

    def before(self, *a):
        """Nothing before."""

    def after(self, *a):
        """Nothing after."""

    def settle(self, ts, state):
        """Lines and matches equal what Frame shows."""
        self.moments += 1
        want = sorted(line for line in page_text(state).split("\n") if line)
        assert self.text.current_lines() == want, ts
        frame = Frame(state, ts, self.replay)
        for t in self.sel.trackers:
            assert set(t.open) == {v.id for v in frame.select(t.css)}, (t.css, ts)


@pytest.mark.parametrize("case", CASES)
def test_indexes_equal_frame_text_and_select_at_every_moment(case):
    """The incremental text lines equal Frame.text() and each selector's matches equal Frame.select()."""
    replay = rrweb_py.load(corpus_or_skip() / case / "events.json")
    text_index = TextIndex()
    selector_index = SelectorIndex(replay, SELECTORS, describe_elements=False)
    check = _Check(replay, text_index, selector_index)
    walk(replay, [text_index, selector_index, check])
    assert check.moments > 0


def test_find_text_real_answers():
    """rrweb-dialog: 'second text' arrives at 584 ms; mutation-observer: 'changed text' shows then goes."""
    corpus = corpus_or_skip()
    dialog = rrweb_py.load(corpus / "live" / "rrweb-dialog" / "events.json")
    (hit,) = find_text(dialog, "second text")
    assert (hit.start_ms, hit.end_ms, hit.line) == (584, None, "second text")
    assert "second text" in dialog.at(hit.start_ms).text() and "second text" not in dialog.at(hit.start_ms - 1).text()
    mo = rrweb_py.load(corpus / "live" / "rrweb-mutation-observer" / "events.json")
    (changed,) = find_text(mo, "changed text")
    assert changed.end_ms is not None
    assert "changed text" in mo.at(changed.start_ms).text()
    assert "changed text" not in mo.at(changed.end_ms).text()
    assert find_text(mo, "CHANGED TEXT") == []
    assert len(find_text(mo, "CHANGED TEXT", ignore_case=True)) == 1


def test_find_text_intervals_agree_with_frames_on_chalk():
    """At sampled offsets a text is in Frame.text() exactly when an interval covers the offset."""
    replay = rrweb_py.load(corpus_or_skip() / "real" / "chalk-ci-25131bfa" / "events.json")
    for needle in ["5 minutes", "low-energy", "25 minutes", "Temp Test Prefix"]:
        spans = find_text(replay, needle)
        assert spans, needle
        for offset in range(0, int(replay.duration_ms), 250):
            shown = needle in replay.at(offset).text()
            assert shown == any(s.contains(offset) for s in spans), (needle, offset)


def test_find_text_hand_built_spanning_inline_elements_and_masking():
    """A text split over inline elements is found; a block boundary splits lines; removal ends the interval."""
    doc = page(el(10, "p", {}, text(11, "Pay"), el(12, "b", {}, text(13, "ment failed"))))
    events = [meta(), snapshot(doc), mutation(100, texts=[{"id": 13, "value": "ok"}]),
              mutation(200, adds=[add(5, el(20, "div", {}, text(21, "Payment")))]),
              mutation(300, adds=[add(5, el(22, "div", {}, text(23, "failed")))])]
    replay = rrweb_py.load(events, on_anomaly="raise")
    (span,) = find_text(replay, "Payment  failed")
    assert (span.start_ms, span.end_ms, span.line) == (1, 100, "Payment failed")  # 'failed' then became 'ok'
    assert find_text(replay, "Payment failed")[1:] == []  # the two divs make two lines, never one
    with pytest.raises(InvalidArgument):
        find_text(replay, "  ")


def test_find_selector_real_and_hand_built():
    """dialog[open] appears and disappears as the scenario opens and closes dialogs."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-dialog" / "events.json")
    found = find(replay, "dialog[open]")
    assert [(a.node_id, a.start_ms, a.end_ms) for a in found] == [(6, 341, 584), (6, 835, None), (10, 1090, 1388)]
    assert found[0].element.selector == "html > body > dialog"
    assert any_intervals(found) == [(341, 584), (835, None)]
    assert find(replay, "video") == []
    with pytest.raises(InvalidArgument):
        find(replay, "[[")


def test_find_several_selectors_in_one_walk_and_navigation_ends_stays():
    """Several selectors share one walk; a new document (FullSnapshot) ends every stay."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-masking" / "events.json")
    found = find(replay, ["div", "button#show-password"])
    by = collections.Counter(a.selector for a in found)
    assert by["button#show-password"] == 1
    assert all(a.end_ms is not None for a in found if a.selector == "div" and a.start_ms < 600)


def test_lifetime_of_nodes():
    """A node's stays: added, removed, added again; ids of an unknown node have none."""
    doc = page(el(10, "ul", {}))
    events = [meta(), snapshot(doc), mutation(100, adds=[add(10, el(20, "li", {}, text(21, "x")))]),
              mutation(200, removes=[{"parentId": 10, "id": 20}]),
              mutation(300, adds=[add(10, el(20, "li", {}, text(21, "y")))])]
    replay = rrweb_py.load(events, on_anomaly="raise")
    stays = lifetime(replay, [20, 21, 99])
    assert [(s.node_id, s.start_ms, s.end_ms) for s in stays] == [
        (20, 100, 200), (21, 100, 200), (20, 300, None), (21, 300, None)]
    assert stays[1].text == "x"
