"""``rrweb-py`` / ``python -m rrweb_py``: the command line. The only module that prints."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RrwebPyError
from .timeline import load

EXAMPLE = "example"


def example_path() -> Path:
    """The bundled example recording (rrweb-player's demo, MIT; see examples/ATTRIBUTION.md)."""
    return Path(str(resources.files("rrweb_py") / "examples" / "demoit.json.gz"))


def _source(arg: str) -> Any:
    return example_path() if arg == EXAMPLE else arg


def _info(args: argparse.Namespace) -> int:
    replay = load(_source(args.recording))
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
    replay = load(_source(args.recording))
    at = replay.duration_ms if args.at is None else args.at
    frame = replay.at(at)
    if args.format == "rrweb" or args.json:
        print(json.dumps(frame.to_rrweb(), ensure_ascii=False))
    else:
        print(frame.to_html())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per job)."""
    parser = argparse.ArgumentParser(prog="rrweb-py", description="Rebuild and query rrweb recordings.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("info", help="summary of a recording and of its last frame")
    p.add_argument("recording", help=f"events file (.json, .json.gz) or '{EXAMPLE}' for the bundled one")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_info)
    p = sub.add_parser("frame", help="the page at a moment, as HTML or rrweb JSON")
    p.add_argument("recording", help=f"events file or '{EXAMPLE}'")
    p.add_argument("--at", type=float, default=None, help="ms after the first event (default: the end)")
    p.add_argument("--format", choices=["html", "rrweb"], default="html")
    p.add_argument("--json", action="store_true", help="same as --format rrweb")
    p.set_defaults(func=_frame)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad recording, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except RrwebPyError as exc:
        print(f"rrweb-py: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
