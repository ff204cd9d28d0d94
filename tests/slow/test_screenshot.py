"""Screenshots in headless Chromium: the recorded viewport, scroll restored, the pointer drawn, nothing fetched and
no recorded script run. Skipped with a message where playwright or a Chromium is absent."""

from __future__ import annotations

import http.server
import struct
import threading
from pathlib import Path

import pytest

import rrweb_py
from rrweb_py.cli import example_path, main
from rrweb_py.render import notebook
from rrweb_py.render._browser import Browser, find_chromium
from rrweb_py.render.screenshot import shoot
from tests.builders import el, inc, meta, page, snapshot, text

try:
    import playwright  # noqa: F401

    find_chromium()
except (ImportError, rrweb_py.RenderError) as exc:  # pragma: no cover - depends on the machine
    pytest.skip(f"pictures need playwright and a Chromium: {exc}", allow_module_level=True)

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG)
    return struct.unpack(">II", png[16:24])


def _tall(url: str = "http://127.0.0.1:9/none.png") -> rrweb_py.Replay:
    """A 3000 px page scrolled to 1000, with a scrolled box, a remote image, an inline script, a pointer move and a
    click."""
    body = [
        el(10, "div", {"id": "box", "style": "height:100px;overflow:auto"},
           el(11, "div", {"style": "height:1000px"}, text(12, "inside"))),
        el(13, "img", {"src": url, "width": "10", "height": "10"}),
        el(14, "script", {}, text(15, "document.title = 'pwned'")),
        el(16, "div", {"style": "height:3000px"}, text(17, "tall")),
    ]
    events = [meta(0, width=800, height=600), snapshot(page(*body), 1, top=1000),
              inc(5, 3, id=10, x=0, y=300),
              inc(10, 1, positions=[{"x": 100, "y": 120, "id": 16, "timeOffset": 0}]),
              inc(20, 2, type=2, id=16, x=100, y=120)]
    return rrweb_py.load(events)


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def test_a_screenshot_is_the_recorded_viewport_with_scroll_restored(browser):
    frame = _tall().at(30)
    png = shoot(browser, frame)
    assert _size(png) == (800, 600)
    assert browser.evaluate("window.scrollY") == 1000
    assert browser.evaluate("document.getElementById('box').scrollTop") == 300
    assert browser.evaluate("document.title") != "pwned"  # the recorded script did not run
    assert _size(shoot(browser, frame, width=400, height=300)) == (400, 300)
    assert _size(shoot(browser, frame, full_page=True))[1] > 3000


def test_the_pointer_and_a_fresh_click_are_drawn(browser):
    replay = _tall()
    with_cursor = shoot(browser, replay.at(30))
    assert browser.evaluate("document.querySelectorAll('svg, div[style*=border-radius]').length") == 2
    without = shoot(browser, replay.at(30), cursor=False)
    assert with_cursor != without
    shoot(browser, replay.at(1000))  # the click is 980 ms old: the pointer only
    assert browser.evaluate("document.querySelectorAll('svg').length") == 1


def test_nothing_is_fetched_unless_the_network_is_allowed(tmp_path):
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        replay = _tall(f"http://127.0.0.1:{server.server_port}/leak.png")
        png = replay.at(30).screenshot(tmp_path / "a.png", scale=2)
        assert hits == []
        assert _size(png) == (1600, 1200) and (tmp_path / "a.png").read_bytes() == png
        replay.at(30).screenshot(allow_network=True)
        assert hits == ["/leak.png"]
    finally:
        server.shutdown()
        server.server_close()


def test_notebook_display():
    frame = _tall().at(30)
    shown = frame._repr_html_()
    assert '<iframe sandbox=""' in shown and "<script" not in shown and "srcdoc=\"&lt;!DOCTYPE" in shown
    assert _size(frame._repr_png_()) == (800, 600)
    assert notebook.frame_html(frame).count("<iframe") == 1


def test_cli_screenshot(tmp_path, capsys):
    out = tmp_path / "shot.png"
    assert main(["screenshot", "example", "--at", "5s", "-o", str(out)]) == 0
    assert _size(out.read_bytes())[0] > 0
    assert main(["screenshot", "example", "-o", str(out), "--scale", "9"]) == 2
    assert "scale must be" in capsys.readouterr().err


def test_a_missing_browser_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RRWEB_PY_CHROMIUM", str(Path("/nonexistent/chromium")))
    with pytest.raises(rrweb_py.RenderError, match="RRWEB_PY_CHROMIUM"):
        _tall().at(30).screenshot()
    assert _tall().at(30)._repr_png_() is None


def test_report_thumbnails_come_from_one_browser(tmp_path):
    from rrweb_py.render.screenshot import Thumbnails

    with Thumbnails(_tall()) as thumbs:
        first, second = thumbs(30), thumbs(5)
    assert _size(first) == _size(second) == (400, 300) and thumbs.error is None
    assert main(["report", "example", "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text().count("data:image/png;base64,") >= 1


def test_the_report_opens_with_no_console_error_and_no_request(browser):
    from rrweb_py.render.report import build_report
    from rrweb_py.render.screenshot import Thumbnails

    replay = rrweb_py.load(example_path())
    with Thumbnails(replay) as thumbs:
        page_html = build_report(replay, thumbnails=thumbs)

    def open_report(page):
        messages, requests = [], []
        page.on("console", lambda m: messages.append((m.type, m.text)))
        page.on("request", lambda r: requests.append(r.url))
        page.set_content(page_html, wait_until="load")
        images = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
        return messages, requests, images

    messages, requests, images = browser.run(open_report)
    assert [m for m in messages if m[0] == "error"] == []
    assert [r for r in requests if not r.startswith("data:")] == []
    assert images and all(images)
