"""rrweb_py._engine.css against Chromium's own CSSOM serialisation (tests/data/css_chromium.json, made by
tools/css_truth.mjs), plus small unit tests of each operation."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from rrweb_py._engine.css import (
    StyleSheet,
    apply_style_diff,
    fix_browser_compatibility,
    normalize_style_attribute,
)

DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "css_chromium.json").read_text("utf-8"))

# Corners of Chromium's CSS engine this module does not model. Each entry: "kind:input" -> reason.
_ALL = "'all' followed by other declarations: Chromium expands it into every longhand in its internal order"
XFAIL: dict[str, str] = {
    "rules:p { grid: auto-flow / 1fr 1fr; }": "the grid shorthand is kept as normalised text",
    "rules:p { all: unset; color: red }": _ALL,
    "decls:all: unset; color: red": _ALL,
    "sheets:@font-feature-values Font One { @styleset { nice-style: 12 } }": "@font-feature-values is kept as text",
}


def test_xfail_entries_exist() -> None:
    keys = {kind + ":" + inp for kind in ("rules", "sheets", "decls") for inp, _ in DATA[kind]}
    assert not [k for k in XFAIL if k not in keys], "stale XFAIL entries: regenerate or prune"


def _xfail(key: str) -> list[Any]:
    reason = XFAIL.get(key)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _params(kind: str) -> list[Any]:
    out = []
    for i, (inp, expected) in enumerate(DATA[kind]):
        if expected == "=":  # the generator writes "=" where Chromium's output equals the input
            expected = inp
        out.append(pytest.param(inp, expected, id=f"{kind}-{i}", marks=_xfail(kind + ":" + inp)))
    return out


@pytest.mark.parametrize(("rule", "expected"), _params("rules"))
def test_chromium_insert_rule(rule: str, expected: str | None) -> None:
    sheet = StyleSheet.from_source("")
    ok = sheet.insert_rule(rule, 0)
    if expected is None:
        assert not ok
        assert sheet.css_text() == ""
    else:
        assert ok
        assert sheet.css_text() == expected


@pytest.mark.parametrize(("text", "expected"), _params("sheets"))
def test_chromium_sheet_text(text: str, expected: str) -> None:
    assert StyleSheet.from_source(text).css_text() == expected


@pytest.mark.parametrize(("text", "expected"), _params("decls"))
def test_chromium_style_attribute(text: str, expected: str) -> None:
    assert normalize_style_attribute(text) == expected


def _run_case(case: dict[str, Any]) -> list[tuple[bool, str]]:
    """Replays a recorded case; returns (ok, css) after each step, with the initial state first."""
    base = case.get("base")
    out: list[tuple[bool, str]] = []
    if case["kind"] == "inline":
        cur = case["text"]
        out.append((True, "" if cur is None else cur))
        for op in case["ops"]:
            if op["op"] == "set":
                val = op["value"]
                # WebIDL turns a null value into "" (LegacyNullToEmptyString).
                diff: dict[str, Any] = {op["name"]: ["" if val is None else str(val), op.get("priority", "")]}
            else:
                diff = {op["name"]: False}
            cur = apply_style_diff(cur, diff)
            out.append((True, cur))
        return out
    if case["kind"] == "constructed":
        sheet = StyleSheet.from_source("")
        sheet.replace(case["text"], base)
    else:
        sheet = StyleSheet.from_source(case["text"], base)
    out.append((True, sheet.css_text()))
    for op in case["ops"]:
        kind = op["op"]
        ok = True
        if kind == "insert":
            ok = sheet.insert_rule(op["rule"], op.get("index"), base)
        elif kind == "delete":
            ok = sheet.delete_rule(op["index"])
        elif kind == "set":
            ok = sheet.set_property(op["path"], op["name"], op["value"], op.get("priority", ""))
        elif kind == "remove":
            ok = sheet.remove_property(op["path"], op["name"])
        elif kind == "replace":
            sheet.replace(op["text"], base)
        elif kind == "text":
            sheet = StyleSheet.from_source(op["text"], base)
        out.append((ok, sheet.css_text()))
    return out


def _case_params() -> list[Any]:
    return [pytest.param(c, id=c["name"], marks=_xfail("case:" + c["name"])) for c in DATA["cases"]]


@pytest.mark.parametrize("case", _case_params())
def test_chromium_case(case: dict[str, Any]) -> None:
    got = _run_case(case)
    expected: list[tuple[bool, str]] = [(True, case["initial"] if case["initial"] is not None else "")]
    for step in case["steps"]:
        css = step["css"]
        expected.append((step["ok"] if case["kind"] != "inline" else True, "" if css is None else css))
    assert got == expected


# -- readable unit tests ---------------------------------------------------------------------------------------


def test_from_serialized_is_verbatim_and_lazy() -> None:
    text = "a { color: red; }/* rr_split */b { top: 0px; }"
    sheet = StyleSheet.from_serialized(text)
    assert sheet._rules is None  # nothing parsed yet
    assert sheet.css_text() == "a { color: red; }b { top: 0px; }"
    assert sheet._rules is None
    odd = "a{color:#FFF}  /* kept as is */"
    assert StyleSheet.from_serialized(odd).css_text() == odd


def test_len_counts_top_level_rules() -> None:
    assert len(StyleSheet.from_serialized("")) == 0
    assert len(StyleSheet.from_serialized("a { top: 0px; }@media print {\n  b { top: 0px; }\n}")) == 2


def test_insert_and_delete_top_level() -> None:
    sheet = StyleSheet.from_serialized("a { color: red; }")
    assert sheet.insert_rule("b{color:#00f}", 1)
    assert sheet.css_text() == "a { color: red; }b { color: rgb(0, 0, 255); }"
    assert sheet.insert_rule("c{}")  # default index 0
    assert sheet.css_text().startswith("c { }a")
    assert not sheet.insert_rule("d{}", 9)
    assert not sheet.insert_rule("d{}", -1)
    assert not sheet.insert_rule("d{", 0) is False  # unclosed blocks are fine for Chromium
    assert not sheet.insert_rule("not a rule", 0)
    assert not sheet.insert_rule("a{} b{}", 0)
    assert sheet.delete_rule(0)
    assert not sheet.delete_rule(10)


def test_nested_paths() -> None:
    sheet = StyleSheet.from_source("@media screen { a { top: 0 } } b { top: 1px }")
    assert sheet.insert_rule("c { top: 2px }", [0, 1])
    assert sheet.css_text() == "@media screen {\n  a { top: 0px; }\n  c { top: 2px; }\n}b { top: 1px; }"
    assert not sheet.insert_rule("d { top: 3px }", [0, 5])
    assert not sheet.insert_rule("d { top: 3px }", [7, 0])
    assert sheet.delete_rule([0, 0])
    assert sheet.css_text() == "@media screen {\n  c { top: 2px; }\n}b { top: 1px; }"
    assert not sheet.delete_rule([0, 3])


def test_set_and_remove_property() -> None:
    sheet = StyleSheet.from_source("a { color: red } @media print { b { top: 0 } }")
    assert sheet.set_property([0], "margin", "0")
    assert sheet.set_property([1, 0], "color", "#000", "important")
    assert sheet.css_text() == (
        "a { color: red; margin: 0px; }@media print {\n  b { top: 0px; color: rgb(0, 0, 0) !important; }\n}"
    )
    assert not sheet.set_property([1], "color", "red")  # @media has no style
    assert not sheet.set_property([5], "color", "red")
    assert sheet.remove_property([0], "margin-top")
    assert sheet.css_text().startswith("a { color: red; margin-right: 0px; margin-bottom: 0px; margin-left: 0px; }")
    assert not sheet.remove_property([9], "color")


def test_replace_drops_imports() -> None:
    sheet = StyleSheet.from_source("")
    sheet.replace('@import "x.css"; a { top: 0 }')
    assert sheet.css_text() == "a { top: 0px; }"
    assert not sheet.insert_rule('@import "y.css";', 0)


def test_text_change_discards_inserted_rules() -> None:
    sheet = StyleSheet.from_source("a { top: 0 }")
    sheet.insert_rule("b { top: 1px }", 1)
    sheet = StyleSheet.from_source("c { top: 2px }")
    assert sheet.css_text() == "c { top: 2px; }"


def test_copy_is_independent() -> None:
    original = StyleSheet.from_source("@media print { a { top: 0 } } b { color: red }")
    before = original.css_text()
    clone = original.copy()
    assert clone.insert_rule("c { top: 1px }", [0, 0])
    assert clone.set_property([1], "color", "blue")
    assert clone.delete_rule(1)
    assert original.css_text() == before
    assert clone.css_text() == "@media print {\n  c { top: 1px; }\n  a { top: 0px; }\n}"
    lazy = StyleSheet.from_serialized("a { top: 0px; }")
    c2 = lazy.copy()
    c2.delete_rule(0)
    assert lazy.css_text() == "a { top: 0px; }" and c2.css_text() == ""


def test_base_url_absolutifies_like_rrweb() -> None:
    base = "http://localhost:8000/css/page.html"
    sheet = StyleSheet.from_source("a { background: url(img/x.png) }", base)
    assert sheet.css_text() == 'a { background: url("http://localhost:8000/css/img/x.png"); }'
    assert sheet.insert_rule("b { background: url(data:image/png;base64,AA==) }", 1, base)
    assert sheet.insert_rule("c { background: url(/root.png) }", 2, base)
    assert sheet.css_text().endswith('c { background: url("http://localhost:8000/root.png"); }')
    assert 'url("data:image/png;base64,AA==")' in sheet.css_text()


def test_style_attribute_helpers() -> None:
    assert normalize_style_attribute("COLOR:#F00;margin:0 auto") == "color: rgb(255, 0, 0); margin: 0px auto;"
    assert apply_style_diff("color: red", {"color": "blue", "margin": ["0", "important"]}) == (
        "color: blue; margin: 0px !important;"
    )
    assert apply_style_diff("color: red; top: 0px", {"color": False}) == "top: 0px;"
    assert apply_style_diff(None, {"color": False}) == ""
    assert apply_style_diff("x", {"color": "not-a-colour"}) == "x"


def test_fix_browser_compatibility_like_rrweb() -> None:
    sheet = StyleSheet.from_source(".t { -webkit-background-clip: text; color: transparent }")
    assert sheet.css_text() == ".t { background-clip: text; color: transparent; }"
    fixed = fix_browser_compatibility(sheet.css_text())
    assert fixed == ".t { -webkit-background-clip: text; background-clip: text; color: transparent; }"
    assert fix_browser_compatibility(fixed) == fixed
    assert fix_browser_compatibility("a { color: red; }") == "a { color: red; }"


def test_odd_input_never_raises() -> None:
    for text in ["{", "}", "@media", "a{b{c{d{", "\x00", "url(", "a{color:rgb(", "@import", ";;;", "a{--x:{}}"]:
        sheet = StyleSheet.from_source(text)
        sheet.css_text()
        sheet.insert_rule(text, 0)
        sheet.insert_rule(text, [0, 0])
        sheet.delete_rule([0, 0, 0])
        sheet.set_property([0], "color", text)
        normalize_style_attribute(text)
        apply_style_diff(text, {"color": text, "top": False})


def test_deep_nesting_is_fine() -> None:
    text = "@media screen {" * 400 + "a { top: 0 }" + "}" * 400
    sheet = StyleSheet.from_source(text)
    assert sheet.css_text().count("@media screen") == 400


def test_from_serialized_is_fast() -> None:
    text = "".join(f".c{i} {{ color: rgb({i % 256}, 0, 0); padding: 1px 2px; }}" for i in range(2000))
    t0 = time.perf_counter()
    for _ in range(100):
        StyleSheet.from_serialized(text).css_text()
    assert time.perf_counter() - t0 < 0.05
