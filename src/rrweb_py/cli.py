"""``rrweb-py`` / ``python -m rrweb_py``: the command line. The only module that prints.

``rrweb-py COMMAND RECORDING [options]``; ``RECORDING`` is an events file (``.json``, ``.json.gz``) or ``example``
(the bundled recording). Every command takes ``--json``. Exit status: 0 done, 1 the recording cannot be read or (for
``query`` and ``search``) nothing was found, 2 usage errors (bad options, an invalid selector).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from .errors import InvalidArgument, RrwebPyError
from .timeline import Replay, load

EXAMPLE = "example"
NOT_FOUND = 1
USAGE = 2


def example_path() -> Path:
    """The bundled example recording (rrweb-player's demo, MIT; see examples/ATTRIBUTION.md)."""
    return Path(str(resources.files("rrweb_py") / "examples" / "demoit.json.gz"))


def _source(arg: str) -> Any:
    return example_path() if arg == EXAMPLE else arg


class _LoadError(Exception):
    """The recording could not be read (exit status 1)."""


class Progress:
    """A dependency-free progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, *, force: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = force or (hasattr(self.stream, "isatty") and self.stream.isatty())
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        frac = done / total if total else 1.0
        bar = "#" * int(frac * width)
        self.stream.write(f"\r{self.label} [{bar:<{width}}] {frac * 100:5.1f}% {done}/{total} events")
        self._drawn = True
        if done >= total:
            self.stream.write("\n")
            self._drawn = False
        self.stream.flush()


def _load(args: argparse.Namespace) -> Replay:
    try:
        replay = load(_source(args.recording), store=args.store, on_anomaly="raise" if args.strict else "collect")
    except FileNotFoundError as exc:
        raise _LoadError(f"no such file or directory: {exc.filename}") from None
    except RrwebPyError as exc:
        raise _LoadError(str(exc)) from None
    _report_input(replay)
    return replay


def _report_input(replay: Replay, stream: TextIO | None = None) -> None:
    """Say on stderr what the loader had to skip or could not read (a cut-off end, files that are not parts of the
    recording), and how many events it kept: never a silent partial load."""
    stream = stream or sys.stderr
    problems = [a for a in replay.anomalies if a.event_index == -1]
    if not problems:
        return
    for a in problems:
        stream.write(f"rrweb-py: warning: {a.kind} at {a.path}: {a.detail}\n")
    windows = replay.windows
    kept = sum(len(w.events) for w in windows.values())
    tabs = f" in {len(windows)} windows" if len(windows) > 1 else ""
    stream.write(f"rrweb-py: kept {kept} events{tabs} despite {len(problems)} input problem(s) above "
                 "(--strict makes them an error)\n")


def _dump(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None, default=str))


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    for row in rows:
        cells = []
        for col in columns:
            v = row.get(col)
            if isinstance(v, float):
                v = f"{v:.0f}" if v.is_integer() or abs(v) >= 100 else f"{v:.3f}"
            cells.append("" if v is None else str(v))
        print("\t".join(cells))


# ---------------------------------------------------------------------------------------------- commands


def _info(args: argparse.Namespace) -> int:
    replay = _load(args)
    counts: dict[str, int] = {}
    for ev in replay.events:
        key = str(ev["type"]) if ev["type"] != 3 else f"3/{ev.get('data', {}).get('source')}"
        counts[key] = counts.get(key, 0) + 1
    frame = replay.at(replay.duration_ms)
    info = {
        "events": len(replay.events),
        "start_timestamp": replay.start_timestamp,
        "duration_ms": replay.duration_ms,
        "event_types": dict(sorted(counts.items())),
        "href_at_end": frame.href,
        "viewport_at_end": list(frame.viewport),
        "nodes_at_end": len(frame.state.mirror),
        "anomalies": len(replay.anomalies),
    }
    if args.json:
        print(json.dumps(info, indent=1))
    else:
        for key, value in info.items():
            print(f"{key:16} {value}")
    return 0


def _frame(args: argparse.Namespace) -> int:
    replay = _load(args)
    at = replay.duration_ms if args.at is None else args.at
    frame = replay.at(at)
    fmt = "rrweb" if args.json and args.format == "html" else args.format
    if fmt == "rrweb":
        print(json.dumps(frame.to_rrweb(), ensure_ascii=False))
    elif fmt == "text":
        if args.json:
            _dump({"offset_ms": at, "href": frame.href, "text": frame.text()})
        else:
            print(frame.text())
    else:
        print(frame.to_html())
    return 0


def _query(args: argparse.Namespace) -> int:
    replay = _load(args)
    at = replay.duration_ms if args.at is None else args.at
    frame = replay.at(at)
    found = frame.select(args.selector)
    rows = [{"id": v.id, "tag": v.tag, "attributes": v.attributes, "text": " ".join(v.text.split())[:200]}
            for v in found]
    if args.json:
        _dump(rows)
    else:
        for row in rows:
            attrs = " ".join(k if val is True else f'{k}="{str(val)[:60]}"' for k, val in row["attributes"].items()
                             if k != "_cssText")
            print(f"#{row['id']}\t<{row['tag']}{' ' + attrs if attrs else ''}>\t{row['text']}")
    return 0 if rows else NOT_FOUND


def _presets(args: argparse.Namespace) -> list[Any]:
    from .analysis.signals import rules_for

    out = []
    for name in args.preset or []:
        rules = rules_for(name)
        if args.set:
            changes: dict[str, Any] = {}
            for item in args.set:
                key, sep, value = item.partition("=")
                if not sep:
                    msg = f"--set takes NAME=VALUE, got {item!r}"
                    raise InvalidArgument(msg)
                changes[key.strip()] = float(value) if "." in value else int(value)
            rules = rules.replace(**changes)
        out.append(rules)
    return out


def _clicks(args: argparse.Namespace) -> int:
    from .analysis import find_clicks, find_signals

    replay = _load(args)
    clicks = find_clicks(replay, progress=Progress("clicks"))
    flags: dict[int, list[str]] = {}
    for s in find_signals(replay, _presets(args)) if args.preset else []:
        for c in s.clicks:
            flags.setdefault(c.index, []).append(f"{s.preset}:{s.kind}")
    rows = []
    for c in clicks:
        row = c.to_row()
        row["signals"] = sorted(set(flags.get(c.index, [])))
        rows.append(row)
    if args.json:
        _dump(rows)
    else:
        for row in rows:
            sig = f"\t[{', '.join(row['signals'])}]" if row["signals"] else ""
            print(f"{row['offset_ms']:.0f}\t{row['kind']}\t{row['label'] or '(not in page)'}\t{row['selector']}{sig}")
    return 0


def _signals(args: argparse.Namespace) -> int:
    from .analysis import find_signals

    replay = _load(args)
    if not args.preset:
        args.preset = ["sentry"]
    signals = find_signals(replay, _presets(args), progress=Progress("signals"))
    rows = [s.to_row() for s in signals]
    if args.json:
        _dump(rows)
    else:
        _table(rows, ["offset_ms", "preset", "kind", "click_count", "label", "selector", "detail"])
    return 0


def _search(args: argparse.Namespace) -> int:
    from .analysis import find, find_text

    if (args.text is None) == (args.selector is None):
        msg = "search needs exactly one of --text or --selector"
        raise InvalidArgument(msg)
    replay = _load(args)
    rows: list[dict[str, Any]]
    if args.text is not None:
        found = find_text(replay, args.text, ignore_case=args.ignore_case, progress=Progress("search"))
        rows = [i.to_row() for i in found]
        if not args.json:
            _table(rows, ["start_ms", "end_ms", "duration_ms", "line"])
    else:
        appearances = find(replay, args.selector, progress=Progress("search"))
        rows = [a.to_row() for a in appearances]
        if not args.json:
            _table(rows, ["start_ms", "end_ms", "node_id", "element_label", "element_selector"])
    if args.json:
        _dump(rows)
    return 0 if rows else NOT_FOUND


def _timeline(args: argparse.Namespace) -> int:
    from .analysis import timeline

    replay = _load(args)
    entries = timeline(replay, kinds=args.kinds.split(",") if args.kinds else None, mask_inputs=args.mask,
                       progress=Progress("timeline"))
    if args.json:
        _dump([e.to_row() for e in entries])
    else:
        for e in entries:
            print(f"{e.offset_ms:>10.0f}  {e.kind:<10} {e.summary}")
    return 0


def _activity(args: argparse.Namespace) -> int:
    from .analysis import activity

    replay = _load(args)
    a = activity(replay, inactive_after_ms=args.inactive_after)
    out = a.to_row()
    out["gap_list"] = [g.to_row() for g in a.gaps]
    out["page_list"] = [p.to_row() for p in a.pages]
    out["segment_list"] = [s.to_row() for s in a.segments]
    if args.json:
        _dump(out)
    else:
        for key in ("duration_ms", "active_ms", "idle_ms", "clicks", "inputs", "navigations"):
            print(f"{key:12} {out[key]:.0f}" if isinstance(out[key], float) else f"{key:12} {out[key]}")
        for p in a.pages:
            print(f"page        {p.url}\t{p.duration_ms:.0f} ms, active {p.active_ms:.0f} ms")
        for g in a.gaps:
            print(f"idle        {g.start_ms:.0f}-{g.end_ms:.0f} ({g.duration_ms / 1000:.1f} s)")
        for s in a.segments:
            print(f"segment     {s.start_ms:.0f}-{s.end_ms:.0f} {s.reason} ({s.events} events)")
    return 0


def _clip(args: argparse.Namespace) -> int:
    import gzip

    from ._json import dumps
    from .analysis import clip

    replay = _load(args)
    events = clip(replay, args.start, args.end)
    data = dumps(events)
    if args.output and args.output != "-":
        path = Path(args.output)
        path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
        summary = {"output": str(path), "events": len(events), "start_ms": args.start,
                   "end_ms": replay.duration_ms if args.end is None else args.end}
        if args.json:
            _dump(summary)
        else:
            print(f"wrote {len(events)} events to {path}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8") + "\n")
    return 0


def _transcript(args: argparse.Namespace) -> int:
    from .analysis import transcript

    replay = _load(args)
    text = transcript(replay, signals=None if args.preset == "none" else args.preset, requests=args.requests,
                      mask_inputs=args.mask, progress=Progress("transcript"))
    if args.json:
        _dump({"format": "rrweb_py transcript v1", "transcript": text})
    else:
        sys.stdout.write(text)
    return 0


# ---------------------------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per job)."""
    parser = argparse.ArgumentParser(prog="rrweb-py", description="Rebuild, query and analyse rrweb recordings.")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("recording", help=f"events file (.json, .json.gz) or '{EXAMPLE}' for the bundled one")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--store", choices=["auto", "memory", "disk"], default="auto",
                       help="where the events are kept (default auto: on disk above 64 MiB of text)")
        p.add_argument("--strict", action="store_true",
                       help="any problem in the recording (a cut-off file, a skipped file or line, an anomaly while "
                       "replaying) is an error (exit 1) instead of a warning")
        p.set_defaults(func=func)
        return p

    command("info", "summary of a recording and of its last frame", _info)
    p = command("frame", "the page at a moment, as HTML, rrweb JSON or text", _frame)
    p.add_argument("--at", type=float, default=None, help="ms after the first event (default: the end)")
    p.add_argument("--format", choices=["html", "rrweb", "text"], default="html")
    p = command("query", "elements matching a CSS selector at a moment (exit 1 when none)", _query)
    p.add_argument("selector", help="CSS selector")
    p.add_argument("--at", type=float, default=None, help="ms after the first event (default: the end)")
    p = command("clicks", "every click resolved to its element", _clicks)
    p.add_argument("--preset", action="append", help="flag frustration signals of this preset (repeatable): "
                   "sentry, sentry-docs, highlight, highlight-code, clarity, posthog")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="change a threshold, e.g. rage_min_clicks=4")
    p = command("signals", "frustration signals (dead, slow, rage, multi, error clicks)", _signals)
    p.add_argument("--preset", action="append", help="preset (repeatable; default sentry)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="change a threshold, e.g. dead_timeout_ms=5000")
    p = command("search", "when a text or elements matching a selector were in the page (exit 1 when never)", _search)
    p.add_argument("--text", help="text to find (matched within one line of the page's text)")
    p.add_argument("--selector", help="CSS selector")
    p.add_argument("-i", "--ignore-case", action="store_true", help="case-insensitive --text")
    p = command("timeline", "navigations, clicks, inputs, scrolls, console, network, errors, custom events", _timeline)
    p.add_argument("--kinds", help="comma-separated kinds to keep")
    p.add_argument("--mask", choices=["password", "all", "none"], default="password", help="input values to mask")
    p = command("activity", "active time, inactivity gaps, time per page, replay segments", _activity)
    p.add_argument("--inactive-after", type=float, default=10_000, help="gap length that counts as idle (ms)")
    p = command("clip", "a valid rrweb event list from --start to --end", _clip)
    p.add_argument("--start", type=float, required=True, help="ms after the first event")
    p.add_argument("--end", type=float, default=None, help="ms after the first event (default: the end)")
    p.add_argument("-o", "--output", help="write to this file (.gz compresses) instead of stdout")
    p = command("transcript", "a compact action log for a language model", _transcript)
    p.add_argument("--preset", default="sentry", help="signals to annotate clicks with ('none': no signals)")
    p.add_argument("--requests", choices=["failed", "all", "none"], default="failed")
    p.add_argument("--mask", choices=["password", "all", "none"], default="password")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad recording or nothing found, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else USAGE
    try:
        return int(args.func(args))
    except _LoadError as exc:
        print(f"rrweb-py: cannot read the recording: {exc}", file=sys.stderr)
        return 1
    except InvalidArgument as exc:
        print(f"rrweb-py: {exc}", file=sys.stderr)
        return USAGE
    except RrwebPyError as exc:
        print(f"rrweb-py: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
