"""The command line: every command on real recordings, --json, exit codes and errors."""

from __future__ import annotations

import io
import json

import pytest

import rrweb_py
from rrweb_py.cli import Progress, main
from tests.conftest import corpus_or_skip


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
    assert code == 0 and out.split("\t")[:2] == ["1066", "2448"]
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
    assert json.loads(out)["format"] == "rrweb_py transcript v1"
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
