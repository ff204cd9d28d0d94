"""Frustration signals: dead, slow, rage, multi and error clicks, with named presets and every threshold open.

The definitions and where each comes from are in docs/analysis.md. In short:

- ``sentry``: Sentry's SDK (``handleClick.ts``: ``ClickDetector``) and server (``event_parser.py``): a click on a
  ``button``, ``a`` or ``input[type=submit|button]`` (the nearest ``button``/``a`` around the clicked element) with
  no scroll within 300 ms and no DOM change within 3 s is *slow*; with none within 7 s it is *dead*; a dead click
  whose element was clicked 5 or more times in those 7 s is *rage* (the code); *multi* is a responsive click
  repeated on one element.
- ``sentry-docs``: the same, with rage at 3 clicks, as Sentry's public docs describe it.
- ``highlight`` / ``highlight-code``: Highlight's worker: 5 clicks within 5 s within 8 px (its settings' stated
  meaning), or 5 earlier clicks within 8 px of the current one, 6 in all (what ``processEventChunk`` counts).
- ``clarity``: oss-clarity's ``core/signals.py``: rage = 3 clicks in 1 s each within 30 px of the previous; dead =
  a click on a non-control with no mutation, scroll, selection or page view within 1.5 s; error = a script
  error within 1 s (an error click is not also dead).
- ``posthog``: posthog-js: rage = 3 clicks, each within 30 px (Manhattan) and 1 s of the previous; dead = no
  mutation within 2.5 s and no scroll or selection change within 100 ms.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource
from ..errors import InvalidArgument
from .base import Click, base_index
from .logs import PAGEVIEW_TAGS, log_entries

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .._replay.replay import ReplayCore
    from ._walk import Progress

# plain ints for the per-event loops
_MUTATION = int(IncrementalSource.MUTATION)
_SCROLL = int(IncrementalSource.SCROLL)
_SELECTION = int(IncrementalSource.SELECTION)
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_META = int(EventType.META)
_CUSTOM = int(EventType.CUSTOM)
#: what Sentry's click detector counts as a mutation (handleClick.ts IncrementalMutationSources)
SENTRY_MUTATION_SOURCES = frozenset(int(s) for s in (
    IncrementalSource.MUTATION, IncrementalSource.STYLE_SHEET_RULE, IncrementalSource.STYLE_DECLARATION,
    IncrementalSource.ADOPTED_STYLE_SHEET, IncrementalSource.CANVAS_MUTATION, IncrementalSource.SELECTION,
    IncrementalSource.MEDIA_INTERACTION))
_CONTROL_TAGS = frozenset({"input", "textarea", "select", "option", "label"})
_CONTROL_ROLES = frozenset({"textbox", "combobox", "checkbox", "radio", "switch"})


@dataclass(frozen=True)
class DeadClickRule:
    """A click the page did not answer.

    Answered: a DOM change (an incremental event of ``mutation_sources``, a navigation when ``navigation``, a
    custom event tagged in ``pageview_tags``) within ``mutation_ms``, a scroll within ``scroll_ms``, or a selection
    change within ``selection_ms`` (``None``: not an answer). Not answered but changed before ``timeout_ms``
    (when it is longer than ``mutation_ms``): *slow*, else *dead*. ``targets``: ``"sentry"`` (``a``, ``button``,
    ``input[type=submit|button]``, not ``a[download]`` nor ``a[target]`` other than ``_self``), ``"not-controls"``
    (anything but form controls and editable regions: oss-clarity), ``"posthog"`` (anything but ``html``, and not
    inside a link: posthog-js takes a click on or in an ``a`` for a navigation) or ``"any"``. ``interactive``: attribute the click to the nearest
    ``button``/``a`` (Sentry, ``Element.closest``). ``dedupe_ms``: a click on the same element that soon after a
    pending one is not a new click. ``after_only``: only events strictly after the click's timestamp answer
    (oss-clarity); otherwise events after it in the stream, at the same millisecond too. ``text_fields_answer``: a
    click on a text field (``textarea``, an ``input`` of a text type, ``contenteditable``) is answered, since its
    caret moves at once (posthog-js sees the ``selectionchange``; a recording has no caret, so the field is the
    proxy)."""

    mutation_ms: float
    timeout_ms: float
    scroll_ms: float | None
    selection_ms: float | None
    mutation_sources: frozenset[int] = frozenset({_MUTATION})
    navigation: bool = True
    pageview_tags: frozenset[str] = frozenset()
    targets: str = "any"
    interactive: bool = False
    dedupe_ms: float | None = None
    after_only: bool = False
    text_fields_answer: bool = False


@dataclass(frozen=True)
class RageClickRule:
    """Repeated clicks.

    ``method``: ``"dead-repeat"`` (Sentry: a dead click whose element got ``min_clicks`` clicks while it was
    pending), ``"window"`` (Highlight: the current click and the earlier clicks of the last ``window_ms`` within
    ``radius_px`` of it number at least ``min_clicks``), ``"chain"`` (posthog-js: consecutive clicks each within
    ``radius_px`` and ``window_ms`` of the previous) or ``"burst"`` (oss-clarity: clicks within ``window_ms`` of
    the first, each within ``radius_px`` of the previous member). ``distance``: ``"euclidean"`` or
    ``"manhattan"``; ``strict``: distances and gaps must be below the limit rather than at most."""

    method: str
    min_clicks: int
    window_ms: float
    radius_px: float | None = None
    distance: str = "euclidean"
    strict: bool = False
    kinds: frozenset[str] = frozenset({"click"})


@dataclass(frozen=True)
class ErrorClickRule:
    """A click followed within ``window_ms`` by an error: a console message at an error level, an error
    breadcrumb or an error custom event. ``excludes_dead``: such a click is not also a dead click."""

    window_ms: float = 1000
    excludes_dead: bool = False


@dataclass(frozen=True)
class SignalRules:
    """A named set of rules; a signal whose rule is ``None`` is not looked for."""

    name: str
    dead: DeadClickRule | None = None
    rage: RageClickRule | None = None
    error: ErrorClickRule | None = None
    multi: bool = False  # Sentry's ui.multiClick: a click that was answered but repeated on its element

    def replace(self, **changes: Any) -> SignalRules:
        """A copy with thresholds changed: ``rules.replace(rage_min_clicks=4, dead_timeout_ms=5000)`` (``<signal>_
        <field>``), or whole rules (``rage=None`` turns rage clicks off)."""
        top: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for key, value in changes.items():
            if key in ("name", "dead", "rage", "error", "multi"):
                top[key] = value
                continue
            signal, _, fname = key.partition("_")
            if signal not in ("dead", "rage", "error") or not fname:
                msg = f"unknown signal setting {key!r} (use e.g. rage_min_clicks, dead_timeout_ms, error_window_ms)"
                raise InvalidArgument(msg)
            nested.setdefault(signal, {})[fname] = value
        out = dataclasses.replace(self, **top)
        for signal, fields in nested.items():
            rule = getattr(out, signal)
            if rule is None:
                msg = f"the {out.name!r} rules have no {signal} signal to change"
                raise InvalidArgument(msg)
            try:
                out = dataclasses.replace(out, **{signal: dataclasses.replace(rule, **fields)})
            except TypeError as exc:
                msg = f"unknown {signal} setting: {exc}"
                raise InvalidArgument(msg) from None
        return out


PRESETS: dict[str, SignalRules] = {
    "sentry": SignalRules(
        "sentry",
        dead=DeadClickRule(mutation_ms=3000, timeout_ms=7000, scroll_ms=300, selection_ms=None,
                           mutation_sources=SENTRY_MUTATION_SOURCES, targets="sentry", interactive=True,
                           dedupe_ms=1000),
        rage=RageClickRule("dead-repeat", min_clicks=5, window_ms=7000),
        error=ErrorClickRule(1000),
        multi=True,
    ),
    "sentry-docs": SignalRules(
        "sentry-docs",
        dead=DeadClickRule(mutation_ms=3000, timeout_ms=7000, scroll_ms=300, selection_ms=None,
                           mutation_sources=SENTRY_MUTATION_SOURCES, targets="sentry", interactive=True,
                           dedupe_ms=1000),
        rage=RageClickRule("dead-repeat", min_clicks=3, window_ms=7000),
        error=ErrorClickRule(1000),
        multi=True,
    ),
    "highlight": SignalRules(
        "highlight", rage=RageClickRule("window", min_clicks=5, window_ms=5000, radius_px=8,
                                        kinds=frozenset({"click", "dblclick"}))),
    "highlight-code": SignalRules(
        "highlight-code", rage=RageClickRule("window", min_clicks=6, window_ms=5000, radius_px=8,
                                             kinds=frozenset({"click", "dblclick"}))),
    "clarity": SignalRules(
        "clarity",
        dead=DeadClickRule(mutation_ms=1500, timeout_ms=1500, scroll_ms=1500, selection_ms=1500,
                           pageview_tags=PAGEVIEW_TAGS, targets="not-controls", after_only=True),
        rage=RageClickRule("burst", min_clicks=3, window_ms=1000, radius_px=30),
        error=ErrorClickRule(1000, excludes_dead=True),
    ),
    "posthog": SignalRules(
        "posthog",
        dead=DeadClickRule(mutation_ms=2500, timeout_ms=2500, scroll_ms=None, selection_ms=100, targets="posthog",
                           dedupe_ms=1000, text_fields_answer=True),
        rage=RageClickRule("chain", min_clicks=3, window_ms=1000, radius_px=30, distance="manhattan", strict=True),
    ),
}


def rules_for(preset: str | SignalRules) -> SignalRules:
    """The rules of a preset name (see :data:`PRESETS`), or the rules given."""
    if isinstance(preset, SignalRules):
        return preset
    if isinstance(preset, str) and preset in PRESETS:
        return PRESETS[preset]
    msg = f"unknown signal preset {preset!r}; choose from {', '.join(PRESETS)} or pass SignalRules"
    raise InvalidArgument(msg)


@dataclass(frozen=True, slots=True)
class Signal:
    """One frustration signal. ``clicks`` are the clicks involved (the first is the one it is reported at);
    ``time_after_ms`` is how long the page took to answer (dead/slow: ``None`` when it never did);
    ``end_reason``: Sentry's ``"timeout"`` or ``"mutation"``."""

    kind: str  # dead, slow, rage, multi, error
    preset: str
    timestamp: float
    offset_ms: float
    end_offset_ms: float
    click_count: int
    clicks: tuple[Click, ...]
    node_id: int | None
    selector: str | None
    label: str
    url: str | None
    time_after_ms: float | None = None
    end_reason: str | None = None
    detail: str = ""

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"kind": self.kind, "preset": self.preset, "timestamp": self.timestamp, "offset_ms": self.offset_ms,
                "end_offset_ms": self.end_offset_ms, "click_count": self.click_count, "node_id": self.node_id,
                "selector": self.selector, "label": self.label, "url": self.url,
                "time_after_ms": self.time_after_ms, "end_reason": self.end_reason, "detail": self.detail,
                "click_indexes": [c.index for c in self.clicks]}


# ---------------------------------------------------------------------------------------------- event times


@dataclass
class _Times:
    """Event (index, timestamp) lists by what they are."""

    by_source: dict[int, list[tuple[int, float]]]
    navigation: list[tuple[int, float]]
    custom_tags: dict[str, list[tuple[int, float]]]
    errors: list[tuple[int, float]]


_TIMES: weakref.WeakKeyDictionary[ReplayCore, _Times] = weakref.WeakKeyDictionary()


def _times(replay: ReplayCore) -> _Times:
    found = _TIMES.get(replay)
    if found is not None:
        return found
    by_source: dict[int, list[tuple[int, float]]] = {}
    nav: list[tuple[int, float]] = []
    tags: dict[str, list[tuple[int, float]]] = {}
    for i, ev in enumerate(replay.events):
        etype = ev["type"]
        ts = ev["timestamp"]
        if etype == _INCREMENTAL_SNAPSHOT:
            data = ev.get("data")
            src = data.get("source") if isinstance(data, dict) else None
            if type(src) is int:
                by_source.setdefault(src, []).append((i, ts))
        elif etype == _FULL_SNAPSHOT or etype == _META:
            nav.append((i, ts))
        elif etype == _CUSTOM:
            data = ev.get("data")
            tag = data.get("tag") if isinstance(data, dict) else None
            if isinstance(tag, str):
                tags.setdefault(tag, []).append((i, ts))
    errors = sorted((e.index, e.timestamp) for e in log_entries(replay) if e.is_error)
    found = _TIMES[replay] = _Times(by_source, nav, tags, errors)
    return found


def _first_after(lists: Iterable[list[tuple[int, float]]], index: int, ts: float, *, after_only: bool) -> float | None:
    """The earliest delay (ms) from ``ts`` of an event after event ``index`` in any of the lists."""
    best: float | None = None
    for items in lists:
        k = bisect.bisect_right(items, (index, math.inf))
        while k < len(items):
            _, t = items[k]
            if after_only and t <= ts:
                k += 1
                continue
            delay = max(t - ts, 0)
            if best is None or delay < best:
                best = delay
            break
    return best


# ---------------------------------------------------------------------------------------------- targets


def _eligible(click: Click, rule: DeadClickRule) -> bool:
    target = click.target if rule.interactive else click.element
    if target is None:
        return False
    tag = target.tag
    attrs = target.attributes
    if rule.targets == "sentry":
        if tag not in ("a", "button", "input"):
            return False
        if tag == "input" and attrs.get("type") not in ("submit", "button"):
            return False
        return not (tag == "a" and ("download" in attrs or attrs.get("target", "_self") != "_self"))
    if rule.targets == "not-controls":
        return tag not in _CONTROL_TAGS and attrs.get("role") not in _CONTROL_ROLES
    if rule.targets == "posthog":
        return tag != "html" and not _in_link(click)
    return True


def _in_link(click: Click) -> bool:
    """The click's element is an ``a`` or inside one (its nearest interactive ancestor, or one of the ancestors
    described)."""
    near = click.interactive
    if near is not None and near.tag == "a":
        return True
    element = click.element
    return element is not None and (element.tag == "a" or any(
        a == "a" or a.startswith(("a#", "a.")) for a in element.ancestors))


#: posthog-js's text selection targets (autocapture-utils ``isTextSelectionTarget``): inputs of these types
_TEXT_INPUT_TYPES = frozenset({"", "text", "search", "email", "password", "url", "tel", "number"})


def _text_field(click: Click) -> bool:
    element = click.element
    if element is None:
        return False
    attrs = element.attributes
    if element.tag == "textarea" or attrs.get("contenteditable") in ("", "true"):
        return True
    return element.tag == "input" and attrs.get("type", "").lower() in _TEXT_INPUT_TYPES


def _target_id(click: Click, interactive: bool) -> int | None:
    target = click.target if interactive else click.element
    return target.node_id if target is not None else click.target_id


def _signal(kind: str, rules: SignalRules, clicks: Sequence[Click], *, interactive: bool = False,
            time_after: float | None = None, end_reason: str | None = None, detail: str = "",
            at: Click | None = None) -> Signal:
    """A signal about ``clicks``, reported at the first of them or at ``at``."""
    first = clicks[0]
    when = first if at is None else at
    target = first.target if interactive else first.element
    return Signal(kind, rules.name, when.timestamp, when.offset_ms, clicks[-1].offset_ms, len(clicks),
                  tuple(clicks), target.node_id if target else first.target_id,
                  target.selector if target else None, target.label if target else "", first.url,
                  time_after, end_reason, detail)


# ---------------------------------------------------------------------------------------------- detectors


def _dead(replay: ReplayCore, clicks: list[Click], rules: SignalRules, errors_at: set[int]) -> list[Signal]:
    rule = rules.dead
    assert rule is not None
    times = _times(replay)
    mutation_lists = [times.by_source.get(s, []) for s in rule.mutation_sources]
    if rule.navigation:
        mutation_lists.append(times.navigation)
    mutation_lists.extend(times.custom_tags.get(t, []) for t in rule.pageview_tags)
    scrolls = [times.by_source.get(_SCROLL, [])]
    selections = [times.by_source.get(_SELECTION, [])]
    out: list[Signal] = []
    pending: list[Click] = []
    all_clicks = [c for c in clicks if c.kind == "click"]
    for click in all_clicks:
        if not _eligible(click, rule):
            continue
        tid = _target_id(click, rule.interactive)
        if rule.dedupe_ms is not None and any(
                _target_id(p, rule.interactive) == tid and abs(p.timestamp - click.timestamp) < rule.dedupe_ms
                for p in pending if p.timestamp + rule.timeout_ms > click.timestamp):
            continue
        pending.append(click)
        if rules.error is not None and rules.error.excludes_dead and click.index in errors_at:
            continue
        ts, idx = click.timestamp, click.index
        changed = _first_after(mutation_lists, idx, ts, after_only=rule.after_only)
        scrolled = _first_after(scrolls, idx, ts, after_only=rule.after_only)
        selected = _first_after(selections, idx, ts, after_only=rule.after_only)
        answered = (rule.text_fields_answer and _text_field(click)) or (
            changed is not None and changed <= rule.mutation_ms) or (
            rule.scroll_ms is not None and scrolled is not None and scrolled <= rule.scroll_ms) or (
            rule.selection_ms is not None and selected is not None and selected <= rule.selection_ms)
        repeats = [c for c in all_clicks if _target_id(c, rule.interactive) == tid
                   and ts <= c.timestamp < ts + rule.timeout_ms and c.index >= idx]
        if answered:
            if rules.multi and len(repeats) > 1:
                out.append(_signal("multi", rules, repeats, interactive=rule.interactive, time_after=changed,
                                   detail=f"answered, but clicked {len(repeats)} times"))
            continue
        if changed is not None and changed <= rule.timeout_ms and rule.timeout_ms > rule.mutation_ms:
            out.append(_signal("slow", rules, [click], interactive=rule.interactive, time_after=changed,
                               end_reason="mutation",
                               detail=f"the page changed only {changed:.0f} ms after the click"))
            continue
        rage = rules.rage
        if rage is not None and rage.method == "dead-repeat" and len(repeats) >= rage.min_clicks:
            out.append(_signal("rage", rules, repeats, interactive=rule.interactive, end_reason="timeout",
                               detail=f"{len(repeats)} clicks, no change within {rule.timeout_ms:.0f} ms"))
        else:
            out.append(_signal("dead", rules, [click] if len(repeats) < 2 else repeats,
                               interactive=rule.interactive, end_reason="timeout",
                               detail=f"no change within {rule.timeout_ms:.0f} ms"))
    return out


def _distance(a: Click, b: Click, kind: str) -> float:
    if a.x is None or a.y is None or b.x is None or b.y is None:
        return math.inf
    dx, dy = a.x - b.x, a.y - b.y
    return abs(dx) + abs(dy) if kind == "manhattan" else math.hypot(dx, dy)


def _near(a: Click, b: Click, rule: RageClickRule) -> bool:
    if rule.radius_px is None:
        return True
    d = _distance(a, b, rule.distance)
    return d < rule.radius_px if rule.strict else d <= rule.radius_px


def _rage(clicks: list[Click], rules: SignalRules) -> list[Signal]:
    rule = rules.rage
    assert rule is not None
    cs = [c for c in clicks if c.kind in rule.kinds]
    if rule.method == "window":
        return _rage_window(cs, rule, rules)
    if rule.method == "chain":
        return _rage_chain(cs, rule, rules)
    if rule.method == "burst":
        return _rage_burst(cs, rule, rules)
    if rule.method == "dead-repeat":
        return []  # found with the dead clicks
    msg = f"unknown rage click method {rule.method!r}"
    raise InvalidArgument(msg)


def _rage_window(cs: list[Click], rule: RageClickRule, rules: SignalRules) -> list[Signal]:
    out: list[Signal] = []
    current: list[Click] | None = None
    for k, click in enumerate(cs):
        window = [c for c in cs[:k] if click.timestamp - c.timestamp <= rule.window_ms]
        near = [c for c in window if _near(click, c, rule)]
        if len(near) + 1 >= rule.min_clicks:
            if current is None:
                current = [*near, click]
            else:
                current.append(click)
        elif current is not None:
            out.append(_signal("rage", rules, current, detail=f"{len(current)} clicks within {rule.radius_px} px"))
            current = None
    if current is not None:
        out.append(_signal("rage", rules, current, detail=f"{len(current)} clicks within {rule.radius_px} px"))
    return out


def _rage_chain(cs: list[Click], rule: RageClickRule, rules: SignalRules) -> list[Signal]:
    out: list[Signal] = []
    chain: list[Click] = []

    def flush() -> None:
        if len(chain) >= rule.min_clicks:  # reported when the click that completes the series comes
            out.append(_signal("rage", rules, list(chain), at=chain[rule.min_clicks - 1],
                               detail=f"{len(chain)} clicks in a row"))

    for click in cs:
        if chain:
            gap = click.timestamp - chain[-1].timestamp
            close = gap < rule.window_ms if rule.strict else gap <= rule.window_ms
            if close and _near(click, chain[-1], rule):
                chain.append(click)
                continue
            flush()
        chain = [click]
    flush()
    return out


def _rage_burst(cs: list[Click], rule: RageClickRule, rules: SignalRules) -> list[Signal]:
    marked: set[int] = set()
    for i in range(len(cs)):
        burst = [i]
        for j in range(i + 1, len(cs)):
            if cs[j].timestamp - cs[i].timestamp > rule.window_ms:
                break
            if _near(cs[burst[-1]], cs[j], rule):
                burst.append(j)
        if len(burst) >= rule.min_clicks:
            marked.update(burst)
    out: list[Signal] = []
    group: list[int] = []
    for i in sorted(marked):
        if group and cs[i].timestamp - cs[group[-1]].timestamp > rule.window_ms:
            out.append(_signal("rage", rules, [cs[k] for k in group], detail=f"{len(group)} clicks in a burst"))
            group = []
        group.append(i)
    if group:
        out.append(_signal("rage", rules, [cs[k] for k in group], detail=f"{len(group)} clicks in a burst"))
    return out


def _error_clicks(replay: ReplayCore, clicks: list[Click], rules: SignalRules) -> tuple[list[Signal], set[int]]:
    rule = rules.error
    assert rule is not None
    errors = _times(replay).errors
    entries = {e.index: e for e in log_entries(replay) if e.is_error}
    out: list[Signal] = []
    hit: set[int] = set()
    for click in clicks:
        if click.kind != "click":
            continue
        k = bisect.bisect_right(errors, (click.index, math.inf))
        while k < len(errors) and errors[k][1] <= click.timestamp:
            k += 1  # an error logged in the same millisecond but before the click's event does not follow it
        if k < len(errors) and errors[k][1] - click.timestamp <= rule.window_ms:
            delay = errors[k][1] - click.timestamp
            message = entries[errors[k][0]].message if errors[k][0] in entries else ""
            out.append(_signal("error", rules, [click], time_after=delay,
                               detail=f"error {delay:.0f} ms later: {message[:160]}"))
            hit.add(click.index)
    return out, hit


def find_signals(replay: ReplayCore, preset: str | SignalRules | Sequence[str | SignalRules] = "sentry", *,
                 progress: Progress | None = None) -> list[Signal]:
    """Frustration signals by one preset (or several), in time order."""
    presets = [preset] if isinstance(preset, (str, SignalRules)) else list(preset)
    clicks = base_index(replay, progress=progress).clicks
    out: list[Signal] = []
    for p in presets:
        rules = rules_for(p)
        errors_at: set[int] = set()
        if rules.error is not None:
            found, errors_at = _error_clicks(replay, clicks, rules)
            out.extend(found)
        if rules.dead is not None:
            out.extend(_dead(replay, clicks, rules, errors_at))
        if rules.rage is not None:
            out.extend(_rage(clicks, rules))
    out.sort(key=lambda s: (s.timestamp, s.preset, s.kind, s.clicks[0].index))
    return out


def find_clicks(replay: ReplayCore, *, progress: Progress | None = None) -> list[Click]:
    """Every click, double click, context menu and touch, resolved to its element (see :class:`Click`)."""
    return list(base_index(replay, progress=progress).clicks)
