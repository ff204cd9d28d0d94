"""Videos of a replay: the page in headless Chromium, one picture per output frame, encoded by ffmpeg.

Time: output frame ``k`` shows the replay at recording offset ``start_ms + k * speed * 1000 / fps``, so a video
lasts ``(end_ms - start_ms) / speed`` (``ceil`` of it in frames). With ``skip_inactive`` every inactivity gap of
:func:`rrweb_py.analysis.activity` (more than 10 s without user interaction, rrweb's threshold) that lies in the
range is compressed into :data:`SKIP_SHOWN_MS` of video (played fast, as rrweb's player skips), the rest keeps
``speed``.

Cost: the page is loaded into the browser (``set_content``) at the start of each segment of :data:`SEGMENT` frames
and when a new page arrives (FullSnapshot, Meta); other document changes (mutations, inputs, style rules) are
pushed into the open page by writing the outermost changed elements anew (``outerHTML``), or load the page when
the open page cannot take them (a change inside a shadow root or an iframe, of ``html``/``head``/``body``, of more
than :data:`PATCH_MOST` separate elements). Pointer moves, mouse interactions, viewport resizes, selections and
logs change nothing in the document; a scroll moves the open page, and the pointer and click marks are an overlay
element. An output frame whose page and cursor are what the previous one showed reuses that picture without
asking the browser. When the page can say which region of the screen a change touched (the script that patches it
measures the changed elements and the marks before and after, and refuses when anything may reach outside them:
see :data:`~rrweb_py.render.screenshot.STEP`), the browser gives a picture of that region only, pasted onto the
previous frame; after a page load or a scroll, or when unsure, a picture of the whole viewport. Two browsers (on
machines with two processors or more) take segments in turn; the replay's walk is shared, one step at a time.
Pictures are JPEG (the regions on the blocks of a whole picture's); the frames go to ffmpeg (from
``imageio-ffmpeg``, the ``render`` extra) as raw YCbCr 4:2:0 through its standard input, in order: no file per
frame. Pillow (the ``render`` extra too) decodes and pastes the pictures.
"""

from __future__ import annotations

import base64
import bisect
import io
import json
import math
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource, NodeType
from ..errors import InvalidArgument, RenderError
from ._browser import Browser
from .screenshot import DEFAULT_SIZE, STEP, _element_scrolls, marks

if TYPE_CHECKING:
    from .._read.frame import Frame
    from .._replay.replay import ReplayCore

#: the video time an inactivity gap is compressed into with ``skip_inactive`` (ms)
SKIP_SHOWN_MS = 1000.0
#: the output suffixes and what they hold
FORMATS = {".mp4": "H.264 (yuv420p)", ".webm": "VP9", ".gif": "GIF (one palette for the video)"}
JPEG_QUALITY = 90
#: the browser's pictures: "jpeg" (at :data:`JPEG_QUALITY`), or "png" (exact, slower)
PICTURE_FORMAT = "jpeg"
#: output frames per unit of work: a browser loads the page at the start of each segment it takes
SEGMENT = 100

_INCREMENTAL = int(EventType.INCREMENTAL_SNAPSHOT)
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_META = int(EventType.META)
# incremental sources that leave the document as it was: the pointer (moved, clicked, touched, dragged), scrolls
# (pushed into the open page), viewport resizes (the video keeps one size) and console logs
_POINTER = frozenset(int(s) for s in (IncrementalSource.MOUSE_MOVE, IncrementalSource.MOUSE_INTERACTION,
                                      IncrementalSource.TOUCH_MOVE, IncrementalSource.DRAG))
_SCROLL = int(IncrementalSource.SCROLL)
_QUIET = frozenset(int(s) for s in (IncrementalSource.VIEWPORT_RESIZE, IncrementalSource.LOG))
_DOCUMENT_TYPES = frozenset({_FULL_SNAPSHOT, _META})  # a new page (Meta: a navigation, its snapshot follows)



@dataclass
class VideoStats:
    """What making a video cost: output ``frames``, page loads (``renders``), changes pushed into the open page
    (``patches``: the changed elements written anew), browser pictures (``shots``, of which ``clips`` are of the
    changed region only), frames that reused the previous picture (``reused``), and the seconds spent walking the
    replay and writing HTML (``walk_s``), loading or patching pages (``render_s``), moving the overlay and taking
    pictures (``shot_s``), making frames of the pictures and waiting for ffmpeg (``encode_s``: feeding it, then its
    finish) and in all (``total_s``)."""

    path: Path
    frames: int = 0
    renders: int = 0
    patches: int = 0
    shots: int = 0
    clips: int = 0
    reused: int = 0
    size: tuple[int, int] = (0, 0)
    walk_s: float = 0.0
    render_s: float = 0.0
    shot_s: float = 0.0
    encode_s: float = 0.0
    total_s: float = 0.0
    offsets: list[float] = field(default_factory=list, repr=False)

    def add(self, other: VideoStats) -> None:
        """Count ``other``'s work in (the seconds add up over browsers working at once)."""
        for name in ("renders", "patches", "shots", "clips", "reused", "walk_s", "render_s", "shot_s"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def ffmpeg_exe() -> str:
    """The ffmpeg of ``imageio-ffmpeg`` (or the one its ``IMAGEIO_FFMPEG_EXE`` names)."""
    try:
        import imageio_ffmpeg
    except ImportError:
        msg = "videos need ffmpeg: pip install 'rrweb_py[render]'"
        raise RenderError(msg) from None
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError as exc:
        msg = f"videos need ffmpeg: pip install 'rrweb_py[render]' ({exc})"
        raise RenderError(msg) from None


def _number(name: str, value: Any, *, least: float = 0.0, most: float = math.inf) -> float:
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or not least < value <= most):
        msg = f"{name} must be a number in ({least:g}, {most:g}], got {value!r}"
        raise InvalidArgument(msg)
    return float(value)


def video_offsets(replay: ReplayCore, start_ms: float, end_ms: float, fps: float, speed: float,
                  skip_inactive: bool) -> list[float]:
    """The recording offset each output frame shows (see the module doc)."""
    step = speed * 1000.0 / fps  # recording ms per output frame
    # pieces of the range: (recording start, recording end, recording ms per video ms)
    pieces: list[tuple[float, float, float]] = []
    at = start_ms
    if skip_inactive:
        from ..analysis.activity import activity

        for gap in activity(replay).gaps:
            a, b = max(gap.start_ms, start_ms), min(gap.end_ms, end_ms)
            if b <= a:
                continue
            if a > at:
                pieces.append((at, a, speed))
            shown = min(SKIP_SHOWN_MS, (b - a) / speed)
            pieces.append((a, b, (b - a) / shown))
            at = b
    if end_ms > at or not pieces:
        pieces.append((at, end_ms, speed))
    video_ms = sum((b - a) / rate for a, b, rate in pieces)
    count = max(1, math.ceil(video_ms * fps / 1000.0 - 1e-9))
    if not skip_inactive:
        return [start_ms + k * step for k in range(count)]
    out: list[float] = []
    ends = []  # video time at the end of each piece
    total = 0.0
    for a, b, rate in pieces:
        total += (b - a) / rate
        ends.append(total)
    for k in range(count):
        v = k * 1000.0 / fps
        i = min(bisect.bisect_right(ends, v), len(pieces) - 1)
        a, b, rate = pieces[i]
        begin = ends[i] - (b - a) / rate
        out.append(min(b, a + (v - begin) * rate))
    return out


_MUTATION = int(IncrementalSource.MUTATION)
_INPUT = int(IncrementalSource.INPUT)
# sources whose event names the one element they change (``data.id``): it is written anew
_ONE_ELEMENT = frozenset(int(s) for s in (IncrementalSource.INPUT, IncrementalSource.STYLE_SHEET_RULE,
                                          IncrementalSource.STYLE_DECLARATION))
_SELECTION = int(IncrementalSource.SELECTION)
#: above this many changed elements (the outermost of them) since the last picture, or this many nodes changed,
#: the page is loaded anew rather than patched
PATCH_MOST = 200
TOUCHED_MOST = 20_000
_RELOAD = None


def _changes(events: Sequence[Any], lo: int, hi: int, tree: Any) -> tuple[set[int] | None, bool]:
    """What events ``lo:hi`` change: the ids of the elements to write anew (``None``: the whole page; empty:
    nothing), and whether they scroll."""
    scrolled = False
    touched: set[int] = set()  # elements (and nodes whose parent is the element to write: adds, removes)
    texts: set[int] = set()  # text nodes: their parent is written
    for i in range(lo, hi):
        ev = events[i]
        etype = ev.get("type")
        if etype == _INCREMENTAL:
            data = ev.get("data") or {}
            source = data.get("source")
            if source in _POINTER or source in _QUIET or source == _SELECTION:
                continue
            if source == _SCROLL:
                scrolled = True
            elif source == _MUTATION:
                try:
                    touched.update(a["id"] for a in data.get("attributes") or ())
                    texts.update(t["id"] for t in data.get("texts") or ())
                    touched.update(a["parentId"] for a in data.get("adds") or ())
                    touched.update(r["parentId"] for r in data.get("removes") or ())
                except (KeyError, TypeError):
                    return _RELOAD, scrolled
            elif source in _ONE_ELEMENT and isinstance(data.get("id"), int):
                touched.add(data["id"])
            else:
                return _RELOAD, scrolled
            if len(touched) + len(texts) > TOUCHED_MOST:
                return _RELOAD, scrolled
        elif etype in _DOCUMENT_TYPES:
            return _RELOAD, scrolled
    elements: set[int] = set()
    for nid, is_text in [*((n, False) for n in touched), *((n, True) for n in texts)]:
        node = tree.get(nid)
        if node is None:
            continue  # gone since: its removal is its parent's change
        if is_text or node.type != _ELEMENT:
            node = tree.get(node.parent) if node.parent is not None else None
            if node is None:
                continue
        if node.type != _ELEMENT or node.tag in _WHOLE:
            return _RELOAD, scrolled
        elements.add(node.id)
    # only the outermost: an element written anew carries its descendants
    top = set()
    for nid in elements:
        node = tree.get(nid)
        parent = node.parent
        while parent is not None and parent not in elements:
            up = tree.get(parent)
            parent = up.parent if up is not None else None
        if parent is None:
            top.add(nid)
    if len(top) > PATCH_MOST:
        return _RELOAD, scrolled
    return top, scrolled


_ELEMENT = int(NodeType.ELEMENT)
_WHOLE = frozenset({"html", "head", "body", "iframe", "frame", "frameset"})  # never patched: the page is loaded
_CSP_META = '<meta http-equiv="Content-Security-Policy"'

def _element_html(state: Any, node: Any, now: float, allow_fetch: bool) -> str:
    from .._read.html import to_html

    html = to_html(state, now, root=node, node_ids=True, allow_fetch=allow_fetch)
    if html.startswith(_CSP_META):
        html = html[html.index(">") + 1:]
    return html


class _Encoder:
    """ffmpeg reading frames from its standard input and writing ``path``: raw YCbCr 4:2:0 frames of ``size``
    (full range, as JPEG's), or JPEG pictures when ``size`` is ``None``."""

    def __init__(self, exe: str, path: Path, fps: float, palette: Path | None = None,
                 size: tuple[int, int] | None = None) -> None:
        suffix = path.suffix.lower()
        if size is None:
            source = ["-f", "image2pipe", "-c:v", "mjpeg"]
        else:
            source = ["-f", "rawvideo", "-pix_fmt", "yuvj420p", "-s", f"{size[0]}x{size[1]}"]
        args = [exe, "-hide_banner", "-loglevel", "error", "-y", *source, "-framerate", f"{fps:g}", "-i", "-"]
        if suffix == ".mp4":
            args += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast",
                     "-x264-params", "bframes=0:subme=0", "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart"]
        elif suffix == ".webm":
            args += ["-vf", "format=yuv420p", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
                     "-row-mt", "1", "-b:v", "0", "-crf", "36", "-pix_fmt", "yuv420p"]
        elif palette is None:  # gif, first pass: the palette of the pictures given
            args += ["-vf", "palettegen=stats_mode=diff", "-frames:v", "1", "-f", "image2", "-c:v", "png"]
        else:
            args += ["-i", str(palette), "-lavfi", "[0:v][1:v]paletteuse=dither=bayer:diff_mode=rectangle",
                     "-f", "gif", "-loop", "0"]
        args.append(str(path))
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish() or kill()
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._err)
        except OSError as exc:
            self._err.close()
            msg = f"could not run ffmpeg ({exe}): {exc}"
            raise RenderError(msg) from None

    def write(self, picture: bytes) -> None:
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.write(picture)
        except (BrokenPipeError, OSError):
            self.finish()  # raises with ffmpeg's message
            raise

    def finish(self) -> None:
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
        except OSError:
            pass
        code = self._proc.wait()
        self._err.seek(0)
        tail = self._err.read().decode("utf-8", "replace").strip().splitlines()[-8:]
        self._err.close()
        if code != 0:
            msg = f"ffmpeg failed (exit {code}): " + ("\n".join(tail) or "(no message)")
            raise RenderError(msg)

    def kill(self) -> None:
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except OSError:
                pass
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if not self._err.closed:
            self._err.close()


@dataclass(frozen=True)
class _Shot:
    """A browser picture (:data:`PICTURE_FORMAT`): the whole viewport when ``at`` is ``None``, else a region of it
    whose top left corner is at ``at`` in the viewport (on multiples of 16: a JPEG's blocks are those of a picture
    of the whole viewport)."""

    data: bytes
    at: tuple[int, int] | None = None


def _pillow() -> Any:
    try:
        from PIL import Image
    except ImportError:
        msg = "videos need pillow: pip install 'rrweb_py[render]'"
        raise RenderError(msg) from None
    return Image


class _Canvas:
    """The frames of the video, made in order from the browser's pictures (see :class:`_Shot`): a whole picture
    starts anew, a region (on even coordinates) is pasted onto the last frame. ``frame()`` is the frame as ffmpeg
    reads it: raw YCbCr 4:2:0 (full range, as JPEG's; the brightness, then the two colour planes at half size), or
    a JPEG when ``jpeg``."""

    def __init__(self, size: tuple[int, int], jpeg: bool = False) -> None:
        self._image = _pillow()
        self.size = size
        self.jpeg = jpeg
        self._planes: list[Any] = []  # Y, Cb, Cr: Pillow images, the colours at half size
        self._whole: bytes | None = None  # the browser's JPEG, when the frame is that picture unchanged
        self._frame: bytes | None = None

    def _split(self, data: bytes) -> list[Any]:
        image = self._image.open(io.BytesIO(data))
        image.draft("YCbCr", image.size)  # a JPEG: no conversion to RGB and back (a PNG is RGB)
        y, cb, cr = (image if image.mode == "YCbCr" else image.convert("YCbCr")).split()
        return [y, cb.reduce(2), cr.reduce(2)]

    def add(self, shot: _Shot) -> None:
        planes = self._split(shot.data)
        if shot.at is None:
            if planes[0].size != self.size:
                msg = (f"the browser gave a picture of {planes[0].size[0]}x{planes[0].size[1]}, not "
                       f"{self.size[0]}x{self.size[1]}")
                raise RenderError(msg)
            self._planes = planes
            self._whole = shot.data if shot.data[:2] == b"\xff\xd8" else None  # a JPEG, fed to ffmpeg as it is
        else:
            if not self._planes:
                msg = "a region of a picture came before the whole picture"
                raise RenderError(msg)
            x, y = shot.at
            for i, (plane, part) in enumerate(zip(self._planes, planes, strict=True)):
                plane.paste(part, (x, y) if i == 0 else (x // 2, y // 2))
            self._whole = None
        self._frame = None

    def frame(self) -> bytes:
        if self._frame is None:
            if not self.jpeg:
                self._frame = b"".join(plane.tobytes() for plane in self._planes)
            else:
                if self._whole is None:
                    y, cb, cr = self._planes
                    image = self._image.merge("YCbCr", [y, cb.resize(y.size), cr.resize(y.size)])
                    out = io.BytesIO()
                    image.save(out, "JPEG", quality=JPEG_QUALITY)
                    self._whole = out.getvalue()
                self._frame = self._whole
        return self._frame


def write_video(replay: ReplayCore, path: str | os.PathLike[str], *, start_ms: float = 0, end_ms: float | None = None,
                fps: float = 10, speed: float = 1.0, skip_inactive: bool = False, width: int | None = None,
                height: int | None = None, progress: Callable[[int, int], None] | None = None,
                allow_network: bool = False, workers: int | None = None) -> VideoStats:
    """Write the video of ``replay`` to ``path`` (see :meth:`rrweb_py.Replay.render`) and say what it cost.

    ``workers``: how many browsers take pictures at once (default: 2 where the machine has 2 processors or more;
    each takes whole segments of :data:`SEGMENT` frames, so a shorter video uses one)."""
    began = time.perf_counter()
    out = Path(path)
    if out.suffix.lower() not in FORMATS:
        msg = f"a video is written as .mp4, .webm or .gif, not {out.suffix or 'a file without a suffix'!r} ({out})"
        raise InvalidArgument(msg)
    fps = _number("fps", fps, most=120)
    speed = _number("speed", speed, most=10_000)
    if not len(replay):
        msg = "the recording has no events"
        raise InvalidArgument(msg)
    duration = replay.duration_ms
    end = duration if end_ms is None else end_ms
    for name, value in (("start_ms", start_ms), ("end_ms", end)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= duration:
            msg = f"{name} must be a number of ms in 0..{duration:g} (the recording), got {value!r}"
            raise InvalidArgument(msg)
    if end < start_ms:
        msg = f"end_ms ({end:g}) is before start_ms ({start_ms:g})"
        raise InvalidArgument(msg)
    for name, given in (("width", width), ("height", height)):
        if given is not None and (isinstance(given, bool) or not isinstance(given, int) or not 0 < given <= 8192):
            msg = f"{name} must be an int of pixels in 1..8192, got {given!r}"
            raise InvalidArgument(msg)
    if workers is not None and (type(workers) is not int or workers < 1):
        msg = f"workers must be an int >= 1, got {workers!r}"
        raise InvalidArgument(msg)
    offsets = video_offsets(replay, float(start_ms), float(end), fps, speed, skip_inactive)
    exe = ffmpeg_exe()
    first = replay.at(offsets[0])
    vw, vh = first.viewport
    size = (width or (int(vw) if vw else DEFAULT_SIZE[0]), height or (int(vh) if vh else DEFAULT_SIZE[1]))
    stats = VideoStats(out, frames=len(offsets), size=size, offsets=offsets)
    segments = [(lo, min(lo + SEGMENT, len(offsets))) for lo in range(0, len(offsets), SEGMENT)]
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 else 1
    workers = min(workers, len(segments))
    gif = out.suffix.lower() == ".gif"
    canvas = _Canvas(size, jpeg=gif)
    pictures: list[bytes] = []  # gif: the distinct pictures, and which one each frame shows
    order: list[int] = []
    encoder = None if gif else _Encoder(exe, out, fps, size=size)
    try:
        def emit(shot: _Shot | None) -> None:
            t = time.perf_counter()
            if shot is not None:
                canvas.add(shot)
            if encoder is not None:
                encoder.write(canvas.frame())
            else:
                if shot is not None:
                    pictures.append(canvas.frame())
                order.append(len(pictures) - 1)
            stats.encode_s += time.perf_counter() - t

        _take(replay, offsets, segments, workers, size, allow_network, stats, emit, progress)
        if encoder is not None:
            t = time.perf_counter()
            encoder.finish()
            stats.encode_s += time.perf_counter() - t
    except BaseException:
        if encoder is not None:
            encoder.kill()
        raise
    if gif:
        t = time.perf_counter()
        _write_gif(exe, out, fps, pictures, order)
        stats.encode_s += time.perf_counter() - t
    stats.total_s = time.perf_counter() - began
    return stats


class _Stop(Exception):
    """The workers are told to stop."""


def _take(replay: ReplayCore, offsets: list[float], segments: list[tuple[int, int]], workers: int,
          size: tuple[int, int], allow_network: bool, stats: VideoStats, emit: Callable[[_Shot | None], None],
          progress: Callable[[int, int], None] | None) -> None:
    """The pictures of every segment, taken by ``workers`` browsers at once and emitted in order in this thread.
    The replay's walker and checkpoints are shared: each walk step holds a lock."""
    walk = threading.Lock()
    cond = threading.Condition()
    results: dict[int, list[_Shot | None]] = {}  # the pictures of each segment taken, as they come
    finished: set[int] = set()
    taken = [0]  # the next segment to take
    written = [0]  # segments emitted
    errors: list[BaseException] = []
    ahead = 2 * workers  # segments taken but not emitted, at most: bounds the pictures held

    def work() -> None:
        try:
            with Browser(allow_network=allow_network) as browser:
                while True:
                    with cond:
                        while taken[0] - written[0] >= ahead and not errors:
                            cond.wait()
                        index = taken[0]
                        if index >= len(segments) or errors:
                            return
                        taken[0] += 1
                        got = results[index] = []

                    def keep(shot: _Shot | None, got: list[_Shot | None] = got) -> None:
                        if errors:
                            raise _Stop  # the video failed or was interrupted: stop within the segment
                        with cond:
                            got.append(shot)
                            cond.notify_all()

                    lo, hi = segments[index]
                    part = VideoStats(stats.path)
                    browser.run(_frames, browser, replay, offsets[lo:hi], size, part, keep, None, walk)
                    with cond:
                        stats.add(part)
                        finished.add(index)
                        cond.notify_all()
        except BaseException as exc:  # noqa: BLE001 - handed to the emitting thread, which raises it
            with cond:
                errors.append(exc)
                cond.notify_all()

    threads = [threading.Thread(target=work, name=f"rrweb-py-video-{i}", daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    emitted = 0
    try:
        for index, (lo, hi) in enumerate(segments):
            at = 0  # pictures of this segment emitted
            while at < hi - lo:
                with cond:
                    while not errors and len(results.get(index, ())) <= at:
                        cond.wait(0.5)
                    if errors:
                        raise errors[0]
                    ready = results[index][at:]
                for shot in ready:
                    emit(shot)
                at += len(ready)
                emitted += len(ready)
                if progress is not None:
                    progress(emitted, len(offsets))
            with cond:
                while index not in finished and not errors:
                    cond.wait(0.5)
                if errors:
                    raise errors[0]
                del results[index]
                written[0] += 1
                cond.notify_all()
    finally:
        with cond:
            errors.append(_Stop())
            cond.notify_all()
        for thread in threads:
            thread.join()


def _write_gif(exe: str, out: Path, fps: float, pictures: list[bytes], order: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="rrweb-py-gif-") as tmp:
        palette = Path(tmp) / "palette.png"
        for enc, feed in ((_Encoder(exe, palette, fps), pictures),
                          (_Encoder(exe, out, fps, palette), [pictures[i] for i in order])):
            try:
                for picture in feed:
                    enc.write(picture)
                enc.finish()
            except BaseException:
                enc.kill()
                raise


#: a region larger than this share of the viewport is taken as a whole picture (it costs about as much)
CLIP_MOST = 0.3
#: pictures of the changed region only, when the page can say which (else every picture is of the whole viewport)
CLIPS = True
# what in a page's HTML may change the screen by itself later: an animated image format (the page is then always
# taken whole), and, in an element written anew, anything that loads (taken whole until the next page load)
_MOVING = ("image/gif", "image/webp", "image/apng", "image/avif")
_LOADING = (*_MOVING, "<img", "<picture", "<video", "<audio", "<iframe", "<frame", "<object", "<embed", "url(")


def _frames(page: Any, browser: Browser, replay: ReplayCore, offsets: list[float], size: tuple[int, int],
            stats: VideoStats, emit: Callable[[_Shot | None], None],
            progress: Callable[[int, int], None] | None, walk: AbstractContextManager[Any] | None = None) -> None:
    """In the browser's thread: walk the replay forward through ``offsets`` and emit one picture per offset (the
    page loaded for the first, patched or loaded anew when it changes; ``None``: the previous picture again).
    ``walk`` is held while the replay is walked.

    Pictures are Chromium's own (``Page.captureScreenshot``), of the region that changed when the page says which
    (see :data:`~rrweb_py.render.screenshot.STEP`: never after a page load or a scroll, nor with the network
    allowed, as what comes from it may change the page at any time), else of the whole viewport."""
    walk = walk if walk is not None else nullcontext()
    browser.resize(page, *size)
    cdp = page.context.new_cdp_session(page)
    try:
        _walk_and_shoot(page, cdp, browser, replay, offsets, size, stats, emit, progress, walk)
    finally:
        cdp.detach()


_STEP_CALL = f"({STEP.strip()})"


def _run_step(cdp: Any, step: list[Any]) -> Any:
    """:data:`~rrweb_py.render.screenshot.STEP` in the page, called with ``step`` through the DevTools protocol's
    ``Runtime.evaluate`` (the arguments written as JSON): half the time of playwright's ``page.evaluate``, which
    wraps the function and serialises its arguments and result on the way."""
    reply = cdp.send("Runtime.evaluate", {"expression": f"{_STEP_CALL}({json.dumps(step)})", "awaitPromise": True,
                                          "returnByValue": True})
    failed = reply.get("exceptionDetails")
    if failed:
        what = (failed.get("exception") or {}).get("description") or failed.get("text") or "an exception"
        msg = f"the page script failed: {str(what).splitlines()[0]}"
        raise RenderError(msg)
    return (reply.get("result") or {}).get("value")


def _walk_and_shoot(page: Any, cdp: Any, browser: Browser, replay: ReplayCore, offsets: list[float],
                    size: tuple[int, int], stats: VideoStats, emit: Callable[[_Shot | None], None],
                    progress: Callable[[int, int], None] | None, walk: AbstractContextManager[Any]) -> None:
    timestamps = replay.timestamps
    events = replay.events
    origin = replay.start_timestamp
    state = None
    done = -1  # the events applied when the page was last brought up to date (-1: none yet)
    shown: tuple[Any, ...] | None = None  # the pointer and click of the last picture
    still = True  # nothing in the open page changes the screen by itself (see _MOVING)
    total = len(offsets)
    width, height = size
    most = CLIP_MOST * width * height

    def capture(x: float, y: float, w: int, h: int) -> bytes:
        # the clip in the document's coordinates; with playwright 1.40 (the lowest allowed) the call without a
        # clip gives the window's size rather than the emulated viewport's
        args: dict[str, Any] = {"format": PICTURE_FORMAT, "clip": {"x": x, "y": y, "width": w, "height": h,
                                                                   "scale": 1}}
        if PICTURE_FORMAT == "jpeg":
            args["quality"] = JPEG_QUALITY
        return base64.b64decode(cdp.send("Page.captureScreenshot", args)["data"])

    for k, offset in enumerate(offsets):
        t = time.perf_counter()
        target = origin + offset
        count = bisect.bisect_right(timestamps, target)
        with walk:
            t = time.perf_counter()  # the walk's time, not the wait for another browser's walk
            if state is None:
                state = replay._start(replay._checkpoints.before(count), count)
            replay._walker.advance(state, count)
        frame: Frame = replay.frame_class(state, target, origin)
        patch: list[list[Any]] = []
        if done < 0:
            touched, scrolled = None, True
        else:
            touched, scrolled = _changes(events, done, count, state.tree)
        if touched:
            patch = [[nid, _element_html(state, state.tree.get(nid), target, browser.allow_network)]
                     for nid in touched]
        html = frame.to_html(node_ids=True, allow_fetch=browser.allow_network) if touched is None else None
        if any(any(word in part for word in _LOADING) for _, part in patch):
            still = False
        # a region is measured unless the page is loaded or scrolled (the scroll offsets are set again after a
        # patch: elements written anew lose theirs), and never with the network allowed
        video = {"measure": CLIPS and still and not (scrolled or browser.allow_network or html is not None),
                 "size": list(size)}  # a list: playwright 1.40 sends no tuples
        scrolled = scrolled or bool(touched) or touched is None
        pointer, click = marks(frame)
        cursor = (tuple(pointer) if pointer else None, tuple(click) if click else None)
        scroll = [list(frame.scroll), _element_scrolls(frame)] if scrolled else [None, None]
        t1 = time.perf_counter()
        stats.walk_s += t1 - t
        step = [patch or None, *scroll, pointer, click, video]
        result: Any = None
        if patch:
            result = _run_step(cdp, step)
            if result:
                stats.patches += 1
            else:
                html = frame.to_html(node_ids=True, allow_fetch=browser.allow_network)
                step[0] = None
                video["measure"] = False
        if html is not None:
            page.set_content(html, wait_until="load")
            still = not any(word in html for word in _MOVING)
            stats.renders += 1
            result = _run_step(cdp, step)
        t2 = time.perf_counter()
        stats.render_s += t2 - t1
        done = count
        if scrolled or cursor != shown:
            if result is None:
                result = _run_step(cdp, step)
            region = result["region"]
            shown = cursor
            if region is not None and not region:  # nothing visible changed
                stats.reused += 1
                emit(None)
            elif region is not None and region[2] * region[3] <= most:
                x, y, w, h = region
                emit(_Shot(capture(result["sx"] + x, result["sy"] + y, w, h), (x, y)))
                stats.shots += 1
                stats.clips += 1
            else:
                emit(_Shot(capture(result["sx"], result["sy"], width, height)))
                stats.shots += 1
            stats.shot_s += time.perf_counter() - t2
        else:
            stats.reused += 1
            emit(None)
        if progress is not None:
            progress(k + 1, total)
