"""The report page (rrweb_py.render.report): its values are the analyses' values, every recorded string is text,
nothing in it can run or load, thumbnails are taken at the key moments, and the `report` command writes it."""

from __future__ import annotations

import base64
import itertools
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import lxml.html
import pytest

import rrweb_py
from rrweb_py import cli
from rrweb_py.cli import example_path, main
from rrweb_py.render import report
from rrweb_py.render.report import build_report, key_moments, write_report
from tests.builders import T0, el, inc, meta, page, snapshot, text

CONTAINERS = Path(__file__).parent.parent / "data" / "containers"
XSS = "<script>alert(1)</script>"
JS_URL = "javascript:alert(1)"


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _custom(t: int, tag: str, payload: Any) -> dict[str, Any]:
    return {"type": 5, "timestamp": T0 + t, "data": {"tag": tag, "payload": payload}}


def _plugin(t: int, plugin: str, payload: Any) -> dict[str, Any]:
    return {"type": 6, "timestamp": T0 + t, "data": {"plugin": plugin, "payload": payload}}


def hostile_events() -> list[dict[str, Any]]:
    """A recording whose URLs, texts, messages and requests carry markup and javascript: URLs, with a dead click,
    two errors 400 ms apart, a console error, a failed request and a second page."""
    doc = page(el(10, "button", {"id": "go", "title": XSS}, text(11, f"Pay {XSS}")),
               el(12, "a", {"href": JS_URL}, text(13, "a link " + JS_URL)))
    doc2 = page(el(10, "p", {}, text(11, "second page")))
    return [
        meta(0, f"{JS_URL}//{XSS}"), snapshot(doc, 1),
        inc(2000, 2, type=2, id=11, x=5, y=5),  # a click on the button: nothing answers it, dead
        inc(3000, 1, positions=[{"x": 1, "y": 1, "id": 1, "timeOffset": 0}]),
        _custom(20000, "error", {"message": f"boom {XSS} <img src=x onerror=alert(1)>"}),
        _custom(20400, "error", {"message": "second error"}),
        _plugin(20500, "rrweb/console@1", {"level": "error", "payload": [f'"console {XSS}"'], "trace": []}),
        _plugin(20600, "rrweb/console@1", {"level": "log", "payload": ['"just a log"'], "trace": []}),
        _plugin(21000, "rrweb/network@1", {"requests": [
            {"name": JS_URL, "method": "POST", "status": 500, "startTime": 0, "endTime": 10, "timestamp": T0 + 21000},
            {"name": "https://ok.test/", "method": "GET", "status": 200, "startTime": 0, "endTime": 10,
             "timestamp": T0 + 21010}]}),
        meta(30000, "https://shop.test/second?q=\"'&x=<b>"), snapshot(doc2, 30001),
        inc(31000, 1, positions=[{"x": 2, "y": 2, "id": 1, "timeOffset": 0}]),
    ]


def parse(page_html: str) -> Any:
    return lxml.html.document_fromstring(page_html)


def summary_of(root: Any) -> dict[str, str]:
    return {tr.get("data-key"): tr.find("td").text_content() for tr in root.iter("tr") if tr.get("data-key")}


def marks(root: Any, *classes: str) -> list[Any]:
    """SVG elements whose class list holds all of ``classes``."""
    return [n for n in root.iter() if isinstance(n.tag, str) and set(classes) <= set((n.get("class") or "").split())]


def _n(value: str) -> int:
    return int(value.split()[0])


# ---------------------------------------------------------------------------------------------- structure


@pytest.mark.parametrize("source", [example_path(), CONTAINERS / "sentry-zlib", CONTAINERS / "posthog-2tabs.jsonl"],
                         ids=["example", "sentry-zlib", "posthog-2tabs"])
def test_summary_timeline_and_transcript_are_the_analyses(source: Path) -> None:
    replay = rrweb_py.load(source)
    root = parse(build_report(replay))
    got = summary_of(root)
    entries = replay.timeline()
    signals = replay.signals("sentry")
    act = replay.activity()
    frame = replay.at(replay.duration_ms)
    assert got["events"] == str(len(replay.events))
    assert got["nodes"] == str(frame.node_count)
    assert got["viewport"] == f"{frame.viewport[0]}x{frame.viewport[1]}"
    assert got["clicks"] == str(len(replay.clicks()))
    assert _n(got["pages"]) == act.navigations
    assert got["duration"].endswith(f"({replay.duration_ms:.0f} ms)")
    assert f"({act.active_ms:.0f} ms)" in got["active"]
    for kind in report.SIGNAL_KINDS:
        assert f"{kind} {sum(1 for s in signals if s.kind == kind)}" in got["signals"]
    assert _n(got["errors"]) == sum(1 for e in entries if e.kind == "error")
    failed = [e for e in entries if e.kind == "network" and (e.status is None or e.status == 0 or e.status >= 400)]
    assert got["failed_requests"] == f"{len(failed)} of {sum(1 for e in entries if e.kind == 'network')}"
    assert ("windows" in got) == (len(replay.windows) > 1)
    # one mark per click and per navigation, one per signal of its kind, one shaded gap per inactivity gap
    assert len(marks(root, "mark", "click")) == len(replay.clicks()) == sum(1 for e in entries if e.kind == "click")
    assert len(marks(root, "mark", "navigation")) == sum(1 for e in entries if e.kind == "navigation")
    for kind in report.SIGNAL_KINDS:
        assert len(marks(root, "signal", kind)) == sum(1 for s in signals if s.kind == kind)
    assert len(marks(root, "gap")) == len(act.gaps)
    assert all(m.find("title") is not None and m.find("title").text for m in marks(root, "mark"))
    # the transcript, whole
    pre = root.find(".//pre")
    assert pre.text_content() == replay.transcript()


def test_the_example_numbers() -> None:
    root = parse(build_report(rrweb_py.load(example_path())))
    got = summary_of(root)
    assert (got["events"], got["clicks"], got["pages"]) == ("272", "3", "1")
    assert got["start"] == "2018-12-14T03:06:06.750Z"
    assert got["first_url"] == "https://demoit.app/e/react#ReactHooks.js"
    ticks = [t.text for t in root.iter("text") if t.text and re.fullmatch(r"\d\d:\d\d", t.text)]
    assert ticks[0] == "00:00" and "01:20" in ticks
    assert root.find('.//section[@id="thumbnails"]') is None  # no thumbnails callable: no section


def test_hostile_recording_values() -> None:
    replay = rrweb_py.load(hostile_events())
    got = summary_of(parse(build_report(replay)))
    assert (_n(got["errors"]), _n(got["console_errors"]), got["failed_requests"]) == (2, 1, "1 of 2")
    assert got["signals"].startswith("dead 1,") and got["pages"] == "2"
    assert got["first_url"] == f"{JS_URL}//{XSS}"


# ---------------------------------------------------------------------------------------------- escaping


def test_recorded_text_is_only_text() -> None:
    page_html = build_report(rrweb_py.load(hostile_events()), thumbnails=lambda t: tiny_png())
    assert "<script" not in page_html.lower()
    assert "<img src=x" not in page_html
    root = parse(page_html)
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        assert node.tag.lower() not in ("script", "a", "iframe", "object", "embed", "link", "base", "form"), node.tag
        for name, value in node.attrib.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (node.tag, name, value)
            assert name.lower() not in ("href", "xlink:href", "action", "formaction"), (node.tag, name)
            if name == "src":
                assert value.startswith("data:image/png;base64,")
    shown = root.text_content()
    assert XSS in shown and JS_URL in shown and "<img src=x onerror=alert(1)>" in shown
    csp = [m.get("content") for m in root.iter("meta") if (m.get("http-equiv") or "").lower()
           == "content-security-policy"]
    assert csp and csp[0].startswith("default-src 'none'; img-src data:; style-src 'unsafe-inline'")
    head = root.find("head")
    assert head[1].get("http-equiv") == "Content-Security-Policy"  # right after the charset: before anything else


def test_esc_escapes_quotes() -> None:
    assert report.esc("<a href=\"x\" title='y'>&") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;"


# ---------------------------------------------------------------------------------------------- thumbnails


def test_thumbnails_at_the_key_moments() -> None:
    replay = rrweb_py.load(hostile_events())
    asked: list[float] = []

    def shoot(offset_ms: float) -> bytes:
        asked.append(offset_ms)
        return tiny_png()

    root = parse(build_report(replay, thumbnails=shoot))
    # page load (at its snapshot), the dead click, the two errors 400 ms apart as one, the second page load
    assert asked == [1, 2000, 20000, 30001]
    figures = root.findall('.//section[@id="thumbnails"]//figure')
    assert len(figures) == 4
    data = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()
    assert all(f.find(".//img").get("src") == data for f in figures)
    captions = [f.find("figcaption").text_content() for f in figures]
    assert captions[0].startswith("00:00.001") and f"navigation to {JS_URL}//{XSS}" in captions[0]
    assert "dead click on" in captions[1]
    assert "boom" in captions[2] and "second error" in captions[2]
    assert "navigation to https://shop.test/second" in captions[3]


def test_thumbnails_that_fail_or_are_not_png_are_left_out() -> None:
    replay = rrweb_py.load(hostile_events())
    answers = iter([None, b"GIF89a not a png", tiny_png(), None])
    root = parse(build_report(replay, thumbnails=lambda t: next(answers)))
    assert len(root.findall('.//section[@id="thumbnails"]//img')) == 1
    assert len(root.findall('.//section[@id="thumbnails"]//figure')) == 4


def test_key_moments_are_capped_and_merged() -> None:
    events = [meta(0), snapshot(page(el(10, "p", {}, text(11, "x"))), 1)]
    events += [_custom(2000 + 1500 * k, "error", {"message": f"e{k}"}) for k in range(40)]
    events += [_custom(2000 + 1500 * 39 + 300, "error", {"message": "close to the last"})]
    replay = rrweb_py.load(events)
    facts = report.gather(replay)
    assert len(key_moments(facts, limit=1000)) == 41  # 1 page load + 40 errors, the close one merged
    asked: list[float] = []
    build_report(replay, thumbnails=lambda t: asked.append(t) or None)
    assert len(asked) == report.MAX_THUMBNAILS and asked == sorted(asked)
    assert all(b - a >= report.MERGE_MS for a, b in itertools.pairwise(asked))


def test_progress_and_write_report(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = write_report(rrweb_py.load(example_path()), tmp_path / "r.html", thumbnails=lambda t: tiny_png(),
                        progress=lambda d, t: calls.append((d, t)))
    assert path == tmp_path / "r.html" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert calls and calls[-1] == (1, 1)  # the walk, then the one picture


# ---------------------------------------------------------------------------------------------- the command


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_the_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "report.html"
    code, out, err = _run(capsys, "report", "example", "-o", str(out_path), "--no-thumbnails")
    assert code == 0 and out == "" and str(out_path) in err and "pip install" not in err
    root = parse(out_path.read_text(encoding="utf-8"))
    assert summary_of(root)["events"] == "272" and root.find('.//section[@id="thumbnails"]') is None


def test_cli_needs_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "report", "example")
    assert code == 2 and "-o/--output" in err
    code, _, err = _run(capsys, "report", "example", "-o", "x.html", "--preset", "nope")
    assert code == 2 and "unknown signal preset" in err


def test_cli_without_playwright_says_how_to_get_thumbnails(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_has_playwright", lambda: False)
    code, out, err = _run(capsys, "report", "example", "-o", str(tmp_path / "r.html"), "--json")
    assert code == 0 and "pip install 'rrweb_py[render]'" in err
    assert '"thumbnails": false' in out and (tmp_path / "r.html").exists()


def test_cli_with_a_screenshot_function(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    frames: list[Any] = []

    class Shooter:
        closed = False

        def __call__(self, offset_ms: float) -> bytes:
            frames.append(offset_ms)
            return tiny_png()

        def close(self) -> None:
            Shooter.closed = True

    monkeypatch.setattr(cli, "_thumbnails", lambda replay: Shooter())
    code, _, _ = _run(capsys, "report", "example", "-o", str(tmp_path / "r.html"))
    assert code == 0 and len(frames) == 1 and Shooter.closed
    root = parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert root.find('.//section[@id="thumbnails"]//img').get("src").startswith("data:image/png;base64,")


def test_cli_thumbnail_failure_costs_only_the_pictures(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from rrweb_py.render import screenshot

    def no_browser(**kw: Any) -> Any:
        raise rrweb_py.RenderError("no Chromium here")

    monkeypatch.setattr(cli, "_has_playwright", lambda: True)
    monkeypatch.setattr(screenshot, "Browser", no_browser)
    code, _, err = _run(capsys, "report", "example", "-o", str(tmp_path / "r.html"))
    assert code == 0 and err.count("no Chromium here") == 1 and (tmp_path / "r.html").exists()


def test_cli_to_stdout_and_unwritable_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, "report", "example", "-o", "-", "--no-thumbnails")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    code, _, err = _run(capsys, "report", "example", "-o", str(tmp_path / "no" / "such" / "r.html"),
                        "--no-thumbnails")
    assert code == 1 and "cannot write" in err


def test_replay_methods_and_notebook_display(tmp_path: Path) -> None:
    replay = rrweb_py.load(example_path())
    shown = replay._repr_html_()
    assert shown.startswith('<iframe sandbox="" srcdoc="') and "<script" not in shown
    assert "&lt;svg" in shown and "&lt;table" in shown  # the timeline strip and the summary, inside the iframe
    assert replay.report(tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
