"""Redaction: masks, rules, the rewrite of hand-written streams, and the CLI (properties on random and corpus
recordings are in tests/slow/test_redact_properties.py, rrweb's Replayer in tests/slow/test_redact_peer.py)."""

from __future__ import annotations

import json

import pytest

import rrweb_py
from rrweb_py.cli import main
from rrweb_py.errors import InvalidArgument
from rrweb_py.redact import Rules, mask_css, mask_text, mask_value, strip_url
from tests.builders import add, el, inc, meta, mutation, page, snapshot, text


def test_masks_keep_the_shape():
    assert mask_text("Jane Doe\n x") == "**** ***\n *"
    assert mask_value("a b") == "***"
    assert mask_css('p::after { content: "Hi \\"you\\"" } a { color: red }') == (
        'p::after { content: "** *******" } a { color: red }')
    assert strip_url("https://x.test/a?b=1#c") == "https://x.test/a"
    assert strip_url("#frag") == ""


@pytest.mark.parametrize("bad", [":hover", "p:has(a)", "p::before", "p[", "", 5])
def test_rules_refuse_selectors_that_do_not_depend_on_the_tree_alone(bad):
    with pytest.raises(InvalidArgument):
        Rules(mask_text=[bad])


def test_rules_refuse_wrong_types():
    with pytest.raises(InvalidArgument):
        Rules(mask_all_text="yes")
    with pytest.raises(InvalidArgument):
        Rules(mask_attributes="title")


def _events():
    return [
        meta(0, href="http://example.test/p?user=42"),
        snapshot(page(el(6, "div", {"class": "card"}, text(7, "Jane Doe")),
                      el(8, "p", {"title": "Private note"}, text(9, "open text")),
                      el(10, "input", {"type": "text", "value": "secret"}))),
        mutation(10, adds=[add(6, text(11, "added later"))]),
        inc(20, 5, id=10, text="typed words", isChecked=False),
        mutation(30, attributes=[{"id": 8, "attributes": {"class": "card"}}]),
        mutation(40, removes=[{"parentId": 5, "id": 8}], adds=[add(6, el(8, "p", {}, text(9, "open text")))]),
    ]


def test_a_text_added_later_and_a_node_moved_under_a_masked_element_are_masked():
    replay = rrweb_py.load(_events())
    out = replay.redact(mask_text=[".card"], mask_inputs=["input"], strip_query=True)
    assert out[0]["data"]["href"] == "http://example.test/p"
    again = rrweb_py.load(out)
    f1 = again.at(15)
    assert f1.node(7).text == "**** ***" and f1.node(11).text == "***** *****" and f1.node(9).text == "open text"
    assert again.at(25).form_values()[10] == "*" * len("typed words")
    f3 = again.at(35)  # the class came to the paragraph itself: its text and title are masked from then on
    assert f3.node(9).text == "**** ****" and f3.node(8).attributes["title"] == "******* ****"
    assert again.at(45).node(9).text == "**** ****"
    blob = json.dumps(out)
    for secret in ("Jane", "added later", "typed words", "secret", "user=42"):  # the title was shown unmasked at first
        assert secret not in blob
    assert replay.events[1]["data"]["node"]["childNodes"][1]["childNodes"][1]["childNodes"][0]["childNodes"][0][
        "textContent"] == "Jane Doe"  # the replay's own events are not changed


def test_a_blocked_element_keeps_its_place_and_loses_its_content_and_events():
    replay = rrweb_py.load(_events())
    out = replay.redact(block=[".card"])
    again = rrweb_py.load(out)
    card = again.at(15).node(6)
    assert card is not None and card.children == []
    assert again.at(45).node(8) is None  # moved into the blocked card: gone with it
    assert "Jane" not in json.dumps(out) and "added later" not in json.dumps(out)


def test_logs_and_custom_events_are_masked_or_dropped():
    events = [*_events(), {"type": 6, "timestamp": rrweb_py_t(50), "data": {
        "plugin": "rrweb/console@1", "payload": {"level": "log", "payload": ["Jane Doe paid"], "trace": []}}}]
    replay = rrweb_py.load(events)
    masked = replay.redact(mask_all_text=True)
    assert masked[-1]["data"]["payload"] == {"level": "log", "payload": ["**** *** ****"], "trace": []}
    assert all(ev["type"] != 6 for ev in replay.redact(mask_all_text=True, drop_plugins=True))


def rrweb_py_t(offset: int) -> int:
    from tests.builders import T0

    return T0 + offset


def test_cli_redacts_into_a_file_that_loads(tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(_events()))
    out = tmp_path / "out.json.gz"
    assert main(["redact", str(src), "-o", str(out), "--mask-all-text", "--mask-input", "input", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["container"] == "array" and summary["events_in"] == len(_events())
    again = rrweb_py.load(out)
    assert again.at(45).node(7).text == "**** ***"
    assert main(["redact", str(src), "-o", str(out), "--mask-text", "p:hover"]) == 2
