"""rrweb_py._json: orjson first, and for what orjson refuses an iterative parser and writer, at any depth."""

from __future__ import annotations

import json
import math
import random
import sys

import orjson
import pytest

from rrweb_py import _json

VALID = [
    "[]", "{}", "0", "-0", "1.5", "-2.5e-3", "1E5", '"x"', "true", "false", "null", " [ 1 , [ 2 , [ ] ] ] ",
    '{"a":[{"b":{}}],"c":"\\u00e9\\n\\"q\\""}', '"\\ud83d\\ude00"', '"\\ud83d"', '{"dup":1,"dup":2}',
    "12345678901234567890", '[1e400]',
]


@pytest.mark.parametrize("text", VALID)
def test_parse_deep_agrees_with_the_standard_library(text):
    assert _json.parse_deep(text) == json.loads(text)
    assert _json.parse_deep(text.encode()) == json.loads(text)


@pytest.mark.parametrize(("text", "msg"), [
    ("[1,]", "expected a value"), ("[1 2]", "expected ',' or ']'"), ('{"a" 1}', "expected ':'"),
    ("[NaN]", "expected a value"), ("[01]", "expected ',' or ']'"), ('{"a":1,}', "expected a string key"),
    ("[1", "unexpected end of data"), ("[tru", "unexpected end of data"), ('"abc', "unexpected end of data"),
    ("", "unexpected end of data"), ("[-", "unexpected end of data"), ("[1] x", "unexpected content after document"),
    ('["a\tb"]', "invalid string: Invalid control character"), ('"\\u12', "unexpected end of data"),
])
def test_parse_deep_refuses_what_orjson_refuses(text, msg):
    """Invalid JSON raises orjson.JSONDecodeError, with orjson's wording where callers look at it."""
    with pytest.raises(orjson.JSONDecodeError, match=msg):
        _json.parse_deep(text)
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(text)


def test_parse_prefix_says_where_the_value_ends():
    assert _json.parse_prefix('  {"a": [1]} , [2]') == ({"a": [1]}, 12)


def test_any_depth_without_recursion():
    """200,000 levels of objects parse and write back with the default recursion limit, through loads() and
    dumps(): orjson refuses it for depth, the iterative parser and writer take it."""
    depth = 200_000
    text = '{"a":' * depth + "[]" + "}" * depth
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        value = _json.loads(text.encode())
        assert _json.dumps(value) == text.encode()
        assert _json.parse_deep(text) is not None
        n = 0
        while value:
            value = value["a"]
            n += 1
        assert n == depth
    finally:
        sys.setrecursionlimit(old)


def test_loads_falls_back_only_for_refused_documents(monkeypatch):
    calls = []
    real = _json.parse_deep
    monkeypatch.setattr(_json, "parse_deep", lambda raw: calls.append(raw) or real(raw))
    assert _json.loads(b'[{"a":1}]') == [{"a": 1}]
    assert calls == []
    assert _json.loads(b'["\\ud83d"]') == ["\ud83d"]  # a lone surrogate: orjson refuses, JSON allows
    assert len(calls) == 1
    with pytest.raises(orjson.JSONDecodeError):
        _json.loads(b"[1,]")  # invalid: orjson's own error, no second parse
    assert len(calls) == 1


def test_dumps_writes_what_orjson_cannot():
    assert _json.dumps([1, {"a": "é"}]) == orjson.dumps([1, {"a": "é"}])
    assert json.loads(_json.dumps(["\ud83d", math.inf])) == ["\ud83d", None]
    with pytest.raises(TypeError):
        _json.dumps([{1: "a"}, "\ud83d"])  # orjson refuses the surrogate, then the writer the int key


def test_random_documents_round_trip():
    rng = random.Random(7)

    def gen(k: int) -> object:
        if k == 0:
            return rng.choice([1, -2.5, "s\u00e9\n\"", None, True, False, 10**20, "", 0.1])
        if rng.random() < 0.5:
            return [gen(k - 1) for _ in range(rng.randrange(4))]
        return {f"k{i}": gen(k - 1) for i in range(rng.randrange(4))}

    for _ in range(200):
        value = gen(5)
        text = json.dumps(value)
        assert _json.parse_deep(text) == value
        assert json.loads(_json._dumps_deep(value)) == value
