"""Clicks resolved to their elements: real scenarios of the corpus and small hand-built streams."""

from __future__ import annotations

import json

import pytest

import rrweb_py
from rrweb_py._read.frame import Frame
from rrweb_py.analysis import find_clicks, to_rows
from tests.builders import el, inc, meta, page, snapshot, text
from tests.conftest import corpus_or_skip

CLICK_OPS = ("click", "check", "uncheck", "dblclick")


def _frame_at_click(replay, click):
    return Frame(replay.state_after(click.index + 1), click.timestamp, replay)


@pytest.mark.parametrize("case", ["rrweb-form", "rrweb-dialog", "rrweb-masking", "rrweb-react-styled"])
def test_clicks_land_on_the_scenario_elements(case):
    """Each clicking step of case.json (click, check, uncheck) is one click on the element its selector names."""
    folder = corpus_or_skip() / "live" / case
    replay = rrweb_py.load(folder / "events.json")
    steps = [s for s in json.loads((folder / "case.json").read_text())["steps"] if s["op"] in CLICK_OPS]
    clicks = [c for c in find_clicks(replay) if c.kind == "click"]
    assert len(clicks) == len(steps)
    for step, click in zip(steps, clicks):
        frame = _frame_at_click(replay, click)
        assert [v.id for v in frame.select(step["sel"])] == [click.element.node_id], step


def test_form_clicks_real_answers():
    """rrweb-form: the radio 'on', then the checkbox twice, with tags, labels and context text."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-form" / "events.json")
    clicks = find_clicks(replay)
    assert [(c.kind, c.element.tag, c.element.attributes.get("type")) for c in clicks] == [
        ("click", "input", "radio"), ("click", "input", "checkbox"), ("click", "input", "checkbox")]
    assert [round(c.offset_ms) for c in clicks] == [1036, 1066, 2448]
    assert clicks[0].element.selector == "html > body > form > label:nth-of-type(2) > input"
    assert clicks[0].element.label == 'input[radio] "toggle"'
    assert "hello world" in clicks[0].context
    assert clicks[0].element.ancestors[:3] == ("label", "form", "body")


def test_select2_records_no_click():
    """select2 reacts on mousedown: the recording holds mousedown/up but no click, so there is none to report."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-select2" / "events.json")
    assert find_clicks(replay) == []


@pytest.mark.parametrize("path", ["real/chalk-ci-25131bfa", "real/chalk-dev-6c720608", "real/chalk-prod-30497eae",
                                  "real/posthog-2windows-w0", "real/posthog-2windows-w1", "real/rrweb-player-demoit"])
def test_real_click_selectors_select_exactly_their_element(path):
    """On real recordings every click resolves, and its selector selects exactly that element at that moment."""
    replay = rrweb_py.load(corpus_or_skip() / path / "events.json")
    clicks = find_clicks(replay)
    assert clicks
    for click in clicks:
        assert click.element is not None
        frame = _frame_at_click(replay, click)
        assert [v.id for v in frame.select(click.element.selector)] == [click.element.node_id]


def test_real_answers_on_chalk_and_posthog():
    """Known answers: chalk-ci's 'Close modal' button, posthog's double click on 'Capture event'."""
    corpus = corpus_or_skip()
    chalk = find_clicks(rrweb_py.load(corpus / "real" / "chalk-ci-25131bfa" / "events.json"))
    assert len(chalk) == 25
    assert [c.element.label for c in chalk if round(c.offset_ms) == 1556] == ['button "Close modal"']
    posthog = find_clicks(rrweb_py.load(corpus / "real" / "posthog-2windows-w0" / "events.json"))
    assert [c.kind for c in posthog].count("dblclick") == 1
    assert {c.element.label for c in posthog if c.kind == "dblclick"} == {'button "Capture event"'}
    assert posthog[1].element.selector == "div#__next > main > div.buttons > button:nth-of-type(1)"


def _stream(*events):
    doc = page(
        el(10, "div", {"id": "app", "class": "shell bJCmFu"},
           el(11, "button", {"class": "btn primary", "data-testid": "save"}, el(12, "span", {}, text(13, "Save"))),
           el(14, "a", {"href": "/x", "aria-label": "Go"}, text(15, "go")),
           el(16, "ul", {}, el(17, "li", {}, text(18, "one")), el(19, "li", {}, text(20, "two")))),
        el(30, "div", {"id": "host"}, el(31, "button", {}, text(32, "inside"), isShadow=True)),
    )
    return rrweb_py.load([meta(), snapshot(doc), *events], on_anomaly="raise")


def test_hand_built_clicks_resolve_kinds_targets_and_interactive_ancestor():
    """A click on a span inside a button resolves to the span, attributed to the button; kinds are named."""
    replay = _stream(
        inc(10, 2, type=2, id=12, x=5, y=6),
        inc(20, 2, type=4, id=19, x=1, y=2),
        inc(30, 2, type=3, id=14, x=1, y=2),
        inc(40, 2, type=7, id=31, x=1, y=2),
        inc(50, 2, type=2, id=999, x=1, y=2),
        inc(60, 2, type=1, id=11, x=1, y=2),  # mousedown: not a click
    )
    clicks = find_clicks(replay)
    assert [c.kind for c in clicks] == ["click", "dblclick", "contextmenu", "touch", "click"]
    first = clicks[0]
    assert first.element.tag == "span" and first.interactive.tag == "button"
    assert first.target.attributes["data-testid"] == "save"
    assert first.interactive.selector == "div#app > button.btn.primary"
    assert clicks[1].element.selector == "div#app > ul > li:nth-of-type(2)"
    assert clicks[2].element.label == 'a "go"'
    assert clicks[3].element.selector == "div#host > button"
    assert clicks[4].element is None and clicks[4].target_id == 999
    rows = to_rows(clicks)
    assert rows[0]["tag"] == "span" and rows[0]["interactive_selector"] == "div#app > button.btn.primary"
    assert rows[4]["tag"] is None


def test_masked_text_stays_masked():
    """Text the recorder masked is reported masked."""
    doc = page(el(10, "button", {"class": "rr-mask"}, text(11, "******")))
    replay = rrweb_py.load([meta(), snapshot(doc), inc(5, 2, type=2, id=11, x=0, y=0)])
    (click,) = find_clicks(replay)
    assert click.element.tag == "button" and click.element.text == "******"
