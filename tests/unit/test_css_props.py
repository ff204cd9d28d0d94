"""Property tests for rrweb_py._engine.css: random CSSOM operation sequences never raise, copies stay independent, and
Chromium-style output re-parses to itself."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rrweb_py._engine.css import StyleSheet, apply_style_diff, normalize_style_attribute

RULES = [
    "a { color: red }",
    "b{margin:0 auto;padding:1px 2px 3px}",
    "@media (min-width: 100px) { p { padding: 1px } }",
    "@supports (display: grid) { @media print { i { top: 0 } } }",
    "@keyframes k { from { opacity: 0 } to { opacity: 1 } }",
    "@import url(x.css);",
    "@namespace svg url(http://www.w3.org/2000/svg);",
    "@layer base;",
    "@layer base { u { border: 1px solid } }",
    "@font-face { font-family: x; src: url(a.woff) }",
    "@page { margin: 1cm }",
    ".x { .y { color: blue } top: 0 }",
    "div > p + q ~ r { background: url(a.png) no-repeat center / cover #fff }",
    "s { transition: all .3s; animation: spin 1s linear infinite }",
    "t { font: bold 12px/1.5 Arial, sans-serif; --v: { a } }",
    "x { color: var(--c, red); margin: var(--m) }",
    "}{",
    "a {",
    "@media",
    "",
    "a:hover::before { content: '\\201C' }",
    "@charset 'utf-8';",
]
NAMES = ["color", "margin", "margin-top", "border", "border-left-color", "--v", "background", "font", "flex",
         "transition", "all", "unknown", "COLOR", "outline", "grid-area", "inset"]
VALUES = ["red", "0", "1px 2px", "inherit", "var(--x)", "", "bad value", "1px solid", "none", "url(a.png)",
          "!important", "calc(1px + 2%)", "1 1 0", "a / b"]

index = st.one_of(st.none(), st.integers(-2, 6), st.lists(st.integers(-1, 4), min_size=0, max_size=3))
path = st.lists(st.integers(-1, 4), min_size=0, max_size=3)
text = st.one_of(st.sampled_from(RULES), st.text(max_size=40))
op = st.one_of(
    st.tuples(st.just("insert"), text, index),
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("set"), path, st.one_of(st.sampled_from(NAMES), st.text(max_size=8)),
              st.one_of(st.sampled_from(VALUES), st.text(max_size=12)), st.sampled_from(["", "important", "x"])),
    st.tuples(st.just("remove"), path, st.sampled_from(NAMES)),
    st.tuples(st.just("replace"), st.lists(st.sampled_from(RULES), max_size=4).map(" ".join)),
    st.tuples(st.just("copy")),
)


def apply(sheet: StyleSheet, o: tuple[Any, ...]) -> StyleSheet:
    kind = o[0]
    if kind == "insert":
        sheet.insert_rule(o[1], o[2] if o[2] != [] else None)
    elif kind == "delete":
        if o[1] is not None and o[1] != []:
            sheet.delete_rule(o[1])
    elif kind == "set":
        sheet.set_property(o[1], o[2], o[3], o[4])
    elif kind == "remove":
        sheet.remove_property(o[1], o[2])
    elif kind == "replace":
        sheet.replace(o[1])
    else:
        return sheet.copy()
    return sheet


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RULES), max_size=5).map(" ".join), st.booleans(), st.lists(op, max_size=12))
def test_random_operations_never_raise(source: str, serialized: bool, ops: list[tuple[Any, ...]]) -> None:
    sheet = StyleSheet.from_source(source)
    if serialized:
        sheet = StyleSheet.from_serialized(sheet.css_text())
    for o in ops:
        sheet = apply(sheet, o)
        assert isinstance(sheet.css_text(), str)
        assert len(sheet) >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(RULES), max_size=5).map(" ".join), st.lists(op, max_size=10),
       st.lists(op, max_size=10))
def test_copies_are_independent(source: str, before: list[tuple[Any, ...]], after: list[tuple[Any, ...]]) -> None:
    sheet = StyleSheet.from_source(source)
    for o in before:
        sheet = apply(sheet, o)
    frozen = sheet.css_text()
    clone = sheet.copy()
    for o in after:
        clone = apply(clone, o)
    assert sheet.css_text() == frozen
    # and the other way round
    clone2 = sheet.copy()
    snapshot = clone2.css_text()
    for o in after:
        sheet = apply(sheet, o)
    assert clone2.css_text() == snapshot


STABLE = [r for r in RULES if r not in ("}{", "@media", "", "@charset 'utf-8';")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(STABLE), max_size=6).map(" ".join))
def test_serialisation_is_a_fixed_point(source: str) -> None:
    once = StyleSheet.from_source(source).css_text()
    assert StyleSheet.from_source(once).css_text() == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(
    ["color: red", "margin: 0", "--a: 1", "border: 1px solid", "COLOR:#F00", ";", "x", "top: 0 !important"]),
    max_size=5).map("; ".join)),
    st.dictionaries(st.sampled_from(NAMES), st.one_of(st.sampled_from(VALUES), st.just(False),
                                                      st.tuples(st.sampled_from(VALUES), st.just("important"))
                                                      .map(list)), max_size=4))
def test_style_attribute_helpers_never_raise(old: str, diff: dict[str, Any]) -> None:
    assert isinstance(normalize_style_attribute(old), str)
    out = apply_style_diff(old, diff)
    assert isinstance(out, str)
    # Chromium's serialisation is stable under re-parsing ('all' is modelled only roughly, see test_css.XFAIL).
    if "all" not in diff:
        norm = normalize_style_attribute(out)
        assert normalize_style_attribute(norm) == norm
