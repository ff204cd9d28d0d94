"""Exported HTML is untrusted content: open it in headless Chromium and prove that nothing runs or is fetched.

Every recording of ../shared/corpus and tests/data/containers, and hand-made hostile recordings (inline and
external scripts, ``on*`` handlers, ``javascript:`` URLs, ``<meta http-equiv>``, ``<base>``, raw-text breakouts,
SVG and documents without ``<head>``, remote images, styles, fonts, frames, objects), is exported with
``Frame.to_html()`` (default options) and served from a local server that logs every request. Chromium loads each
page with ``--dump-dom``. Pass when:

* no request reaches the server but the page itself (nothing is fetched);
* no recorded script ran: the hostile scripts and handlers would set a ``data-pwned`` marker on the document
  and request ``/leak-...``; neither happens;
* the DOM as Chromium parsed it holds no ``<script>``, no ``on*`` attribute and no ``javascript:`` URL.

``allow_fetch=True`` exports are loaded too: they may fetch, but still run nothing.
Skipped with a message where Chromium is absent (``CHROMIUM`` names another binary).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Self

import lxml.html
import pytest

import rrweb_py
from tests.builders import add, comment, el, meta, mutation, page, snapshot, text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("RRWEB_PY_SHARED", ROOT.parent / "shared")) / "corpus"
DATA = ROOT / "tests" / "data" / "containers"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--virtual-time-budget=1500"]

MARK = "PW" + "NED"
RUN = "document.documentElement.setAttribute('data-pwned', 'PW'+'NED'); fetch('/leak-{}');"


def chromium_or_skip() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if path is None:
        pytest.skip(f"headless Chromium is not at {CHROMIUM} (set CHROMIUM to its path): exported HTML not "
                    "checked in a browser")
    return path


# ---------------------------------------------------------------------------------------------- hostile pages


def hostile_recordings() -> dict[str, list[dict[str, Any]]]:
    """Recordings built to run code or fetch something if the export let anything through."""
    def js(tag: str) -> str:
        return RUN.format(tag)

    body = [
        el(10, "script", {}, text(11, js("inline-script"))),
        el(12, "script", {"src": "/leak-external-script.js"}),
        el(13, "img", {"src": "/leak-img.png", "onerror": js("onerror"), "srcset": "/leak-srcset.png 2x"}),
        el(14, "a", {"href": "javascript:" + js("js-url"), "id": "a1"}, text(15, "click")),
        el(16, "a", {"href": " \tJaVaScRiPt:" + js("js-url-2")}, text(17, "x")),
        el(18, "iframe", {"src": "/leak-iframe.html", "srcdoc": f"<script>{js('srcdoc')}</script>"}),
        el(19, "object", {"data": "/leak-object"}),
        el(20, "embed", {"src": "/leak-embed"}),
        el(21, "svg", {"onload": js("svg-onload")},
           el(22, "image", {"href": "/leak-svg-image.png"}, isSVG=True),
           el(23, "script", {}, text(24, js("svg-script")), isSVG=True), isSVG=True),
        el(25, "div", {"style": "background:url(/leak-inline-style.png)", "onmouseover": js("hover")}),
        el(26, "input", {"type": "image", "src": "/leak-input-image.png", "autofocus": "", "onfocus": js("focus")}),
        el(27, "video", {"poster": "/leak-poster.png", "src": "/leak-video.mp4", "autoplay": ""}),
        el(28, "form", {"action": "javascript:" + js("form")}, el(29, "button", {"formaction": "/leak-form"})),
        el(30, "xmp", {}, text(31, f"</xmp><img src=/leak-xmp.png onerror=\"{js('xmp')}\">")),
        el(32, "noembed", {}, text(33, f"</noembed><script>{js('noembed')}</script>")),
        el(34, "noframes", {}, text(35, f"</noframes><script>{js('noframes')}</script>")),
        el(36, "textarea", {}, text(37, f"</textarea><script>{js('textarea')}</script>")),
        el(38, "title", {}, text(39, f"</title><script>{js('title')}</script>")),
        el(40, "div", {"title": f'"><script>{js("attr-break")}</script>'}),
        comment(41, f"--><script>{js('comment')}</script><!--"),
        el(42, "style", {}, text(43, "@import url(/leak-import.css); body{background:url(/leak-bg.png)}"
                                     f"</style><script>{js('style-break')}</script>"
                                     "@font-face{font-family:x;src:url(/leak-font.woff)}")),
        el(44, "link", {"rel": "stylesheet", "href": "/leak-link.css"}),
        el(45, "link", {"rel": "prefetch", "href": "/leak-prefetch"}),
        el(46, "audio", {"src": "/leak-audio.mp3", "autoplay": ""}),
        el(47, "math", {}, el(48, "mtext", {}, el(49, "script", {}, text(50, js("math"))))),
        el(51, "div", {"id": "host"}),
        el(55, "a", {"href": "data:text/html,<script>" + js("data-url") + "</script>"}, text(56, "d")),
        el(57, "iframe", {"src": "javascript:" + js("iframe-js")}),
        el(58, "img", {"src": "http://127.0.0.1:{port}/leak-absolute.png"}),
        el(59, "body", {"background": "/leak-background-attr.png"}),
        el(60, "p", {"onclick": js("onclick"), "ONLOAD": js("upper-onload")}, text(61, "hello")),
    ]
    head = [
        el(70, "meta", {"http-equiv": "refresh", "content": "0;url=/leak-refresh"}),
        el(71, "base", {"href": "http://127.0.0.1:9/"}),
        el(72, "meta", {"http-equiv": "Content-Security-Policy", "content": "default-src *"}),
        el(73, "script", {}, text(74, js("head-script"))),
        el(75, "link", {"rel": "icon", "href": "/leak-icon.png"}),
    ]
    doc = page(*body, head=head)
    main = [meta(0, "http://127.0.0.1/hostile"), snapshot(doc, 1),
            mutation(50, adds=[add(51, el(52, "img", {"src": "/leak-added.png", "onerror": js("added")}))],
                     attributes=[{"id": 13, "attributes": {"onload": js("attr-mutation"), "src": "/leak-mut.png"}}])]
    # a shadow root with a script and a handler inside
    shadow_host = el(80, "div", {}, el(81, "script", {}, text(82, js("shadow")), isShadow=True),
                     el(83, "img", {"src": "/leak-shadow.png", "onerror": js("shadow-img")}, isShadow=True),
                     isShadowHost=True)
    shadow = [meta(0, "http://127.0.0.1/shadow"), snapshot(page(shadow_host), 1)]
    # a document without <head>: an <svg> root, then an <html> without head
    svg_root = {"type": 0, "id": 1, "childNodes": [
        el(2, "svg", {"xmlns": "http://www.w3.org/2000/svg", "onload": js("svg-root")},
           el(3, "script", {}, text(4, js("svg-root-script")), isSVG=True),
           el(5, "image", {"href": "/leak-svg-root.png"}, isSVG=True),
           el(6, "foreignObject", {}, el(7, "img", {"src": "/leak-fo.png", "onerror": js("fo")}), isSVG=True),
           isSVG=True)]}
    no_head = {"type": 0, "id": 1, "childNodes": [
        el(2, "html", {}, el(3, "body", {}, el(4, "img", {"src": "/leak-nohead.png", "onerror": js("nohead")}),
                             el(5, "script", {}, text(6, js("nohead-script")))))]}
    # a same-origin iframe document holding a script and remote content
    iframe_doc = {"type": 0, "id": 100, "childNodes": [el(101, "html", {}, el(102, "head", {}), el(103, "body", {},
        el(104, "script", {}, text(105, js("iframe-doc"))),
        el(106, "img", {"src": "/leak-iframe-doc.png", "onerror": js("iframe-doc-img")})))]}
    frame = [meta(0, "http://127.0.0.1/frame"), snapshot(page(el(90, "iframe", {"src": "/leak-frame-src"})), 1),
             mutation(20, adds=[add(90, iframe_doc)])]
    return {"hostile-main": main, "hostile-shadow": shadow,
            "hostile-svg-root": [meta(0), snapshot(svg_root, 1)],
            "hostile-no-head": [meta(0), snapshot(no_head, 1)], "hostile-iframe": frame}


def corpus_recordings() -> dict[str, Path]:
    out: dict[str, Path] = {}
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*/*/events.json")) + sorted(CORPUS.glob("*/*/events.json.gz")):
            if path.parent.name in ("long-churn",) or path.parent.parent.name == "bench":
                continue  # the performance cases: the same content kinds as the others, and slow to fold
            out[f"{path.parent.parent.name}-{path.parent.name}"] = path
    for name in ("posthog-2tabs.jsonl", "sentry-zlib", "rrweb-packed.json"):
        out[f"containers-{name}"] = DATA / name
    return out


# ---------------------------------------------------------------------------------------------- the server


class Server:
    """A local server for the exported pages that logs every request path."""

    def __init__(self, folder: Path) -> None:
        log: list[tuple[str, str]] = []
        self.log = log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a: Any, **k: Any) -> None:
                super().__init__(*a, directory=str(folder), **k)

            def do_GET(self) -> None:
                log.append((self.path, self.headers.get("Referer") or ""))
                super().do_GET()

            def do_POST(self) -> None:
                log.append(("POST " + self.path, self.headers.get("Referer") or ""))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def dump_dom(chromium: str, url: str) -> str:
    with tempfile.TemporaryDirectory(prefix="rrweb-py-chromium-") as profile:
        proc = subprocess.run([chromium, *ARGS, f"--user-data-dir={profile}", "--dump-dom", url],
                              capture_output=True, text=True, timeout=60, check=False)
    return proc.stdout


def export_pages(folder: Path, port: int) -> dict[str, tuple[str, bool]]:
    """Write every export into folder; name -> (file name, allow_fetch)."""
    pages: dict[str, tuple[str, bool]] = {}
    sources: dict[str, Any] = dict(corpus_recordings())
    for name, events in hostile_recordings().items():
        sources[name] = _fill_port(events, port)
    for name, source in sources.items():
        replay = rrweb_py.load(source)
        for wid, window in replay.windows.items():
            frame = window.at(window.duration_ms)
            key = f"{name}{'-' + wid[-6:] if wid else ''}"
            (folder / f"{key}.html").write_text(frame.to_html(), encoding="utf-8")
            pages[key] = (f"{key}.html", False)
            if name.startswith("hostile"):
                from rrweb_py._read.html import to_html

                html = to_html(frame.state, frame.timestamp_ms, allow_fetch=True)
                (folder / f"{key}-fetch.html").write_text(html, encoding="utf-8")
                pages[key + "-fetch"] = (f"{key}-fetch.html", True)
    return pages


def _fill_port(value: Any, port: int) -> Any:
    if isinstance(value, str):
        return value.replace("{port}", str(port))
    if isinstance(value, list):
        return [_fill_port(v, port) for v in value]
    if isinstance(value, dict):
        return {k: _fill_port(v, port) for k, v in value.items()}
    return value


_JS_URL = re.compile(r"^[\x00-\x20]*j[\x00-\x20]*a[\x00-\x20]*v[\x00-\x20]*a[\x00-\x20]*s[\x00-\x20]*c[\x00-\x20]*r"
                     r"[\x00-\x20]*i[\x00-\x20]*p[\x00-\x20]*t[\x00-\x20]*:", re.IGNORECASE)


def parsed_problems(dom: str) -> list[str]:
    """What the DOM Chromium built holds that could run: scripts, handlers, javascript: URLs."""
    if not dom.strip():
        return ["empty DOM dump"]
    problems = []
    root = lxml.html.document_fromstring(dom)
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.rsplit("}", 1)[-1].lower()
        if tag == "script":
            problems.append(f"<script> {lxml.html.tostring(node)[:120]!r}")
        for name, value in node.attrib.items():
            lname = name.rsplit("}", 1)[-1].lower()
            if lname.startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if _JS_URL.match(value or ""):
                problems.append(f"<{tag} {name}={value[:60]!r}>")
    if MARK in dom:
        problems.append("a recorded script ran (marker set)")
    return problems


# ---------------------------------------------------------------------------------------------- the test


WORKERS = 3
INDEX = """<!doctype html><html><head><title>exports</title></head><body><pre id="out"></pre><script>
const files = FILES; const out = {}; let done = 0;
for (const f of files) {
  const fr = document.createElement('iframe');
  fr.onload = () => {
    try { out[f] = fr.contentDocument.documentElement.outerHTML; } catch (e) { out[f] = 'ERR ' + e; }
    if (++done === files.length) document.getElementById('out').textContent = JSON.stringify(out);
  };
  fr.src = '/' + f;
  document.body.appendChild(fr);
}
</script></body></html>"""
# the hostile constructs the exporter does not neutralise yet (src/rrweb_py/html.py): Content-Security-Policy
# still stops them from running, but they are in the parsed DOM or fetch something
KNOWN_GAPS: dict[str, str] = {}  # hostile pages html.py does not yet make inert (none now)


@pytest.fixture(scope="module")
def browser_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, list[str], bool]]:
    """Every export opened in Chromium: key -> (the DOM Chromium parsed, the requests it made, allow_fetch)."""
    chromium = chromium_or_skip()
    folder = tmp_path_factory.mktemp("exports")
    servers = [Server(folder) for _ in range(WORKERS)]
    for server in servers:
        server.__enter__()
    results: dict[str, tuple[str, list[str], bool]] = {}
    try:
        pages = export_pages(folder, servers[0].port)
        # 1. all exports as frames of one index page per mode (one Chromium run each); the index reads back
        #    each frame's DOM, and a request is the page's by its Referer
        by_file = {file: key for key, (file, _) in pages.items()}
        known = {f"/{file}" for file in by_file} | {"/index-0.html", "/index-1.html", "/favicon.ico"}

        def work(k: int, jobs: list[tuple[str, str | None]]) -> None:
            server = servers[k]
            for name, key in jobs[k::WORKERS]:
                before = len(server.log)
                dom = dump_dom(chromium, f"http://127.0.0.1:{server.port}/{name}")
                requests = server.log[before:]
                if key is not None:
                    results[f"top:{key}"] = (dom, [p for p, _ in requests if p != f"/{name}"], pages[key][1])
                    continue
                text = lxml.html.document_fromstring(dom).get_element_by_id("out").text_content()
                doms = json.loads(text) if text.strip() else {}
                for file in (f for f, fetch in pages.values() if fetch is name.endswith("1.html")):
                    mine = [p for p, ref in requests if ref.endswith("/" + file)]
                    results[by_file[file]] = (doms.get(file, ""), mine, pages[by_file[file]][1])

        # Two phases, default exports first: a request that names no page (a navigation, a cross-port or
        # Referer-less fetch) is then charged to the phase's pages.
        for mode in (False, True):
            index = f"index-{int(mode)}.html"
            files = [file for file, fetch in pages.values() if fetch is mode]
            (folder / index).write_text(INDEX.replace("FILES", repr(files)), encoding="utf-8")
            # all exports as frames of one index page (one Chromium run: it reads back each frame's DOM, and a
            # request is a page's by its Referer), and the hostile ones also as top-level pages
            jobs: list[tuple[str, str | None]] = [(index, None)]
            jobs += [(file, key) for key, (file, fetch) in pages.items() if key.startswith("hostile") and fetch is mode]
            marks = [len(server.log) for server in servers]
            with ThreadPoolExecutor(WORKERS) as pool:
                list(pool.map(lambda k: work(k, jobs), range(WORKERS)))  # noqa: B023 - run before the next phase
            stray = [p for server, mark in zip(servers, marks) for p, ref in server.log[mark:]
                     if p not in known and not any(ref.endswith("/" + f) for f in by_file)]
            if stray and not mode:
                results["stray requests"] = ("<html></html>", stray, False)
    finally:
        for server in servers:
            server.__exit__()
    return results


_RAN = ("inline", "external", "onerror", "js-url", "srcdoc", "svg-onload", "svg-script", "svg-root", "xmp",
        "noembed", "noframes", "textarea", "title", "attr", "comment", "style-break", "math", "head-script", "added",
        "iframe-doc", "fo", "nohead", "shadow", "focus", "hover", "onclick", "upper-onload", "form", "data-url")


def page_problems(dom: str, requests: list[str], allow_fetch: bool) -> list[str]:
    problems = parsed_problems(dom)
    other = [r for r in requests if r != "/favicon.ico"]
    if not allow_fetch and other:
        problems.append(f"requests made: {other[:8]}")
    ran = [r for r in other if r.startswith("/leak-") and any(r == f"/leak-{m}" for m in _RAN)]
    if ran:
        problems.append(f"scripts ran: {ran[:8]}")
    return problems


def test_recorded_exports_run_nothing_and_fetch_nothing(browser_results: dict[str, Any]) -> None:
    """The corpus and container recordings, exported with default options: inert and offline in Chromium."""
    keys = [k for k in browser_results if not k.startswith(("hostile", "top:hostile"))]
    failures = [f"{k}: {page_problems(*browser_results[k])}" for k in keys if page_problems(*browser_results[k])]
    print(f"\nopened {len(browser_results)} exports in headless Chromium ({len(keys)} recorded pages)")
    assert not failures, "\n".join(failures)
    if not CORPUS.is_dir():
        pytest.skip(f"only the {len(keys)} container recordings were opened (and passed): the shared corpus is not "
                    f"at {CORPUS} (set RRWEB_PY_SHARED to its parent)")
    assert len(keys) >= 10


HOSTILE = ["hostile-main", "hostile-shadow", "hostile-svg-root", "hostile-no-head", "hostile-iframe"]


@pytest.mark.parametrize("how", ["frame", "top"])
@pytest.mark.parametrize("key", [
    pytest.param(key, marks=pytest.mark.xfail(reason=KNOWN_GAPS[key], strict=True)) if key in KNOWN_GAPS else key
    for key in [*HOSTILE, *(h + "-fetch" for h in HOSTILE)]])
def test_hostile_exports_run_nothing(browser_results: dict[str, Any], key: str, how: str) -> None:
    """Hand-made hostile recordings: nothing runs; with default options nothing is fetched either. (Strict xfail
    for KNOWN_GAPS: a fix in html.py shows up here as a failure to update the list.)"""
    result = browser_results[key if how == "frame" else f"top:{key}"]
    assert not page_problems(*result)


def test_allow_fetch_exports_do_fetch(browser_results: dict[str, Any]) -> None:
    """The request log works: allow_fetch=True exports of the hostile page fetch its images (and run nothing)."""
    _, requests, allow = browser_results["top:hostile-main-fetch"]
    assert allow and any(r.startswith("/leak-") and r.endswith(".png") for r in requests)


def test_parsed_problems_sees_a_live_script(tmp_path: Path) -> None:
    """The detector itself: a page with a script, a handler and a javascript: URL is caught, and the script's
    request and marker are seen."""
    chromium = chromium_or_skip()
    (tmp_path / "bad.html").write_text(f"<html><head></head><body onload=\"{RUN.format('x')}\">"
                                       f"<a href='javascript:1'>a</a><script>{RUN.format('y')}</script></body></html>")
    with Server(tmp_path) as server:
        dom = dump_dom(chromium, f"http://127.0.0.1:{server.port}/bad.html")
        problems = parsed_problems(dom)
        assert any("marker" in p for p in problems)
        assert any("<script>" in p for p in problems)
        assert any("javascript" in p for p in problems)
        assert any(r.startswith("/leak-") for r, _ in server.log)
