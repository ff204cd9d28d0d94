"""A compact, deterministic action log of a recording, to hand to a language model.

Format (``v1``): a header line, then one line per action, in time order::

    # rrweb_py transcript v1: 70 events, 2.7 s, from 2026-11-28T03:06:10.901Z
    [00:00.037] navigate http://127.0.0.1:47611/rrweb/form.html "form fields"
        page: "form fields | text | hello | ..."
    [00:00.445] type "hello world" in input[text] (html > body > form > input)
    [00:01.036] click input[radio] "toggle" (...) in "hello world on off 1 1 2"
        shows: "Saved"
    [00:02.004] console.error "TypeError: x is undefined"
    [00:04.000] idle 12.3 s

Lines: ``navigate`` (with the page title, then ``page:`` and the first visible text), ``click`` / ``double click``
/ ``right click`` / ``tap`` (element label, CSS selector, ``in "..."`` the visible text around it, frustration
signals in brackets), ``type`` / ``select`` / ``check`` / ``uncheck`` / ``clear`` (a run of keystrokes is one line
per committed value: the value before the page cleared the field, ``then cleared``; the value when the field lost
focus or the page changed; the final value; password values masked), ``scroll``, ``front window`` / ``switch to
window`` (recordings of several windows), ``console.<level>``, ``request`` (failed ones by default), ``error``
(with the Sentry errors sent with the replay), custom events, and ``idle`` for inactivity gaps. Under an action, ``shows:`` and ``hides:`` list the lines of text that appeared
or disappeared before the next action (at most a few, cut short). Times are ``[mm:ss.mmm]`` from the first event
(``[h:mm:ss.mmm]`` past an hour). The same recording and options always give the same text.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from ..errors import InvalidArgument
from ._span import clock
from .activity import TimelineEntry, activity, timeline
from .base import base_index
from .elements import clip_text
from .signals import find_signals

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore
    from ._walk import Progress

_ACTION_KINDS = frozenset({"navigation", "click", "input", "scroll"})


def _clock(ms: float) -> str:
    return f"[{clock(max(ms, 0))}]"


def _quote(text: str, limit: int) -> str:
    return '"' + clip_text(" ".join(text.split()), limit).replace('"', "'") + '"'


def transcript(replay: ReplayCore, *, signals: str | None = "sentry", requests: str = "failed",
               text_changes: bool = True, mask_inputs: str = "password", max_text: int = 160,
               progress: Progress | None = None) -> str:
    """The action log (see the module doc). ``signals``: a preset whose frustration signals annotate clicks
    (``None``: none); ``requests``: ``"failed"`` (status 0 or >= 400), ``"all"`` or ``"none"``; ``text_changes``:
    show the text each action made appear or disappear; ``max_text``: the longest quoted text."""
    if requests not in ("failed", "all", "none"):
        msg = f"requests must be 'failed', 'all' or 'none', got {requests!r}"
        raise InvalidArgument(msg)
    base = base_index(replay, progress=progress)
    entries = timeline(replay, mask_inputs=mask_inputs)
    flags: dict[int, list[str]] = {}
    if signals is not None:
        for s in find_signals(replay, signals):
            name = {"dead": "dead click", "rage": f"rage click x{s.click_count}", "slow": "slow click",
                    "multi": f"clicked x{s.click_count}", "error": "error click"}.get(s.kind, s.kind)
            flags.setdefault(s.clicks[0].index, []).append(name)
    origin = replay.start_timestamp
    started = dt.datetime.fromtimestamp(origin / 1000, tz=dt.UTC).isoformat(timespec="milliseconds")
    lines = [(f"# rrweb_py transcript v1: {len(replay.events)} events, {replay.duration_ms / 1000:.1f} s, "
              f"from {started.replace('+00:00', 'Z')}")]
    act = activity(replay)
    rows: list[tuple[float, int, int, list[str]]] = []  # (timestamp, order, index, lines)
    pages = {p.index: p for p in base.pages}
    page_index = sorted(pages)
    contexts = {c.index: c.context for c in base.clicks}
    action_times: list[float] = []
    action_body: dict[float, list[str]] = {}
    for e in entries:
        out = _line(e, max_text, requests, flags, contexts)
        if out is None:
            continue
        body = [out]
        if e.kind == "navigation" and e.source == "rrweb":
            k = bisect.bisect_left(page_index, e.index)
            if k < len(page_index) and pages[page_index[k]].text:
                body.append(f"    page: {_quote(pages[page_index[k]].text, max_text * 2)}")
        rows.append((e.timestamp, 1, e.index, body))
        if e.kind in _ACTION_KINDS:
            action_times.append(e.timestamp)
            action_body[e.timestamp] = body
    for gap in act.gaps:
        rows.append((origin + gap.start_ms, 0, -1, [f"idle {gap.duration_ms / 1000:.1f} s"]))
    if text_changes and action_times:
        _attach_changes(action_body, base.text_log, sorted(set(action_times)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for ts, _, _, body in rows:
        lines.append(f"{_clock(ts - origin)} {body[0]}")
        lines.extend(body[1:])
    return "\n".join(lines) + "\n"


def _line(e: TimelineEntry, limit: int, requests: str, flags: dict[int, list[str]],
          contexts: dict[int, str]) -> str | None:
    kind = e.kind
    if kind == "navigation":
        title = f" {_quote(e.label, 80)}" if e.label else ""
        return f"navigate {e.url}{title}"
    if kind == "click":
        verb = {"click": "click", "dblclick": "double click", "contextmenu": "right click", "touch": "tap"}.get(
            e.value or "click", "click")
        out = f"{verb} {e.label}"
        if e.selector:
            out += f" ({e.selector})"
        ctx = contexts.get(e.index)
        if ctx:
            out += f" in {_quote(ctx, limit)}"
        if e.index in flags:
            out += " [" + ", ".join(flags[e.index]) + "]"
        return out
    if kind == "input":
        return e.summary + (f" ({e.selector})" if e.selector else "")
    if kind in ("scroll", "tab"):
        return e.summary
    if kind == "console":
        return f"console.{e.level or 'log'} {_quote(e.value or '', limit)}"
    if kind == "network":
        if requests == "none" or (requests == "failed" and not e.failed):
            return None
        return e.summary
    if kind == "error":
        return f"error {_quote(e.value or '', limit)}"
    if kind == "custom":
        if e.level in ("options", "video", "memory") or (e.source == "sentry.breadcrumb" and (e.level or "").startswith(
                "ui.")):
            return None
        return clip_text(f"event {e.summary}", limit + 20)
    return None


def _attach_changes(action_body: dict[float, list[str]], log: list[tuple[float, tuple[str, ...],
                    tuple[str, ...]]], actions: list[float]) -> None:
    """Add ``shows:``/``hides:`` lines under the action each text change followed."""
    shown: dict[float, list[str]] = {}
    hidden: dict[float, list[str]] = {}
    for ts, appeared, disappeared in log:
        k = bisect.bisect_right(actions, ts) - 1
        if k < 0:
            continue
        owner = actions[k]
        shown.setdefault(owner, []).extend(appeared)
        hidden.setdefault(owner, []).extend(disappeared)
    for when in actions:
        went = set(hidden.get(when, ()))
        came = set(shown.get(when, ()))
        ins = _unique([x for x in shown.get(when, []) if x not in went])
        outs = _unique([x for x in hidden.get(when, []) if x not in came])
        body = action_body[when]
        for name, items in (("shows", ins), ("hides", outs)):
            if items:
                more = f" (+{len(items) - 3} more)" if len(items) > 3 else ""
                body.append(f"    {name}: " + "; ".join(_quote(x, 80) for x in items[:3]) + more)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
