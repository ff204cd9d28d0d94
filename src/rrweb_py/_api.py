"""The public :class:`Replay` and :func:`load`: the replay core with the analyses as methods.

Layers import one way: ``_replay`` (the core: loading, windows, checkpoints, the walk) knows nothing of
``analysis``; ``analysis`` reads replays through the core (:class:`~rrweb_py._replay.replay.ReplayCore`); this
module sits above both and adds the shortcuts, so that ``rrweb_py.load(...)`` gives a replay with every method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from . import analysis
from ._read.frame import Frame as FrameCore
from ._replay.replay import ReplayCore, load_as
from ._replay.walk import OnAnomaly


class Frame(FrameCore):
    """The page at one moment (see :class:`rrweb_py._read.frame.Frame` for the views and queries), which can also
    draw itself: :meth:`screenshot`, and notebook display."""

    __slots__ = ()

    def screenshot(self, path: str | Path | None = None, *, width: int | None = None, height: int | None = None,
                   scale: float = 1.0, cursor: bool = True, full_page: bool = False,
                   allow_network: bool = False) -> bytes:
        """A PNG of the page in headless Chromium (``pip install 'rrweb_py[render]'`` and a system Chromium), at
        the recorded viewport (or ``width`` x ``height``), scroll restored, the pointer drawn (``cursor``) with a
        mark on a click of the last 600 ms; ``scale`` is the device pixel ratio, ``full_page`` the whole
        document. Images, styles and fonts from the network stay blocked unless ``allow_network``; recorded
        scripts never run. Written to ``path`` too when given."""
        from .render.screenshot import screenshot_png

        return screenshot_png(self, path, width=width, height=height, scale=scale, cursor=cursor,
                              full_page=full_page, allow_network=allow_network)

    def _repr_html_(self) -> str:
        """Notebook display: the page in a sandboxed iframe (no script runs) scaled to fit the cell."""
        from .render.notebook import frame_html

        return frame_html(self)

    def _repr_png_(self) -> bytes | None:
        """Notebook display as a picture, where playwright and a Chromium are available (else nothing)."""
        from .render.notebook import frame_png

        return frame_png(self)


class Replay(ReplayCore):
    """A loaded recording. Build it with :func:`rrweb_py.load`.

    The analyses (see docs/analysis.md) are methods here and functions of :mod:`rrweb_py.analysis`."""

    frame_class = Frame

    def at(self, offset_ms: float) -> Frame:
        """The page at ``offset_ms`` after the first event (every event with timestamp <= start + offset)."""
        return cast(Frame, super().at(offset_ms))

    def at_timestamp(self, timestamp_ms: float) -> Frame:
        """The page at an absolute epoch-ms timestamp."""
        return cast(Frame, super().at_timestamp(timestamp_ms))

    def frames(self, *, every_ms: float | None = None, at: list[float] | None = None) -> Iterator[Frame]:
        """Frames at regular offsets (``every_ms``) or at the given offsets, walking forward."""
        return cast(Iterator[Frame], super().frames(every_ms=every_ms, at=at))

    def render(self, path: str | Path, *, start_ms: float = 0, end_ms: float | None = None, fps: float = 10,
               speed: float = 1.0, skip_inactive: bool = False, width: int | None = None, height: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> Path:
        """Write a video of the replay to ``path``: ``.mp4`` (H.264, yuv420p, dimensions padded to even), ``.webm``
        (VP9) or ``.gif`` (one palette). Needs ``pip install 'rrweb_py[render]'`` (playwright and imageio-ffmpeg)
        and a system Chromium; raises :class:`~rrweb_py.RenderError` when they are missing or ffmpeg fails.

        Output frame ``k`` shows the page (pointer and fresh clicks drawn) at recording offset
        ``start_ms + k * speed * 1000 / fps``, from ``start_ms`` to ``end_ms`` (default: the end), so the video
        lasts ``(end_ms - start_ms) / speed``. ``skip_inactive``: each inactivity gap of :meth:`activity` (more
        than 10 s without user interaction) is compressed into 1 s of video, played fast, the way rrweb's player
        skips idle time. ``width`` x ``height``: the viewport in CSS px (default: the one recorded at
        ``start_ms``). ``progress(done, total)`` is called after each output frame. Returns the path."""
        from .render.video import write_video

        return write_video(self, path, start_ms=start_ms, end_ms=end_ms, fps=fps, speed=speed,
                           skip_inactive=skip_inactive, width=width, height=height, progress=progress).path

    def clicks(self, **kw: Any) -> list[analysis.Click]:
        """Every click, double click, context menu and touch, resolved to its element (see docs/analysis.md)."""
        return analysis.find_clicks(self, **kw)

    def signals(self, preset: str = "sentry", **kw: Any) -> list[analysis.Signal]:
        """Frustration signals (rage, dead, error clicks) by a named preset, thresholds overridable."""
        return analysis.find_signals(self, preset, **kw)

    def find_text(self, text: str, **kw: Any) -> list[analysis.TextInterval]:
        """The time intervals during which ``text`` was in the document."""
        return analysis.find_text(self, text, **kw)

    def find(self, selector: str, **kw: Any) -> list[analysis.Appearance]:
        """When elements matching a CSS selector appeared and disappeared."""
        return analysis.find(self, selector, **kw)

    def lifetime(self, node_id: int, **kw: Any) -> list[analysis.Lifetime]:
        """When the node with that id was in the document."""
        return analysis.lifetime(self, node_id, **kw)

    def timeline(self, **kw: Any) -> list[analysis.TimelineEntry]:
        """One timeline of navigations, clicks, inputs, scrolls, console, network, errors and custom events."""
        return analysis.timeline(self, **kw)

    def activity(self, **kw: Any) -> analysis.Activity:
        """Active time, inactivity gaps, replay-splitting rules and time per page."""
        return analysis.activity(self, **kw)

    def clip(self, start_ms: float, end_ms: float | None = None) -> list[dict[str, Any]]:
        """A valid rrweb event list: a synthesised Meta + FullSnapshot at ``start_ms``, then the events up to
        ``end_ms``."""
        return analysis.clip(self, start_ms, end_ms)

    def redact(self, **rules: Any) -> list[dict[str, Any]]:
        """This window's events with what people saw and typed masked, as a valid rrweb event list with the same
        node ids: ``mask_all_text`` / ``mask_text`` (selectors), ``mask_all_inputs`` / ``mask_inputs``, ``block``
        (elements replaced by rrweb's placeholder, their content and events dropped), ``mask_attributes``,
        ``strip_query`` (URLs lose query and fragment), ``drop_plugins`` (console, network and custom events
        dropped rather than masked). Rules match the page at each event's moment. See docs/redaction.md."""
        from .redact import redact

        return redact(self, **rules)

    def report(self, path: str | Path, **kw: Any) -> Path:
        """A self-contained, inert HTML report page (see :func:`rrweb_py.render.report.build_report`)."""
        from .render.report import write_report

        return write_report(self, path, **kw)

    def _repr_html_(self) -> str:
        """Notebook display: the summary and the timeline strip of the report."""
        from .render.notebook import replay_html

        return replay_html(self)

    def transcript(self, **kw: Any) -> str:
        """A compact, deterministic action log with element context, fit for a language model."""
        return analysis.transcript(self, **kw)


def load(source: Any, *, on_anomaly: OnAnomaly = "collect", store: str = "auto",
         progress: Callable[[int, int], None] | None = None, **checkpoints: Any) -> Replay:
    """Load a recording.

    ``source``: a path to a file of any supported container (docs/formats.md: JSON arrays and wrappers, JSON
    Lines, gzip/zlib, rrweb's packer, Sentry envelopes and segments, PostHog snapshot lines, capture events and
    snappy blocks), a directory or a list of paths holding the parts of one recording (stitched in order), JSON
    bytes or text, a list (or any iterable) of event dicts, or an object with an ``events`` list.
    ``on_anomaly``: what to do with dangling-but-normal problems (``"collect"`` into ``replay.anomalies``,
    ``"warn"`` as well, or ``"raise"`` :class:`~rrweb_py.errors.AnomalyError`).
    ``store``: where decoded events are kept: ``"memory"`` (a tuple of dicts: the fastest seeks), ``"disk"`` (an
    :class:`~rrweb_py._store.EventStore`: compressed JSON blocks in a temporary file, so that memory is bounded by
    the engine state and checkpoints, not by the recording) or ``"auto"`` (the default: events move to disk once
    more than :data:`~rrweb_py._store.SPILL_ABOVE_BYTES` (64 MiB) of text has been decoded, the size from which
    files are streamed). Events given as Python objects stay in memory.
    ``progress``: called with ``(bytes read, file size)`` as each file of the input is read (a progress bar).
    ``checkpoint_every`` / ``checkpoint_work`` / ``checkpoint_ms`` / ``checkpoint_memory``: the checkpoint policy
    (see :mod:`rrweb_py._replay.checkpoints`).

    A recording of several windows (PostHog tabs) gives one replay per window: the one returned is the window
    that starts first, and ``replay.windows`` maps every window id to its replay. Parts of the input that had to
    be skipped (a broken line, a cut-off end) are anomalies of the returned replay with ``event_index == -1``.
    """
    return load_as(Replay, source, on_anomaly, store, checkpoints, progress)
