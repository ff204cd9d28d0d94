"""Mutation semantics: removes, adds with the wait queue, moves, texts and attributes."""

from __future__ import annotations

import pytest

import rrweb_py
from tests.builders import add, child_ids, el, find, meta, mutation, page, snapshot, text


def replay(*events, **kw):
    """A replay of a Meta, a FullSnapshot of an empty page with <ul id=10>, and the given events."""
    doc = page(el(10, "ul", {"id": "list"}))
    return rrweb_py.load([meta(), snapshot(doc), *events], **kw)


def final(r):
    """The exported tree at the end."""
    return r.at(r.duration_ms).to_rrweb()


def test_adds_in_next_sibling_order():
    """Flat adds in any order land in the order their nextId says."""
    r = replay(mutation(10, adds=[
        add(10, el(13, "li"), None),
        add(10, el(11, "li"), 12),
        add(10, el(12, "li"), 13),
    ]), on_anomaly="raise")
    assert child_ids(final(r), 10) == [11, 12, 13]


def test_add_waits_for_parent_added_later_in_the_batch():
    """A child listed before its parent waits for it (rrweb's queue, resolved without a clock)."""
    r = replay(mutation(10, adds=[
        add(20, text(21, "hi")),
        add(10, el(20, "li")),
    ]), on_anomaly="raise")
    tree = final(r)
    assert child_ids(tree, 10) == [20]
    assert child_ids(tree, 20) == [21]


def test_add_that_never_resolves_is_reported_and_dropped():
    """An add whose parent never arrives is an anomaly, and the rest of the event still applies."""
    r = replay(mutation(10, adds=[add(999, el(30, "p")), add(10, el(31, "li"))]))
    tree = final(r)
    assert child_ids(tree, 10) == [31]
    assert [a.kind for a in r.anomalies] == ["missing-parent"]
    assert r.anomalies[0].path == "$[2].data.adds[0].parentId"


def test_strict_mode_raises_on_anomaly():
    """on_anomaly='raise' turns the first anomaly into AnomalyError."""
    r = replay(mutation(10, removes=[{"parentId": 10, "id": 12345}]), on_anomaly="raise")
    with pytest.raises(rrweb_py.AnomalyError, match="missing-node"):
        r.at(r.duration_ms)


def test_move_is_remove_then_add_of_same_id():
    """A moved node (remove + add with the same id) ends up in its new place with its re-sent subtree."""
    r = replay(
        mutation(10, adds=[add(10, el(11, "li")), add(11, text(12, "a")), add(10, el(13, "li"), 11)]),
        mutation(20, removes=[{"parentId": 10, "id": 13}], adds=[add(10, el(13, "li"), None)]),
        on_anomaly="raise",
    )
    assert child_ids(final(r), 10) == [11, 13]
    assert child_ids(final(r), 11) == [12]


def test_removed_subtree_ids_are_unmapped():
    """Removing a node drops it and its descendants from the mirror."""
    r = replay(
        mutation(10, adds=[add(10, el(11, "li")), add(11, text(12, "a"))]),
        mutation(20, removes=[{"parentId": 10, "id": 11}]),
        on_anomaly="raise",
    )
    frame = r.at(r.duration_ms)
    assert 11 not in frame.state.mirror
    assert 12 not in frame.state.mirror


def test_texts_and_attributes_apply_after_adds():
    """Text and attribute changes of a node added in the same batch apply to it."""
    r = replay(mutation(10, adds=[add(10, el(11, "li")), add(11, text(12, "a"))],
                        texts=[{"id": 12, "value": "b"}],
                        attributes=[{"id": 11, "attributes": {"class": "x", "title": None}}]),
               on_anomaly="raise")
    tree = final(r)
    assert find(tree, 12)["textContent"] == "b"
    assert find(tree, 11)["attributes"] == {"class": "x"}


def test_style_attribute_diff_object():
    """A style diff object sets and removes properties on the style attribute."""
    r = replay(
        mutation(10, attributes=[{"id": 10, "attributes": {"style": "color: red;"}}]),
        mutation(20, attributes=[{"id": 10, "attributes": {"style": {"color": False, "width": "10px"}}}]),
        on_anomaly="raise",
    )
    assert find(final(r), 10)["attributes"]["style"] == "width: 10px;"


def test_node_added_under_its_own_descendant_is_refused():
    """Adding a mapped node under its own descendant is refused; the tree stays as it was."""
    r = replay(
        mutation(10, adds=[add(10, el(11, "li")), add(11, el(12, "span"))]),
        mutation(20, adds=[add(12, el(11, "li"))]),
    )
    tree = final(r)
    assert child_ids(tree, 10) == [11]
    assert child_ids(tree, 11) == [12]
    assert [a.kind for a in r.anomalies] == ["refused"]


def test_duplicate_id_of_different_node_is_refused():
    """An add that reuses the id of a different kind of node is refused."""
    r = replay(mutation(10, adds=[add(10, text(5, "oops"))]))
    tree = final(r)
    assert find(tree, 5)["tagName"] == "body"
    assert child_ids(tree, 10) == []
    assert r.anomalies[0].kind == "duplicate-id"


def test_events_are_not_mutated():
    """Replaying never changes the loaded events."""
    import orjson

    events = [meta(), snapshot(page(el(10, "ul"))),
              mutation(10, adds=[add(10, el(11, "li"))], removes=[{"parentId": 5, "id": 999}])]
    before = orjson.dumps(events)
    r = rrweb_py.load(events)
    for t in (0, 5, 10, 5, 10):
        r.at(t).to_rrweb()
    assert orjson.dumps(events) == before


def test_iframe_document_attached_later_and_nested_early():
    """An iframe's document arriving before its iframe waits for it; attached documents are the iframe's child."""
    doc_a = {"type": 0, "id": 30, "childNodes": [el(31, "html", {}, el(32, "body", {}, el(33, "iframe")))]}
    doc_b = {"type": 0, "id": 40, "childNodes": [el(41, "html", {}, el(42, "body", {}, text(43, "deep")))]}
    r = replay(
        mutation(10, adds=[add(33, doc_b)]),  # nested document first: its iframe does not exist yet
        mutation(20, adds=[add(10, el(20, "iframe"))]),
        mutation(30, adds=[add(20, doc_a)]),
        on_anomaly="raise",
    )
    tree = final(r)
    assert child_ids(tree, 20) == [30]
    assert child_ids(tree, 33) == [40]
    assert find(tree, 43)["textContent"] == "deep"


def test_shadow_children():
    """isShadow adds go into the host's shadow root and are exported after light children, flagged."""
    r = replay(mutation(10, adds=[add(10, el(11, "li")), add(10, el(12, "span", {}, isShadow=True))]),
               on_anomaly="raise")
    tree = final(r)
    host = find(tree, 10)
    assert host["isShadowHost"] is True
    assert [c["id"] for c in host["childNodes"]] == [11, 12]
    assert host["childNodes"][1]["isShadow"] is True
