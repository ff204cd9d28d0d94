"""The transcript: deterministic, compact, with element context and text changes."""

from __future__ import annotations

import rrweb_py
from rrweb_py.analysis import transcript
from tests.conftest import corpus_or_skip


def test_transcript_of_the_form_scenario():
    """rrweb-form: navigation with page text, typing, clicks with context, masked password, text changes."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-form" / "events.json")
    out = transcript(replay)
    lines = out.splitlines()
    assert lines[0].startswith("# rrweb_py transcript v1: 70 events, 2.7 s, from ")
    assert lines[1] == '[00:00.037] navigate http://127.0.0.1:47611/rrweb/form.html "form fields"'
    assert '[00:00.445] type "hello world" in input[text] (html > body > form > label:nth-of-type(1) > input)' in lines
    assert any(line.startswith('[00:01.036] click input[radio] "toggle"') and 'in "hello world on off' in line
               for line in lines)
    assert any('type "******" in input[password]' in line for line in lines)
    assert '    shows: "hello world on off 1"' in lines
    assert all("\n" not in line for line in lines)
    assert transcript(rrweb_py.load(corpus_or_skip() / "live" / "rrweb-form" / "events.json")) == out


def test_transcript_marks_signals_and_idle():
    """posthog-w0: a dead click flagged by Sentry's rules; chalk-prod: long idle stretches."""
    corpus = corpus_or_skip()
    out = transcript(rrweb_py.load(corpus / "real" / "posthog-2windows-w0" / "events.json"))
    assert "[dead click]" in out
    prod = transcript(rrweb_py.load(corpus / "real" / "chalk-prod-30497eae" / "events.json"))
    assert "[00:22.976] idle 5917.9 s" in prod
    assert "[1:39:07.360] click" in prod
