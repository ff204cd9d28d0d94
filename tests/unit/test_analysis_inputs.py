"""Every committed value of a form control reaches the timeline and the transcript: the text an app clears on Enter,
the value when the field loses focus, the final value; masked as the recorder or the caller asks."""

from __future__ import annotations

import rrweb_py
from rrweb_py.analysis import timeline, transcript
from tests.builders import add, el, inc, meta, mutation, page, snapshot, text


def _todo_events(n: int, word: str = "todo number {k}") -> list[dict]:
    """A TodoMVC-like page: each todo typed a key at a time, added to the list, and the box cleared by the app."""
    events = [meta(0), snapshot(page(el(10, "input", {"type": "text", "class": "new-todo"}), el(11, "ul", {})))]
    t, nid = 10, 100
    for k in range(n):
        value = word.format(k=k)
        for j in range(1, len(value) + 1):
            events.append(inc(t, 5, id=10, text=value[:j], isChecked=False, userTriggered=True))
            t += 5
        events.append(mutation(t, adds=[add(11, el(nid, "li", {}, text(nid + 1, value)))]))
        events.append(inc(t, 5, id=10, text="", isChecked=False, userTriggered=False))  # the app empties the box
        t += 20
        nid += 2
    return events


def test_three_hundred_todos_give_three_hundred_lines():
    """300 todos typed and cleared on Enter: 300 transcript lines, each with its todo's text, in order."""
    replay = rrweb_py.load(_todo_events(300))
    lines = [line for line in transcript(replay, signals=None).splitlines() if '] type "' in line]
    assert len(lines) == 300
    assert [line.split('"')[1] for line in lines] == [f"todo number {k}" for k in range(300)]
    assert lines[0] == '[00:00.010] type "todo number 0" in input[text], then cleared (html > body > input.new-todo)'
    entries = timeline(replay, kinds=["input"])
    assert [e.value for e in entries] == [f"todo number {k}" for k in range(300)]
    assert entries[0].count == len("todo number 0") and entries[0].end_offset_ms == 70


def test_cleared_values_are_masked_when_asked():
    """mask_inputs="all" masks the committed values as rrweb does (one * per character)."""
    replay = rrweb_py.load(_todo_events(2))
    entries = timeline(replay, kinds=["input"], mask_inputs="all")
    assert [e.value for e in entries] == ["*" * 13, "*" * 13]
    assert 'type "todo' not in transcript(replay, signals=None, mask_inputs="all")  # the list items are page text


def test_value_on_blur_and_final_value():
    """A blur ends a run (the value then is committed), later typing in the same field is a new entry, and the
    final value is kept; deleting one character at a time down to empty is a clear, not a commit."""
    doc = page(el(10, "input", {"type": "text"}), el(20, "textarea", {}))
    events = [meta(0), snapshot(doc)]
    t = 10
    for v in ("ab", "abc"):
        events.append(inc(t, 5, id=10, text=v, isChecked=False))
        t += 10
    events.append(inc(t, 2, type=6, id=10))  # Blur
    t += 10
    for v in ("abcd", "abcde"):
        events.append(inc(t, 5, id=10, text=v, isChecked=False))
        t += 10
    for v in ("x", ""):
        events.append(inc(t, 5, id=20, text=v, isChecked=False))
        t += 10
    replay = rrweb_py.load(events)
    summaries = [e.summary for e in timeline(replay, kinds=["input"])]
    assert summaries == ['type "abc" in input[text]', 'type "abcde" in input[text]', "clear textarea"]


def test_a_new_page_ends_a_run():
    """The same node id on the next page is another field: its run starts anew."""
    events = [meta(0), snapshot(page(el(10, "input", {"type": "text"}))),
              inc(10, 5, id=10, text="first", isChecked=False),
              meta(100, "http://example.test/next"), snapshot(page(el(10, "input", {"type": "search"})), 101),
              inc(120, 5, id=10, text="second", isChecked=False)]
    values = [e.value for e in timeline(rrweb_py.load(events), kinds=["input"])]
    assert values == ["first", "second"]


def test_a_box_the_page_ticks_is_not_the_users_action():
    """A box that changes with no click on it or on a label in the second before (or that the recorder marks
    userTriggered: false) reads "the page checks ..."; one the user clicked reads "check ..."."""
    body = [el(10, "input", {"type": "checkbox", "id": "all"}),
            el(11, "label", {}, el(12, "input", {"type": "checkbox", "id": "l"}), text(13, "via label")),
            el(14, "input", {"type": "checkbox", "id": "c"}), el(15, "input", {"type": "checkbox", "id": "u"})]
    events = [meta(0), snapshot(page(*body)),
              inc(100, 5, id=10, text="on", isChecked=True),  # the app ticks "select all": no click
              inc(200, 2, type=2, id=13, x=1, y=1), inc(201, 5, id=12, text="on", isChecked=True),  # label text
              inc(300, 2, type=2, id=14, x=1, y=1), inc(301, 5, id=14, text="on", isChecked=True),
              inc(2000, 5, id=10, text="on", isChecked=False),  # a second after the last click: the page
              inc(2100, 2, type=2, id=15, x=1, y=1), inc(2101, 5, id=15, text="on", isChecked=True,
                                                           userTriggered=False)]
    summaries = [e.summary for e in timeline(rrweb_py.load(events), kinds=["input"])]
    assert summaries == ["the page checks input[checkbox]#all", "check input[checkbox]#l",
                         "check input[checkbox]#c", "the page unchecks input[checkbox]#all",
                         "the page checks input[checkbox]#u"]
