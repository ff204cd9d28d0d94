"""Server-side analysis of rrweb recordings: clicks, frustration signals, search by what the user saw, one
timeline with activity, clipping, and an LLM-ready transcript. See docs/analysis.md.

Every function takes a :class:`rrweb_py.Replay`. Analyses walk the recording forward once
(``Replay.iter_states``) and keep incremental indexes; the DOM-dependent facts most of them share (clicks, inputs,
scrolls, pages, the text log) come from one cached base pass, so calling several costs one walk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._walk import Progress
from .activity import KINDS, Activity, Gap, PageTime, Segment, TimelineEntry, activity, timeline
from .base import Click, InputChange, PageView, ScrollChange, base_index
from .clip import clip, snapshot_events
from .elements import ElementInfo
from .logs import LogEntry, log_entries
from .selectors import Appearance, Lifetime, any_intervals, find, lifetime
from .signals import (
    PRESETS,
    DeadClickRule,
    ErrorClickRule,
    RageClickRule,
    Signal,
    SignalRules,
    find_clicks,
    find_signals,
)
from .tables import to_arrow, to_rows
from .text import TextInterval, intervals, matcher
from .transcript import transcript

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore


def find_text(replay: ReplayCore, text: str, *, ignore_case: bool = False,
              progress: Progress | None = None) -> list[TextInterval]:
    """The times during which ``text`` was in the document as a reader sees it (``Frame.text()``: whitespace
    collapsed, script and style left out, form values in, masked text as masked), as
    :class:`~rrweb_py.analysis.text.TextInterval` objects in time order. Text is matched within one line (a line
    ends at every block element, as in ``Frame.text()``)."""
    from ..errors import InvalidArgument

    if not isinstance(text, str) or not text.strip():
        msg = f"find_text() needs a non-empty string, got {text!r}"
        raise InvalidArgument(msg)
    log = base_index(replay, progress=progress).text_log
    return intervals(log, matcher(text, ignore_case=ignore_case), replay.start_timestamp, text)


__all__ = [
    "KINDS",
    "PRESETS",
    "Activity",
    "Appearance",
    "Click",
    "DeadClickRule",
    "ElementInfo",
    "ErrorClickRule",
    "Gap",
    "InputChange",
    "Lifetime",
    "LogEntry",
    "PageTime",
    "PageView",
    "Progress",
    "RageClickRule",
    "ScrollChange",
    "Segment",
    "Signal",
    "SignalRules",
    "TextInterval",
    "TimelineEntry",
    "activity",
    "any_intervals",
    "base_index",
    "clip",
    "find",
    "find_clicks",
    "find_signals",
    "find_text",
    "lifetime",
    "log_entries",
    "snapshot_events",
    "timeline",
    "to_arrow",
    "to_rows",
    "transcript",
]
