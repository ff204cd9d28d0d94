"""The report page in headless Chromium: it shows the summary, the timeline SVG and the thumbnails, runs nothing
and fetches nothing.

Reports of the bundled example (with thumbnails from a fake callable: a tiny PNG made with zlib and struct) and of
a hostile recording whose URLs and texts point at the local server are served from a local server that logs every
request, and also opened as ``file://``. Chromium dumps the DOM it built (``--dump-dom``). Pass when the DOM holds
the summary, the SVG marks and the images, no script, handler or ``javascript:`` URL, and the server saw no request
but the page itself. Skipped with a message where Chromium is absent (``CHROMIUM`` names another binary).
"""

from __future__ import annotations

import subprocess
import tempfile
from typing import Any

import lxml.html
import pytest

import rrweb_py
from rrweb_py.cli import example_path
from rrweb_py.render.report import write_report
from tests.builders import T0, el, inc, meta, page, snapshot, text
from tests.slow.test_html_browser import Server, chromium_or_skip, parsed_problems
from tests.unit.test_report import tiny_png

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--virtual-time-budget=2000"]
#: what the browser itself may ask for, whatever the page says
BROWSER_OWN = {"/favicon.ico"}


def dump_dom(chromium: str, url: str) -> str:
    with tempfile.TemporaryDirectory(prefix="rrweb-py-chromium-") as profile:
        proc = subprocess.run([chromium, *ARGS, f"--user-data-dir={profile}", "--dump-dom", url],
                              capture_output=True, text=True, timeout=90, check=False)
    return proc.stdout


def hostile(port: int) -> list[dict[str, Any]]:
    """URLs, texts and messages that would make a request to the server if the report let them be markup."""
    base = f"http://127.0.0.1:{port}"
    img = f'<img src="{base}/leak-img.png">'
    doc = page(el(10, "button", {"id": "go"}, text(11, f"Pay {img}<script src='{base}/leak-script.js'></script>")),
               el(12, "img", {"src": f"{base}/leak-recorded-img.png"}))
    return [
        meta(0, f"{base}/leak-page?<link rel=stylesheet href={base}/leak-css>"), snapshot(doc, 1),
        inc(1000, 2, type=2, id=11, x=1, y=1),
        {"type": 5, "timestamp": T0 + 9000, "data": {"tag": "error", "payload": {"message": f"boom {img}"}}},
        {"type": 6, "timestamp": T0 + 9500, "data": {"plugin": "rrweb/network@1", "payload": {"requests": [
            {"name": f"{base}/leak-request", "method": "GET", "status": 404, "startTime": 0, "endTime": 5,
             "timestamp": T0 + 9500}]}}},
        inc(10000, 1, positions=[{"x": 1, "y": 1, "id": 1, "timeOffset": 0}]),
    ]


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, list[str]]]:
    """name -> (DOM over http, DOM from file://, requests other than the page's own)."""
    chromium = chromium_or_skip()
    folder = tmp_path_factory.mktemp("reports")
    out: dict[str, tuple[str, str, list[str]]] = {}
    with Server(folder) as server:
        sources: dict[str, Any] = {"example": example_path(), "hostile": hostile(server.port)}
        for name, source in sources.items():
            path = write_report(rrweb_py.load(source), folder / f"{name}.html", thumbnails=lambda t: tiny_png())
            before = len(server.log)
            dom = dump_dom(chromium, f"http://127.0.0.1:{server.port}/{name}.html")
            file_dom = dump_dom(chromium, path.resolve().as_uri())
            requests = [p for p, _ in server.log[before:] if p != f"/{name}.html" and p not in BROWSER_OWN]
            out[name] = (dom, file_dom, requests)
    return out


@pytest.mark.parametrize("name", ["example", "hostile"])
def test_report_runs_nothing_and_fetches_nothing(opened: dict[str, tuple[str, str, list[str]]], name: str) -> None:
    dom, file_dom, requests = opened[name]
    assert requests == []
    for got in (dom, file_dom):
        assert parsed_problems(got) == []
        root = lxml.html.document_fromstring(got)
        assert not [n for n in root.iter("a", "link", "iframe", "object", "embed")]


def test_report_shows_summary_timeline_and_pictures(opened: dict[str, tuple[str, str, list[str]]]) -> None:
    for dom in opened["example"][:2]:
        root = lxml.html.document_fromstring(dom)
        rows = {tr.get("data-key"): tr.find("td").text_content() for tr in root.iter("tr") if tr.get("data-key")}
        assert rows["events"] == "272" and rows["clicks"] == "3"
        svg = [n for n in root.iter() if isinstance(n.tag, str) and n.tag.rsplit("}", 1)[-1] == "svg"]
        assert len(svg) == 1
        clicks = [n for n in svg[0].iter() if isinstance(n.tag, str) and "click" in (n.get("class") or "").split()]
        assert len(clicks) == 3
        images = root.findall('.//section[@id="thumbnails"]//img')
        assert images and all(i.get("src", "").startswith("data:image/png;base64,") for i in images)
        assert "rrweb_py transcript v1" in root.find(".//pre").text_content()


def test_hostile_text_stays_text(opened: dict[str, tuple[str, str, list[str]]]) -> None:
    root = lxml.html.document_fromstring(opened["hostile"][0])
    shown = root.text_content()
    assert "<script src=" in shown and "/leak-img.png" in shown and "<link rel=stylesheet" in shown
    images = list(root.iter("img"))
    assert images and all(i.get("src", "").startswith("data:image/png;base64,") for i in images)
