"""The command line: every command on real recordings, --json, exit codes and errors."""

from __future__ import annotations

import io
import itertools
import json
import re
import sys
from pathlib import Path

import pytest

import rrweb_py
from rrweb_py.cli import Progress, example_path, main
from tests.conftest import corpus_or_skip

CONTAINERS = Path(__file__).parent.parent / "data" / "containers"


def _form():
    return str(corpus_or_skip() / "live" / "rrweb-form" / "events.json")


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_example(capsys):
    """`rrweb-py info example` works on the bundled recording."""
    code, out, _ = _run(capsys, "info", "example", "--json")
    assert code == 0 and json.loads(out)["events"] == 272


def test_store_option_gives_the_same_answers(capsys):
    """`--store disk` keeps the events on disk and answers as in memory."""
    answers = [_run(capsys, "info", "example", "--json", "--store", mode)[1] for mode in ("memory", "disk")]
    assert answers[0] == answers[1] and json.loads(answers[1])["events"] == 272


def test_frame_formats(capsys):
    """frame writes HTML, rrweb JSON or text."""
    code, out, _ = _run(capsys, "frame", _form(), "--at", "1000")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, out, _ = _run(capsys, "frame", _form(), "--at", "1000", "--json")
    assert json.loads(out)["type"] == 0
    code, out, _ = _run(capsys, "frame", _form(), "--at", "1000", "--format", "text")
    assert out.splitlines()[0] == "hello world on off 1"


def test_query_and_exit_codes(capsys):
    """query lists matches (exit 0), none (exit 1), a bad selector is a usage error (exit 2)."""
    code, out, _ = _run(capsys, "query", _form(), "input[type=radio]", "--at", "1500", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [27, 32]
    assert _run(capsys, "query", _form(), "video")[0] == 1
    code, _, err = _run(capsys, "query", _form(), "[[")
    assert code == 2 and "invalid CSS selector" in err


def test_clicks_and_signals(capsys):
    """clicks resolves every click; --preset flags signals; signals lists them."""
    code, out, _ = _run(capsys, "clicks", _form(), "--json")
    rows = json.loads(out)
    assert code == 0 and [r["selector"] for r in rows] == [
        "html > body > form > label:nth-of-type(2) > input", "html > body > form > label:nth-of-type(4) > input",
        "html > body > form > label:nth-of-type(4) > input"]
    posthog = str(corpus_or_skip() / "real" / "posthog-2windows-w0" / "events.json")
    code, out, _ = _run(capsys, "clicks", posthog, "--preset", "sentry", "--json")
    assert "sentry:dead" in json.loads(out)[1]["signals"]
    code, out, _ = _run(capsys, "signals", posthog, "--preset", "highlight", "--json")
    assert [(s["kind"], s["click_count"]) for s in json.loads(out)] == [("rage", 5)]
    code, out, _ = _run(capsys, "signals", posthog, "--set", "rage_min_clicks=4")
    assert code == 0 and "rage" in out
    assert _run(capsys, "signals", posthog, "--preset", "nope")[0] == 2
    assert _run(capsys, "signals", posthog, "--set", "nope")[0] == 2


def test_search(capsys):
    """search --text / --selector give intervals; nothing found exits 1; both or neither is a usage error."""
    code, out, _ = _run(capsys, "search", _form(), "--text", "hello world", "--json")
    (hit,) = json.loads(out)
    assert code == 0 and (hit["start_ms"], hit["end_ms"]) == (724, 2415)
    code, out, _ = _run(capsys, "search", _form(), "--selector", "input[type=checkbox][checked]")
    header, first = out.splitlines()[:2]
    assert code == 0 and header.split("\t")[:2] == ["start_ms", "end_ms"] and first.split("\t")[:2] == ["1066", "2448"]
    assert _run(capsys, "search", _form(), "--text", "no such text")[0] == 1
    assert _run(capsys, "search", _form())[0] == 2
    assert _run(capsys, "search", _form(), "--text", "a", "--selector", "b")[0] == 2


def test_timeline_activity_transcript(capsys):
    """timeline, activity and transcript print, with --json variants."""
    code, out, _ = _run(capsys, "timeline", _form(), "--kinds", "click", "--json")
    assert code == 0 and [e["kind"] for e in json.loads(out)] == ["click"] * 3
    code, out, _ = _run(capsys, "timeline", _form())
    assert "type \"hello world\" in input[text]" in out
    code, out, _ = _run(capsys, "activity", _form(), "--json")
    assert json.loads(out)["duration_ms"] == 2710
    code, out, _ = _run(capsys, "transcript", _form())
    assert out.startswith("# rrweb_py transcript v1")
    code, out, _ = _run(capsys, "transcript", _form(), "--json", "--preset", "none")
    rows = json.loads(out)
    assert all(set(r) == {"offset_ms", "kind", "text"} for r in rows)
    assert rows[0]["kind"] == "header" and rows[0]["text"].startswith("rrweb_py transcript v1")
    assert {"offset_ms": 445, "kind": "type",
            "text": '"hello world" in input[text] (html > body > form > label:nth-of-type(1) > input)'} in rows
    assert _run(capsys, "timeline", _form(), "--kinds", "nope")[0] == 2


def test_clip(capsys, tmp_path):
    """clip writes a loadable rrweb event list to stdout or a (gzipped) file."""
    code, out, _ = _run(capsys, "clip", _form(), "--start", "1000", "--end", "2000")
    events = json.loads(out)
    assert code == 0 and [e["type"] for e in events[:2]] == [4, 2]
    target = tmp_path / "clip.json.gz"
    code, out, _ = _run(capsys, "clip", _form(), "--start", "1000", "-o", str(target), "--json")
    assert json.loads(out)["events"] == len(rrweb_py.load(target).events)
    assert _run(capsys, "clip", _form(), "--start", "2000", "--end", "1000")[0] == 2


def test_bad_recordings_and_usage(capsys, tmp_path):
    """An unreadable or invalid recording exits 1 with a clear message; argparse errors exit 2."""
    code, _, err = _run(capsys, "info", str(tmp_path / "missing.json"))
    assert code == 1 and f"cannot read the recording: no such file or directory: {tmp_path / 'missing.json'}" in err
    bad = tmp_path / "bad.json"
    bad.write_text('[{"type": "x"}]')
    code, _, err = _run(capsys, "clicks", str(bad))
    assert code == 1 and "$[0].type" in err
    assert _run(capsys, "nope")[0] == 2
    assert _run(capsys, "clip", _form())[0] == 2  # --start is required


def test_progress_bar_only_on_a_terminal():
    """The progress bar draws on a terminal (or when forced) and stays silent otherwise."""
    quiet = io.StringIO()
    Progress("x", quiet)(5, 10)
    assert quiet.getvalue() == ""
    loud = io.StringIO()
    bar = Progress("walk", loud, force=True)
    bar(0, 10)
    bar(10, 10)
    assert "walk [" in loud.getvalue() and "100.0%" in loud.getvalue() and loud.getvalue().endswith("\n")


@pytest.mark.parametrize("command", ["clicks", "signals", "timeline", "activity", "transcript"])
def test_every_command_on_the_example(capsys, command):
    """Every analysis command runs on the bundled example with --json."""
    code, out, _ = _run(capsys, command, "example", "--json")
    assert code == 0 and json.loads(out) is not None


def test_version(capsys):
    """--version prints the package version."""
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and out.strip() == f"rrweb-py {rrweb_py.__version__}"


@pytest.mark.parametrize("at", ["1500", "1500ms", "1.5s", "0:01.5", "0:01.500", "0:0:01.5"])
def test_at_forms_give_the_same_frame(capsys, at):
    """--at takes ms, seconds and m:ss[.mmm]: each gives the frame at 1500 ms."""
    code, out, _ = _run(capsys, "frame", _form(), "--at", at, "--format", "text", "--json")
    assert code == 0 and json.loads(out)["offset_ms"] == 1500


@pytest.mark.parametrize("at", ["-1", "2711", "1:00", "-0:01", "-2s"])
def test_at_outside_the_recording_is_a_usage_error(capsys, at):
    """A negative or beyond-the-end --at exits 2 and names the valid range."""
    code, out, err = _run(capsys, "frame", _form(), f"--at={at}")
    assert code == 2 and out == "" and "0 to 2710 ms (00:00.000 to 00:02.710)" in err


@pytest.mark.parametrize("at", ["x", "1:60", "1:02x", "nan", "1::2"])
def test_at_that_is_not_a_time_is_a_usage_error(capsys, at):
    """--at that is no time at all is an argparse error (exit 2) saying which forms are accepted."""
    code, _, err = _run(capsys, "query", _form(), "input", "--at", at)
    assert code == 2 and "m:ss[.mmm]" in err


def test_recording_from_stdin(capsys, monkeypatch):
    """`-` reads the recording's bytes from standard input, in any container load() reads (here gzip)."""
    data = example_path().read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(capsys, "info", "-", "--json")
    assert code == 0 and json.loads(out)["events"] == 272


def test_windows_listed_and_selected(capsys):
    """info lists every window (--json and human), --window selects one on every command, an unknown id is a
    usage error naming the valid ids."""
    path = str(CONTAINERS / "posthog-2tabs.jsonl")
    first, second = "01a2206c-6eb1-7d48-b3ae-fdbac87d39ff", "01a2206c-8537-744e-ae30-f2eb069ccf10"
    code, out, _ = _run(capsys, "info", path, "--json")
    info = json.loads(out)
    assert code == 0 and info["window"] == first
    assert info["windows"] == [
        {"id": first, "events": 46, "start_timestamp": 1795840307277, "start_ms": 0, "duration_ms": 11228},
        {"id": second, "events": 41, "start_timestamp": 1795840312780, "start_ms": 5503, "duration_ms": 2645}]
    code, out, _ = _run(capsys, "info", path)
    assert "2 windows" in out and second in out
    code, out, _ = _run(capsys, "info", path, "--window", second, "--json")
    assert json.loads(out)["events"] == 41 and json.loads(out)["window"] == second
    for command in (["frame"], ["query", "body"], ["clicks"], ["signals"], ["search", "--text", "Add"],
                    ["timeline"], ["activity"], ["clip", "--start", "0"], ["transcript"]):
        code, _, err = _run(capsys, command[0], path, *command[1:], "--window", "nope")
        assert code == 2 and first in err and second in err, command
    code, out, _ = _run(capsys, "timeline", path, "--window", second, "--kinds", "tab", "--json")
    assert [(e["offset_ms"], e["value"]) for e in json.loads(out)] == [(0, first), (1644, second), (5224, first)]


def test_human_output_has_no_float_noise(capsys):
    """Human output shows times as mm:ss.mmm or whole ms, even when the recording's times are floats (Sentry);
    tab-separated tables start with a header row."""
    sentry = str(CONTAINERS / "sentry-raw")
    for command in ("info", "clicks", "signals", "timeline", "activity", "transcript"):
        code, out, _ = _run(capsys, command, sentry)
        assert code == 0 and not re.search(r"\d\.\d{4,}", out), command
    code, out, _ = _run(capsys, "clicks", sentry)
    assert out.splitlines()[0] == "time\toffset_ms\tkind\tlabel\tselector\tsignals"
    assert out.splitlines()[1].startswith("00:01.339\t1339\tclick\t")
    code, out, _ = _run(capsys, "clicks", sentry, "--json")
    assert json.loads(out)[0]["offset_ms"] == 1339.300048828125


def test_help_documents_the_options(capsys):
    """--help of a command shows --window, the time forms, the timeline kinds and what --json writes."""
    from rrweb_py.analysis import KINDS

    for command, words in (("frame", ["--window", "m:ss[.mmm]", "rrweb serialized node tree"]),
                           ("timeline", [", ".join(KINDS)]),
                           ("transcript", ["offset_ms, kind", "standard input"]),
                           ("info", ["windows (one object per window"])):
        assert main([command, "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert all(w in out for w in words), (command, words)


def test_progress_while_loading(capsys, monkeypatch):
    """Loading a file draws a progress bar in bytes when stderr is a terminal."""
    monkeypatch.setattr("sys.stderr", _Tty())
    code = main(["info", _form()])
    assert code == 0 and "loading [" in sys.stderr.getvalue() and "MiB" in sys.stderr.getvalue()


def test_source_info_repr_is_short():
    """repr(replay.source_info) is one short line, without the events."""
    replay = rrweb_py.load(CONTAINERS / "posthog-2tabs.jsonl")
    text = repr(replay.source_info)
    assert "\n" not in text and len(text) < 400 and "46 events" in text and "'type'" not in text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_load_reports_progress_in_bytes():
    """load(progress=) is told (bytes read, file size) as a file is read, ending at the size."""
    calls: list[tuple[int, int]] = []
    replay = rrweb_py.load(example_path(), progress=lambda done, total: calls.append((done, total)))
    size = example_path().stat().st_size
    assert len(replay.events) == 272 and calls and calls[-1] == (size, size)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(calls))


def _cut_recording(tmp_path):
    """The bundled example as a .json.gz cut short: some events before the cut survive."""
    import gzip

    events = list(rrweb_py.load(rrweb_py.cli.example_path()).events)
    path = tmp_path / "cut.json.gz"
    whole = gzip.compress(json.dumps(events).encode())
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


@pytest.mark.parametrize("command", ["info", "frame", "clicks", "timeline", "transcript"])
def test_cut_file_warns_on_stderr_and_strict_fails(capsys, tmp_path, command):
    """A cut-off file loads what precedes the cut and says so on stderr (what was kept, where the input ends); with
    --strict every command exits 1 instead."""
    path = _cut_recording(tmp_path)
    kept = len(rrweb_py.load(path).events)
    code, out, err = _run(capsys, command, str(path), "--json")
    assert code == 0 and out
    lines = err.splitlines()
    assert lines[0].startswith("rrweb-py: warning: truncated-input at cut.json.gz $[")
    assert "truncated gzip data: its text ends at byte " in lines[0]
    assert lines[-1] == f"rrweb-py: kept {kept} events despite 1 input problem(s) above (--strict makes them an error)"
    code, out, err = _run(capsys, command, str(path), "--strict")
    assert code == 1 and out == ""
    assert err.startswith("rrweb-py: cannot read the recording: truncated-input") and "truncated gzip data" in err


def test_skipped_files_named_on_stderr_and_strict(capsys, tmp_path):
    """A folder of parts with a README loads the parts and names the file it skipped."""
    folder = tmp_path / "parts"
    folder.mkdir()
    (folder / "0.json").write_bytes(rrweb_py.cli.example_path().read_bytes())
    (folder / "README.md").write_text("# notes\n")
    code, _, err = _run(capsys, "info", str(folder))
    assert code == 0
    assert f"rrweb-py: warning: skipped-file at {folder / 'README.md'}: README.md is text that is not JSON" in err
    assert _run(capsys, "info", str(folder), "--strict")[0] == 1


def test_strict_makes_replay_anomalies_an_error(capsys, tmp_path):
    """--strict also fails on a problem met while replaying (not only while decoding)."""
    events = json.loads(json.dumps(list(rrweb_py.load(rrweb_py.cli.example_path()).events)))
    last = events[-1]["timestamp"]
    events.append({"type": 3, "timestamp": last + 1, "data": {"source": 0, "adds": [], "texts": [],
                                                               "attributes": [], "removes": [{"parentId": 1,
                                                                                              "id": 999999}]}})
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(events))
    code, _, err = _run(capsys, "info", str(path))
    assert code == 0 and err == ""
    code, _, err = _run(capsys, "info", str(path), "--strict")
    assert code == 1 and "missing-node" in err
