"""Videos in headless Chromium through imageio-ffmpeg: formats, frame counts, skipped idle time, pages loaded only
when they change, the CLI. Skipped with a message where playwright, a Chromium or imageio-ffmpeg is absent."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import rrweb_py
from rrweb_py.cli import example_path, main
from rrweb_py.render import video
from rrweb_py.render._browser import Browser, find_chromium
from tests.builders import add, el, inc, meta, mutation, page, snapshot, text

try:
    import imageio_ffmpeg
    import PIL  # noqa: F401
    import playwright  # noqa: F401

    find_chromium()
    FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
except (ImportError, RuntimeError, rrweb_py.RenderError) as exc:  # pragma: no cover - depends on the machine
    pytest.skip(f"videos need playwright, a Chromium, imageio-ffmpeg and pillow: {exc}", allow_module_level=True)

SMALL = {"width": 160, "height": 120}


def probe(path: Path) -> tuple[int, tuple[int, int]]:
    """(frames, (width, height)) of a video, decoded in full by ffmpeg (which must find no error)."""
    run = subprocess.run([FFMPEG, "-hide_banner", "-i", str(path), "-f", "null", "-"], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Error" not in run.stderr and "error" not in run.stderr.lower().replace("error_", ""), run.stderr[-2000:]
    frames = int(re.findall(r"frame=\s*(\d+)", run.stderr)[-1])
    size = re.search(r"Video: .*?(\d{2,5})x(\d{2,5})", run.stderr)
    assert size is not None, run.stderr
    return frames, (int(size[1]), int(size[2]))


def _moves(start: int, stop: int, every: int = 500) -> list[dict]:
    return [inc(t, 1, positions=[{"x": 10 + t % 100, "y": 20, "id": 5, "timeOffset": 0}])
            for t in range(start, stop, every)]


def _ticking(idle_from: int | None = None, idle_to: int | None = None, length: int = 10_000) -> rrweb_py.Replay:
    """``length`` ms (10 s): a page whose text changes at 3 s, gains an element at 6 s, pointer moves every 0.5 s (none between
    ``idle_from`` and ``idle_to``)."""
    events = [meta(0, width=160, height=120),
              snapshot(page(el(10, "div", {"id": "t"}, text(11, "one")), el(12, "ul", {}, el(13, "li", {}))), 0),
              mutation(3000, texts=[{"id": 11, "value": "two"}], attributes=[{"id": 13, "attributes": {"class": "x"}}]),
              mutation(6000, adds=[add(12, el(14, "li", {}, text(15, "new")))], removes=[{"parentId": 12, "id": 13}])]
    for ev in _moves(100, length):
        t = ev["timestamp"] - events[0]["timestamp"]
        if idle_from is None or not idle_from <= t <= idle_to:
            events.append(ev)
    events.append(inc(length, 1, positions=[{"x": 1, "y": 1, "id": 5, "timeOffset": 0}]))
    return rrweb_py.load(sorted(events, key=lambda e: e["timestamp"]))


@pytest.mark.parametrize("suffix", [".mp4", ".webm", ".gif"])
def test_each_format_is_written_and_decodes(tmp_path, suffix):
    out = tmp_path / f"v{suffix}"
    assert _ticking().render(out, end_ms=2000, fps=5, width=161, height=121) == out
    frames, size = probe(out)
    assert frames == 10
    assert size == ((162, 122) if suffix == ".mp4" else (161, 121))  # H.264 in yuv420p wants even sizes


def test_the_video_lasts_the_range_over_the_speed(tmp_path):
    out = tmp_path / "v.mp4"
    replay = _ticking()
    stats = video.write_video(replay, out, start_ms=1000, end_ms=4000, fps=10, speed=2, **SMALL)
    assert stats.frames == 15 and probe(out)[0] == 15
    assert stats.offsets[:3] == [1000, 1200, 1400] and stats.offsets[-1] == 3800
    assert video.video_offsets(replay, 0, 3000, 10, 1, False)[-1] == 2900


def test_skip_inactive_compresses_idle_gaps(tmp_path):
    replay = _ticking(idle_from=1000, idle_to=14_000, length=15_000)  # no user activity from 0.6 s to 14.1 s
    gaps = replay.activity().gaps
    assert [(round(g.start_ms), round(g.end_ms)) for g in gaps] == [(600, 14_100)]
    full = video.video_offsets(replay, 0, replay.duration_ms, 10, 1, False)
    skipped = video.video_offsets(replay, 0, replay.duration_ms, 10, 1, True)
    assert len(full) == 150 and len(skipped) == 6 + 10 + 9  # 0.6 s as recorded, the 13.5 s gap in 1 s, 0.9 s
    assert skipped == sorted(skipped) and skipped[-1] <= replay.duration_ms
    assert skipped[5] == 500 and skipped[6] == 600 < skipped[15] < 14_100 == skipped[16]
    assert video.video_offsets(replay, 0, replay.duration_ms, 10, 4, True)[-1] > 14_100  # 0.6/4 s, 1 s, 0.9/4 s
    out = tmp_path / "v.mp4"
    stats = video.write_video(replay, out, fps=10, skip_inactive=True, **SMALL)
    assert stats.frames == 25 and probe(out)[0] == 25


def test_pages_are_loaded_only_when_the_document_changes(tmp_path):
    stats = video.write_video(_ticking(), tmp_path / "v.mp4", fps=10, **SMALL)
    assert stats.frames == 100
    assert stats.renders + stats.patches <= 3  # the first load, the two mutations pushed into the open page
    assert stats.renders == 1 and stats.patches == 2
    assert stats.shots <= 25 and stats.shots + stats.reused == 100  # a picture when the pointer moved


def test_patched_pages_match_fresh_loads():
    replay = _ticking()
    offsets = [0, 2500, 3500, 7000, 9000]
    stats = video.VideoStats(Path("unused"))
    with Browser() as browser:
        browser.run(video._frames, browser, replay, offsets, (160, 120), stats, lambda *a: None, None)
        patched = browser.evaluate("document.getElementById('__rrweb_py_overlay').remove() || document.body.outerHTML")
        html = replay.at(9000).to_html(node_ids=True)
        browser.run(lambda p: p.set_content(html))
        fresh = browser.evaluate("document.body.outerHTML")
    assert stats.patches == 2 and stats.renders == 1
    assert patched == fresh and "new" in fresh


def test_cli_video(tmp_path, capsys):
    out = tmp_path / "v.gif"
    assert main(["video", "example", "--end", "1s", "--fps", "4", "--width", "120", "--height", "90", "-o",
                 str(out), "--json"]) == 0
    assert '"frames": 4' in capsys.readouterr().out and probe(out) == (4, (120, 90))
    assert main(["video", "example", "-o", str(tmp_path / "v.avi")]) == 2
    assert ".mp4, .webm or .gif" in capsys.readouterr().err
    assert main(["video", "example", "-o", str(out), "--fps", "0"]) == 2
    assert main(["video", "example", "-o", str(out), "--speed", "-1"]) == 2
    assert main(["video", "example", "-o", str(out), "--end", "99:00"]) == 2
    assert "outside the recording" in capsys.readouterr().err
    assert main(["video", "example", "-o", str(out), "--fps", "ten"]) == 2


def test_bad_arguments_are_refused_before_a_browser_starts(tmp_path):
    replay = _ticking()
    for kw in ({"fps": 0}, {"speed": float("nan")}, {"start_ms": -1}, {"end_ms": 10**9}, {"start_ms": 5000, "end_ms": 10},
               {"width": 0}):
        with pytest.raises(rrweb_py.InvalidArgument):
            replay.render(tmp_path / "v.mp4", **kw)
    with pytest.raises(rrweb_py.InvalidArgument, match="mp4"):
        replay.render(tmp_path / "v.mov")


def test_missing_or_failing_ffmpeg_and_browser_are_render_errors(tmp_path, monkeypatch):
    replay = _ticking()
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "imageio_ffmpeg", None)
        with pytest.raises(rrweb_py.RenderError, match=r"pip install 'rrweb_py\[render\]'"):
            replay.render(tmp_path / "v.mp4")
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "PIL", None)
        with pytest.raises(rrweb_py.RenderError, match=r"pillow: pip install 'rrweb_py\[render\]'"):
            replay.render(tmp_path / "v.mp4")
    fake = tmp_path / "ffmpeg"
    fake.write_text("#!/bin/sh\necho 'line one' >&2\necho 'Unknown encoder libx264' >&2\nexit 3\n")
    fake.chmod(0o755)
    with monkeypatch.context() as m:
        m.setattr(video, "ffmpeg_exe", lambda: str(fake))
        with pytest.raises(rrweb_py.RenderError, match="ffmpeg failed .exit 3.: line one\nUnknown encoder"):
            replay.render(tmp_path / "v.mp4", end_ms=1000, **SMALL)
    monkeypatch.setenv("RRWEB_PY_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(rrweb_py.RenderError, match="RRWEB_PY_CHROMIUM"):
        replay.render(tmp_path / "v.mp4")


def test_a_failing_page_script_is_a_render_error():
    def run(page):
        cdp = page.context.new_cdp_session(page)
        try:  # scroll offsets for elements, but no elements: the script throws in the page
            return video._run_step(cdp, [None, [0, 0], None, None, None, None])
        finally:
            cdp.detach()

    with Browser() as browser:
        assert browser.run(lambda page: video._run_step(page.context.new_cdp_session(page),
                                                        [None, None, None, None, None, None])) is True
        with pytest.raises(rrweb_py.RenderError, match="the page script failed: TypeError"):
            browser.run(run)


def test_what_changes_the_page():
    replay = _ticking()
    events = replay.events
    tree = replay.at(replay.duration_ms).state.tree
    index = {ev["timestamp"] - replay.start_timestamp: i for i, ev in enumerate(events)}
    assert video._changes(events, index[100], index[2600] + 1, tree) == (set(), False)  # pointer moves only
    at_3s = replay.at(3000).state.tree
    assert video._changes(events, index[3000], index[3000] + 1, at_3s) == ({10, 13}, False)  # text's parent, li
    assert video._changes(events, index[3000], index[3000] + 1, tree) == ({10}, False)  # the li is gone since
    assert video._changes(events, index[6000], index[6000] + 1, tree) == ({12}, False)  # the list
    assert video._changes(events, 0, 2, tree) == (None, False)  # Meta and FullSnapshot: the page anew
    scroll = [inc(1, 3, id=10, x=0, y=5)]
    assert video._changes(scroll, 0, 1, tree) == (set(), True)
    body = [mutation(1, attributes=[{"id": 5, "attributes": {"class": "x"}}])]
    assert video._changes(body, 0, 1, tree) == (None, False)  # <body> itself: the page anew


def _frames_of(browser, replay, offsets, size, monkeypatch, *, clips, picture="png"):
    """The frames ``_frames`` gives for ``offsets`` (raw YCbCr planes), with pictures of changed regions or not."""
    monkeypatch.setattr(video, "CLIPS", clips)
    monkeypatch.setattr(video, "PICTURE_FORMAT", picture)
    canvas = video._Canvas(size)
    frames = []

    def emit(shot):
        if shot is not None:
            canvas.add(shot)
        frames.append(canvas.frame())

    stats = video.VideoStats(Path("unused"))
    browser.run(video._frames, browser, replay, offsets, size, stats, emit, None)
    return frames, stats


def _differences(a: bytes, b: bytes) -> tuple[int, float]:
    """The largest difference of two frames' samples, and the share of samples that differ."""
    assert len(a) == len(b)
    diff = [abs(x - y) for x, y in zip(a, b) if x != y]
    return max(diff, default=0), len(diff) / len(a)


def test_pictures_of_changed_regions_make_the_frames_whole_pictures_make(monkeypatch):
    # the bundled recording (a clock, a blinking caret, the pointer): with exact pictures (PNG) every frame made of
    # regions pasted on the last frame is the frame a whole picture gives; with JPEG, the same within its noise
    replay = rrweb_py.load(example_path())
    offsets = [8000 + 100 * k for k in range(100)]
    size = (1280, 800)
    with Browser() as browser:
        whole, stats_whole = _frames_of(browser, replay, offsets, size, monkeypatch, clips=False)
        parts, stats = _frames_of(browser, replay, offsets, size, monkeypatch, clips=True)
        assert stats.clips >= 20 and stats_whole.clips == 0
        assert stats.shots + stats.reused == stats_whole.shots + stats_whole.reused == len(offsets)
        for k, (a, b) in enumerate(zip(whole, parts, strict=True)):
            assert a == b, (k, _differences(a, b))
        whole, _ = _frames_of(browser, replay, offsets, size, monkeypatch, clips=False, picture="jpeg")
        parts, stats = _frames_of(browser, replay, offsets, size, monkeypatch, clips=True, picture="jpeg")
    assert stats.clips >= 20
    for k, (a, b) in enumerate(zip(whole, parts, strict=True)):
        most, share = _differences(a, b)
        assert most <= 12 and share < 0.002, (k, most, share)


def _tricky() -> rrweb_py.Replay:
    """A page whose changes each reach outside the changed element (its box grows, a sibling rule, a float, a
    pseudo-element placed elsewhere, list numbers, a shadow), but for three (a text in a box of fixed size, an
    element with a descendant placed far away, an input's value), and the pointer."""
    style = el(6, "style", {}, text(7, ".a.on ~ .b { background: #c00 } body { margin: 0; font: 16px sans-serif } "
                                    ".pre::before { content: attr(data-x); position: absolute; left: 560px; top: 0 } "
                                    "div, p, ol { margin: 0 0 8px }"))
    box = "width:300px;height:24px;overflow:hidden"
    body = [
        el(10, "div", {"style": box}, text(11, "safe")),
        el(12, "p", {}, el(13, "span", {}, text(14, "ab")), text(15, " tail")),
        el(16, "div", {"class": "a", "style": box}, text(17, "a")),
        el(36, "div", {"style": box}, text(37, "between")),
        el(18, "div", {"class": "b", "style": box}, text(19, "b")),
        el(20, "div", {"style": "position:relative;" + box},
           el(21, "div", {"style": "position:absolute;left:300px;top:0"}, text(22, "far"))),
        el(23, "div", {"style": "height:20px"}, el(24, "div", {"style": "float:left;height:60px"}, text(25, "float"))),
        el(39, "p", {}, text(38, "words that wrap around the float " * 6)),
        el(26, "div", {"class": "pre", "data-x": "one", "style": box}, text(27, "pseudo")),
        el(28, "ol", {}, el(29, "li", {}, text(30, "one")), el(31, "li", {}, text(32, "two"))),
        el(33, "div", {"style": box + ";box-shadow:0 30px 0 #00c"}, text(34, "shadow")),
        el(35, "input", {"value": "x", "style": "margin-top: 30px"}),
    ]
    events = [meta(0, width=640, height=480), snapshot(page(*body, head=[style]), 0),
              mutation(1000, texts=[{"id": 11, "value": "safe, changed"}]),
              mutation(2000, texts=[{"id": 14, "value": "abcdefghijkl"}]),  # the span grows: the tail moves
              mutation(3000, attributes=[{"id": 16, "attributes": {"class": "a on"}}]),  # a later sibling turns red
              mutation(4000, attributes=[{"id": 21, "attributes": {"style": "position:absolute;left:400px;top:2px"}},
                                         {"id": 20, "attributes": {"data-x": "1"}}]),
              mutation(5000, texts=[{"id": 25, "value": "float, much wider than it was"}], attributes=[{"id": 23, "attributes": {"x": "1"}}]),
              mutation(6000, attributes=[{"id": 26, "attributes": {"data-x": "two"}}]),
              mutation(7000, attributes=[{"id": 29, "attributes": {"value": "5"}}]),  # the next item is 6
              mutation(8000, attributes=[{"id": 33, "attributes": {"style": box + ";box-shadow:0 30px 0 #0c0"}}]),
              inc(9000, 5, id=35, text="typed", isChecked=False)]
    # the pointer moves between the changes (a region with both would be too large to be taken alone)
    events += [inc(t, 1, positions=[{"x": 400 + t // 200, "y": 440, "id": 5, "timeOffset": 0}])
               for t in range(500, 10_000, 1000)]
    events.append(inc(9600, 2, type=2, id=5, x=500, y=440))
    return rrweb_py.load(sorted(events, key=lambda e: e["timestamp"]))


def test_changes_that_reach_outside_their_element_take_the_whole_picture(monkeypatch):
    replay = _tricky()
    offsets = [250 * k for k in range(42)]
    size = (640, 480)
    with Browser() as browser:
        whole, _ = _frames_of(browser, replay, offsets, size, monkeypatch, clips=False)
        parts, stats = _frames_of(browser, replay, offsets, size, monkeypatch, clips=True)
    for k, (a, b) in enumerate(zip(whole, parts, strict=True)):
        assert a == b, (offsets[k], _differences(a, b))
    assert stats.patches == 9 and stats.renders == 1
    assert stats.clips >= 12  # the three changes that stay in their boxes, the pointer's moves and click
    assert stats.shots - stats.clips == 7  # the first picture, the six changes that reach outside


@pytest.mark.parametrize("moving", ["animation", "gif"])
def test_a_page_that_moves_by_itself_is_always_taken_whole(monkeypatch, moving):
    css = ("@keyframes spin { to { transform: rotate(1turn) } } .s { animation: spin 1s linear infinite }"
           if moving == "animation" else ".s { width: 20px; height: 20px }")
    image = el(14, "img", {"src": "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs="})
    body = [el(10, "div", {"class": "s"}, text(11, "x")), el(12, "div", {}, text(13, "t"))]
    events = [meta(0, width=320, height=240),
              snapshot(page(*body, *([image] if moving == "gif" else []), head=[el(6, "style", {}, text(7, css))]), 0),
              mutation(500, texts=[{"id": 13, "value": "changed"}])]
    events += [inc(t, 1, positions=[{"x": t // 10, "y": 20, "id": 5, "timeOffset": 0}]) for t in range(100, 1000, 100)]
    replay = rrweb_py.load(events)
    with Browser() as browser:
        _, stats = _frames_of(browser, replay, [100 * k for k in range(10)], (320, 240), monkeypatch, clips=True)
    assert stats.clips == 0 and stats.shots >= 9
