"""A report page of one recording: one self-contained, inert HTML document.

:func:`build_report` gathers what the analyses say about a replay (docs/analysis.md) and writes it as one HTML page:
a summary (start, duration, active time, pages, windows, viewport, events, nodes, clicks, signals by kind, errors,
console errors, failed requests), a timeline strip drawn as inline SVG (one lane per kind, signals marked, inactive
gaps shaded, a tooltip on every mark), optional thumbnails of the key moments (each page load, each error, each
frustration signal) and the transcript.

The page is inert: no ``<script>``, no link, nothing fetched. Its Content-Security-Policy allows only inline styles
and ``data:`` images; every recorded string (URLs, labels, messages) is untrusted and written HTML-escaped, as text;
pictures are embedded as ``data:image/png`` URIs. Pictures come from a callable (``thumbnails(offset_ms) -> PNG
bytes``), so this module needs no browser: the command line passes one built on
``rrweb_py.render.screenshot.screenshot_png`` when playwright is installed.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._protocol import EventType
from ..analysis import activity, find_signals, timeline, transcript
from ..analysis._span import clock
from ..analysis.elements import clip_text, normalize

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore as Replay
    from ..analysis import Activity, Signal, TimelineEntry

Thumbnails = Callable[[float], bytes | None]
Progress = Callable[[int, int], None]

#: the Content-Security-Policy of every report: nothing but inline styles and data: images
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
#: the most key moments pictured
MAX_THUMBNAILS = 30
#: moments closer than this (ms) are one picture
MERGE_MS = 1000.0
#: the signal kinds counted in the summary, in this order
SIGNAL_KINDS = ("dead", "rage", "slow", "multi", "error")
#: the lanes of the timeline strip: (timeline kind, label)
LANES = (("navigation", "navigations"), ("click", "clicks"), ("input", "inputs"), ("error", "errors"),
         ("console", "console"), ("network", "network"))
#: the longest text in a tooltip, a figure caption or a table cell
MAX_TEXT = 300
_PNG = b"\x89PNG\r\n\x1a\n"


def esc(value: object) -> str:
    """Any value as HTML text or attribute value (``&``, ``<``, ``>``, ``"`` and ``'`` escaped)."""
    return html.escape(str(value), quote=True)


def _short(text: str | None, limit: int = MAX_TEXT) -> str:
    return clip_text(normalize(text or ""), limit)


def mmss(ms: float) -> str:
    """An offset as ``mm:ss`` (``h:mm:ss`` past an hour)."""
    total = int(max(ms, 0) // 1000)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


# ---------------------------------------------------------------------------------------------- the facts


@dataclass
class Facts:
    """What the report shows, gathered once from the analyses."""

    replay: Replay
    preset: str
    entries: list[TimelineEntry]
    signals: list[Signal]
    activity: Activity
    transcript: str
    summary: dict[str, Any] = field(default_factory=dict)


def gather(replay: Replay, preset: str = "sentry", progress: Progress | None = None) -> Facts:
    """Run the analyses the report needs (one walk: timeline, clicks, signals and transcript share it)."""
    entries = timeline(replay, progress=progress)
    signals = find_signals(replay, preset)
    act = activity(replay)
    text = transcript(replay, signals=preset)
    facts = Facts(replay, preset, entries, signals, act, text)
    facts.summary = summary(facts)
    return facts


def summary(facts: Facts) -> dict[str, Any]:
    """The summary values by key (what :func:`summary_section` shows)."""
    replay, entries = facts.replay, facts.entries
    frame = replay.at(replay.duration_ms)
    start = dt.datetime.fromtimestamp(replay.start_timestamp / 1000, tz=dt.UTC)
    navigations = [e for e in entries if e.kind == "navigation"]
    by_kind = {k: sum(1 for s in facts.signals if s.kind == k) for k in SIGNAL_KINDS}
    windows = replay.windows
    return {
        "start": start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "duration_ms": replay.duration_ms,
        "active_ms": facts.activity.active_ms,
        "idle_gaps": len(facts.activity.gaps),
        "pages": facts.activity.navigations,
        "navigations": len(navigations),
        "first_url": navigations[0].url if navigations else None,
        "windows": len(windows),
        "window_ids": [w for w in windows if w] if len(windows) > 1 else [],
        "viewport": f"{frame.viewport[0]}x{frame.viewport[1]}",
        "events": len(replay.events),
        "nodes": frame.node_count,
        "clicks": sum(1 for e in entries if e.kind == "click"),
        "inputs": sum(1 for e in entries if e.kind == "input"),
        "signals": len(facts.signals),
        **{f"signals_{k}": n for k, n in by_kind.items()},
        "errors": sum(1 for e in entries if e.kind == "error"),
        "console_errors": sum(1 for e in entries if e.console_error),
        "requests": sum(1 for e in entries if e.kind == "network"),
        "failed_requests": sum(1 for e in entries if e.failed),
    }


# ---------------------------------------------------------------------------------------------- key moments


@dataclass
class Moment:
    """A moment worth a picture: its offset and why (one or more reasons)."""

    offset_ms: float
    reasons: list[str]
    kind: str  # navigation, error, signal: of the first reason
    png: bytes | None = None


def _snapshot_after(replay: Replay) -> Callable[[int, float], float]:
    """For a Meta event index: the time of the first FullSnapshot after it (the page loaded), else its own."""
    full = int(EventType.FULL_SNAPSHOT)
    found = [(i, ev["timestamp"]) for i, ev in enumerate(replay.events) if ev["type"] == full]
    indexes = [i for i, _ in found]

    def after(index: int, ts: float) -> float:
        k = bisect.bisect_right(indexes, index)
        if k < len(found) and found[k][1] - ts <= MERGE_MS:
            return float(found[k][1])
        return ts

    return after


def key_moments(facts: Facts, limit: int = MAX_THUMBNAILS) -> list[Moment]:
    """Each navigation (at its page's snapshot), each error and each frustration signal, in time order; moments
    closer than :data:`MERGE_MS` to the previous kept one are merged into it; at most ``limit``."""
    replay = facts.replay
    origin = replay.start_timestamp
    after = _snapshot_after(replay)
    raw: list[tuple[float, int, str, str]] = []
    for e in facts.entries:
        if e.kind == "navigation":
            ts = after(e.index, e.timestamp) if e.source == "rrweb" else e.timestamp
            raw.append((ts - origin, 0, "navigation", f"navigation to {_short(e.url, 160) or '(no URL)'}"))
        elif e.kind == "error":
            raw.append((e.offset_ms, 1, "error", f"error: {_short(e.value or e.summary, 160)}"))
    for s in facts.signals:
        raw.append((s.offset_ms, 2, "signal", f"{s.kind} click on {_short(s.label, 160)}"))
    raw.sort(key=lambda r: (r[0], r[1]))
    out: list[Moment] = []
    for offset, _, kind, reason in raw:
        offset = min(max(offset, 0.0), replay.duration_ms)
        if out and offset - out[-1].offset_ms < MERGE_MS:
            if reason not in out[-1].reasons:
                out[-1].reasons.append(reason)
            continue
        out.append(Moment(offset, [reason], kind))
    return out[:limit]


def take_pictures(moments: list[Moment], thumbnails: Thumbnails, progress: Progress | None = None) -> None:
    """Ask ``thumbnails`` for each moment's PNG; anything that is not a PNG is left out."""
    for k, m in enumerate(moments):
        data = thumbnails(m.offset_ms)
        m.png = bytes(data) if isinstance(data, (bytes, bytearray)) and bytes(data[:8]) == _PNG else None
        if progress is not None:
            progress(k + 1, len(moments))


# ---------------------------------------------------------------------------------------------- sections

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1em 2em;max-width:1400px;
color:#1d1d1f;background:#fff}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #ddd}
table.summary{border-collapse:collapse}table.summary th{text-align:left;font-weight:600;padding:2px 1.2em 2px 0;
vertical-align:top;white-space:nowrap}table.summary td{padding:2px 0;overflow-wrap:anywhere}
table.list{border-collapse:collapse;width:100%}table.list th,table.list td{text-align:left;padding:2px 8px;
border-bottom:1px solid #eee;vertical-align:top;overflow-wrap:anywhere}
.bad{color:#c0152f;font-weight:600}.muted{color:#777}
svg.timeline{width:100%;height:auto;display:block;border:1px solid #ddd;background:#fafafa}
svg text{font:11px system-ui,sans-serif;fill:#444}
.lane-label{font-weight:600}.tick{stroke:#ccc}.gap{fill:#000;fill-opacity:.07}
.mark.navigation{fill:#2f6fde}.mark.click{fill:#333}.mark.input{fill:#1b9e77}.mark.error{fill:#c0152f}
.mark.console{fill:#888}.mark.console.bad{fill:#c0152f}.mark.network{fill:#6aa0e0}.mark.network.bad{fill:#c0152f}
.signal{stroke-width:1.5}.signal.dead{fill:none;stroke:#555}.signal.rage{fill:#c0152f}
.signal.slow{fill:#f0a020}.signal.multi{fill:#8a5cc7}.signal.error{fill:none;stroke:#c0152f}
.legend span{margin-right:1.2em;white-space:nowrap}
.thumbs{display:flex;flex-wrap:wrap;gap:14px}.thumbs figure{margin:0;width:320px;border:1px solid #ddd;padding:6px}
.thumbs img{width:100%;height:auto;display:block;border:1px solid #eee}
.thumbs figcaption{font-size:12px;overflow-wrap:anywhere}
pre.transcript{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:1em;font-size:12px}
"""


def _row(key: str, label: str, value: object, bad: bool = False) -> str:
    cls = ' class="bad"' if bad else ""
    return f'<tr data-key="{esc(key)}"><th>{esc(label)}</th><td{cls}>{esc(value)}</td></tr>'


def summary_section(facts: Facts) -> str:
    """The summary table: one row per value, ``data-key`` naming it."""
    s = facts.summary
    replay = facts.replay
    rows = [
        _row("start", "recording start (UTC)", s["start"]),
        _row("duration", "duration", f"{clock(s['duration_ms'])} ({s['duration_ms']:.0f} ms)"),
        _row("active", "active time", f"{clock(s['active_ms'])} ({s['active_ms']:.0f} ms), "
             f"{s['idle_gaps']} inactive gap{'s' if s['idle_gaps'] != 1 else ''}"),
        _row("pages", "pages (page loads)", f"{s['pages']}" + (
            f" ({s['navigations']} navigations with route changes)" if s["navigations"] != s["pages"] else "")),
        _row("first_url", "first URL", s["first_url"] or "(none)"),
    ]
    if s["windows"] > 1:
        ws = replay.windows
        listed = "; ".join(f"{wid}{' (this report)' if wid == replay.window_id else ''}: {len(w.events)} events"
                           for wid, w in ws.items())
        rows.append(_row("windows", "windows", f"{s['windows']}: {listed}"))
    rows += [
        _row("viewport", "viewport (at the end)", s["viewport"]),
        _row("events", "events", s["events"]),
        _row("nodes", "nodes at the end", s["nodes"]),
        _row("clicks", "clicks", s["clicks"]),
        _row("inputs", "inputs (committed values)", s["inputs"]),
        _row("signals", f"signals ({facts.preset})", ", ".join(f"{k} {s['signals_' + k]}" for k in SIGNAL_KINDS),
             bad=s["signals"] > 0),
        _row("errors", "errors", s["errors"], bad=s["errors"] > 0),
        _row("console_errors", "console errors", s["console_errors"], bad=s["console_errors"] > 0),
        _row("failed_requests", "failed requests", f"{s['failed_requests']} of {s['requests']}",
             bad=s["failed_requests"] > 0),
    ]
    return '<section id="summary"><h2>Summary</h2><table class="summary">' + "".join(rows) + "</table></section>"


_TICK_STEPS_S = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400)


def tick_step_ms(duration_ms: float, most: int = 12) -> float:
    """A round tick interval giving at most ``most`` ticks over the duration."""
    for step in _TICK_STEPS_S:
        if duration_ms / (step * 1000) <= most:
            return step * 1000.0
    return max(duration_ms / most, 1000.0)


def _title(offset_ms: float, text: str) -> str:
    return f"<title>{esc(clock(offset_ms))} {esc(_short(text))}</title>"


def _signal_mark(s: Signal, x: float, y: float) -> str:
    """Distinct shapes: dead a hollow square, rage a triangle, slow a diamond, multi a bar, error a ring."""
    text = f"{s.kind} click on {s.label}" + (f" ({s.click_count} clicks)" if s.click_count > 1 else "")
    title = _title(s.offset_ms, text)
    cls = f'class="signal {esc(s.kind)}"'
    if s.kind == "rage":
        shape = f'<polygon {cls} points="{x:.1f},{y - 7:.1f} {x + 6:.1f},{y + 4:.1f} {x - 6:.1f},{y + 4:.1f}">'
        return shape + title + "</polygon>"
    if s.kind == "slow":
        pts = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon {cls} points="{pts}">{title}</polygon>'
    if s.kind == "error":
        return f'<circle {cls} cx="{x:.1f}" cy="{y:.1f}" r="6">{title}</circle>'
    if s.kind == "multi":
        return f'<rect {cls} x="{x - 1.5:.1f}" y="{y - 7:.1f}" width="3" height="14">{title}</rect>'
    return f'<rect {cls} x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10">{title}</rect>'


def timeline_section(facts: Facts, width: int = 1200) -> str:
    """The timeline strip as inline SVG: a time axis (mm:ss), one lane per kind, signals over the clicks,
    inactive gaps shaded; every mark has a tooltip."""
    duration = max(facts.replay.duration_ms, 1.0)
    left, right, top, lane_h, axis_h = 96, 12, 8, 26, 22
    plot = width - left - right
    height = top + lane_h * len(LANES) + axis_h

    def x_of(ms: float) -> float:
        return left + plot * min(max(ms, 0.0), duration) / duration

    parts = [(f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
              f'width="{width}" height="{height}" role="img" aria-label="timeline">')]
    lanes_bottom = top + lane_h * len(LANES)
    for g in facts.activity.gaps:
        x0, x1 = x_of(g.start_ms), x_of(g.end_ms)
        parts.append(f'<rect class="gap" x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 0.5):.1f}" '
                     f'height="{lanes_bottom - top}">'
                     f"<title>inactive {esc(clock(g.start_ms))} to {esc(clock(g.end_ms))} "
                     f"({g.duration_ms / 1000:.1f} s)</title></rect>")
    step = tick_step_ms(duration)
    t = 0.0
    while t <= duration + 0.5:
        x = x_of(t)
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{lanes_bottom + 4}"/>'
                     f'<text x="{x:.1f}" y="{lanes_bottom + 16}" text-anchor="middle">{esc(mmss(t))}</text>')
        t += step
    lane_y: dict[str, float] = {}
    for k, (kind, label) in enumerate(LANES):
        y = top + lane_h * k + lane_h / 2
        lane_y[kind] = y
        parts.append(f'<line class="tick" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
                     f'<text class="lane-label" x="4" y="{y + 4:.1f}">{esc(label)}</text>')
    for e in facts.entries:
        found = lane_y.get(e.kind)
        if found is None:
            continue
        x, y = x_of(e.offset_ms), found
        bad = e.failed or e.console_error
        cls = f"mark {e.kind}" + (" bad" if bad else "")
        title = _title(e.offset_ms, e.summary)
        if e.kind == "input" and e.end_offset_ms is not None and e.end_offset_ms > e.offset_ms:
            w = max(x_of(e.end_offset_ms) - x, 3.0)
            parts.append(f'<rect class="{cls}" x="{x - 1.5:.1f}" y="{y - 5:.1f}" width="{w:.1f}" height="10" '
                         f'rx="2">{title}</rect>')
        elif e.kind == "navigation":
            parts.append(f'<rect class="{cls}" x="{x - 1.5:.1f}" y="{y - 9:.1f}" width="3" height="18">'
                         f"{title}</rect>")
        elif e.kind == "click":
            parts.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="3">{title}</circle>')
        else:
            parts.append(f'<rect class="{cls}" x="{x - 2:.1f}" y="{y - 6:.1f}" width="4" height="12">{title}</rect>')
    click_y = lane_y["click"]
    parts.extend(_signal_mark(s, x_of(s.offset_ms), click_y) for s in facts.signals)
    parts.append("</svg>")
    legend = ('<p class="legend muted"><span>shaded: inactive (no user activity for over '
              f"{facts.activity.inactive_after_ms / 1000:g} s)</span> <span>red: errors, console errors, failed "
              "requests</span> <span>signals on the click lane: hollow square dead, triangle rage, diamond slow, "
              "bar multi, ring error</span> <span>hover a mark for its time and text</span></p>")
    return '<section id="timeline"><h2>Timeline</h2>' + "".join(parts) + legend + "</section>"


def problems_section(facts: Facts, limit: int = 200) -> str:
    """Signals, errors, console errors and failed requests in time order (at most ``limit`` rows)."""
    rows: list[tuple[float, str, str]] = [(s.offset_ms, f"{s.kind} click", f"{s.label}" + (
        f" ({s.selector})" if s.selector else "") + (f" x{s.click_count}" if s.click_count > 1 else ""))
        for s in facts.signals]
    for e in facts.entries:
        if e.kind == "error":
            rows.append((e.offset_ms, "error", e.value or e.summary))
        elif e.console_error:
            rows.append((e.offset_ms, f"console.{e.level}", e.value or e.summary))
        elif e.failed:
            rows.append((e.offset_ms, "failed request", e.summary))
    if not rows:
        return '<section id="problems"><h2>Problems</h2><p class="muted">No signals, errors or failed ' \
               "requests.</p></section>"
    rows.sort(key=lambda r: r[0])
    more = len(rows) - limit
    body = "".join(f"<tr><td>{esc(clock(t))}</td><td>{esc(what)}</td><td>{esc(_short(text))}</td></tr>"
                   for t, what, text in rows[:limit])
    tail = f'<p class="muted">{more} more not listed (see the transcript).</p>' if more > 0 else ""
    return ('<section id="problems"><h2>Problems</h2><table class="list"><tr><th>time</th><th>what</th>'
            f"<th>detail</th></tr>{body}</table>{tail}</section>")


def thumbnails_section(moments: list[Moment]) -> str:
    """One figure per key moment: its picture (a data: URI) with its time and why."""
    figures = []
    for m in moments:
        img = ('<img alt="the page at this moment" src="data:image/png;base64,'
               f'{base64.b64encode(m.png).decode("ascii")}">' if m.png else '<p class="muted">(no picture)</p>')
        why = "<br>".join(esc(r) for r in m.reasons)
        figures.append(f'<figure class="moment {esc(m.kind)}">{img}<figcaption><b>{esc(clock(m.offset_ms))}'
                       f"</b> {why}</figcaption></figure>")
    if not figures:
        figures.append('<p class="muted">No navigation, error or signal to picture.</p>')
    return '<section id="thumbnails"><h2>Key moments</h2><div class="thumbs">' + "".join(figures) + "</div></section>"


def transcript_section(facts: Facts) -> str:
    """The transcript (docs/analysis.md), escaped in a ``<pre>``."""
    return f'<section id="transcript"><h2>Transcript</h2><pre class="transcript">{esc(facts.transcript)}</pre></section>'


# ---------------------------------------------------------------------------------------------- the page


def build_report(replay: Replay, *, preset: str = "sentry", thumbnails: Thumbnails | None = None,
                 progress: Progress | None = None) -> str:
    """One self-contained, inert HTML document about ``replay`` (see the module doc).

    ``preset``: the signal preset (docs/analysis.md). ``thumbnails(offset_ms)``: PNG bytes of the page at that
    moment (or ``None``), asked for each key moment (each page load, error and frustration signal, in time order,
    moments within 1 s merged, at most :data:`MAX_THUMBNAILS`); without it the page has no pictures.
    ``progress(done, total)``: the walk over the events, then (with ``thumbnails``) the pictures taken."""
    facts = gather(replay, preset, progress)
    sections = [summary_section(facts), timeline_section(facts), problems_section(facts)]
    if thumbnails is not None:
        moments = key_moments(facts)
        take_pictures(moments, thumbnails, progress)
        sections.append(thumbnails_section(moments))
    sections.append(transcript_section(facts))
    first = facts.summary["first_url"]
    title = f"rrweb_py report: {_short(first, 120)}" if first else "rrweb_py report"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>"
            f"<header><h1>Session report</h1><p class=\"muted\">{esc(facts.summary['start'])}, "
            f"{esc(clock(replay.duration_ms))}, {esc(first or '(no URL)')} &middot; made by rrweb_py; "
            "recorded text is shown as text, nothing on this page runs or loads.</p></header>\n"
            + "\n".join(sections) + "\n</body></html>\n")


def write_report(replay: Replay, path: str | Path, **kw: Any) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8); returns the path."""
    out = Path(path)
    out.write_bytes(build_report(replay, **kw).encode("utf-8", "replace"))
    return out
