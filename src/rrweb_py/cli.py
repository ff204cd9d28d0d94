"""``rrweb-py`` / ``python -m rrweb_py``: the command line. The only module that prints.

``rrweb-py COMMAND RECORDING [options]``; ``RECORDING`` is a recording in any container :func:`rrweb_py.load` reads
(a file, a directory of parts), ``-`` for standard input, or ``example`` (the bundled recording). Every command
takes ``--json`` and ``--window ID`` (a window of a multi-window recording; ``info`` lists them). Times (``--at``,
``--start``, ``--end``) are ms after the first event, ``m:ss[.mmm]`` or seconds (``12.5s``). Human output shows
times as ``mm:ss.mmm`` or whole ms, and tables are tab-separated with a header row; ``--json`` keeps exact values.
Exit status: 0 done, 1 the recording cannot be read or (for ``query`` and ``search``) nothing was found, 2 usage
errors (bad options, an invalid selector, a time outside the recording, an unknown window).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from . import __version__, _json
from ._api import Replay, load
from ._protocol import EventType
from .analysis._span import clock
from .errors import InvalidArgument, RrwebPyError

EXAMPLE = "example"
NOT_FOUND = 1
USAGE = 2


def example_path() -> Path:
    """The bundled example recording (rrweb-player's demo, MIT; see examples/ATTRIBUTION.md)."""
    return Path(str(resources.files("rrweb_py") / "examples" / "demoit.json.gz"))


STDIN = "-"


def _source(arg: str) -> Any:
    if arg == STDIN:
        return sys.stdin.buffer.read()
    return example_path() if arg == EXAMPLE else arg


def parse_time(text: str) -> float:
    """A time on the command line as ms: ``1500`` (ms), ``1500ms``, ``12.5s`` (seconds), ``1:02.5`` or
    ``1:02:03.250`` (``[h:]m:ss[.mmm]``). Raises ``ValueError`` for anything else."""
    t = text.strip().lower()
    sign = -1.0 if t.startswith("-") and ":" in t else 1.0
    try:
        if ":" in t:
            parts = t.removeprefix("-").split(":")
            if len(parts) > 3 or any(not p or p.startswith(("-", "+")) for p in parts):
                raise ValueError(text)
            *whole, sec = parts
            total = float(sec)
            if total >= 60 or any(not p.isdigit() for p in whole):
                raise ValueError(text)
            for k, p in enumerate(reversed(whole)):
                total += int(p) * (60 if k == 0 else 3600)
            ms = sign * total * 1000
        elif t.endswith("ms"):
            ms = float(t[:-2])
        elif t.endswith("s"):
            ms = float(t[:-1]) * 1000
        else:
            ms = float(t)
    except ValueError:
        raise ValueError(text) from None
    if not math.isfinite(ms):
        raise ValueError(text)
    return ms


def _time_arg(text: str) -> float:
    try:
        return parse_time(text)
    except ValueError:
        msg = f"{text!r} is not a time: give ms (1500), seconds (12.5s) or m:ss[.mmm] (0:12.5)"
        raise argparse.ArgumentTypeError(msg) from None


def _check_time(replay: Replay, name: str, value: float) -> float:
    """``value`` if it lies within the recording, else a usage error naming the valid range."""
    if not 0 <= value <= replay.duration_ms:
        msg = (f"{name} {_ms(value)} is outside the recording: give 0 to {_ms(replay.duration_ms)} "
               f"({clock(0)} to {clock(replay.duration_ms)})")
        raise InvalidArgument(msg)
    return value


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if abs(value) >= 1 or value == 0 else f"{value:g} ms"


class _LoadError(Exception):
    """The recording could not be read (exit status 1)."""


class Progress:
    """A dependency-free progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, *, force: bool = False, unit: str = "events") -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.unit = unit
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
        amount = (f"{done / 2**20:.1f}/{total / 2**20:.1f} MiB" if self.unit == "bytes"
                  else f"{done}/{total} {self.unit}")
        self.stream.write(f"\r{self.label} [{bar:<{width}}] {frac * 100:5.1f}% {amount}")
        self._drawn = True
        if done >= total:
            self.stream.write("\n")
            self._drawn = False
        self.stream.flush()


def _load(args: argparse.Namespace) -> Replay:
    bar = Progress("loading", unit="bytes")
    try:
        replay = load(_source(args.recording), store=args.store, progress=bar if bar.enabled else None,
                      on_anomaly="raise" if args.strict else "collect")
    except FileNotFoundError as exc:
        raise _LoadError(f"no such file or directory: {exc.filename}") from None
    except RrwebPyError as exc:
        raise _LoadError(str(exc)) from None
    _report_input(replay)
    if args.window is not None:
        windows = replay.windows
        if args.window not in windows:
            msg = f"no window {args.window!r} in the recording; its windows: {', '.join(map(repr, windows))}"
            raise InvalidArgument(msg)
        replay = windows[args.window]
    return replay


def _at(args: argparse.Namespace, replay: Replay) -> float:
    return replay.duration_ms if args.at is None else _check_time(replay, "--at", args.at)


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


def _cell(value: Any) -> str:
    """A table cell: floats (times in ms) as whole numbers, tabs and line breaks as spaces."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0f}"
    return " ".join(str(value).replace("\t", " ").splitlines())


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """Tab-separated, with a header row."""
    print("\t".join(columns))
    for row in rows:
        print("\t".join(_cell(row.get(col)) for col in columns))


# ---------------------------------------------------------------------------------------------- commands


def _info(args: argparse.Namespace) -> int:
    replay = _load(args)
    counts: dict[str, int] = {}
    for ev in replay.events:
        etype = ev["type"]
        key = str(etype) if etype != EventType.INCREMENTAL_SNAPSHOT else f"{etype}/{ev.get('data', {}).get('source')}"
        counts[key] = counts.get(key, 0) + 1
    frame = replay.at(replay.duration_ms)
    origin = min(w.start_timestamp for w in replay.windows.values())
    windows: list[dict[str, Any]] = [{"id": wid, "events": len(w.events), "start_timestamp": w.start_timestamp,
                                      "start_ms": w.start_timestamp - origin, "duration_ms": w.duration_ms}
                                     for wid, w in replay.windows.items()]
    formats = [str(f) for f in getattr(replay.source_info, "formats", None) or []]
    info: dict[str, Any] = {
        "window": replay.window_id,
        "events": len(replay.events),
        "start_timestamp": replay.start_timestamp,
        "duration_ms": replay.duration_ms,
        "event_types": dict(sorted(counts.items())),
        "href_at_end": frame.href,
        "viewport_at_end": list(frame.viewport),
        "nodes_at_end": frame.node_count,
        "anomalies": len(replay.anomalies),
        "windows": windows,
        "formats": formats,
    }
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    started = dt.datetime.fromtimestamp(replay.start_timestamp / 1000, tz=dt.UTC)
    print(f"{'window':16} {replay.window_id or '(unnamed)'}")
    print(f"{'events':16} {len(replay.events)}")
    print(f"{'start':16} {started.isoformat(timespec='milliseconds').replace('+00:00', 'Z')}")
    print(f"{'duration':16} {clock(replay.duration_ms)} ({replay.duration_ms:.0f} ms)")
    print(f"{'event_types':16} {' '.join(f'{k}:{v}' for k, v in sorted(counts.items()))}")
    for key in ("href_at_end", "nodes_at_end", "anomalies"):
        print(f"{key:16} {info[key]}")
    print(f"{'viewport_at_end':16} {frame.viewport[0]}x{frame.viewport[1]}")
    if formats:
        print(f"{'formats':16} {'; '.join(formats)}")
    print(f"{'windows':16} {len(windows)} window{'s' if len(windows) != 1 else ''}"
          + (" (pick one with --window ID)" if len(windows) > 1 else ""))
    if len(windows) > 1:
        for w in windows:
            mark = "*" if w["id"] == replay.window_id else " "
            print(f"  {mark} {w['id']}\t{w['events']} events, from {clock(w['start_ms'])}, "
                  f"lasting {clock(w['duration_ms'])}")
    return 0


def _frame(args: argparse.Namespace) -> int:
    replay = _load(args)
    at = _at(args, replay)
    frame = replay.at(at)
    fmt = "rrweb" if args.json and args.format == "html" else args.format
    if fmt == "rrweb":
        print(_json.dumps(frame.to_rrweb()).decode())  # any depth: json.dumps recurses
    elif fmt == "text":
        if args.json:
            _dump({"offset_ms": at, "href": frame.href, "text": frame.text()})
        else:
            print(frame.text())
    else:
        print(frame.to_html())
    return 0


def _screenshot(args: argparse.Namespace) -> int:
    replay = _load(args)
    at = _at(args, replay)
    png = replay.at(at).screenshot(args.output, width=args.width, height=args.height, scale=args.scale,
                                   cursor=not args.no_cursor, full_page=args.full_page,
                                   allow_network=args.allow_network)
    if args.json:
        _dump({"offset_ms": at, "path": args.output, "bytes": len(png)})
    else:
        print(f"wrote {args.output} ({len(png):,} bytes, the page at {clock(at)})", file=sys.stderr)
    return 0


def _video(args: argparse.Namespace) -> int:
    from .render.video import FORMATS, write_video

    suffix = Path(args.output).suffix.lower()
    if suffix not in FORMATS:
        msg = f"-o {args.output}: a video is written as .mp4, .webm or .gif (by the file suffix)"
        raise InvalidArgument(msg)
    for name, value in (("--fps", args.fps), ("--speed", args.speed)):
        if not (math.isfinite(value) and value > 0):
            msg = f"{name} must be a positive number, got {value:g}"
            raise InvalidArgument(msg)
    replay = _load(args)
    _check_time(replay, "--start", args.start)
    if args.end is not None:
        _check_time(replay, "--end", args.end)
    bar = Progress("video", unit="frames")
    stats = write_video(replay, args.output, start_ms=args.start, end_ms=args.end, fps=args.fps, speed=args.speed,
                        skip_inactive=args.skip_inactive, width=args.width, height=args.height,
                        progress=bar if bar.enabled else None, allow_network=args.allow_network)
    seconds = stats.frames / args.fps
    if args.json:
        _dump({"path": str(stats.path), "frames": stats.frames, "fps": args.fps, "seconds": seconds,
               "width": stats.size[0], "height": stats.size[1], "page_loads": stats.renders,
               "page_patches": stats.patches, "pictures": stats.shots, "reused": stats.reused,
               "elapsed_s": stats.total_s})
    else:
        print(f"wrote {stats.path} ({stats.frames} frames, {seconds:.1f} s at {args.fps:g} fps, "
              f"{stats.size[0]}x{stats.size[1]}; {stats.shots} pictures, {stats.renders} page loads, "
              f"{stats.patches} patches, in {stats.total_s:.1f} s)", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    replay = _load(args)
    frame = replay.at(_at(args, replay))
    found = frame.select(args.selector)
    rows: list[dict[str, Any]] = [
        {"id": v.id, "tag": v.tag, "attributes": v.attributes, "text": " ".join(v.text.split())[:200]} for v in found]
    if args.json:
        _dump(rows)
    else:
        print("id\telement\ttext")
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
        print("time\toffset_ms\tkind\tlabel\tselector\tsignals")
        for row in rows:
            print(f"{clock(row['offset_ms'])}\t{row['offset_ms']:.0f}\t{row['kind']}\t"
                  f"{_cell(row['label'] or '(not in page)')}\t{_cell(row['selector'])}\t{', '.join(row['signals'])}")
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

    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()] if args.kinds else None
    replay = _load(args)
    entries = timeline(replay, kinds=kinds, mask_inputs=args.mask, progress=Progress("timeline"))
    if args.json:
        _dump([e.to_row() for e in entries])
    else:
        print("time\toffset_ms\tkind\tsummary")
        for e in entries:
            print(f"{clock(e.offset_ms)}\t{e.offset_ms:.0f}\t{e.kind}\t{_cell(e.summary)}")
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
        for key in ("duration_ms", "active_ms", "idle_ms"):
            print(f"{key[:-3]:12} {clock(out[key])} ({out[key]:.0f} ms)")
        for key in ("clicks", "inputs", "navigations"):
            print(f"{key:12} {out[key]}")
        for p in a.pages:
            print(f"page        {p.url}\t{clock(p.duration_ms)}, active {clock(p.active_ms)}")
        for g in a.gaps:
            print(f"idle        {clock(g.start_ms)}-{clock(g.end_ms)} ({g.duration_ms / 1000:.1f} s)")
        for s in a.segments:
            print(f"segment     {clock(s.start_ms)}-{clock(s.end_ms)} {s.reason} ({s.events} events)")
    return 0


def _clip(args: argparse.Namespace) -> int:
    import gzip

    from .analysis import clip

    replay = _load(args)
    _check_time(replay, "--start", args.start)
    if args.end is not None:
        _check_time(replay, "--end", args.end)
    events = clip(replay, args.start, args.end)
    data = _json.dumps(events)
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


def _redact(args: argparse.Namespace) -> int:
    from .redact import DEFAULT_MASK_ATTRIBUTES, Rules
    from .redact.output import write_redacted

    rules = Rules(mask_all_text=args.mask_all_text, mask_text=tuple(args.mask_text or ()),
                  mask_all_inputs=args.mask_all_inputs, mask_inputs=tuple(args.mask_input or ()),
                  block=tuple(args.block or ()),
                  mask_attributes=DEFAULT_MASK_ATTRIBUTES if args.mask_attribute is None else tuple(
                      a for a in args.mask_attribute if a),
                  strip_query=args.strip_query, drop_plugins=args.drop_plugins)
    replay = _load(args)
    bar = Progress("redacting", unit="events")
    written = write_redacted(replay, rules, args.output, container=None if args.container == "auto" else args.container,
                             only_window=args.window is not None, progress=bar if bar.enabled else None)
    summary = {"output": str(written.path), "container": written.container, "events_in": written.events_in,
               "events_out": written.events_out, "files": written.files}
    if args.json:
        _dump(summary)
    else:
        files = f" in {written.files} segment files" if written.container == "sentry-segments" else ""
        print(f"wrote {written.events_out} events ({written.container}){files} to {written.path} "
              f"from {written.events_in}", file=sys.stderr)
    return 0


def _transcript(args: argparse.Namespace) -> int:
    from .analysis import transcript

    replay = _load(args)
    text = transcript(replay, signals=None if args.preset == "none" else args.preset, requests=args.requests,
                      mask_inputs=args.mask, progress=Progress("transcript"))
    if args.json:
        _dump(transcript_rows(text))
    else:
        sys.stdout.write(text)
    return 0


RENDER_HINT = "thumbnails need `pip install 'rrweb_py[render]'` (playwright and Chromium)"


def _has_playwright() -> bool:
    import importlib.util

    return importlib.util.find_spec("playwright") is not None


def _thumbnails(replay: Replay) -> Any:
    """The report's ``thumbnails`` (:class:`rrweb_py.render.screenshot.Thumbnails`: one browser for all the
    pictures), or ``None`` when playwright is missing."""
    if not _has_playwright():
        return None
    from .render.screenshot import Thumbnails

    def failed(exc: Exception) -> None:
        print(f"\nrrweb-py: no thumbnails: {exc}", file=sys.stderr)

    return Thumbnails(replay, on_error=failed)


def _report(args: argparse.Namespace) -> int:
    from .analysis.signals import rules_for
    from .render.report import build_report

    rules_for(args.preset)  # an unknown preset is a usage error before anything is loaded
    replay = _load(args)
    shooter = _thumbnails(replay) if args.thumbnails is not False else None
    if shooter is None and args.thumbnails is not False:
        print(f"rrweb-py: {RENDER_HINT}; writing the report without them", file=sys.stderr)
    bars = [Progress("report"), Progress("thumbnails", unit="pictures")]

    def progress(done: int, total: int) -> None:
        bars[0](done, total)
        if done >= total and len(bars) > 1:
            bars.pop(0)

    try:
        page = build_report(replay, preset=args.preset, thumbnails=shooter, progress=progress)
    finally:
        if shooter is not None:
            shooter.close()
    data = page.encode("utf-8", "replace")
    if args.output == "-":
        sys.stdout.write(data.decode("utf-8") + ("" if page.endswith("\n") else "\n"))
        return 0
    path = Path(args.output)
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"rrweb-py: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if args.json:
        _dump({"output": str(path), "bytes": len(data), "thumbnails": shooter is not None})
    else:
        print(f"wrote the report to {path}", file=sys.stderr)
    return 0


def _batch(args: argparse.Namespace) -> int:
    from . import batch

    recordings = list(args.recordings)
    if args.from_list:
        try:
            text = sys.stdin.read() if args.from_list == STDIN else Path(args.from_list).read_text()
        except OSError as exc:
            print(f"rrweb-py: cannot read {args.from_list}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        recordings += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not recordings:
        msg = "batch needs at least one recording (arguments or --from-list FILE)"
        raise InvalidArgument(msg)
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else list(batch.TABLES)
    scheduler = args.dask
    started = time.monotonic()
    result = batch.analyze(recordings, tables=tables, workers=args.workers, scheduler=scheduler, out=args.output,
                           preset=args.preset, strict=args.strict, resume=args.resume,
                           progress=Progress("batch", unit="recordings"))
    seconds = time.monotonic() - started
    summary = {"output": args.output, "seconds": round(seconds, 3),
               "recordings": result["sessions"].num_rows + result["errors"].num_rows,
               "tables": {name: t.num_rows for name, t in result.items()},
               "files": {name: sorted(str(p) for p in (Path(args.output) / name).glob("part-*.parquet"))
                         for name in result}}
    if args.json:
        _dump(summary)
    else:
        rows = ", ".join(f"{name} {n}" for name, n in summary["tables"].items())
        print(f"wrote {args.output}: {rows} rows ({seconds:.1f} s)", file=sys.stderr)
    return 0


_TWO_WORD_KINDS = ("double click", "right click", "front window", "switch to window")


def transcript_rows(text: str) -> list[dict[str, Any]]:
    """The transcript as objects: one per line, with ``offset_ms`` (the line's time, to the ms), ``kind`` (the
    action's verb: ``navigate``, ``click``, ``double click``, ``type``, ``switch to window``, ``error``...;
    ``header`` for the first line; ``page``/``shows``/``hides`` for the indented lines under an action, which take
    its time) and ``text`` (the rest of the line)."""
    rows: list[dict[str, Any]] = []
    offset = 0.0
    for line in text.splitlines():
        if line.startswith("# "):
            rows.append({"offset_ms": 0.0, "kind": "header", "text": line[2:]})
            continue
        if line.startswith("    "):
            kind, _, rest = line.strip().partition(": ")
            rows.append({"offset_ms": offset, "kind": kind, "text": rest})
            continue
        stamp, _, rest = line.partition("] ")
        offset = parse_time(stamp.lstrip("["))
        kind = next((k for k in _TWO_WORD_KINDS if rest.startswith(k + " ")), rest.partition(" ")[0])
        rows.append({"offset_ms": offset, "kind": kind, "text": rest[len(kind) + 1:]})
    return rows


# ---------------------------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per job)."""
    from .analysis.activity import KINDS

    parser = argparse.ArgumentParser(
        prog="rrweb-py", description="Rebuild, query and analyse rrweb recordings.",
        epilog="Times (--at, --start, --end) are ms after the first event (1500), seconds (12.5s) or m:ss[.mmm] "
               "(0:01.5). RECORDING '-' reads standard input. Exit status: 0 done, 1 unreadable recording or "
               "nothing found, 2 usage error.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, func: Any, epilog: str | None = None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("recording", help="a recording in any container load() reads (.json, .json.gz, .jsonl, "
                       f"Sentry envelopes, PostHog exports, a directory of parts), '-' for standard input, or "
                       f"'{EXAMPLE}' for the bundled one")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--window", metavar="ID", help="the window (browser tab) to read in a recording of several "
                       "(default: the one that starts first; `info` lists them)")
        p.add_argument("--store", choices=["auto", "memory", "disk"], default="auto",
                       help="where the events are kept (default auto: on disk above 64 MiB of text)")
        p.add_argument("--strict", action="store_true",
                       help="any problem in the recording (a cut-off file, a skipped file or line, an anomaly while "
                       "replaying) is an error (exit 1) instead of a warning")
        p.set_defaults(func=func)
        return p

    at_help = "when: ms after the first event, 12.5s or m:ss[.mmm] (default: the end)"

    command("info", "summary of a recording, its windows and its last frame", _info,
            "--json: an object with events, start_timestamp, duration_ms, event_types, href_at_end, nodes_at_end,\n"
            "anomalies, formats and windows (one object per window: id, events, start_timestamp, start_ms,\n"
            "duration_ms).")
    p = command("frame", "the page at a moment, as HTML, rrweb JSON or text", _frame,
                "--json writes the frame as an rrweb serialized node tree (the same as --format rrweb: the\n"
                "FullSnapshot 'node' of this moment); with --format text, an object {offset_ms, href, text}.")
    p.add_argument("--at", type=_time_arg, default=None, help=at_help)
    p.add_argument("--format", choices=["html", "rrweb", "text"], default="html")
    p = command("query", "elements matching a CSS selector at a moment (exit 1 when none)", _query)
    p.add_argument("selector", help="CSS selector")
    p.add_argument("--at", type=_time_arg, default=None, help=at_help)
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
    p = command("timeline", "navigations, front window, clicks, inputs, scrolls, console, network, errors, custom "
                "events", _timeline)
    p.add_argument("--kinds", help=f"comma-separated kinds to keep, of: {', '.join(KINDS)}")
    p.add_argument("--mask", choices=["password", "all", "none"], default="password", help="input values to mask")
    p = command("activity", "active time, inactivity gaps, time per page, replay segments", _activity)
    p.add_argument("--inactive-after", type=_time_arg, default=10_000, help="gap length that counts as idle (ms, or 10s)")
    p = command("clip", "a valid rrweb event list from --start to --end", _clip)
    p.add_argument("--start", type=_time_arg, required=True, help="ms after the first event, 12.5s or m:ss[.mmm]")
    p.add_argument("--end", type=_time_arg, default=None, help="the same (default: the end)")
    p.add_argument("-o", "--output", help="write to this file (.gz compresses) instead of stdout")
    p = command("redact", "a copy of the recording with what people saw and typed masked, that still plays",
                _redact,
                "Rules match the page at the moment of each event (docs/redaction.md). The output keeps the\n"
                "input's container where it can: a directory of Sentry segments gives segments, JSON Lines give\n"
                "JSON Lines, several windows give PostHog snapshot lines; else a JSON array (.gz compresses).\n"
                "--json: {output, container, events_in, events_out, files}.")
    p.add_argument("-o", "--output", required=True, help="the file (or, for Sentry segments, directory) to write")
    p.add_argument("--mask-all-text", action="store_true", help="mask every text of the page")
    p.add_argument("--mask-text", action="append", metavar="SEL", help="mask the text in elements matching this "
                   "CSS selector (repeatable)")
    p.add_argument("--mask-all-inputs", action="store_true", help="mask every form control's value")
    p.add_argument("--mask-input", action="append", metavar="SEL", help="mask the values of controls in or at "
                   "elements matching this selector (repeatable)")
    p.add_argument("--block", action="append", metavar="SEL", help="replace elements matching this selector by "
                   "rrweb's blocked placeholder, dropping their content and events (repeatable)")
    p.add_argument("--mask-attribute", action="append", metavar="NAME", help="an attribute masked on masked "
                   "elements (repeatable; default: value, placeholder, title, alt, aria-label; '' for none)")
    p.add_argument("--strip-query", action="store_true", help="URLs lose their query and fragment")
    p.add_argument("--drop-plugins", action="store_true", help="drop console, network and custom events rather "
                   "than mask them")
    p.add_argument("--container", choices=["auto", "array", "jsonl", "posthog-lines", "sentry-segments"],
                   default="auto", help="the output's container (default: the input's, see above)")
    p = command("transcript", "a compact action log for a language model", _transcript,
                "--json: a list of objects, one per line, each with offset_ms, kind (navigate, click, type,\n"
                "error, ..., 'header' for the first line, shows/hides/page under an action) and text.")
    p.add_argument("--preset", default="sentry", help="signals to annotate clicks with ('none': no signals)")
    p.add_argument("--requests", choices=["failed", "all", "none"], default="failed")
    p.add_argument("--mask", choices=["password", "all", "none"], default="password")
    p = command("screenshot", "a PNG of the page at a moment (needs `pip install 'rrweb_py[render]'` and a "
                "Chromium)", _screenshot)
    p.add_argument("--at", type=_time_arg, default=None, help=at_help)
    p.add_argument("-o", "--output", required=True, help="the PNG file to write")
    p.add_argument("--width", type=int, help="viewport width in CSS px (default: the recorded one)")
    p.add_argument("--height", type=int, help="viewport height in CSS px (default: the recorded one)")
    p.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (default 1)")
    p.add_argument("--full-page", action="store_true", help="the whole document, not only the viewport")
    p.add_argument("--no-cursor", action="store_true", help="do not draw the pointer and the click mark")
    p.add_argument("--allow-network", action="store_true",
                   help="let the page load images, styles and fonts from the network (scripts never run)")
    p = command("report", "a self-contained HTML report page: summary, timeline, key moments, transcript", _report,
                "The page is inert: no script, nothing fetched (its Content-Security-Policy allows only inline\n"
                "styles and data: images); recorded text is shown as text. Thumbnails of the key moments (page\n"
                "loads, errors, signals) need `pip install 'rrweb_py[render]'` (playwright and Chromium); without\n"
                "it, or with --no-thumbnails, the page has none. --json: {output, bytes, thumbnails}.")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write ('-': standard output)")
    p.add_argument("--preset", default="sentry", help="the signal preset (default sentry)")
    p.add_argument("--thumbnails", action=argparse.BooleanOptionalAction, default=None,
                   help="pictures of the key moments (default: when playwright is installed)")
    p = command("video", "a video of the replay: .mp4 (H.264), .webm (VP9) or .gif (needs `pip install "
                "'rrweb_py[render]'` and a Chromium)", _video,
                "Output frame k shows the recording at --start + k * speed / fps seconds; --skip-inactive\n"
                "compresses each inactivity gap (over 10 s without user interaction, as `activity` reports)\n"
                "into 1 s of video. A progress bar goes to stderr when it is a terminal.")
    p.add_argument("-o", "--output", required=True, help="the file to write: .mp4, .webm or .gif")
    p.add_argument("--start", type=_time_arg, default=0.0, help="ms after the first event, 12.5s or m:ss[.mmm] "
                   "(default 0)")
    p.add_argument("--end", type=_time_arg, default=None, help="the same (default: the end)")
    p.add_argument("--fps", type=float, default=10.0, help="output frames per second (default 10)")
    p.add_argument("--speed", type=float, default=1.0, help="recording seconds per video second (default 1)")
    p.add_argument("--skip-inactive", action="store_true", help="compress inactivity gaps into 1 s each")
    p.add_argument("--width", type=int, help="viewport width in CSS px (default: the recorded one at --start)")
    p.add_argument("--height", type=int, help="viewport height in CSS px (default: the recorded one at --start)")
    p.add_argument("--allow-network", action="store_true",
                   help="let the page load images, styles and fonts from the network (scripts never run)")
    p = sub.add_parser("batch", help="many recordings into Parquet tables (sessions, clicks, signals, timeline, "
                       "errors)", description="Analyse many recordings into Parquet tables, one directory per table "
                       "(OUTDIR/sessions/part-0001.parquet...), on every core or a Dask cluster (docs/batch.md).",
                       epilog="Each argument is one recording (a file, a directory of parts, or a URL fsspec opens).\n"
                       "A recording that cannot be read is a row of the errors table (exit 0) unless --strict.\n"
                       "--json: {output, seconds, recordings, tables: {name: rows}, files: {name: [paths]}}.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("recordings", nargs="*", metavar="RECORDING", help="recordings (paths or URLs)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="the directory of the Parquet tables")
    p.add_argument("--workers", type=int, help="processes (default: one per core; 1 runs in this process), or the "
                   "workers of --dask local")
    p.add_argument("--dask", metavar="local|ADDRESS", help="run on Dask: 'local' starts a LocalCluster, an address "
                   "(tcp://host:8786) uses that scheduler")
    p.add_argument("--tables", help="comma-separated tables to build (sessions and errors always are), of: "
                   "sessions, clicks, signals, timeline, errors")
    p.add_argument("--preset", default="sentry", help="the signal preset (default sentry)")
    p.add_argument("--resume", action="store_true", help="skip the recordings already in OUTDIR")
    p.add_argument("--strict", action="store_true", help="stop at the first recording that fails (exit 1)")
    p.add_argument("--from-list", metavar="FILE", help="read recordings from FILE, one per line ('-': stdin)")
    p.add_argument("--json", action="store_true", help="a JSON summary on stdout")
    p.set_defaults(func=_batch)
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
