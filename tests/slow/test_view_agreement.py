"""Every view of a frame shows the same form state: the ticks, selected options and values a browser shows when
it opens ``to_html()``, what ``to_rrweb()`` writes, ``form_values()`` and ``select(":checked")``.

Frames are drawn at random moments of the live and real corpus recordings (skipped with a message when the
shared corpus is absent; long-churn is left out for time) and of generated form streams: radio groups, checkboxes, selects and
text controls changed by Input events, by attribute mutations and by adds of ticked boxes.
"""

from __future__ import annotations

import functools
from typing import Any

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrweb_py
from tests.builders import add, el, inc, meta, mutation, page, snapshot, text
from tests.conftest import CORPUS

NO_VALUE = ("radio", "checkbox", "submit", "button")


def _norm(value: str) -> str:
    """What an HTML parser gives back for a text written into the document."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd").lstrip("\n")


def html_state(html: str) -> dict[int, Any]:
    """By rrweb id, from the HTML a browser opens (iframe srcdoc documents included): a checkbox/radio's tick,
    an option's selectedness, a text control's value."""
    out: dict[int, Any] = {}
    pending = [html] if html else []
    while pending:
        doc = lxml.html.document_fromstring(pending.pop())
        for e in doc.iter():
            if not isinstance(e.tag, str):
                continue
            if e.tag == "iframe" and e.get("srcdoc"):
                pending.append(e.get("srcdoc"))
            rid = e.get("data-rrweb-id")
            if rid is None:
                continue
            nid = int(rid)
            if e.tag == "input":
                itype = (e.get("type") or "").lower()
                out[nid] = e.get("checked") is not None if itype in ("checkbox", "radio") else e.get("value") or ""
            elif e.tag == "textarea":
                out[nid] = e.text or ""
            elif e.tag == "option":
                out[nid] = e.get("selected") is not None
    return out


def rrweb_nodes(tree: dict[str, Any] | None) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    stack = [tree] if tree else []
    while stack:
        n = stack.pop()
        out[n["id"]] = n
        stack.extend(n.get("childNodes") or [])
    return out


def check_agreement(frame: rrweb_py.Frame) -> None:
    """The views of one frame agree on every control."""
    values = frame.form_values()
    checked = {v.id for v in frame.select(":checked")}
    shown = html_state(frame.to_html(node_ids=True))
    nodes = rrweb_nodes(frame.to_rrweb())
    for nid, node in nodes.items():
        if node.get("type") != 2:
            continue
        tag, attrs = node["tagName"], node["attributes"]
        if "rr_width" in attrs and "rr_height" in attrs:
            continue  # blocked: the recorder sent no state
        if tag == "option":
            ticked = attrs.get("selected") is True
            assert shown.get(nid, False) == ticked, (nid, "option in html")
            assert (nid in checked) == ticked, (nid, "option :checked")
        elif tag == "input" and str(attrs.get("type", "")).lower() in ("checkbox", "radio"):
            ticked = values[nid]
            assert (attrs.get("checked") is True) == ticked, (nid, "tick in rrweb")
            assert shown.get(nid, False) == ticked, (nid, "tick in html")
            assert (nid in checked) == ticked, (nid, "tick :checked")
        elif tag in ("input", "textarea"):
            value = values[nid]
            if nid in shown:  # inputs in dropped containers (e.g. <noscript>) are not in the HTML
                assert _norm(shown[nid]) == _norm(value), (nid, "value in html")
            if value and attrs.get("type") not in NO_VALUE:
                assert attrs.get("value") == value, (nid, "value in rrweb")
            assert nid not in checked
        elif tag == "select":
            value = values[nid]
            if value:
                assert attrs.get("value") == value, (nid, "select value in rrweb")


# ---------------------------------------------------------------------------------------------- corpus frames

LIVE = sorted([*CORPUS.glob("live/*/events.json*"), *CORPUS.glob("real/*/events.json*")]) if CORPUS.is_dir() else []
LIVE = [p for p in LIVE if p.parent.name != "long-churn"]


@functools.cache
def replay_of(path: str) -> rrweb_py.Replay:
    return rrweb_py.load(path)


@pytest.mark.skipif(not LIVE, reason="the shared corpus (../shared/corpus/live) is absent")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.integers(0, 100), where=st.floats(0, 1))
def test_views_agree_on_corpus_frames(case: int, where: float) -> None:
    replay = replay_of(str(LIVE[case % len(LIVE)]))
    check_agreement(replay.at(replay.duration_ms * where))


@pytest.mark.skipif(not LIVE, reason="the shared corpus (../shared/corpus/live) is absent")
def test_views_agree_at_every_corpus_probe_moment() -> None:
    for path in LIVE:
        replay = replay_of(str(path))
        for frame in replay.frames(every_ms=max(replay.duration_ms / 12, 1)):
            check_agreement(frame)


# ---------------------------------------------------------------------------------------------- form streams

TEXTS = st.sampled_from(["", "a", "hello", "x y", "\nline", "two\nlines"])


@st.composite
def form_streams(draw: Any) -> list[dict[str, Any]]:
    """A page with two forms of controls, then random Input events, attribute mutations and adds."""
    ids = iter(range(10, 10_000))
    controls: list[tuple[int, str]] = []  # (id, kind)

    def control(form: int) -> dict[str, Any]:
        nid = next(ids)
        kind = draw(st.sampled_from(["radio", "radio", "checkbox", "text", "textarea", "select"]))
        attrs: dict[str, Any] = {}
        if kind in ("radio", "checkbox"):
            attrs = {"type": kind, "name": draw(st.sampled_from(["g", "h"]))}
            if draw(st.booleans()):
                attrs["checked"] = draw(st.sampled_from([True, ""]))
            controls.append((nid, kind))
            return el(nid, "input", attrs)
        if kind == "text":
            if draw(st.booleans()):
                attrs["value"] = draw(TEXTS)
            controls.append((nid, kind))
            return el(nid, "input", attrs)
        if kind == "textarea":
            controls.append((nid, kind))
            return el(nid, "textarea", attrs, text(next(ids), draw(TEXTS)))
        options = []
        for value in ("a", "b", "c")[: draw(st.integers(1, 3))]:
            oid = next(ids)
            o_attrs: dict[str, Any] = {"value": value}
            if draw(st.integers(0, 3)) == 0:
                o_attrs["selected"] = True
            if draw(st.integers(0, 5)) == 0:
                o_attrs["disabled"] = ""
            options.append(el(oid, "option", o_attrs, text(next(ids), value.upper())))
            controls.append((oid, "option"))
        if draw(st.booleans()):
            attrs["multiple"] = ""
        controls.append((nid, "select"))
        return el(nid, "select", attrs, *options)

    forms = [el(next(ids), "form", {}, *(control(f) for _ in range(draw(st.integers(1, 5))))) for f in range(2)]
    events = [meta(), snapshot(page(*forms))]
    t = 10
    for _ in range(draw(st.integers(0, 15))):
        t += draw(st.sampled_from([0, 5, 100]))
        op = draw(st.sampled_from(["input", "input", "attr", "add"]))
        if op == "add":
            nid = next(ids)
            box = el(nid, "input", {"type": draw(st.sampled_from(["checkbox", "radio"])), "name": "g",
                                    "checked": draw(st.sampled_from([True, ""]))})
            parent = forms[draw(st.integers(0, 1))]["id"]
            events.append(mutation(t, adds=[add(parent, box)]))
            controls.append((nid, "checkbox"))
            continue
        nid, kind = controls[draw(st.integers(0, len(controls) - 1))]
        if op == "attr":
            name = {"option": "selected", "text": "value", "textarea": "value"}.get(kind, "checked")
            value = draw(st.one_of(st.none(), st.just(""), TEXTS))
            events.append(mutation(t, attributes=[{"id": nid, "attributes": {name: value}}]))
        elif kind in ("radio", "checkbox"):
            events.append(inc(t, 5, id=nid, text="on", isChecked=draw(st.booleans())))
        elif kind == "select":
            events.append(inc(t, 5, id=nid, text=draw(st.sampled_from(["a", "b", "c", "z"])), isChecked=False))
        elif kind in ("text", "textarea"):
            events.append(inc(t, 5, id=nid, text=draw(TEXTS), isChecked=False))
    return events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=form_streams(), where=st.floats(0, 1))
def test_views_agree_on_form_streams(events: list[dict[str, Any]], where: float) -> None:
    replay = rrweb_py.load(events, on_anomaly="raise")
    check_agreement(replay.at(replay.duration_ms * where))
    check_agreement(replay.at(replay.duration_ms))
