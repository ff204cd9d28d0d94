"""CSSOM style sheets that serialise the way Chromium does.

rrweb records ``<style>``/``<link>`` sheets as ``_cssText``: the join of every rule's ``cssText`` as Chromium's CSSOM
writes it. Later events change the sheets (``insertRule``/``deleteRule`` with nested index paths, ``setProperty`` /
``removeProperty`` on a rule, ``replace``/``replaceSync``, the text of a ``<style>`` changing). This module keeps the
rule list of such a sheet and serialises it exactly as Chromium would, so the engine can output the ``_cssText`` of
the live sheet at any time.

Design:

* :class:`StyleSheet` keeps already-serialised text verbatim and parses it only when a rule operation needs the rule
  list (``from_serialized`` is near-free).
* Rules are immutable values once they sit in a rule list; operations copy the path they change, so
  :meth:`StyleSheet.copy` is a shallow list copy.
* Raw CSS is tokenised by tinycss2; declarations are parsed into Chromium's longhands (shorthands expanded) with
  values normalised per property, and declaration blocks are serialised back with Chromium's shorthand rules
  (``StylePropertySerializer``).
* Ground truth for all of this is ``tests/data/css_chromium.json``, generated from Chromium by
  ``tools/css_truth.mjs``.

Nothing here raises on odd CSS: what Chromium drops is dropped, and operations Chromium rejects return ``False``.

Known gaps (each is an xfail in tests/unit/test_css.py): ``all`` followed by other declarations (Chromium expands it
into every longhand in its internal order), the ``grid`` shorthand (kept as normalised text), ``@font-feature-values``
(kept as text). Properties without a dedicated grammar here (the long tail of recent or exotic ones) are normalised
generically and may keep values Chromium would reject.

Beyond Chromium, ``url()`` values brought by ``from_source``/``insert_rule``/``set_property``/``replace`` are made
absolute against the base URL the way rrweb's ``absolutifyURLs`` does when it records a sheet.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

import tinycss2
from tinycss2.nth import parse_nth

__all__ = ["StyleSheet", "apply_style_diff", "fix_browser_compatibility", "normalize_style_attribute"]

# tinycss2 ships no type information and its nodes are duck-typed (``.type`` tells them apart).
Node: TypeAlias = Any
Nodes: TypeAlias = Sequence[Any]

# ---------------------------------------------------------------------------------------------------------------
# Basic serialisation (CSSOM "serialize a string / identifier", Chromium's number formatting).

_WIDE_KEYWORDS = frozenset(("inherit", "initial", "unset", "revert", "revert-layer"))


def _words(text: str) -> list[str]:
    """Whitespace-separated words of a table written as text."""
    return text.split()


def _fmt(v: float) -> str:
    """A number the way Chromium prints it: six significant digits, shortest form, no negative zero."""
    if v == 0 or math.isnan(v):
        return "0"
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.6g}"


def _ser_string(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if o == 0:
            out.append("\ufffd")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\{o:x} ")
        elif ch == '"' or ch == "\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SAFE_IDENT = re.compile(r"(?:--|-?[A-Za-z_\u0080-\U0010ffff])[A-Za-z0-9_\-\u0080-\U0010ffff]*\Z")


def _ser_ident(s: str) -> str:
    if _SAFE_IDENT.match(s):
        return s
    out: list[str] = []
    n = len(s)
    for i, ch in enumerate(s):
        o = ord(ch)
        if o == 0:
            out.append("\ufffd")
        elif o < 0x20 or o == 0x7F or (i == 0 and "0" <= ch <= "9") or (i == 1 and "0" <= ch <= "9" and s[0] == "-"):
            out.append(f"\\{o:x} ")
        elif i == 0 and ch == "-" and n == 1:
            out.append("\\-")
        elif o >= 0x80 or ch == "-" or ch == "_" or ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def _ser_url(s: str) -> str:
    return "url(" + _ser_string(s) + ")"


# ---------------------------------------------------------------------------------------------------------------
# Token helpers.


def _sig(nodes: Iterable[Node]) -> list[Node]:
    """Component values without whitespace, comments and end-of-input notes (an unclosed string is still a
    string)."""
    return [n for n in nodes if n.type != "whitespace" and n.type != "comment" and not (
        n.type == "error" and n.kind.startswith("eof-"))]


def _split_commas(nodes: Nodes) -> list[list[Node]]:
    parts: list[list[Node]] = [[]]
    for n in nodes:
        if n.type == "literal" and n.value == ",":
            parts.append([])
        else:
            parts[-1].append(n)
    return parts


def _is_lit(n: Node, value: str) -> bool:
    return bool(n.type == "literal" and n.value == value)


def _ident(n: Node) -> str | None:
    """Lower-cased ident value, or None."""
    if n.type == "ident":
        return str(n.lower_value)
    return None


def _has_var(nodes: Iterable[Node]) -> bool:
    stack = list(nodes)
    while stack:
        n = stack.pop()
        if n.type == "function":
            if n.lower_name in ("var", "env", "attr"):
                return True
            stack.extend(n.arguments)
        elif n.type in ("() block", "[] block", "{} block"):
            stack.extend(n.content)
    return False


def _raw(nodes: Iterable[Node]) -> str:
    return str(tinycss2.serialize(nodes))


def _collapse_raw(nodes: Nodes) -> str:
    """Source text with runs of whitespace collapsed and ends trimmed (how Chromium keeps unparsed values)."""
    text = _raw(nodes)
    return text.strip(" \t\n\r\f")


_WS_RE = re.compile(r"[ \t\n\r\f]+")

# ---------------------------------------------------------------------------------------------------------------
# Generic component-value serialisation.


def _gen(n: Node, lower: bool = True) -> str:
    t = n.type
    if t == "ident":
        return str(n.lower_value) if lower else _ser_ident(n.value)
    if t == "number":
        return _fmt(n.value)
    if t == "percentage":
        return _fmt(n.value) + "%"
    if t == "dimension":
        return _fmt(n.value) + str(n.lower_unit)
    if t == "string":
        return _ser_string(n.value)
    if t == "url":
        return _ser_url(n.value)
    if t == "hash":
        col = _color(n)
        return col if col is not None else "#" + n.value
    if t == "function":
        name = str(n.lower_name)
        if name == "url":
            args = _sig(n.arguments)
            if len(args) == 1 and args[0].type == "string":
                return _ser_url(args[0].value)
        if name in _COLOR_FUNCS:
            col = _color(n)
            if col is not None:
                return col
        if name in _MATH_FUNCS:
            m = _math(n)
            if m is not None:
                return m
        return name + "(" + _gen_list(n.arguments, lower) + ")"
    if t == "() block":
        return "(" + _gen_list(n.content, lower) + ")"
    if t == "[] block":
        return "[" + _gen_list(n.content, lower) + "]"
    if t == "{} block":
        return "{" + _gen_list(n.content, lower) + "}"
    if t == "literal":
        return str(n.value)
    if t == "unicode-range":
        return _raw([n])
    return _raw([n])


def _gen_list(nodes: Iterable[Node], lower: bool = True) -> str:
    """Generic serialisation: single spaces between values, ", " after commas, " / " around slashes."""
    out: list[str] = []
    for n in _sig(nodes):
        if n.type == "literal" and n.value == ",":
            out.append(",")
            continue
        if out and out[-1] != "," or out:
            out.append(" ")
        out.append(_gen(n, lower))
    return "".join(out).replace(" ,", ",")


# ---------------------------------------------------------------------------------------------------------------
# Numbers, lengths, calc().

_LENGTH_UNITS = frozenset(
    _words("px em rem ex rex ch rch ic ric cap rcap lh rlh vw vh vi vb vmin vmax svw svh svi svb svmin svmax lvw lvh lvi "
    "lvb lvmin lvmax dvw dvh dvi dvb dvmin dvmax cqw cqh cqi cqb cqmin cqmax cm mm q in pt pc")
)
_ANGLE_UNITS = frozenset(("deg", "rad", "grad", "turn"))
_TIME_UNITS = frozenset(("s", "ms"))
_RES_UNITS = frozenset(("dppx", "dpi", "dpcm", "x"))
_FREQ_UNITS = frozenset(("hz", "khz"))
_ABS_TO_PX = {"px": 1.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6, "in": 96.0, "pt": 96 / 72, "pc": 16.0}
_MATH_FUNCS = frozenset(("calc", "min", "max", "clamp", "-webkit-calc"))

# Kinds for math expressions: "number", "length" (incl. percentage mixes), "percentage", "angle", "time".


class _Sum:
    """A linear combination of units: {unit: coefficient}; '' = number, '%' = percentage."""

    __slots__ = ("other", "terms")

    def __init__(self) -> None:
        self.terms: dict[str, float] = {}
        self.other: list[tuple[float, str]] = []  # (sign, serialised non-linear term such as min(...))


def _unit_of(n: Node) -> tuple[float, str] | None:
    if n.type == "number":
        return float(n.value), ""
    if n.type == "percentage":
        return float(n.value), "%"
    if n.type == "dimension":
        u = str(n.lower_unit)
        if u in _LENGTH_UNITS or u in _ANGLE_UNITS or u in _TIME_UNITS or u in _RES_UNITS or u in _FREQ_UNITS:
            return float(n.value), u
        return None
    return None


class _CalcError(Exception):
    pass


def _calc_expr(nodes: Nodes) -> _Sum:
    """Parse a calc-sum into a _Sum (raises _CalcError when it is not a linear expression we can fold)."""
    items = [n for n in nodes if n.type != "comment"]
    # Split into terms on whitespace-surrounded + / -.
    terms: list[tuple[float, list[Node]]] = []
    cur: list[Node] = []
    sign = 1.0
    i = 0
    while i < len(items):
        n = items[i]
        if n.type == "literal" and n.value in ("+", "-"):
            if not cur:
                raise _CalcError()
            prev_ws = i > 0 and items[i - 1].type == "whitespace"
            next_ws = i + 1 < len(items) and items[i + 1].type == "whitespace"
            if not (prev_ws and next_ws):
                raise _CalcError()
            terms.append((sign, cur))
            cur = []
            sign = 1.0 if n.value == "+" else -1.0
        elif n.type != "whitespace":
            cur.append(n)
        i += 1
    if not cur:
        raise _CalcError()
    terms.append((sign, cur))
    total = _Sum()
    for s, t in terms:
        prod = _calc_product(t)
        for u, c in prod.terms.items():
            if u in total.terms:
                total.terms[u] = total.terms[u] + s * c
            else:
                total.terms[u] = s * c if s > 0 else -c
        for s2, txt in prod.other:
            total.other.append((s * s2, txt))
    return total


def _calc_product(nodes: list[Node]) -> _Sum:
    factor = 1.0
    value: _Sum | None = None
    op = "*"
    expect_value = True
    for n in nodes:
        if expect_value:
            v = _calc_value(n)
            if op == "*":
                if not v.terms.keys() - {""} and not v.other:
                    factor *= v.terms.get("", 0.0)
                elif value is None:
                    value = v
                else:
                    raise _CalcError()
            else:
                if v.terms.keys() - {""} or v.other:
                    raise _CalcError()
                d = v.terms.get("", 0.0)
                if d == 0:
                    raise _CalcError()
                factor /= d
            expect_value = False
        else:
            if n.type == "literal" and n.value in ("*", "/"):
                op = n.value
                expect_value = True
            else:
                raise _CalcError()
    if expect_value:
        raise _CalcError()
    if value is None:
        res = _Sum()
        res.terms[""] = factor
        return res
    res = _Sum()
    for u, c in value.terms.items():
        res.terms[u] = c * factor
    for s, txt in value.other:
        if factor != 1.0:
            raise _CalcError()
        res.other.append((s, txt))
    return res


def _calc_value(n: Node) -> _Sum:
    uv = _unit_of(n)
    if uv is not None:
        res = _Sum()
        v, u = uv
        if u in _ABS_TO_PX and u != "px":
            v, u = v * _ABS_TO_PX[u], "px"
        res.terms[u] = v
        return res
    if n.type == "() block":
        return _calc_expr(n.content)
    if n.type == "function" and n.lower_name in ("calc", "-webkit-calc"):
        return _calc_expr(n.arguments)
    if n.type == "function" and n.lower_name in ("min", "max", "clamp"):
        txt = _math(n)
        if txt is None:
            raise _CalcError()
        if txt.startswith("calc("):
            return _calc_expr(_parse_values(txt[5:-1]))
        res = _Sum()
        res.other.append((1.0, txt))
        return res
    if n.type == "ident" and n.lower_value in ("pi", "e"):
        res = _Sum()
        res.terms[""] = math.pi if n.lower_value == "pi" else math.e
        return res
    raise _CalcError()


def _unit_order(u: str) -> tuple[int, str]:
    if u == "":
        return (0, "")
    if u == "%":
        return (1, "")
    return (2, u)


def _ser_sum(s: _Sum) -> str | None:
    parts: list[tuple[float, str]] = []
    for u in sorted(s.terms, key=_unit_order):
        c = s.terms[u]
        parts.append((c, u))
    out: list[str] = []
    for c, u in parts:
        neg = c < 0 or (c == 0 and math.copysign(1.0, c) < 0)
        txt = _fmt(abs(c)) + u
        if not out:
            out.append(("-" if neg and c != 0 else "") + txt)
        else:
            out.append((" - " if neg else " + ") + txt)
    for sign, txt in s.other:
        if not out:
            out.append(("-" if sign < 0 else "") + txt)
        else:
            out.append((" - " if sign < 0 else " + ") + txt)
    if not out:
        return None
    return "".join(out)


def _sum_kind(s: _Sum) -> str:
    units = set(s.terms)
    if not units and s.other:
        return "other"
    if units <= {""}:
        return "number"
    if units <= {"%"}:
        return "percentage"
    if "" in units:
        return "mixed"
    kinds = set()
    for u in units:
        if u == "%":
            kinds.add("percentage")
        elif u in _LENGTH_UNITS:
            kinds.add("length")
        elif u in _ANGLE_UNITS:
            kinds.add("angle")
        elif u in _TIME_UNITS:
            kinds.add("time")
        else:
            kinds.add("other")
    has_pct = "percentage" in kinds
    kinds.discard("percentage")
    if len(kinds) == 1:
        k = kinds.pop()
        return "length-percentage" if has_pct and k == "length" else ("mixed" if has_pct else k)
    if not kinds:
        return "percentage"
    return "mixed"


@functools.lru_cache(maxsize=4096)
def _parse_values(text: str) -> list[Node]:
    return list(tinycss2.parse_component_value_list(text))


def _math(n: Node, kind: str | None = None) -> str | None:
    """Serialise calc()/min()/max()/clamp() as Chromium does (folding what can be folded)."""
    name = str(n.lower_name)
    if name in ("calc", "-webkit-calc"):
        if _has_var(n.arguments):
            return "calc(" + _gen_list_calc(n.arguments) + ")"
        try:
            s = _calc_expr(n.arguments)
        except _CalcError:
            return None
        if kind is not None and not _kind_ok(_sum_kind(s), kind):
            return None
        body = _ser_sum(s)
        if body is None:
            return None
        return "calc(" + body + ")"
    # min / max / clamp
    args = _split_commas(n.arguments)
    if name == "clamp" and len(args) != 3:
        return None
    if not args or any(not _sig(a) for a in args):
        return None
    if _has_var(n.arguments):
        return name + "(" + ", ".join(_gen_list_calc(a) for a in args) + ")"
    sums: list[_Sum] = []
    for a in args:
        try:
            sums.append(_calc_expr(a))
        except _CalcError:
            return None
    # Fold when every argument is a single term of one and the same unit.
    units = {tuple(s.terms) for s in sums}
    if len(units) == 1 and all(len(s.terms) == 1 and not s.other for s in sums):
        vals = [next(iter(s.terms.values())) for s in sums]
        u = next(iter(sums[0].terms))
        if name == "min":
            v = min(vals)
        elif name == "max":
            v = max(vals)
        else:
            v = max(vals[0], min(vals[1], vals[2]))
        res = _Sum()
        res.terms[u] = v
        body = _ser_sum(res)
        return "calc(" + (body or "0") + ")"
    bodies = [_ser_sum(s) for s in sums]
    if any(b is None for b in bodies):
        return None
    return name + "(" + ", ".join(b for b in bodies if b is not None) + ")"


def _kind_ok(got: str, want: str) -> bool:
    if got == "other":
        return True
    if want == "length":
        return got in ("length", "percentage", "length-percentage")
    if want == "length-only":
        return got == "length"
    if want == "number":
        return got == "number"
    if want == "angle":
        return got == "angle"
    if want == "time":
        return got == "time"
    if want == "percentage":
        return got == "percentage"
    return True


def _gen_list_calc(nodes: Iterable[Node]) -> str:
    """Unfoldable math (with var()): source tokens with whitespace collapsed."""
    out: list[str] = []
    prev_ws = False
    for n in nodes:
        if n.type == "comment":
            continue
        if n.type == "whitespace":
            prev_ws = True
            continue
        if out and prev_ws:
            out.append(" ")
        prev_ws = False
        if n.type == "function" and n.lower_name == "var":
            out.append(_raw([n]))
        elif n.type == "function":
            out.append(str(n.lower_name) + "(" + _gen_list_calc(n.arguments) + ")")
        elif n.type == "() block":
            out.append("(" + _gen_list_calc(n.content) + ")")
        elif n.type == "literal" and n.value == ",":
            out.append(",")
            prev_ws = True
        else:
            out.append(_gen(n))
    return "".join(out)


def _is_math(n: Node) -> bool:
    return n.type == "function" and n.lower_name in _MATH_FUNCS


def _length(n: Node, neg: bool = True, pct: bool = True, zero: bool = True, quirk: bool = False) -> str | None:
    t = n.type
    if t == "dimension":
        u = str(n.lower_unit)
        if u not in _LENGTH_UNITS:
            return None
        if not neg and n.value < 0:
            return None
        return _fmt(n.value) + u
    if t == "number":
        if n.value == 0 and zero:
            return "0px"
        return None
    if t == "percentage":
        if not pct or (not neg and n.value < 0):
            return None
        return _fmt(n.value) + "%"
    if _is_math(n):
        return _math(n, "length" if pct else "length-only")
    return None


def _number(n: Node, neg: bool = True, integer: bool = False) -> str | None:
    if n.type == "number":
        if not neg and n.value < 0:
            return None
        if integer and not n.is_integer:
            return None
        if integer:
            return str(n.int_value)
        return _fmt(n.value)
    if _is_math(n):
        return _math(n, "number")
    return None


def _number_or_pct(n: Node, neg: bool = True) -> str | None:
    if n.type == "percentage":
        if not neg and n.value < 0:
            return None
        return _fmt(n.value) + "%"
    return _number(n, neg)


def _time(n: Node, neg: bool = True) -> str | None:
    if n.type == "dimension" and n.lower_unit in _TIME_UNITS:
        if not neg and n.value < 0:
            return None
        return _fmt(n.value) + str(n.lower_unit)
    if _is_math(n):
        return _math(n, "time")
    return None


def _angle(n: Node, zero: bool = True) -> str | None:
    if n.type == "dimension" and n.lower_unit in _ANGLE_UNITS:
        return _fmt(n.value) + str(n.lower_unit)
    if n.type == "number" and n.value == 0 and zero:
        return "0deg"
    if _is_math(n):
        return _math(n, "angle")
    return None


# ---------------------------------------------------------------------------------------------------------------
# Colours.

_NAMED_COLORS = frozenset(
    _words("""aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
    cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
    darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
    firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
    hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
    lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
    mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
    mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange
    orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna
    silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet
    wheat white whitesmoke yellow yellowgreen transparent currentcolor
    accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas canvastext field fieldtext
    graytext highlight highlighttext linktext mark marktext selecteditem selecteditemtext visitedtext
    activeborder activecaption appworkspace background buttonhighlight buttonshadow captiontext inactiveborder
    inactivecaption inactivecaptiontext infobackground infotext menu menutext scrollbar threeddarkshadow threedface
    threedhighlight threedlightshadow threedshadow window windowframe windowtext
    -webkit-link -webkit-activelink -webkit-focus-ring-color""")
)
_COLOR_FUNCS = frozenset(
    _words("rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix light-dark -webkit-gradient")
) - {"-webkit-gradient"}


def _alpha_text(a: float) -> str:
    byte = math.floor(a * 255 + 0.5)
    v2 = math.floor(byte / 255 * 100 + 0.5) / 100
    if math.floor(v2 * 255 + 0.5) == byte:
        return _fmt(v2)
    return _fmt(math.floor(byte / 255 * 1000 + 0.5) / 1000)


def _rgb_text(r: float, g: float, b: float, a: float) -> str:
    def ch(v: float) -> int:
        v = max(0.0, min(255.0, v))
        return math.floor(v + 0.5)

    a = max(0.0, min(1.0, a))
    if math.floor(a * 255 + 0.5) >= 255:
        return f"rgb({ch(r)}, {ch(g)}, {ch(b)})"
    return f"rgba({ch(r)}, {ch(g)}, {ch(b)}, {_alpha_text(a)})"


def _hex_color(h: str) -> str | None:
    if not all(c in "0123456789abcdefABCDEF" for c in h):
        return None
    n = len(h)
    if n in (3, 4):
        vals = [int(c * 2, 16) for c in h]
    elif n in (6, 8):
        vals = [int(h[i : i + 2], 16) for i in range(0, n, 2)]
    else:
        return None
    a = vals[3] / 255 if len(vals) == 4 else 1.0
    if len(vals) == 4 and vals[3] == 255:
        a = 1.0
    return _rgb_text(vals[0], vals[1], vals[2], a)


def _hue(n: Node) -> float | None:
    if n.type == "number":
        return float(n.value)
    if n.type == "dimension":
        u = n.lower_unit
        if u == "deg":
            return float(n.value)
        if u == "rad":
            return math.degrees(n.value)
        if u == "grad":
            return float(n.value) * 0.9
        if u == "turn":
            return float(n.value) * 360.0
    if n.type == "ident" and n.lower_value == "none":
        return 0.0
    return None


def _hsl_to_rgb(h: float, s: float, l: float) -> tuple[float, float, float]:
    h = h % 360.0
    s = max(0.0, min(1.0, s))
    l = max(0.0, min(1.0, l))

    def f(k: float) -> float:
        kk = (k + h / 30.0) % 12
        a = s * min(l, 1 - l)
        return l - a * max(-1.0, min(kk - 3, 9 - kk, 1.0))

    return f(0) * 255, f(8) * 255, f(4) * 255


def _color_func(n: Node) -> str | None:
    name = str(n.lower_name)
    args = _sig(n.arguments)
    if name in ("rgb", "rgba", "hsl", "hsla", "hwb"):
        if _has_var(args):
            return None
        legacy = any(_is_lit(a, ",") for a in args)
        alpha_node: Node | None = None
        if legacy:
            if name == "hwb":
                return None
            parts = _split_commas(args)
            if any(len(p) != 1 for p in parts) or len(parts) not in (3, 4):
                return None
            comps = [p[0] for p in parts[:3]]
            if len(parts) == 4:
                alpha_node = parts[3][0]
            if any(c.type == "ident" for c in comps):
                return None
        else:
            comps = []
            rest = list(args)
            slash = [i for i, a in enumerate(rest) if _is_lit(a, "/")]
            if slash:
                i = slash[0]
                if len(rest) != i + 2:
                    return None
                alpha_node = rest[i + 1]
                rest = rest[:i]
            if len(rest) != 3:
                return None
            comps = rest
        a = 1.0
        if alpha_node is not None:
            if alpha_node.type == "number":
                a = float(alpha_node.value)
            elif alpha_node.type == "percentage":
                a = alpha_node.value / 100
            elif alpha_node.type == "ident" and alpha_node.lower_value == "none":
                a = 0.0
            else:
                return None
        if name in ("rgb", "rgba"):
            vals: list[float] = []
            types = set()
            for c in comps:
                if c.type == "number":
                    vals.append(float(c.value))
                    types.add("n")
                elif c.type == "percentage":
                    vals.append(c.value * 255 / 100)
                    types.add("p")
                elif c.type == "ident" and c.lower_value == "none" and not legacy:
                    vals.append(0.0)
                else:
                    return None
            if legacy and len(types) > 1:
                return None
            return _rgb_text(vals[0], vals[1], vals[2], a)
        h = _hue(comps[0])
        if h is None:
            return None
        pcts: list[float] = []
        for c in comps[1:]:
            if c.type == "percentage" or c.type == "number" and not legacy:
                pcts.append(c.value / 100)
            elif c.type == "ident" and c.lower_value == "none" and not legacy:
                pcts.append(0.0)
            else:
                return None
        if name == "hwb":
            w, bl = pcts
            if w + bl >= 1:
                g = w / (w + bl) * 255
                return _rgb_text(g, g, g, a)
            r, g2, b = _hsl_to_rgb(h, 1.0, 0.5)
            return _rgb_text(
                r * (1 - w - bl) + w * 255, g2 * (1 - w - bl) + w * 255, b * (1 - w - bl) + w * 255, a
            )
        r, g2, b = _hsl_to_rgb(h, pcts[0], pcts[1])
        return _rgb_text(r, g2, b, a)
    if name == "light-dark":
        parts = _split_commas(n.arguments)
        if len(parts) != 2:
            return None
        cols = []
        for p in parts:
            sp = _sig(p)
            if len(sp) != 1:
                return None
            c = _color(sp[0])
            if c is None:
                return None
            cols.append(c)
        return "light-dark(" + ", ".join(cols) + ")"
    if name in _LAB_REFS:
        return _lab_like(name, args)
    # color(), color-mix(): generic normalisation.
    return name + "(" + _gen_list(n.arguments) + ")"


# Percentage references of lab-like colour components (CSS Color 4).
_LAB_REFS = {"lab": (100.0, 125.0, 125.0), "lch": (100.0, 150.0, 0.0), "oklab": (1.0, 0.4, 0.4),
             "oklch": (1.0, 0.4, 0.0)}


def _lab_like(name: str, args: list[Node]) -> str | None:
    alpha: str | None = None
    comps = list(args)
    slash = [i for i, a in enumerate(comps) if _is_lit(a, "/")]
    if slash:
        i = slash[0]
        if len(comps) != i + 2:
            return None
        a = comps[i + 1]
        if a.type == "number":
            alpha = _fmt(max(0.0, min(1.0, a.value)))
        elif a.type == "percentage":
            alpha = _fmt(max(0.0, min(1.0, a.value / 100)))
        elif _ident(a) == "none":
            alpha = "none"
        else:
            return None
        comps = comps[:i]
    if len(comps) != 3:
        return None
    refs = _LAB_REFS[name]
    out = []
    for k, c in enumerate(comps):
        if _ident(c) == "none":
            out.append("none")
        elif c.type == "number":
            out.append(_fmt(c.value))
        elif c.type == "percentage" and not (name.endswith("lch") and k == 2):
            out.append(_fmt(c.value / 100 * refs[k]))
        elif c.type == "dimension" and name.endswith("lch") and k == 2:
            h = _hue(c)
            if h is None:
                return None
            out.append(_fmt(h))
        else:
            return None
    if alpha is not None and alpha != "1":
        return name + "(" + " ".join(out) + " / " + alpha + ")"
    return name + "(" + " ".join(out) + ")"


def _color(n: Node) -> str | None:
    t = n.type
    if t == "ident":
        v = str(n.lower_value)
        if v in _NAMED_COLORS:
            return v
        return None
    if t == "hash":
        return _hex_color(n.value)
    if t == "function" and n.lower_name in _COLOR_FUNCS:
        return _color_func(n)
    return None

# ---------------------------------------------------------------------------------------------------------------
# Longhand value parsers. Each takes the significant component values of a declaration value (no whitespace,
# no comments, no !important) and returns Chromium's text for the value, or None when Chromium rejects it.

LonghandParser = Callable[[list[Node]], str | None]
_LONGHAND: dict[str, LonghandParser] = {}
# Longhands whose value is a list of names written by the author (case kept).
_CASE_KEEPING = frozenset(
    _words("""animation-name font-family grid-template-areas grid-row-start grid-row-end grid-column-start grid-column-end
    counter-reset counter-increment counter-set container-name view-transition-name view-transition-class
    list-style-type anchor-name position-anchor timeline-scope scroll-timeline-name view-timeline-name
    transition-property will-change font-palette page""")
)


def _one(fn: Callable[[Node], str | None]) -> LonghandParser:
    def parse(nodes: list[Node]) -> str | None:
        if len(nodes) != 1:
            return None
        return fn(nodes[0])

    return parse


def _kw(words: str, fn: Callable[[Node], str | None] | None = None) -> LonghandParser:
    allowed = frozenset(words.split())

    def match(n: Node) -> str | None:
        v = _ident(n)
        if v is not None and v in allowed:
            return v
        return fn(n) if fn is not None else None

    return _one(match)


def _reg(names: str, parser: LonghandParser) -> None:
    for name in names.split():
        _LONGHAND[name] = parser


def _len_auto(n: Node) -> str | None:
    return "auto" if _ident(n) == "auto" else _length(n)


def _len_nn(n: Node) -> str | None:
    return _length(n, neg=False)


_SIZE_KW = (
    "auto min-content max-content fit-content -webkit-min-content -webkit-max-content -webkit-fit-content "
    "-webkit-fill-available stretch"
)


def _size(n: Node) -> str | None:
    v = _ident(n)
    if v is not None:
        return v if v in _SIZE_KW.split() else None
    if n.type == "function" and n.lower_name == "fit-content":
        a = _sig(n.arguments)
        if len(a) == 1:
            inner = _length(a[0], neg=False)
            if inner is not None:
                return "fit-content(" + inner + ")"
        return None
    return _length(n, neg=False)


def _max_size(n: Node) -> str | None:
    return "none" if _ident(n) == "none" else _size(n) if _ident(n) != "auto" else None


def _color_or(words: str) -> LonghandParser:
    return _kw(words, _color)


_BORDER_STYLES = "none hidden dotted dashed solid double groove ridge inset outset"
_border_style_one = _kw(_BORDER_STYLES)


def _border_width(n: Node) -> str | None:
    v = _ident(n)
    if v is not None:
        return v if v in ("thin", "medium", "thick") else None
    return _length(n, neg=False, pct=False)


_reg("top right bottom left inset-block-start inset-block-end inset-inline-start inset-inline-end", _one(_len_auto))
_reg(
    "margin-top margin-right margin-bottom margin-left margin-block-start margin-block-end margin-inline-start "
    "margin-inline-end",
    _one(_len_auto),
)
_reg(
    "padding-top padding-right padding-bottom padding-left padding-block-start padding-block-end "
    "padding-inline-start padding-inline-end shape-margin",
    _one(_len_nn),
)
_reg(
    "scroll-padding-top scroll-padding-right scroll-padding-bottom scroll-padding-left scroll-padding-block-start "
    "scroll-padding-block-end scroll-padding-inline-start scroll-padding-inline-end",
    _kw("auto", _len_nn),
)
_reg(
    "scroll-margin-top scroll-margin-right scroll-margin-bottom scroll-margin-left scroll-margin-block-start "
    "scroll-margin-block-end scroll-margin-inline-start scroll-margin-inline-end",
    _one(lambda n: _length(n, pct=False)),
)
_reg("width height min-width min-height inline-size block-size min-inline-size min-block-size", _one(_size))
_reg("max-width max-height max-inline-size max-block-size", _one(_max_size))
_reg(
    "color background-color border-top-color border-right-color border-bottom-color border-left-color "
    "border-block-start-color border-block-end-color border-inline-start-color border-inline-end-color "
    "outline-color text-decoration-color column-rule-color -webkit-text-fill-color -webkit-text-stroke-color "
    "-webkit-tap-highlight-color text-emphasis-color stop-color flood-color lighting-color row-rule-color",
    _one(_color),
)
_reg("caret-color accent-color", _color_or("auto"))
_reg(
    "border-top-style border-right-style border-bottom-style border-left-style border-block-start-style "
    "border-block-end-style border-inline-start-style border-inline-end-style column-rule-style",
    _border_style_one,
)
_reg("outline-style", _kw("auto none dotted dashed solid double groove ridge inset outset"))
_reg(
    "border-top-width border-right-width border-bottom-width border-left-width border-block-start-width "
    "border-block-end-width border-inline-start-width border-inline-end-width outline-width column-rule-width "
    "-webkit-text-stroke-width",
    _one(_border_width),
)
_reg("outline-offset", _one(lambda n: _length(n, pct=False)))
_reg("text-indent letter-spacing word-spacing vertical-align", _one(lambda n: _length(n)))
_reg("letter-spacing word-spacing", _kw("normal", lambda n: _length(n)))
_reg(
    "vertical-align",
    _kw("baseline sub super text-top text-bottom middle top bottom -webkit-baseline-middle", lambda n: _length(n)),
)
_reg("text-indent", _one(lambda n: _length(n)))
_reg("flex-grow flex-shrink", _one(lambda n: _number(n, neg=False)))
_reg("flex-basis", _kw("auto content min-content max-content fit-content", lambda n: _length(n, neg=False)))
_reg("order", _one(lambda n: _number(n, integer=True)))
_reg("z-index", _kw("auto", lambda n: _number(n, integer=True)))


def _positive_int(n: Node) -> str | None:
    if n.type == "number" and (not n.is_integer or n.value < 1):
        return None
    return _number(n, neg=False, integer=True)


_reg("orphans widows", _one(_positive_int))
_reg("column-count", _kw("auto", _positive_int))
_reg("column-width", _kw("auto", lambda n: _length(n, neg=False, pct=False)))
_reg("row-gap column-gap", _kw("normal", lambda n: _length(n, neg=False)))
_reg("-webkit-line-clamp", _kw("none", _positive_int))
_reg("-webkit-box-flex", _one(lambda n: _number(n)))
_reg("-webkit-box-ordinal-group", _one(_positive_int))
_reg("tab-size", _one(lambda n: _number(n, neg=False) or _length(n, neg=False, pct=False)))


def _opacity(n: Node) -> str | None:
    if n.type == "percentage":
        return _fmt(n.value / 100)
    return _number(n)


_reg("opacity fill-opacity stroke-opacity stop-opacity flood-opacity shape-image-threshold", _one(_opacity))


def _line_height(n: Node) -> str | None:
    if _ident(n) == "normal":
        return "normal"
    if n.type == "number":
        return None if n.value < 0 else _fmt(n.value)
    return _length(n, neg=False)


_reg("line-height", _one(_line_height))


def _font_size(n: Node) -> str | None:
    v = _ident(n)
    if v is not None:
        ok = "xx-small x-small small medium large x-large xx-large xxx-large larger smaller math -webkit-xxx-large"
        return v if v in ok.split() else None
    return _length(n, neg=False)


_reg("font-size", _one(_font_size))


def _font_weight(n: Node) -> str | None:
    v = _ident(n)
    if v is not None:
        return v if v in ("normal", "bold", "bolder", "lighter") else None
    if n.type == "number":
        return _fmt(n.value) if 1 <= n.value <= 1000 else None
    if _is_math(n):
        return _math(n, "number")
    return None


_reg("font-weight", _one(_font_weight))
_FONT_STRETCH_KW = "normal ultra-condensed extra-condensed condensed semi-condensed semi-expanded expanded " \
    "extra-expanded ultra-expanded"
_reg("font-stretch", _kw(_FONT_STRETCH_KW, lambda n: _fmt(n.value) + "%" if n.type == "percentage" and n.value >= 0 else None))


def _font_style(nodes: list[Node]) -> str | None:
    if not nodes:
        return None
    v = _ident(nodes[0])
    if v in ("normal", "italic") and len(nodes) == 1:
        return v
    if v == "oblique":
        if len(nodes) == 1:
            return "oblique"
        if len(nodes) == 2:
            a = _angle(nodes[1], zero=False)
            if a is not None:
                return "oblique " + a
    return None


_LONGHAND["font-style"] = _font_style
_GENERIC_FAMILIES = frozenset(
    _words("serif sans-serif cursive fantasy monospace system-ui math emoji fangsong ui-serif ui-sans-serif "
    "ui-monospace ui-rounded -webkit-body -webkit-pictograph")
)
_FAMILY_IDENT_RE = re.compile(r"^-?[A-Za-z_\u0080-\U0010ffff][A-Za-z0-9_\-\u0080-\U0010ffff]*$")


def _family_name(name: str) -> str:
    """Chromium serialises a family name as an identifier sequence when it can, else as a string."""
    if name and " " not in name and _FAMILY_IDENT_RE.match(name):
        low = name.lower()
        if low not in _GENERIC_FAMILIES and low not in _WIDE_KEYWORDS and low != "default":
            return name
    return _ser_string(name)


def _font_family_list(nodes: list[Node]) -> str | None:
    out: list[str] = []
    for part in _split_commas(nodes):
        if not part:
            return None
        if len(part) == 1 and part[0].type == "string":
            out.append(_family_name(part[0].value))
            continue
        words: list[str] = []
        for n in part:
            if n.type != "ident":
                return None
            words.append(n.value)
        if len(words) == 1:
            low = words[0].lower()
            if low in _GENERIC_FAMILIES:
                out.append(low)
                continue
            if low in _WIDE_KEYWORDS or low == "default":
                return None
        out.append(_family_name(" ".join(words)))
    return ", ".join(out)


_LONGHAND["font-family"] = _font_family_list


def _display(nodes: list[Node]) -> str | None:
    words = [_ident(n) for n in nodes]
    if any(w is None for w in words) or not words:
        return None
    ws = [w for w in words if w is not None]
    single = _words(
        "none contents block inline inline-block flex inline-flex grid inline-grid table inline-table table-row "
        "table-cell table-column table-column-group table-header-group table-footer-group table-row-group "
        "table-caption list-item flow-root ruby ruby-text -webkit-box -webkit-inline-box -webkit-flex "
        "-webkit-inline-flex math inline-list-item block-math inline-math masonry inline-masonry"
    )
    if len(ws) == 1:
        return ws[0] if ws[0] in single else None
    key = " ".join(sorted(ws))
    pairs = {
        "block flow": "block",
        "flow inline": "inline",
        "flow-root inline": "inline-block",
        "block flex": "flex",
        "flex inline": "inline-flex",
        "block grid": "grid",
        "grid inline": "inline-grid",
        "block flow-root": "flow-root",
        "block table": "table",
        "inline table": "inline-table",
        "block list-item": "list-item",
        "flow list-item": "list-item",
        "inline list-item": "inline list-item",
        "block ruby": "block ruby",
        "inline ruby": "ruby",
        "block math": "block math",
        "inline math": "math",
    }
    return pairs.get(key)


_LONGHAND["display"] = _display

_KEYWORD_PROPS = {
    "position": "static relative absolute fixed sticky",
    "float": "none left right inline-start inline-end",
    "clear": "none left right both inline-start inline-end",
    "visibility": "visible hidden collapse",
    "box-sizing": "content-box border-box",
    "overflow-x": "visible hidden scroll auto clip overlay",
    "overflow-y": "visible hidden scroll auto clip overlay",
    "overflow-block": "visible hidden scroll auto clip overlay",
    "overflow-inline": "visible hidden scroll auto clip overlay",
    "text-align": "left right center justify start end -webkit-left -webkit-right -webkit-center -internal-center",
    "text-align-last": "auto left right center justify start end",
    "text-transform": "none capitalize uppercase lowercase full-width full-size-kana math-auto",
    "text-overflow": "clip ellipsis",
    "white-space-collapse": "collapse preserve preserve-breaks break-spaces preserve-spaces",
    "text-wrap-mode": "wrap nowrap",
    "text-wrap-style": "auto balance pretty stable avoid-short-last-lines",
    "word-break": "normal break-all keep-all break-word auto-phrase",
    "overflow-wrap": "normal break-word anywhere",
    "flex-direction": "row row-reverse column column-reverse",
    "flex-wrap": "nowrap wrap wrap-reverse",
    "cursor": "",
    "pointer-events": "auto none visiblepainted visiblefill visiblestroke visible painted fill stroke all "
    "bounding-box",
    "user-select": "auto none text all contain",
    "resize": "none both horizontal vertical block inline auto",
    "table-layout": "auto fixed",
    "border-collapse": "separate collapse",
    "caption-side": "top bottom",
    "empty-cells": "show hide",
    "direction": "ltr rtl",
    "unicode-bidi": "normal embed isolate bidi-override isolate-override plaintext -webkit-isolate "
    "-webkit-isolate-override -webkit-plaintext",
    "writing-mode": "horizontal-tb vertical-rl vertical-lr sideways-rl sideways-lr lr lr-tb rl rl-tb tb tb-rl",
    "object-fit": "fill contain cover none scale-down",
    "isolation": "auto isolate",
    "mix-blend-mode": "normal multiply screen overlay darken lighten color-dodge color-burn hard-light soft-light "
    "difference exclusion hue saturation color luminosity plus-lighter",
    "background-blend-mode": "",
    "backface-visibility": "visible hidden",
    "transform-style": "flat preserve-3d",
    "transform-box": "content-box border-box fill-box stroke-box view-box",
    "list-style-position": "inside outside",
    "appearance": "none auto menulist-button textfield button checkbox listbox menulist meter progress-bar "
    "push-button radio searchfield slider-horizontal square-button textarea base-select base",
    "-webkit-appearance": "",
    "-webkit-font-smoothing": "auto none antialiased subpixel-antialiased",
    "-webkit-box-orient": "horizontal vertical inline-axis block-axis",
    "-webkit-box-pack": "start end center justify",
    "-webkit-box-align": "start end center baseline stretch",
    "-webkit-box-direction": "normal reverse",
    "-webkit-user-drag": "auto none element",
    "-webkit-user-modify": "read-only read-write read-write-plaintext-only",
    "-webkit-rtl-ordering": "logical visual",
    "-webkit-writing-mode": "horizontal-tb vertical-rl vertical-lr",
    "text-rendering": "auto optimizespeed optimizelegibility geometricprecision",
    "image-rendering": "auto smooth high-quality crisp-edges pixelated -webkit-optimize-contrast "
    "optimizespeed optimizequality",
    "text-size-adjust": "",
    "scroll-behavior": "auto smooth",
    "overflow-anchor": "auto none visible",
    "overscroll-behavior-x": "auto contain none",
    "overscroll-behavior-y": "auto contain none",
    "overscroll-behavior-block": "auto contain none",
    "overscroll-behavior-inline": "auto contain none",
    "scrollbar-width": "auto thin none",
    "scrollbar-gutter": "",
    "font-kerning": "auto normal none",
    "font-optical-sizing": "auto none",
    "font-variant-caps": "normal small-caps all-small-caps petite-caps all-petite-caps unicase titling-caps",
    "font-variant-position": "normal sub super",
    "font-variant-emoji": "normal text emoji unicode",
    "hyphens": "none manual auto",
    "line-break": "auto loose normal strict anywhere",
    "break-inside": "auto avoid avoid-page avoid-column",
    "break-before": "auto avoid avoid-page page left right recto verso avoid-column column",
    "break-after": "auto avoid avoid-page page left right recto verso avoid-column column",
    "column-span": "none all",
    "column-fill": "auto balance",
    "content-visibility": "visible auto hidden",
    "print-color-adjust": "economy exact",
    "forced-color-adjust": "auto none preserve-parent-color",
    "color-interpolation": "auto srgb linearrgb",
    "fill-rule": "nonzero evenodd",
    "clip-rule": "nonzero evenodd",
    "stroke-linecap": "butt round square",
    "stroke-linejoin": "miter round bevel",
    "text-anchor": "start middle end",
    "dominant-baseline": "auto alphabetic ideographic middle central mathematical hanging text-bottom "
    "text-top text-after-edge text-before-edge use-script no-change reset-size",
    "vector-effect": "none non-scaling-stroke",
    "shape-rendering": "auto optimizespeed crispedges geometricprecision",
    "mask-type": "luminance alpha",
    "box-decoration-break": "slice clone",
    "-webkit-box-decoration-break": "slice clone",
    "text-orientation": "mixed upright sideways sideways-right",
    "ruby-position": "over under",
    "speak": "none normal spell-out digits literal-punctuation no-punctuation",
    "text-decoration-style": "solid double dotted dashed wavy",
    "text-decoration-skip-ink": "auto none all",
    "font-synthesis-weight": "auto none",
    "font-synthesis-style": "auto none oblique-only",
    "font-synthesis-small-caps": "auto none",
    "container-type": "",
    "field-sizing": "fixed content",
    "interpolate-size": "numeric-only allow-keywords",
    "caret-shape": "auto bar block underscore",
    "scroll-snap-stop": "normal always",
    "buffered-rendering": "auto dynamic static",
    "color-rendering": "auto optimizespeed optimizequality",
    "color-interpolation-filters": "auto srgb linearrgb",
    "transition-behavior": "",
    "position-visibility": "",
    "reading-flow": "",
    "math-style": "normal compact",
    "math-shift": "normal compact",
    "text-combine-upright": "none all",
    "-webkit-text-security": "none disc circle square",
    "-webkit-line-break": "auto loose normal strict after-white-space",
    "text-spacing-trim": "",
}
for _name, _allowed in _KEYWORD_PROPS.items():
    if _allowed:
        _reg(_name, _kw(_allowed))
_reg("justify-content align-content", lambda nodes: _align(nodes, content=True))
_reg("align-items justify-items", lambda nodes: _align(nodes, content=False))
_reg("align-self justify-self", lambda nodes: _align(nodes, content=False, auto=True))


def _align(nodes: list[Node], content: bool, auto: bool = False) -> str | None:
    ws = [_ident(n) for n in nodes]
    if not ws or any(w is None for w in ws):
        return None
    words = [w for w in ws if w is not None]
    base = _words(
        "normal stretch start end center flex-start flex-end self-start self-end left right baseline "
        "space-between space-around space-evenly legacy anchor-center"
    ) + (["auto"] if auto else [])
    if len(words) == 1:
        return words[0] if words[0] in base else None
    if words == ["first", "baseline"]:
        return "baseline"
    if words == ["last", "baseline"]:
        return "last baseline"
    if len(words) == 2 and words[0] in ("safe", "unsafe") and words[1] in base:
        return " ".join(words)
    if len(words) == 2 and "legacy" in words:
        other = words[1] if words[0] == "legacy" else words[0]
        if other in ("left", "right", "center"):
            return "legacy " + other
    return None


def _time_list(neg: bool) -> LonghandParser:
    def parse(nodes: list[Node]) -> str | None:
        out = []
        for part in _split_commas(nodes):
            if len(part) != 1:
                return None
            t = _time(part[0], neg)
            if t is None:
                return None
            out.append(t)
        return ", ".join(out)

    return parse


_reg("transition-duration", _time_list(False))
_reg("transition-delay animation-delay", _time_list(True))


def _anim_duration(nodes: list[Node]) -> str | None:
    out = []
    for part in _split_commas(nodes):
        if len(part) != 1:
            return None
        t = "auto" if _ident(part[0]) == "auto" else _time(part[0], False)
        if t is None:
            return None
        out.append(t)
    return ", ".join(out)


_reg("animation-duration", _anim_duration)


def _easing(nodes: list[Node]) -> str | None:
    if len(nodes) != 1:
        return None
    n = nodes[0]
    v = _ident(n)
    if v is not None:
        return v if v in ("ease", "linear", "ease-in", "ease-out", "ease-in-out", "step-start", "step-end") else None
    if n.type != "function":
        return None
    name = n.lower_name
    args = _split_commas(_sig(n.arguments))
    if name == "cubic-bezier":
        if len(args) != 4 or any(len(a) != 1 for a in args):
            return None
        nums = [_number(a[0]) for a in args]
        if any(x is None for x in nums):
            return None
        x1, x2 = args[0][0], args[2][0]
        if x1.type == "number" and not 0 <= x1.value <= 1 or x2.type == "number" and not 0 <= x2.value <= 1:
            return None
        return "cubic-bezier(" + ", ".join(x for x in nums if x is not None) + ")"
    if name == "steps":
        if not args or len(args) > 2 or len(args[0]) != 1 or args[0][0].type != "number":
            return None
        if not args[0][0].is_integer or args[0][0].value < 1:
            return None
        count = str(args[0][0].int_value)
        if len(args) == 1:
            return "steps(" + count + ")"
        if len(args[1]) != 1:
            return None
        pos = _ident(args[1][0])
        if pos in ("end", "jump-end"):
            return "steps(" + count + ")"
        if pos in ("start", "jump-start", "jump-none", "jump-both"):
            return "steps(" + count + ", " + pos + ")"
        return None
    if name == "linear":
        return _linear_easing(args)
    return None


def _linear_easing(args: list[list[Node]]) -> str | None:
    """linear(): every stop written out with its input progress, as Chromium does."""
    points: list[tuple[float, float | None]] = []
    for part in args:
        if not part or part[0].type != "number" or len(part) > 3:
            return None
        pcts = part[1:]
        if any(x.type != "percentage" for x in pcts):
            return None
        if not pcts:
            points.append((float(part[0].value), None))
        for x in pcts:
            points.append((float(part[0].value), float(x.value)))
    if len(points) < 2:
        return None
    xs: list[float | None] = [x for _, x in points]
    if xs[0] is None:
        xs[0] = 0.0
    if xs[-1] is None:
        xs[-1] = max(100.0, max(x for x in xs if x is not None))
    running = float("-inf")
    for k, x in enumerate(xs):
        if x is not None:
            running = max(running, x)
            xs[k] = running
    k = 0
    while k < len(xs):
        if xs[k] is None:
            start = k - 1
            end = k
            while xs[end] is None:
                end += 1
            a, b = xs[start], xs[end]
            assert a is not None and b is not None
            for m in range(start + 1, end):
                xs[m] = a + (b - a) * (m - start) / (end - start)
            k = end
        k += 1
    return "linear(" + ", ".join(_fmt(y) + " " + _fmt(x or 0.0) + "%" for (y, _), x in zip(points, xs)) + ")"


def _easing_list(nodes: list[Node]) -> str | None:
    out = []
    for part in _split_commas(nodes):
        e = _easing(part)
        if e is None:
            return None
        out.append(e)
    return ", ".join(out)


_reg("transition-timing-function animation-timing-function", _easing_list)


def _ident_list(keywords: str, allow_custom: bool, single_kw: str = "") -> LonghandParser:
    kws = frozenset(keywords.split())
    singles = frozenset(single_kw.split())

    def parse(nodes: list[Node]) -> str | None:
        parts = _split_commas(nodes)
        out = []
        for part in parts:
            if len(part) != 1:
                return None
            n = part[0]
            if n.type == "string" and allow_custom:
                out.append(_ser_ident(n.value) if n.value else _ser_string(n.value))
                continue
            v = _ident(n)
            if v is None:
                return None
            if v in kws:
                out.append(v)
            elif v in singles:
                if len(parts) != 1:
                    return None
                out.append(v)
            elif allow_custom and v not in _WIDE_KEYWORDS and v != "default":
                out.append(_ser_ident(n.value))
            else:
                return None
        return ", ".join(out)

    return parse


_reg("animation-name", _ident_list("none", True))
_reg("animation-iteration-count", lambda nodes: _list_of(nodes, lambda n: "infinite" if _ident(n) == "infinite" else _number(n, neg=False)))
_reg("animation-direction", _ident_list("normal reverse alternate alternate-reverse", False))
_reg("animation-fill-mode", _ident_list("none forwards backwards both", False))
_reg("animation-play-state", _ident_list("running paused", False))
_reg("transition-behavior", _ident_list("normal allow-discrete", False))


def _list_of(nodes: list[Node], fn: Callable[[Node], str | None]) -> str | None:
    out = []
    for part in _split_commas(nodes):
        if len(part) != 1:
            return None
        v = fn(part[0])
        if v is None:
            return None
        out.append(v)
    return ", ".join(out)


def _transition_property(nodes: list[Node]) -> str | None:
    parts = _split_commas(nodes)
    out = []
    for part in parts:
        if len(part) != 1 or part[0].type != "ident":
            return None
        v = str(part[0].lower_value)
        if v == "none" and len(parts) != 1:
            return None
        if v in _WIDE_KEYWORDS or v == "default":
            return None
        canon = _canonical_name(v)
        out.append(canon if canon is not None else _ser_ident(part[0].value))
    return ", ".join(out)


_LONGHAND["transition-property"] = _transition_property


def _url_or_image(n: Node) -> str | None:
    if n.type == "url":
        return _ser_url(n.value)
    if n.type == "function":
        name = str(n.lower_name)
        if name == "url":
            a = _sig(n.arguments)
            if len(a) == 1 and a[0].type == "string":
                return _ser_url(a[0].value)
            if not a:
                return _ser_url("")
            return None
        if name in _GRADIENTS:
            return _gradient(n)
        if name in ("image-set", "-webkit-image-set"):
            return _image_set(n)
        if name in ("cross-fade", "-webkit-cross-fade", "element", "paint", "-webkit-gradient", "image"):
            return name + "(" + _gen_list(n.arguments) + ")"
    return None


def _image(n: Node) -> str | None:
    if _ident(n) == "none":
        return "none"
    return _url_or_image(n)


_GRADIENTS = frozenset(
    _words("linear-gradient repeating-linear-gradient radial-gradient repeating-radial-gradient conic-gradient "
    "repeating-conic-gradient -webkit-linear-gradient -webkit-repeating-linear-gradient -webkit-radial-gradient "
    "-webkit-repeating-radial-gradient")
)


def _gradient(n: Node) -> str | None:
    name = str(n.lower_name)
    parts = _split_commas(_sig(n.arguments))
    if not parts or any(not p for p in parts):
        return None
    out: list[str] = []
    first = parts[0]
    stops_from = 0
    if name in ("linear-gradient", "repeating-linear-gradient"):
        if _ident(first[0]) == "to":
            sides = [_ident(x) for x in first[1:]]
            if not sides or any(s not in ("top", "bottom", "left", "right") for s in sides):
                return None
            order = {"left": 0, "right": 0, "top": 1, "bottom": 1}
            words = sorted((s for s in sides if s is not None), key=lambda s: order[s])
            if words == ["bottom"]:
                pass
            else:
                out.append("to " + " ".join(words))
            stops_from = 1
        elif len(first) == 1 and _angle(first[0]) is not None and first[0].type != "number":
            a = _angle(first[0])
            if a == "180deg":
                pass
            else:
                out.append(a or "")
            stops_from = 1
        elif len(first) == 1 and first[0].type == "number" and first[0].value == 0:
            out.append("0deg")
            stops_from = 1
    elif (name.startswith("-webkit-") or name in ("radial-gradient", "repeating-radial-gradient",
                                                  "conic-gradient", "repeating-conic-gradient")) \
            and _color(first[0]) is None:
        out.append(" ".join(_gen(x) for x in first))
        stops_from = 1
    for p in parts[stops_from:]:
        col = None
        rest: list[str] = []
        for x in p:
            c = _color(x)
            if c is not None and col is None:
                col = c
                continue
            ln = _length(x) if name.find("conic") < 0 else (_angle(x) or (_fmt(x.value) + "%" if x.type == "percentage" else None))
            if ln is None:
                return None
            rest.append(ln)
        if col is None:
            if len(rest) != 1:
                return None
            out.append(rest[0])
        elif len(rest) == 2:
            out.append(col + " " + rest[0])
            out.append(col + " " + rest[1])
        elif len(rest) <= 1:
            out.append(" ".join([col] + rest))
        else:
            return None
    return name + "(" + ", ".join(out) + ")"


def _image_set(n: Node) -> str | None:
    out = []
    for part in _split_commas(_sig(n.arguments)):
        if not part:
            return None
        first = part[0]
        if first.type == "string":
            img = _ser_url(first.value)
        else:
            i = _url_or_image(first)
            if i is None:
                return None
            img = i
        rest = " ".join(_gen(x) for x in part[1:])
        out.append(img + (" " + rest if rest else ""))
    return "image-set(" + ", ".join(out) + ")"


_reg("background-image mask-image list-style-image border-image-source -webkit-mask-box-image-source",
     lambda nodes: _list_of(nodes, _image))
_reg("list-style-image border-image-source", _one(_image))


def _position_xy(nodes: list[Node], axis: str) -> str | None:
    """background-position-x / -y: a keyword, a length, or keyword + offset."""
    kws = ("left", "right", "center") if axis == "x" else ("top", "bottom", "center")
    if len(nodes) == 1:
        v = _ident(nodes[0])
        if v is not None:
            return v if v in kws else None
        return _length(nodes[0])
    if len(nodes) == 2:
        v = _ident(nodes[0])
        ln = _length(nodes[1])
        if v in kws and v != "center" and ln is not None:
            return v + " " + ln
    return None


def _position(nodes: list[Node]) -> tuple[str, str] | None:
    """<position> -> (x, y) texts as Chromium stores them."""
    n = len(nodes)
    if n == 0 or n > 4:
        return None
    ids = [_ident(x) for x in nodes]
    if n == 1:
        v = ids[0]
        if v is None:
            ln = _length(nodes[0])
            return (ln, "center") if ln is not None else None
        if v in ("left", "right"):
            return v, "center"
        if v in ("top", "bottom"):
            return "center", v
        if v == "center":
            return "center", "center"
        return None
    if n == 2:
        a, b = nodes
        va, vb = ids
        xa = va if va in ("left", "right", "center") else (_length(a) if va is None else None)
        yb = vb if vb in ("top", "bottom", "center") else (_length(b) if vb is None else None)
        if xa is not None and yb is not None:
            return xa, yb
        # keywords in the other order: "top left"
        if va in ("top", "bottom", "center") and vb in ("left", "right", "center"):
            return vb, va
        return None
    # 3 or 4 values: keyword [offset] keyword [offset]
    groups: list[tuple[str, str | None]] = []
    i = 0
    while i < n:
        v = ids[i]
        if v not in ("left", "right", "top", "bottom", "center"):
            return None
        off = None
        if i + 1 < n and ids[i + 1] is None:
            off = _length(nodes[i + 1])
            if off is None:
                return None
            i += 2
        else:
            i += 1
        groups.append((v, off))
    if len(groups) != 2:
        return None
    (k1, o1), (k2, o2) = groups
    if (k1 == "center" and o1) or (k2 == "center" and o2):
        return None
    if k1 in ("top", "bottom") or k2 in ("left", "right"):
        k1, o1, k2, o2 = k2, o2, k1, o1
    if k1 not in ("left", "right", "center") or k2 not in ("top", "bottom", "center"):
        return None
    return (k1 + (" " + o1 if o1 else "")), (k2 + (" " + o2 if o2 else ""))


def _position_text(nodes: list[Node]) -> str | None:
    p = _position(nodes)
    return None if p is None else p[0] + " " + p[1]


_reg("object-position perspective-origin offset-anchor", _position_text)
_reg("background-position-x -webkit-mask-position-x", lambda nodes: _layers(nodes, lambda p: _position_xy(p, "x")))
_reg("background-position-y -webkit-mask-position-y", lambda nodes: _layers(nodes, lambda p: _position_xy(p, "y")))


def _layers(nodes: list[Node], fn: Callable[[list[Node]], str | None]) -> str | None:
    out = []
    for part in _split_commas(nodes):
        v = fn(part)
        if v is None:
            return None
        out.append(v)
    return ", ".join(out)


def _bg_size_one(part: list[Node]) -> str | None:
    if len(part) == 1:
        v = _ident(part[0])
        if v in ("cover", "contain", "auto"):
            return v
        ln = _length(part[0], neg=False)
        return None if ln is None else ln + " auto"
    if len(part) == 2:
        vals = []
        for x in part:
            vals.append("auto" if _ident(x) == "auto" else _length(x, neg=False))
        if any(v is None for v in vals):
            return None
        if vals[0] == "auto" and vals[1] == "auto":
            return "auto"
        return " ".join(v for v in vals if v is not None)
    return None


_reg("background-size mask-size", lambda nodes: _layers(nodes, _bg_size_one))
_REPEAT_KW = ("repeat", "space", "round", "no-repeat")


def _repeat_one(part: list[Node]) -> str | None:
    ids = [_ident(x) for x in part]
    if len(ids) == 1:
        v = ids[0]
        if v in ("repeat-x", "repeat-y") or v in _REPEAT_KW:
            return v
        return None
    if len(ids) == 2 and ids[0] in _REPEAT_KW and ids[1] in _REPEAT_KW:
        a, b = ids
        if a == b:
            return a
        if a == "repeat" and b == "no-repeat":
            return "repeat-x"
        if a == "no-repeat" and b == "repeat":
            return "repeat-y"
        return str(a) + " " + str(b)
    return None


_reg("background-repeat mask-repeat", lambda nodes: _layers(nodes, _repeat_one))
_reg("background-attachment", _ident_list("scroll fixed local", False))
_reg("background-origin", _ident_list("border-box padding-box content-box", False))
_reg("background-clip", _ident_list("border-box padding-box content-box text", False))
_reg("mask-origin mask-clip", _ident_list("border-box padding-box content-box fill-box stroke-box view-box no-clip", False))


def _shadow_list(inset_ok: bool) -> LonghandParser:
    def parse(nodes: list[Node]) -> str | None:
        if len(nodes) == 1 and _ident(nodes[0]) == "none":
            return "none"
        out = []
        for part in _split_commas(nodes):
            col = None
            inset = False
            lens: list[str] = []
            for x in part:
                if inset_ok and _ident(x) == "inset" and not inset:
                    inset = True
                    continue
                c = _color(x)
                if c is not None and col is None and (not lens or len(lens) >= 2):
                    col = c
                    continue
                ln = _length(x, pct=False)
                if ln is None:
                    return None
                lens.append(ln)
            if not 2 <= len(lens) <= (4 if inset_ok else 3):
                return None
            if len(lens) >= 3 and lens[2].startswith("-"):
                return None
            txt = " ".join(([col] if col else []) + lens + (["inset"] if inset else []))
            out.append(txt)
        return ", ".join(out)

    return parse


_reg("box-shadow", _shadow_list(True))
_reg("text-shadow", _shadow_list(False))

_TRANSFORM_ARGS = {
    # name: (kinds per argument; "L" length, "N" number, "A" angle, "P" length-or-percentage for translate)
    "matrix": "NNNNNN",
    "matrix3d": "N" * 16,
    "translate": "PP?",
    "translatex": "P",
    "translatey": "P",
    "translatez": "L",
    "translate3d": "PPL",
    "scale": "NN?",
    "scalex": "N",
    "scaley": "N",
    "scalez": "N",
    "scale3d": "NNN",
    "rotate": "A",
    "rotatex": "A",
    "rotatey": "A",
    "rotatez": "A",
    "rotate3d": "NNNA",
    "skew": "AA?",
    "skewx": "A",
    "skewy": "A",
    "perspective": "L",
}
_TRANSFORM_NAMES = {
    "translatex": "translateX", "translatey": "translateY", "translatez": "translateZ", "scalex": "scaleX",
    "scaley": "scaleY", "scalez": "scaleZ", "rotatex": "rotateX", "rotatey": "rotateY", "rotatez": "rotateZ",
    "skewx": "skewX", "skewy": "skewY",
}


def _transform_fn(n: Node) -> str | None:
    if n.type != "function":
        return None
    name = str(n.lower_name)
    spec = _TRANSFORM_ARGS.get(name)
    if spec is None:
        return None
    args = _split_commas(_sig(n.arguments))
    if len(args) == 1 and not args[0]:
        return None
    kinds = [k for k in spec.replace("?", "")]
    required = len(spec) - 2 * spec.count("?")
    if not (required <= len(args) <= len(kinds)) or any(len(a) != 1 for a in args):
        return None
    out: list[str] = []
    for a, kind in zip(args, kinds):
        x = a[0]
        if kind == "N":
            v = _number(x) if x.type != "percentage" else _fmt(x.value / 100)
        elif kind == "A":
            v = _angle(x)
        elif kind == "L":
            v = _length(x, pct=False) if name != "perspective" else (
                _length(x, neg=False, pct=False) if x.type != "ident" else ("none" if _ident(x) == "none" else None))
        else:
            v = _length(x)
        if v is None:
            return None
        out.append(v)
    return _TRANSFORM_NAMES.get(name, name) + "(" + ", ".join(out) + ")"


def _transform(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    if not nodes:
        return None
    out = []
    for n in nodes:
        v = _transform_fn(n)
        if v is None:
            return None
        out.append(v)
    return " ".join(out)


_LONGHAND["transform"] = _transform


def _transform_origin(nodes: list[Node]) -> str | None:
    if len(nodes) == 3:
        z = _length(nodes[2], pct=False)
        xy = _position(nodes[:2])
        if z is None or xy is None:
            return None
        return xy[0] + " " + xy[1] + " " + z
    if len(nodes) > 2:
        return None
    xy = _position(nodes)
    return None if xy is None else xy[0] + " " + xy[1]


_LONGHAND["transform-origin"] = _transform_origin


def _translate(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    if not 1 <= len(nodes) <= 3:
        return None
    vals = [_length(x) if i < 2 else _length(x, pct=False) for i, x in enumerate(nodes)]
    if any(v is None for v in vals):
        return None
    out = [v for v in vals if v is not None]
    if len(out) == 3 and out[2] == "0px":
        out.pop()
    if len(out) == 2 and out[1] == "0px":
        out.pop()
    return " ".join(out)


_LONGHAND["translate"] = _translate


def _scale(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    if not 1 <= len(nodes) <= 3:
        return None
    vals = [_number(x) if x.type != "percentage" else _fmt(x.value / 100) for x in nodes]
    if any(v is None for v in vals):
        return None
    out = [v for v in vals if v is not None]
    if len(out) == 3 and out[2] == "1":
        out.pop()
    if len(out) == 2 and out[1] == out[0]:
        out.pop()
    return " ".join(out)


_LONGHAND["scale"] = _scale


def _rotate(nodes: list[Node]) -> str | None:
    if len(nodes) == 1:
        if _ident(nodes[0]) == "none":
            return "none"
        return _angle(nodes[0], zero=False)
    if len(nodes) == 2:
        axis = _ident(nodes[0])
        a = _angle(nodes[1])
        if axis in ("x", "y", "z") and a is not None:
            return axis + " " + a
    return None


_LONGHAND["rotate"] = _rotate
_reg("perspective", _kw("none", lambda n: _length(n, neg=False, pct=False)))


def _filter(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    out = []
    for n in nodes:
        if n.type == "url" or (n.type == "function" and n.lower_name == "url"):
            u = _url_or_image(n)
            if u is None:
                return None
            out.append(u)
            continue
        if n.type != "function":
            return None
        name = str(n.lower_name)
        args = _sig(n.arguments)
        if name == "drop-shadow":
            v = _shadow_list(False)(args)
            if v is None:
                return None
            out.append("drop-shadow(" + v + ")")
        elif name == "blur":
            if not args:
                out.append("blur()")
                continue
            if len(args) != 1:
                return None
            ln = _length(args[0], neg=False, pct=False)
            if ln is None:
                return None
            out.append("blur(" + ln + ")")
        elif name == "hue-rotate":
            if not args:
                out.append("hue-rotate()")
                continue
            a = _angle(args[0]) if len(args) == 1 else None
            if a is None:
                return None
            out.append("hue-rotate(" + a + ")")
        elif name in ("grayscale", "sepia", "saturate", "invert", "opacity", "brightness", "contrast"):
            if not args:
                out.append(name + "()")
                continue
            if len(args) != 1:
                return None
            x = args[0]
            clamp = name in ("grayscale", "sepia", "invert", "opacity")
            if x.type == "percentage":
                v2 = None if x.value < 0 else _fmt(min(x.value, 100.0) if clamp else x.value) + "%"
            elif x.type == "number" and clamp:
                v2 = None if x.value < 0 else _fmt(min(x.value, 1.0))
            else:
                v2 = _number(x, neg=False)
            if v2 is None:
                return None
            out.append(name + "(" + v2 + ")")
        else:
            return None
    return " ".join(out) if out else None


_reg("filter backdrop-filter", _filter)


def _content(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) in ("none", "normal"):
        return _ident(nodes[0])
    out: list[str] = []
    alt: list[str] | None = None
    cur = out
    for n in nodes:
        if _is_lit(n, "/"):
            if alt is not None:
                return None
            alt = []
            cur = alt
            continue
        if n.type == "string":
            cur.append(_ser_string(n.value))
            continue
        v = _ident(n)
        if v is not None:
            if v in ("open-quote", "close-quote", "no-open-quote", "no-close-quote"):
                cur.append(v)
                continue
            return None
        if n.type == "function" and n.lower_name in ("attr", "counter", "counters"):
            cur.append(str(n.lower_name) + "(" + _gen_list(n.arguments, lower=False) + ")")
            continue
        img = _url_or_image(n)
        if img is not None:
            cur.append(img)
            continue
        return None
    if not out:
        return None
    txt = " ".join(out)
    if alt is not None:
        txt += " / " + " ".join(alt)
    return txt


_LONGHAND["content"] = _content


def _quotes(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) in ("none", "auto", "match-parent"):
        return _ident(nodes[0])
    if not nodes or len(nodes) % 2 or any(n.type != "string" for n in nodes):
        return None
    return " ".join(_ser_string(n.value) for n in nodes)


_LONGHAND["quotes"] = _quotes


def _counter(default: int) -> LonghandParser:
    def parse(nodes: list[Node]) -> str | None:
        if len(nodes) == 1 and _ident(nodes[0]) == "none":
            return "none"
        out: list[str] = []
        i = 0
        while i < len(nodes):
            n = nodes[i]
            bad_ident = n.type != "ident" or n.lower_value in _WIDE_KEYWORDS or n.lower_value in ("none", "default")
            if bad_ident and not (n.type == "function" and n.lower_name == "reversed"):
                return None
            name = _ser_ident(n.value) if n.type == "ident" else "reversed(" + _gen_list(n.arguments, False) + ")"
            val = default
            if i + 1 < len(nodes) and nodes[i + 1].type == "number":
                if not nodes[i + 1].is_integer:
                    return None
                val = nodes[i + 1].int_value
                i += 1
            out.append(f"{name} {val}")
            i += 1
        return " ".join(out) if out else None

    return parse


_reg("counter-reset counter-set", _counter(0))
_reg("counter-increment", _counter(1))


def _cursor(nodes: list[Node]) -> str | None:
    parts = _split_commas(nodes)
    out = []
    cursor_kw = _words(
        "auto default none context-menu help pointer progress wait cell crosshair text vertical-text alias copy "
        "move no-drop not-allowed grab grabbing e-resize n-resize ne-resize nw-resize s-resize se-resize sw-resize "
        "w-resize ew-resize ns-resize nesw-resize nwse-resize col-resize row-resize all-scroll zoom-in zoom-out "
        "-webkit-grab -webkit-grabbing -webkit-zoom-in -webkit-zoom-out"
    )
    for i, part in enumerate(parts):
        if i == len(parts) - 1:
            if len(part) != 1 or _ident(part[0]) not in cursor_kw:
                return None
            out.append(str(_ident(part[0])))
        else:
            if not part:
                return None
            img = _url_or_image(part[0])
            if img is None:
                return None
            rest = [_number(x) for x in part[1:]]
            if len(rest) not in (0, 2) or any(r is None for r in rest):
                return None
            out.append(" ".join([img] + [r for r in rest if r is not None]))
    return ", ".join(out)


_LONGHAND["cursor"] = _cursor


def _aspect_ratio(nodes: list[Node]) -> str | None:
    auto = False
    rest = []
    for n in nodes:
        if _ident(n) == "auto" and not auto:
            auto = True
        else:
            rest.append(n)
    ratio = None
    if rest:
        if len(rest) == 1:
            a = _number(rest[0], neg=False)
            if a is None:
                return None
            ratio = a + " / 1"
        elif len(rest) == 3 and _is_lit(rest[1], "/"):
            a, b = _number(rest[0], neg=False), _number(rest[2], neg=False)
            if a is None or b is None:
                return None
            ratio = a + " / " + b
        else:
            return None
    if auto and ratio:
        return "auto " + ratio
    if auto:
        return "auto"
    return ratio


_LONGHAND["aspect-ratio"] = _aspect_ratio


def _clip(nodes: list[Node]) -> str | None:
    if len(nodes) != 1:
        return None
    n = nodes[0]
    if _ident(n) == "auto":
        return "auto"
    if n.type == "function" and n.lower_name == "rect":
        args = [a for a in _sig(n.arguments) if not _is_lit(a, ",")]
        if len(args) != 4:
            return None
        vals = ["auto" if _ident(a) == "auto" else _length(a, pct=False) for a in args]
        if any(v is None for v in vals):
            return None
        return "rect(" + ", ".join(v for v in vals if v is not None) + ")"
    return None


_LONGHAND["clip"] = _clip


def _paint(n: Node) -> str | None:
    v = _ident(n)
    if v in ("none", "context-fill", "context-stroke"):
        return v
    c = _color(n)
    if c is not None:
        return c
    return _url_or_image(n) if n.type == "url" or (n.type == "function" and n.lower_name == "url") else None


def _paint_list(nodes: list[Node]) -> str | None:
    if len(nodes) == 1:
        return _paint(nodes[0])
    if len(nodes) == 2:
        a = _url_or_image(nodes[0])
        b = _paint(nodes[1])
        if a is not None and b is not None and a.startswith("url("):
            return a + " " + b
    return None


_reg("fill stroke", _paint_list)


def _dasharray(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    vals = []
    for n in nodes:
        if _is_lit(n, ","):
            continue
        v = _length(n, neg=False) if n.type != "number" else _number(n, neg=False)
        if v is None:
            return None
        vals.append(v)
    return ", ".join(vals) if vals else None


_LONGHAND["stroke-dasharray"] = _dasharray
_reg("stroke-width stroke-dashoffset r rx ry cx cy x y", _one(lambda n: _number(n) if n.type == "number" else _length(n)))
_reg("rx ry", _kw("auto", lambda n: _number(n, neg=False) if n.type == "number" else _length(n, neg=False)))
_reg("stroke-width r", _one(lambda n: _number(n, neg=False) if n.type == "number" else _length(n, neg=False)))
_reg("stroke-miterlimit", _one(lambda n: _number(n, neg=False)))


def _zoom(n: Node) -> str | None:
    v = _ident(n)
    if v is not None:
        return "normal" if v == "normal" else None
    if n.type == "percentage":
        return None if n.value < 0 else _fmt(n.value) + "%"
    return _number(n, neg=False)


_reg("zoom", _one(_zoom))


def _grid_areas(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    rows = []
    for n in nodes:
        if n.type != "string":
            return None
        rows.append(_ser_string(" ".join(n.value.split())))
    return " ".join(rows) if rows else None


_LONGHAND["grid-template-areas"] = _grid_areas


def _grid_line(nodes: list[Node]) -> str | None:
    if not nodes:
        return None
    if len(nodes) == 1:
        n = nodes[0]
        v = _ident(n)
        if v == "auto":
            return "auto"
        if v is not None:
            return None if v in ("span",) else _ser_ident(n.value)
        if n.type == "number" and n.is_integer and n.value != 0:
            return str(n.int_value)
        return None
    span = False
    num = None
    name = None
    for n in nodes:
        v = _ident(n)
        if v == "span" and not span:
            span = True
        elif n.type == "number" and n.is_integer and num is None and n.value != 0:
            num = n.int_value
        elif v is not None and name is None and v not in ("auto", "span"):
            name = _ser_ident(n.value)
        else:
            return None
    if span and num is not None and num < 0:
        return None
    parts = (["span"] if span else []) + ([str(num)] if num is not None else []) + ([name] if name else [])
    if span and num == 1 and name:
        parts = ["span", name]
    return " ".join(parts)


_reg("grid-row-start grid-row-end grid-column-start grid-column-end", _grid_line)


def _grid_auto_flow(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if not ws or len(ws) > 2 or any(w is None for w in ws):
        return None
    axis = [w for w in ws if w in ("row", "column")]
    dense = [w for w in ws if w == "dense"]
    if len(axis) + len(dense) != len(ws) or len(axis) > 1 or len(dense) > 1:
        return None
    if axis == ["column"]:
        return "column dense" if dense else "column"
    return "dense" if dense else "row"


_LONGHAND["grid-auto-flow"] = _grid_auto_flow


def _contain(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] in ("none", "strict", "content"):
        return ws[0]
    order = ["size", "inline-size", "layout", "style", "paint"]
    if not ws or any(w not in order for w in ws) or len(set(ws)) != len(ws):
        return None
    if "size" in ws and "inline-size" in ws:
        return None
    return " ".join(w for w in order if w in ws)


_LONGHAND["contain"] = _contain


def _touch_action(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] in ("auto", "none", "manipulation"):
        return ws[0]
    allowed = ["pan-x", "pan-left", "pan-right", "pan-y", "pan-up", "pan-down", "pinch-zoom"]
    if not ws or any(w not in allowed for w in ws) or len(set(ws)) != len(ws):
        return None
    return " ".join(w for w in ws if w is not None)


_LONGHAND["touch-action"] = _touch_action


def _text_decoration_line(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] in ("none", "spelling-error", "grammar-error"):
        return ws[0]
    order = ["underline", "overline", "line-through", "blink"]
    if not ws or any(w not in order for w in ws) or len(set(ws)) != len(ws):
        return None
    return " ".join(w for w in order if w in ws)


_LONGHAND["text-decoration-line"] = _text_decoration_line
_reg("text-decoration-thickness", _kw("auto from-font", lambda n: _length(n)))
_reg("text-underline-offset", _kw("auto", lambda n: _length(n)))


def _will_change(nodes: list[Node]) -> str | None:
    parts = _split_commas(nodes)
    out = []
    for p in parts:
        if len(p) != 1 or p[0].type != "ident":
            return None
        v = str(p[0].lower_value)
        if v == "auto":
            if len(parts) != 1:
                return None
            out.append("auto")
        elif v in ("scroll-position", "contents"):
            out.append(v)
        elif v in _WIDE_KEYWORDS or v in ("will-change", "none", "all", "default"):
            return None
        else:
            canon = _canonical_name(v)
            if canon is None:
                out.append(_ser_ident(p[0].value))
            else:
                out.append(canon)
    return ", ".join(out)


_LONGHAND["will-change"] = _will_change


def _font_feature_settings(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "normal":
        return "normal"
    out = []
    for p in _split_commas(nodes):
        if not p or p[0].type != "string" or len(p[0].value) != 4 or len(p) > 2:
            return None
        tag = _ser_string(p[0].value)
        val = 1
        if len(p) == 2:
            v = _ident(p[1])
            if v == "on":
                val = 1
            elif v == "off":
                val = 0
            elif p[1].type == "number" and p[1].is_integer and p[1].value >= 0:
                val = p[1].int_value
            else:
                return None
        out.append(tag if val == 1 else f"{tag} {val}")
    return ", ".join(out)


_LONGHAND["font-feature-settings"] = _font_feature_settings


def _list_style_type(nodes: list[Node]) -> str | None:
    if len(nodes) != 1:
        return None
    n = nodes[0]
    if n.type == "string":
        return _ser_string(n.value)
    if n.type == "ident":
        v = str(n.lower_value)
        if v in _WIDE_KEYWORDS or v == "default":
            return None
        predefined = _words(
            "none disc circle square decimal decimal-leading-zero lower-roman upper-roman lower-greek lower-alpha "
            "lower-latin upper-alpha upper-latin armenian georgian disclosure-open disclosure-closed"
        )
        return v if v in predefined else _ser_ident(n.value)
    if n.type == "function" and n.lower_name == "symbols":
        return "symbols(" + _gen_list(n.arguments) + ")"
    return None


_LONGHAND["list-style-type"] = _list_style_type


def _color_scheme(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] == "normal":
        return "normal"
    if not ws or any(w is None for w in ws):
        return None
    return " ".join(w for w in ws if w is not None)


_LONGHAND["color-scheme"] = _color_scheme


def _text_emphasis_style(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and nodes[0].type == "string":
        return _ser_string(nodes[0].value)
    ws = [_ident(n) for n in nodes]
    if ws == ["none"]:
        return "none"
    fill = [w for w in ws if w in ("filled", "open")]
    shape = [w for w in ws if w in ("dot", "circle", "double-circle", "triangle", "sesame")]
    if len(fill) + len(shape) != len(ws) or len(fill) > 1 or len(shape) > 1 or not ws:
        return None
    if not shape:
        return fill[0]
    if not fill or fill[0] == "filled":
        return shape[0]
    return "open " + str(shape[0])


_LONGHAND["text-emphasis-style"] = _text_emphasis_style


def _text_size_adjust(n: Node) -> str | None:
    v = _ident(n)
    if v in ("none", "auto"):
        return v
    if n.type == "percentage" and n.value >= 0:
        return _fmt(n.value) + "%"
    return None


_reg("text-size-adjust", _one(_text_size_adjust))
_reg("-webkit-appearance", _LONGHAND["appearance"])
_reg("container-type", _kw("normal size inline-size scroll-state"))
def _container_name(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    reserved = ("none", "and", "or", "not", "default")
    if not nodes or any(n.type != "ident" or n.lower_value in _WIDE_KEYWORDS or n.lower_value in reserved
                        for n in nodes):
        return None
    return " ".join(_ser_ident(n.value) for n in nodes)


_LONGHAND["container-name"] = _container_name


def _scroll_snap_type(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] in ("none", "x", "y", "block", "inline", "both"):
        return ws[0]
    if len(ws) == 2 and ws[0] in ("x", "y", "block", "inline", "both") and ws[1] in ("mandatory", "proximity"):
        return ws[0] if ws[1] == "proximity" else ws[0] + " " + ws[1]
    return None


_LONGHAND["scroll-snap-type"] = _scroll_snap_type


def _scroll_snap_align(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    ok = ("none", "start", "end", "center")
    if len(ws) == 1 and ws[0] in ok:
        return ws[0]
    if len(ws) == 2 and ws[0] in ok and ws[1] in ok:
        return ws[0] if ws[0] == ws[1] else ws[0] + " " + str(ws[1])
    return None


_LONGHAND["scroll-snap-align"] = _scroll_snap_align


def _scrollbar_color(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "auto":
        return "auto"
    if len(nodes) == 2:
        a, b = _color(nodes[0]), _color(nodes[1])
        if a and b:
            return a + " " + b
    return None


_LONGHAND["scrollbar-color"] = _scrollbar_color


def _contain_intrinsic(nodes: list[Node]) -> str | None:
    if len(nodes) == 1:
        v = _ident(nodes[0])
        if v == "none":
            return "none"
        return _length(nodes[0], neg=False, pct=False)
    if len(nodes) == 2 and _ident(nodes[0]) == "auto":
        v = _ident(nodes[1])
        if v == "none":
            return "auto none"
        ln = _length(nodes[1], neg=False, pct=False)
        return None if ln is None else "auto " + ln
    return None


_reg("contain-intrinsic-width contain-intrinsic-height contain-intrinsic-block-size contain-intrinsic-inline-size",
     _contain_intrinsic)


def _border_radius_corner(nodes: list[Node]) -> str | None:
    if not 1 <= len(nodes) <= 2:
        return None
    vals = [_length(n, neg=False) for n in nodes]
    if any(v is None for v in vals):
        return None
    if len(vals) == 2 and vals[0] != vals[1]:
        return str(vals[0]) + " " + str(vals[1])
    return vals[0]


_reg(
    "border-top-left-radius border-top-right-radius border-bottom-right-radius border-bottom-left-radius "
    "border-start-start-radius border-start-end-radius border-end-start-radius border-end-end-radius",
    _border_radius_corner,
)


def _border_spacing_axis(n: Node) -> str | None:
    return _length(n, neg=False, pct=False)


_reg("-webkit-border-horizontal-spacing -webkit-border-vertical-spacing", _one(_border_spacing_axis))


def _border_image_slice(nodes: list[Node]) -> str | None:
    fill = False
    vals: list[str] = []
    for n in nodes:
        if _ident(n) == "fill" and not fill:
            fill = True
            continue
        v = _number_or_pct(n, neg=False)
        if v is None:
            return None
        vals.append(v)
    if not 1 <= len(vals) <= 4:
        return None
    txt = " ".join(_collapse4(vals))
    return txt + " fill" if fill else txt


def _collapse4(vals: list[str]) -> list[str]:
    if len(vals) == 1:
        return vals
    t = vals[0]
    r = vals[1]
    b = vals[2] if len(vals) > 2 else t
    left = vals[3] if len(vals) > 3 else r
    if left == r:
        if b == t:
            if r == t:
                return [t]
            return [t, r]
        return [t, r, b]
    return [t, r, b, left]


def _border_image_width(nodes: list[Node]) -> str | None:
    vals = []
    for n in nodes:
        v = "auto" if _ident(n) == "auto" else (_number(n, neg=False) if n.type == "number" else _length(n, neg=False))
        if v is None:
            return None
        vals.append(v)
    if not 1 <= len(vals) <= 4:
        return None
    return " ".join(_collapse4(vals))


def _border_image_outset(nodes: list[Node]) -> str | None:
    vals = []
    for n in nodes:
        v = _number(n, neg=False) if n.type == "number" else _length(n, neg=False, pct=False)
        if v is None:
            return None
        vals.append(v)
    if not 1 <= len(vals) <= 4:
        return None
    return " ".join(_collapse4(vals))


def _border_image_repeat(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    ok = ("stretch", "repeat", "round", "space")
    if not 1 <= len(ws) <= 2 or any(w not in ok for w in ws):
        return None
    if len(ws) == 2 and ws[0] == ws[1]:
        return ws[0]
    return " ".join(w for w in ws if w is not None)


_reg("border-image-slice -webkit-mask-box-image-slice", _border_image_slice)
_reg("border-image-width -webkit-mask-box-image-width", _border_image_width)
_reg("border-image-outset -webkit-mask-box-image-outset", _border_image_outset)
_reg("border-image-repeat -webkit-mask-box-image-repeat", _border_image_repeat)


def _font_variant_ligatures(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] in ("normal", "none"):
        return ws[0]
    groups = [("common-ligatures", "no-common-ligatures"), ("discretionary-ligatures", "no-discretionary-ligatures"),
              ("historical-ligatures", "no-historical-ligatures"), ("contextual", "no-contextual")]
    out = []
    seen = set()
    for w in ws:
        g = next((i for i, grp in enumerate(groups) if w in grp), None)
        if g is None or g in seen:
            return None
        seen.add(g)
    for i, grp in enumerate(groups):
        for w in ws:
            if w in grp:
                out.append(w)
    return " ".join(o for o in out if o is not None) if out else None


_LONGHAND["font-variant-ligatures"] = _font_variant_ligatures


def _font_variant_numeric(nodes: list[Node]) -> str | None:
    ws = [_ident(n) for n in nodes]
    if len(ws) == 1 and ws[0] == "normal":
        return "normal"
    groups = [("lining-nums", "oldstyle-nums"), ("proportional-nums", "tabular-nums"),
              ("diagonal-fractions", "stacked-fractions"), ("ordinal",), ("slashed-zero",)]
    seen = set()
    for w in ws:
        g = next((i for i, grp in enumerate(groups) if w in grp), None)
        if g is None or g in seen:
            return None
        seen.add(g)
    out = [w for grp in groups for w in ws if w in grp]
    return " ".join(o for o in out if o is not None) if out else None


_LONGHAND["font-variant-numeric"] = _font_variant_numeric
_reg("font-variant-east-asian", _kw("normal jis78 jis83 jis90 jis04 simplified traditional full-width "
                                    "proportional-width ruby"))
_reg("font-variant-alternates", _kw("normal historical-forms"))
_reg("font-size-adjust", _kw("none", lambda n: _number(n, neg=False)))
_reg("font-variation-settings", lambda nodes: "normal" if len(nodes) == 1 and _ident(nodes[0]) == "normal" else (
    _layers(nodes, lambda p: _ser_string(p[0].value) + " " + (_number(p[1]) or "")
            if len(p) == 2 and p[0].type == "string" and len(p[0].value) == 4 and p[1].type == "number" else None)))
_reg("font-language-override", _one(lambda n: "normal" if _ident(n) == "normal" else (
    _ser_string(n.value) if n.type == "string" else None)))
_reg("-webkit-locale", _one(lambda n: "auto" if _ident(n) == "auto" else (_ser_string(n.value) if n.type == "string" else None)))


def _clip_path(nodes: list[Node]) -> str | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return "none"
    if len(nodes) == 1 and (nodes[0].type == "url" or nodes[0].type == "function" and nodes[0].lower_name == "url"):
        return _url_or_image(nodes[0])
    out = []
    for n in nodes:
        v = _ident(n)
        if v in ("border-box", "padding-box", "content-box", "margin-box", "fill-box", "stroke-box", "view-box"):
            out.append(v)
            continue
        shape = _basic_shape(n)
        if shape is None:
            return None
        out.append(shape)
    return " ".join(out) if out else None


def _basic_shape(n: Node) -> str | None:
    if n.type != "function":
        return None
    name = str(n.lower_name)
    if name == "polygon":
        parts = _split_commas(_sig(n.arguments))
        out = []
        for i, p in enumerate(parts):
            if i == 0 and len(p) == 1 and _ident(p[0]) in ("nonzero", "evenodd"):
                if _ident(p[0]) == "evenodd":
                    out.append("evenodd")
                continue
            if len(p) != 2:
                return None
            a, b = _length(p[0]), _length(p[1])
            if a is None or b is None:
                return None
            out.append(a + " " + b)
        return "polygon(" + ", ".join(out) + ")"
    if name in ("inset", "circle", "ellipse", "rect", "xywh", "path", "shape"):
        args = _sig(n.arguments)
        items = []
        for a in args:
            if a.type in ("number", "dimension", "percentage") or _is_math(a):
                v = _length(a)
                if v is None:
                    return None
                items.append(v)
            else:
                items.append(_gen(a))
        return name + "(" + " ".join(items).replace(" ,", ",") + ")"
    return None


_reg("clip-path shape-outside offset-path", _clip_path)


_TRACK_KW = ("auto", "min-content", "max-content")


def _grid_breadth(n: Node, flex: bool = True) -> str | None:
    v = _ident(n)
    if v is not None:
        return v if v in _TRACK_KW else None
    if n.type == "dimension" and n.lower_unit == "fr":
        return _fmt(n.value) + "fr" if flex and n.value >= 0 else None
    return _length(n, neg=False)


def _grid_track_size(n: Node) -> str | None:
    if n.type == "function":
        name = n.lower_name
        parts = _split_commas(_sig(n.arguments))
        if name == "minmax":
            if len(parts) != 2 or len(parts[0]) != 1 or len(parts[1]) != 1:
                return None
            a = _grid_breadth(parts[0][0], flex=False)
            b = _grid_breadth(parts[1][0])
            return None if a is None or b is None else "minmax(" + a + ", " + b + ")"
        if name == "fit-content":
            if len(parts) != 1 or len(parts[0]) != 1:
                return None
            a = _length(parts[0][0], neg=False)
            return None if a is None else "fit-content(" + a + ")"
        if _is_math(n):
            return _length(n, neg=False)
        return None
    return _grid_breadth(n)


def _grid_line_names(n: Node) -> str | None:
    names = _sig(n.content)
    if any(x.type != "ident" or x.lower_value in ("span", "auto") or x.lower_value in _WIDE_KEYWORDS
           for x in names):
        return None
    return "[" + " ".join(x.value for x in names) + "]"


def _grid_track_list(nodes: list[Node], in_repeat: bool = False) -> str | None:
    out: list[str] = []
    sizes = 0
    for n in nodes:
        if n.type == "[] block":
            names = _grid_line_names(n)
            if names is None:
                return None
            out.append(names)
            continue
        if n.type == "function" and n.lower_name == "repeat" and not in_repeat:
            parts = _split_commas(_sig(n.arguments))
            if len(parts) != 2 or len(parts[0]) != 1:
                return None
            c = parts[0][0]
            cv = _ident(c)
            if cv in ("auto-fill", "auto-fit"):
                count = str(cv)
            elif c.type == "number" and c.is_integer and c.value >= 1:
                count = str(c.int_value)
            else:
                return None
            inner = _grid_track_list(parts[1], in_repeat=True)
            if inner is None:
                return None
            out.append("repeat(" + count + ", " + inner + ")")
            sizes += 1
            continue
        size = _grid_track_size(n)
        if size is None:
            return None
        out.append(size)
        sizes += 1
    if not sizes:
        return None
    return " ".join(out)


def _grid_tracks(nodes: list[Node]) -> str | None:
    if not nodes:
        return None
    if len(nodes) == 1 and _ident(nodes[0]) in ("none", "masonry"):
        return str(_ident(nodes[0]))
    if _ident(nodes[0]) == "subgrid":
        rest = []
        for n in nodes[1:]:
            if n.type != "[] block":
                return None
            names = _grid_line_names(n)
            if names is None:
                return None
            rest.append(names)
        return " ".join(["subgrid"] + rest)
    return _grid_track_list(nodes)


_reg("grid-template-columns grid-template-rows grid-auto-columns grid-auto-rows", _grid_tracks)


def _generic_longhand(name: str) -> LonghandParser:
    lower = name not in _CASE_KEEPING

    def parse(nodes: list[Node]) -> str | None:
        if not nodes:
            return None
        return _gen_list(nodes, lower)

    return parse

# ---------------------------------------------------------------------------------------------------------------
# Property names: longhands, shorthands, aliases (from Chromium; see the tables at the end of this module).


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[str, ...]]]:
    shorthands: dict[str, tuple[str, ...]] = {}
    for line in _SHORTHAND_TABLE.replace("\n    ", " ").strip().splitlines():
        name, _, rest = line.partition(":")
        shorthands[name.strip()] = tuple(rest.split())
    aliases = dict(item.split("=") for item in _ALIAS_TABLE.split())
    matching: dict[str, list[str]] = {}
    for sh, longs in shorthands.items():
        for lh in longs:
            matching.setdefault(lh, []).append(sh)
    match_sorted = {k: tuple(sorted(v, key=lambda s: (-len(shorthands[s]), s))) for k, v in matching.items()}
    return _LONGHAND_NAMES, shorthands, aliases, match_sorted


def _canonical_name(name: str) -> str | None:
    """Lower-case property name -> Chromium's canonical (alias-resolved) name, or None when unknown."""
    longs, shorts, aliases, _ = _tables()
    if name in longs or name in shorts or name == "all":
        return name
    return aliases.get(name)


class Decl:
    """One longhand (or custom property) in a declaration block, with its serialised value."""

    __slots__ = ("flags", "implicit", "important", "name", "pending", "unparsed", "value")

    def __init__(self, name: str, value: str, important: bool, implicit: bool = False,
                 pending: str | None = None) -> None:
        self.name = name
        self.value = value
        self.important = important
        self.implicit = implicit
        # For longhands of a shorthand written with var(): the shorthand's name (value is then the shorthand text).
        self.pending = pending
        # Per-layer implicit flags of background longhands ("1" implicit, "0" explicit per layer).
        self.flags: str | None = None
        # A longhand written with var()/env(): kept as text, never folded into a shorthand.
        self.unparsed = False

    def text(self) -> str:
        return "" if self.pending is not None else self.value

    def same(self, other: Decl) -> bool:
        return (self.value == other.value and self.pending == other.pending and self.important == other.important
                and self.implicit == other.implicit)


Expansion = dict[str, tuple[str, bool]]  # longhand -> (value text, implicit)
ShorthandParser = Callable[[list[Node]], Expansion | None]
_SHORTHAND_PARSE: dict[str, ShorthandParser] = {}
ShorthandSerializer = Callable[[dict[str, Decl]], str | None]
_SHORTHAND_SER: dict[str, ShorthandSerializer] = {}
_INITIAL: dict[str, str] = {
    "border-top-width": "medium", "border-right-width": "medium", "border-bottom-width": "medium",
    "border-left-width": "medium", "border-top-style": "none", "border-right-style": "none",
    "border-bottom-style": "none", "border-left-style": "none", "border-top-color": "currentcolor",
    "border-right-color": "currentcolor", "border-bottom-color": "currentcolor", "border-left-color": "currentcolor",
    "border-image-source": "none", "border-image-slice": "100%", "border-image-width": "1",
    "border-image-outset": "0", "border-image-repeat": "stretch",
    "outline-color": "auto", "outline-style": "none", "outline-width": "medium",
    "column-rule-color": "currentcolor", "column-rule-style": "none", "column-rule-width": "medium",
    "row-rule-color": "currentcolor", "row-rule-style": "none", "row-rule-width": "medium",
    "background-image": "none", "background-position-x": "0%", "background-position-y": "0%",
    "background-size": "auto", "background-repeat": "repeat", "background-attachment": "scroll",
    "background-origin": "padding-box", "background-clip": "border-box", "background-color": "transparent",
    "mask-image": "none", "-webkit-mask-position-x": "0%", "-webkit-mask-position-y": "0%", "mask-size": "auto",
    "mask-repeat": "repeat", "mask-origin": "border-box", "mask-clip": "border-box", "mask-composite": "add",
    "mask-mode": "match-source",
    "list-style-position": "outside", "list-style-image": "none", "list-style-type": "disc",
    "text-decoration-line": "none", "text-decoration-thickness": "auto", "text-decoration-style": "solid",
    "text-decoration-color": "currentcolor",
    "flex-grow": "0", "flex-shrink": "1", "flex-basis": "auto", "flex-direction": "row", "flex-wrap": "nowrap",
    "transition-property": "all", "transition-duration": "0s", "transition-timing-function": "ease",
    "transition-delay": "0s", "transition-behavior": "normal",
    "animation-duration": "auto", "animation-timing-function": "ease", "animation-delay": "0s",
    "animation-iteration-count": "1", "animation-direction": "normal", "animation-fill-mode": "none",
    "animation-play-state": "running", "animation-name": "none", "animation-timeline": "auto",
    "animation-range-start": "normal", "animation-range-end": "normal",
    "font-style": "normal", "font-variant-ligatures": "normal", "font-variant-caps": "normal",
    "font-variant-numeric": "normal", "font-variant-east-asian": "normal", "font-variant-alternates": "normal",
    "font-variant-position": "normal", "font-variant-emoji": "normal", "font-weight": "normal",
    "font-stretch": "normal", "font-size": "medium", "line-height": "normal", "font-family": "",
    "font-optical-sizing": "auto", "font-size-adjust": "none", "font-kerning": "auto",
    "font-feature-settings": "normal", "font-variation-settings": "normal", "font-language-override": "normal",
    "grid-row-start": "auto", "grid-row-end": "auto", "grid-column-start": "auto", "grid-column-end": "auto",
    "grid-template-rows": "none", "grid-template-columns": "none", "grid-template-areas": "none",
    "grid-auto-flow": "row", "grid-auto-rows": "auto", "grid-auto-columns": "auto",
    "column-width": "auto", "column-count": "auto", "column-height": "auto", "column-wrap": "auto",
    "container-name": "none", "container-type": "normal",
    "text-emphasis-style": "none", "text-emphasis-color": "currentcolor",
    "-webkit-text-stroke-width": "0px", "-webkit-text-stroke-color": "currentcolor",
    "white-space-collapse": "collapse", "text-wrap-mode": "wrap", "text-wrap-style": "auto",
    "font-synthesis-weight": "auto", "font-synthesis-style": "auto", "font-synthesis-small-caps": "auto",
}


for _side in ("block-start", "block-end", "inline-start", "inline-end"):
    for _kind in ("width", "style", "color"):
        _INITIAL[f"border-{_side}-{_kind}"] = _INITIAL["border-top-" + _kind]


def _ser_box(sides: tuple[str, str, str, str]) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        return " ".join(_collapse4([d[s].value for s in sides]))

    return ser


def _parse_box(sides: tuple[str, str, str, str]) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        if not 1 <= len(nodes) <= 4:
            return None
        p = _LONGHAND[sides[0]]
        vals: list[str] = []
        for n in nodes:
            v = p([n])
            if v is None:
                return None
            vals.append(v)
        t = vals[0]
        r = vals[1] if len(vals) > 1 else t
        b = vals[2] if len(vals) > 2 else t
        left = vals[3] if len(vals) > 3 else r
        return {sides[0]: (t, False), sides[1]: (r, False), sides[2]: (b, False), sides[3]: (left, False)}

    return parse


def _ser_pair(a: str, b: str) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        va, vb = d[a].value, d[b].value
        return va if va == vb else va + " " + vb

    return ser


def _parse_pair(a: str, b: str, pa: LonghandParser | None = None, pb: LonghandParser | None = None) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        fa = pa or _LONGHAND[a]
        fb = pb or _LONGHAND[b]
        if len(nodes) == 1:
            va = fa(nodes)
            vb = fb(nodes)
            if va is None or vb is None:
                return None
            return {a: (va, False), b: (vb, False)}
        if len(nodes) == 2:
            va = fa(nodes[:1])
            vb = fb(nodes[1:])
            if va is None or vb is None:
                return None
            return {a: (va, False), b: (vb, False)}
        return None

    return parse


def _register_shorthands() -> None:
    _, shorts, _, _ = _tables()
    for name, longs in shorts.items():
        if len(longs) == 4 and (name in ("margin", "padding", "inset", "scroll-margin", "scroll-padding",
                                         "border-width", "border-style", "border-color")):
            sides = (longs[0], longs[1], longs[2], longs[3])
            _SHORTHAND_PARSE[name] = _parse_box(sides)
            _SHORTHAND_SER[name] = _ser_box(sides)
    for name in ("margin-block", "margin-inline", "padding-block", "padding-inline", "inset-block", "inset-inline",
                 "scroll-margin-block", "scroll-margin-inline", "scroll-padding-block", "scroll-padding-inline",
                 "border-block-width", "border-block-style", "border-block-color", "border-inline-width",
                 "border-inline-style", "border-inline-color", "overflow", "overscroll-behavior",
                 "contain-intrinsic-size"):
        a, b = shorts[name]
        _SHORTHAND_PARSE[name] = _parse_pair(a, b)
        _SHORTHAND_SER[name] = _ser_pair(a, b)
    _SHORTHAND_PARSE["gap"] = _parse_pair("row-gap", "column-gap")
    _SHORTHAND_SER["gap"] = _ser_pair("row-gap", "column-gap")
    _SHORTHAND_PARSE["border-spacing"] = _parse_pair("-webkit-border-horizontal-spacing",
                                                     "-webkit-border-vertical-spacing")
    _SHORTHAND_SER["border-spacing"] = _ser_pair("-webkit-border-horizontal-spacing",
                                                 "-webkit-border-vertical-spacing")
    for name, a, b in (("place-content", "align-content", "justify-content"),
                       ("place-items", "align-items", "justify-items"),
                       ("place-self", "align-self", "justify-self")):
        _SHORTHAND_PARSE[name] = _parse_place(a, b)
        _SHORTHAND_SER[name] = _ser_pair(a, b)
    for side in ("top", "right", "bottom", "left", "block-start", "block-end", "inline-start", "inline-end"):
        longs3 = (f"border-{side}-width", f"border-{side}-style", f"border-{side}-color")
        _SHORTHAND_PARSE["border-" + side] = _parse_any_order(longs3)
        _SHORTHAND_SER["border-" + side] = (_ser_skip_implicit(longs3) if "-" in side
                                            else _ser_skip_initial(longs3))
    for rule in ("column-rule", "row-rule"):
        longs3 = (rule + "-width", rule + "-style", rule + "-color")
        _SHORTHAND_PARSE[rule] = _parse_any_order(longs3)
        _SHORTHAND_SER[rule] = _ser_skip_initial(longs3)
    _SHORTHAND_PARSE["outline"] = _parse_any_order(("outline-color", "outline-style", "outline-width"))
    _SHORTHAND_SER["outline"] = _ser_skip_implicit(("outline-color", "outline-style", "outline-width"))
    _SHORTHAND_PARSE["text-decoration"] = _parse_any_order(
        ("text-decoration-line", "text-decoration-thickness", "text-decoration-style", "text-decoration-color"))
    _SHORTHAND_SER["text-decoration"] = _ser_skip_default(
        ("text-decoration-line", "text-decoration-thickness", "text-decoration-style", "text-decoration-color"),
        empty="none")
    _SHORTHAND_SER["column-rule"] = _ser_rule
    _SHORTHAND_SER["row-rule"] = _ser_rule
    _SHORTHAND_PARSE["text-emphasis"] = _parse_any_order(("text-emphasis-style", "text-emphasis-color"))
    _SHORTHAND_SER["text-emphasis"] = _ser_skip_implicit(("text-emphasis-style", "text-emphasis-color"))
    _SHORTHAND_PARSE["-webkit-text-stroke"] = _parse_any_order(("-webkit-text-stroke-width",
                                                               "-webkit-text-stroke-color"))
    _SHORTHAND_SER["-webkit-text-stroke"] = _ser_skip_implicit(("-webkit-text-stroke-width",
                                                               "-webkit-text-stroke-color"))
    for name in ("border-block", "border-inline"):
        _SHORTHAND_PARSE[name] = _parse_border_logical(shorts[name])
        _SHORTHAND_SER[name] = _ser_border_logical(shorts[name])


def _parse_place(a: str, b: str) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        pa, pb = _LONGHAND[a], _LONGHAND[b]
        # Values may have two words (e.g. "safe center", "last baseline"): try every split.
        for i in range(1, len(nodes) + 1):
            va = pa(nodes[:i])
            if va is None:
                continue
            if i == len(nodes):
                vb = pb(nodes[:i])
                if va in ("space-between", "space-around", "space-evenly", "baseline", "last baseline") and \
                        b == "justify-content":
                    vb = None
                if b == "justify-items" and va in ("baseline", "last baseline"):
                    vb = va
                if vb is None and b == "justify-content" and va in ("space-between", "space-around",
                                                                    "space-evenly"):
                    vb = va
                if vb is None:
                    return None
                return {a: (va, False), b: (vb, False)}
            vb = pb(nodes[i:])
            if vb is not None:
                return {a: (va, False), b: (vb, False)}
        return None

    return parse


def _parse_any_order(longs: tuple[str, ...]) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        got: dict[str, str] = {}
        i = 0
        while i < len(nodes):
            matched = False
            for lh in longs:
                if lh in got:
                    continue
                # Longhands taking several values (text-decoration-line: "underline overline").
                for j in range(len(nodes), i, -1):
                    v = _LONGHAND[lh](nodes[i:j])
                    if v is not None:
                        got[lh] = v
                        i = j
                        matched = True
                        break
                if matched:
                    break
            if not matched:
                return None
        if not got:
            return None
        return {lh: (got[lh], False) if lh in got else (_INITIAL[lh], True) for lh in longs}

    return parse


def _ser_skip_initial(longs: tuple[str, ...]) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        parts = [d[lh].value for lh in longs if d[lh].value != _INITIAL[lh]]
        return " ".join(parts) if parts else None

    return ser


def _ser_skip_default(longs: tuple[str, ...], empty: str | None = None) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        parts = [d[lh].value for lh in longs if not d[lh].implicit and d[lh].value != _INITIAL[lh]]
        return " ".join(parts) if parts else empty

    return ser


def _ser_rule(d: dict[str, Decl]) -> str | None:
    """column-rule / row-rule: the values that differ from their initial value, else the width."""
    prefix = "column-rule" if "column-rule-width" in d else "row-rule"
    parts = []
    for kind in ("width", "style", "color"):
        v = d[prefix + "-" + kind].value
        if v != _INITIAL[prefix + "-" + kind]:
            parts.append(v)
    return " ".join(parts) if parts else d[prefix + "-width"].value


def _ser_skip_implicit(longs: tuple[str, ...], empty: str | None = None) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        parts = [d[lh].value for lh in longs if not d[lh].implicit]
        if not parts:
            return empty
        return " ".join(parts)

    return ser


def _parse_border(nodes: list[Node]) -> Expansion | None:
    side = _parse_any_order(("border-top-width", "border-top-style", "border-top-color"))(nodes)
    if side is None:
        return None
    w, s, c = side["border-top-width"], side["border-top-style"], side["border-top-color"]
    out: Expansion = {}
    for sd in ("top", "right", "bottom", "left"):
        out[f"border-{sd}-color"] = c
        out[f"border-{sd}-style"] = s
        out[f"border-{sd}-width"] = w
    for lh in ("border-image-source", "border-image-slice", "border-image-width", "border-image-outset",
               "border-image-repeat"):
        out[lh] = (_INITIAL[lh], True)
    return out


def _ser_border(d: dict[str, Decl]) -> str | None:
    for lh in ("border-image-source", "border-image-slice", "border-image-width", "border-image-outset",
               "border-image-repeat"):
        if d[lh].value != _INITIAL[lh]:
            return None
    parts = []
    for kind in ("width", "style", "color"):
        vals = {d[f"border-{sd}-{kind}"].value for sd in ("top", "right", "bottom", "left")}
        if len(vals) != 1:
            return None
        v = vals.pop()
        if v != _INITIAL["border-top-" + kind]:
            parts.append(v)
    return " ".join(parts) if parts else None


def _parse_border_logical(longs: tuple[str, ...]) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        side = _parse_any_order(("border-top-width", "border-top-style", "border-top-color"))(nodes)
        if side is None:
            return None
        out: Expansion = {}
        for lh in longs:
            kind = lh.rsplit("-", 1)[1]
            out[lh] = side["border-top-" + kind]
        return out

    return parse


def _ser_border_logical(longs: tuple[str, ...]) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        parts = []
        for kind in ("width", "style", "color"):
            vals = {d[lh].value for lh in longs if lh.endswith("-" + kind)}
            if len(vals) != 1:
                return None
            v = vals.pop()
            if v != _INITIAL["border-top-" + kind]:
                parts.append(v)
        return " ".join(parts) if parts else None

    return ser


def _parse_border_radius(nodes: list[Node], webkit: bool = False) -> Expansion | None:
    slash = [i for i, n in enumerate(nodes) if _is_lit(n, "/")]
    if len(slash) > 1:
        return None
    if slash:
        h_nodes, v_nodes = nodes[: slash[0]], nodes[slash[0] + 1:]
        if not v_nodes:
            return None
    else:
        h_nodes, v_nodes = nodes, []
        if webkit and len(nodes) == 2:
            h_nodes, v_nodes = nodes[:1], nodes[1:]
    if not 1 <= len(h_nodes) <= 4 or len(v_nodes) > 4:
        return None
    h = [_length(n, neg=False) for n in h_nodes]
    v = [_length(n, neg=False) for n in v_nodes] if v_nodes else list(h)
    if any(x is None for x in h) or any(x is None for x in v):
        return None

    def expand(vals: list[str | None]) -> list[str]:
        t = vals[0] or ""
        r = vals[1] if len(vals) > 1 else t
        b = vals[2] if len(vals) > 2 else t
        left = vals[3] if len(vals) > 3 else r
        return [t, r or "", b or "", left or ""]

    he, ve = expand(h), expand(v)
    corners = ("border-top-left-radius", "border-top-right-radius", "border-bottom-right-radius",
               "border-bottom-left-radius")
    return {c: ((a if a == b else a + " " + b), False) for c, a, b in zip(corners, he, ve)}


def _ser_border_radius(d: dict[str, Decl]) -> str | None:
    corners = ("border-top-left-radius", "border-top-right-radius", "border-bottom-right-radius",
               "border-bottom-left-radius")
    hs, vs = [], []
    for c in corners:
        parts = _split_top_spaces(d[c].value)
        hs.append(parts[0])
        vs.append(parts[1] if len(parts) > 1 else parts[0])
    h = " ".join(_collapse4(hs))
    v = " ".join(_collapse4(vs))
    return h if h == v else h + " / " + v


def _parse_flex(nodes: list[Node]) -> Expansion | None:
    if len(nodes) == 1 and _ident(nodes[0]) in ("none", "auto"):
        g = "0" if _ident(nodes[0]) == "none" else "1"
        return {"flex-grow": (g, False), "flex-shrink": (g, False), "flex-basis": ("auto", False)}
    nums: list[str] = []
    basis = None
    for n in nodes:
        if n.type == "number" and len(nums) < 2 and (basis is None or len(nums) == 0 or True):
            if n.value < 0:
                return None
            if basis is not None and len(nums) >= 1 and nodes.index(n) > 0 and nums and basis:
                pass
            nums.append(_fmt(n.value))
            continue
        if basis is None:
            b = _LONGHAND["flex-basis"]([n])
            if b is None:
                return None
            if nums and len(nums) == 1 and nodes[0].type == "number" and nodes[-1] is not n and False:
                return None
            basis = b
            continue
        return None
    if not nums and basis is None:
        return None
    grow = nums[0] if nums else "1"
    shrink = nums[1] if len(nums) > 1 else "1"
    if basis is None:
        basis = "0%"
    return {"flex-grow": (grow, False), "flex-shrink": (shrink, False), "flex-basis": (basis, False)}


def _ser_flex(d: dict[str, Decl]) -> str | None:
    return f"{d['flex-grow'].value} {d['flex-shrink'].value} {d['flex-basis'].value}"


def _parse_flex_flow(nodes: list[Node]) -> Expansion | None:
    return _parse_any_order(("flex-direction", "flex-wrap"))(nodes)


def _ser_omitting_initial(first: str, second: str, first_initial: str, second_initial: str) -> ShorthandSerializer:
    """The serialiser of a two-longhand shorthand that leaves out a longhand at its initial value."""

    def ser(d: dict[str, Decl]) -> str:
        a, b = d[first].value, d[second].value
        if b == second_initial:
            return a
        if a == first_initial:
            return b
        return a + " " + b

    return ser


_ser_flex_flow = _ser_omitting_initial("flex-direction", "flex-wrap", "row", "nowrap")


def _parse_list_style(nodes: list[Node]) -> Expansion | None:
    nones = sum(1 for n in nodes if _ident(n) == "none")
    rest = [n for n in nodes if _ident(n) != "none"]
    got: dict[str, str] = {}
    for n in rest:
        for lh in ("list-style-position", "list-style-image", "list-style-type"):
            if lh in got:
                continue
            v = _LONGHAND[lh]([n])
            if v is not None and v != "none":
                got[lh] = v
                break
        else:
            return None
    for _ in range(nones):
        if "list-style-type" not in got:
            got["list-style-type"] = "none"
        elif "list-style-image" not in got:
            got["list-style-image"] = "none"
        else:
            return None
    if not nodes:
        return None
    out: Expansion = {}
    for lh in ("list-style-position", "list-style-image", "list-style-type"):
        out[lh] = (got[lh], False) if lh in got else (_INITIAL[lh], True)
    return out


def _ser_list_style(d: dict[str, Decl]) -> str | None:
    parts = [d[lh].value for lh in ("list-style-position", "list-style-image", "list-style-type")
             if not d[lh].implicit]
    return " ".join(parts) if parts else "outside none disc"


def _parse_columns(nodes: list[Node]) -> Expansion | None:
    width = count = None
    autos = 0
    if not 1 <= len(nodes) <= 2:
        return None
    for n in nodes:
        if _ident(n) == "auto":
            autos += 1
            continue
        if n.type == "number" and count is None:
            count = _LONGHAND["column-count"]([n])
            if count is None:
                return None
            continue
        if width is None:
            width = _LONGHAND["column-width"]([n])
            if width is None:
                return None
            continue
        return None
    return {"column-width": (width or "auto", width is None), "column-count": (count or "auto", count is None),
            "column-height": ("auto", True), "column-wrap": ("auto", True)}


def _ser_columns(d: dict[str, Decl]) -> str | None:
    if d["column-height"].value != "auto" or d["column-wrap"].value != "auto":
        return None
    w, c = d["column-width"].value, d["column-count"].value
    if w == "auto" and c == "auto":
        return "auto"
    if w == "auto":
        return c
    if c == "auto":
        return w
    return w + " " + c


_WHITE_SPACE = {
    "normal": ("collapse", "wrap"), "pre": ("preserve", "nowrap"), "nowrap": ("collapse", "nowrap"),
    "pre-wrap": ("preserve", "wrap"), "pre-line": ("preserve-breaks", "wrap"),
    "break-spaces": ("break-spaces", "wrap"),
}


def _parse_white_space(nodes: list[Node]) -> Expansion | None:
    if len(nodes) == 1 and _ident(nodes[0]) in _WHITE_SPACE:
        c, m = _WHITE_SPACE[str(_ident(nodes[0]))]
        return {"white-space-collapse": (c, False), "text-wrap-mode": (m, False)}
    got = _parse_any_order(("white-space-collapse", "text-wrap-mode"))(nodes)
    return got


def _ser_white_space(d: dict[str, Decl]) -> str | None:
    pair = (d["white-space-collapse"].value, d["text-wrap-mode"].value)
    for k, v in _WHITE_SPACE.items():
        if v == pair:
            return k
    return pair[0] + " " + pair[1]


def _parse_text_wrap(nodes: list[Node]) -> Expansion | None:
    return _parse_any_order(("text-wrap-mode", "text-wrap-style"))(nodes)


_ser_text_wrap = _ser_omitting_initial("text-wrap-mode", "text-wrap-style", "wrap", "auto")


def _parse_container(nodes: list[Node]) -> Expansion | None:
    slash = [i for i, n in enumerate(nodes) if _is_lit(n, "/")]
    if slash:
        name = _LONGHAND["container-name"](nodes[: slash[0]])
        typ = _LONGHAND["container-type"](nodes[slash[0] + 1:])
        if name is None or typ is None:
            return None
        return {"container-name": (name, False), "container-type": (typ, False)}
    name = _LONGHAND["container-name"](nodes)
    if name is None:
        return None
    return {"container-name": (name, False), "container-type": ("normal", True)}


def _ser_container(d: dict[str, Decl]) -> str | None:
    t = d["container-type"].value
    return d["container-name"].value if t == "normal" else d["container-name"].value + " / " + t


def _parse_grid_line_pair(a: str, b: str) -> ShorthandParser:
    def parse(nodes: list[Node]) -> Expansion | None:
        slash = [i for i, n in enumerate(nodes) if _is_lit(n, "/")]
        if len(slash) > 1:
            return None
        if slash:
            va = _grid_line(nodes[: slash[0]])
            vb = _grid_line(nodes[slash[0] + 1:])
        else:
            va = _grid_line(nodes)
            vb = _derive_grid_line(va, nodes)
        if va is None or vb is None:
            return None
        return {a: (va, False), b: (vb, False)}

    return parse


def _derive_grid_line(v: str | None, nodes: list[Node]) -> str | None:
    if v is None:
        return None
    if len(nodes) == 1 and nodes[0].type == "ident" and v != "auto":
        return v
    return "auto"


def _is_custom_ident_line(v: str) -> bool:
    return " " not in v and v != "auto" and not v.lstrip("-").isdigit()


def _ser_grid_line_pair(a: str, b: str) -> ShorthandSerializer:
    def ser(d: dict[str, Decl]) -> str | None:
        va, vb = d[a].value, d[b].value
        derived = va if _is_custom_ident_line(va) else "auto"
        return va if vb == derived else va + " / " + vb

    return ser


def _parse_grid_area(nodes: list[Node]) -> Expansion | None:
    groups: list[list[Node]] = [[]]
    for n in nodes:
        if _is_lit(n, "/"):
            groups.append([])
        else:
            groups[-1].append(n)
    if len(groups) > 4:
        return None
    vals = [_grid_line(g) for g in groups]
    if any(v is None for v in vals):
        return None
    sv = [v for v in vals if v is not None]
    rs = sv[0]
    cs = sv[1] if len(sv) > 1 else (rs if _is_custom_ident_line(rs) else "auto")
    re_ = sv[2] if len(sv) > 2 else (rs if _is_custom_ident_line(rs) else "auto")
    ce = sv[3] if len(sv) > 3 else (cs if _is_custom_ident_line(cs) else "auto")
    return {"grid-row-start": (rs, False), "grid-column-start": (cs, False), "grid-row-end": (re_, False),
            "grid-column-end": (ce, False)}


def _ser_grid_area(d: dict[str, Decl]) -> str | None:
    rs, cs = d["grid-row-start"].value, d["grid-column-start"].value
    re_, ce = d["grid-row-end"].value, d["grid-column-end"].value
    parts = [rs, cs, re_, ce]

    def derived(v: str) -> str:
        return v if _is_custom_ident_line(v) else "auto"

    if ce == derived(cs):
        parts.pop()
        if re_ == derived(rs):
            parts.pop()
            if cs == derived(rs):
                parts.pop()
    return " / ".join(parts)


def _split_layers_nodes(nodes: list[Node]) -> list[list[Node]]:
    return _split_commas(nodes)


def _parse_transition(nodes: list[Node]) -> Expansion | None:
    layers = _split_commas(nodes)
    cols: dict[str, list[str]] = {k: [] for k in ("transition-property", "transition-duration",
                                                 "transition-timing-function", "transition-delay",
                                                 "transition-behavior")}
    explicit: dict[str, bool] = {k: False for k in cols}
    for li, layer in enumerate(layers):
        if not layer:
            return None
        got: dict[str, str] = {}
        for n in layer:
            v = _ident(n)
            if n.type == "dimension" and n.lower_unit in _TIME_UNITS or _is_math(n):
                t = _time(n, neg=True)
                if t is None:
                    return None
                if "transition-duration" not in got:
                    if t.startswith("-"):
                        return None
                    got["transition-duration"] = t
                elif "transition-delay" not in got:
                    got["transition-delay"] = t
                else:
                    return None
                continue
            e = _easing([n])
            if e is not None and "transition-timing-function" not in got:
                got["transition-timing-function"] = e
                continue
            if v in ("normal", "allow-discrete") and "transition-behavior" not in got:
                got["transition-behavior"] = str(v)
                continue
            if n.type == "ident" and "transition-property" not in got:
                if v == "none" and len(layers) > 1:
                    return None
                p = _transition_property([n])
                if p is None:
                    return None
                got["transition-property"] = p
                continue
            return None
        for k, col in cols.items():
            col.append(got.get(k, _INITIAL[k]))
            explicit[k] = explicit[k] or k in got
    return {k: (", ".join(v), False) for k, v in cols.items()}


def _ser_transition(d: dict[str, Decl]) -> str | None:
    keys = ("transition-property", "transition-duration", "transition-timing-function", "transition-delay",
            "transition-behavior")
    lists = [_split_top_commas(d[k].value) for k in keys]
    n = len(lists[0])
    out = []
    for i in range(n):
        prop, dur, ease, delay, beh = (x[i] if i < len(x) else _INITIAL[k] for x, k in zip(lists, keys))
        parts = []
        if prop != "all":
            parts.append(prop)
        if dur != "0s":
            parts.append(dur)
        if ease != "ease":
            parts.append(ease)
        if delay != "0s":
            parts.append(delay)
        if beh != "normal":
            parts.append(beh)
        out.append(" ".join(parts) if parts else "all")
    return ", ".join(out)


def _split_top_spaces(text: str) -> list[str]:
    """Space-separated parts of serialised value text, not splitting inside parentheses."""
    out: list[str] = []
    depth = 0
    start = 0
    for k, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == " " and depth == 0:
            out.append(text[start:k])
            start = k + 1
    out.append(text[start:])
    return [x for x in out if x]


def _split_top_commas(text: str) -> list[str]:
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    quote = ""
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur).strip())
    return out


_ANIM_KEYS = ("animation-duration", "animation-timing-function", "animation-delay", "animation-iteration-count",
              "animation-direction", "animation-fill-mode", "animation-play-state", "animation-name",
              "animation-timeline", "animation-range-start", "animation-range-end")


def _parse_animation(nodes: list[Node]) -> Expansion | None:
    layers = _split_commas(nodes)
    cols: dict[str, list[str]] = {k: [] for k in _ANIM_KEYS}
    for layer in layers:
        if not layer:
            return None
        got: dict[str, str] = {}
        for n in layer:
            v = _ident(n)
            if n.type == "dimension" and n.lower_unit in _TIME_UNITS or _is_math(n):
                t = _time(n)
                if t is None:
                    return None
                if "animation-duration" not in got:
                    if t.startswith("-"):
                        return None
                    got["animation-duration"] = t
                elif "animation-delay" not in got:
                    got["animation-delay"] = t
                else:
                    return None
                continue
            if v == "auto" and "animation-duration" not in got:
                got["animation-duration"] = "auto"
                continue
            e = _easing([n])
            if e is not None and "animation-timing-function" not in got:
                got["animation-timing-function"] = e
                continue
            if (v == "infinite" or n.type == "number") and "animation-iteration-count" not in got:
                c = "infinite" if v == "infinite" else _number(n, neg=False)
                if c is None:
                    return None
                got["animation-iteration-count"] = c
                continue
            if v in ("normal", "reverse", "alternate", "alternate-reverse") and "animation-direction" not in got:
                got["animation-direction"] = str(v)
                continue
            if v in ("none", "forwards", "backwards", "both") and "animation-fill-mode" not in got:
                got["animation-fill-mode"] = str(v)
                continue
            if v in ("running", "paused") and "animation-play-state" not in got:
                got["animation-play-state"] = str(v)
                continue
            if (n.type == "ident" or n.type == "string") and "animation-name" not in got:
                nm = _LONGHAND["animation-name"]([n])
                if nm is None:
                    return None
                got["animation-name"] = nm
                continue
            return None
        for k in _ANIM_KEYS:
            cols[k].append(got.get(k, _INITIAL[k]))
    return {k: (", ".join(v), False) for k, v in cols.items()}


def _ser_animation(d: dict[str, Decl]) -> str | None:
    lists = [_split_top_commas(d[k].value) for k in _ANIM_KEYS]
    n = len(lists[7])
    out = []
    for i in range(n):
        vals = [x[i] if i < len(x) else _INITIAL[k] for x, k in zip(lists, _ANIM_KEYS)]
        if vals[8] != "auto" or vals[9] != "normal" or vals[10] != "normal":
            return None
        out.append(" ".join(vals[:8]))
    return ", ".join(out)


_BG_KEYS = ("background-image", "background-position-x", "background-position-y", "background-size",
            "background-repeat", "background-attachment", "background-origin", "background-clip",
            "background-color")


_MASK_KEYS = {"background-image": "mask-image", "background-position-x": "-webkit-mask-position-x",
              "background-position-y": "-webkit-mask-position-y", "background-size": "mask-size",
              "background-repeat": "mask-repeat", "background-origin": "mask-origin", "background-clip": "mask-clip",
              "mask-composite": "mask-composite", "mask-mode": "mask-mode"}
_MASK_BOXES = ("border-box", "padding-box", "content-box", "fill-box", "stroke-box", "view-box")


def _parse_mask(nodes: list[Node]) -> Expansion | None:
    exp = _parse_background(nodes, mask=True)
    if exp is None:
        return None
    out: Expansion = {}
    for bg, mk in _MASK_KEYS.items():
        out[mk] = exp[bg]
        out[mk + "\x00"] = exp[bg + "\x00"]
    return out


def _ser_mask(d: dict[str, Decl]) -> str | None:
    view = {bg: d[mk] for bg, mk in _MASK_KEYS.items()}
    return _ser_background(view, mask=True)


def _parse_background(nodes: list[Node], mask: bool = False) -> Expansion | None:
    layers = _split_commas(nodes)
    keys = _BG_KEYS if not mask else tuple(_MASK_KEYS)
    cols: dict[str, list[tuple[str, bool]]] = {k: [] for k in keys}
    for li, layer in enumerate(layers):
        if not layer:
            return None
        got: dict[str, str] = {}
        i = 0
        boxes: list[str] = []
        while i < len(layer):
            n = layer[i]
            v = _ident(n)
            if "background-image" not in got:
                img = _image(n)
                if img is not None:
                    got["background-image"] = img
                    i += 1
                    continue
            if "background-position-x" not in got:
                # Longest run that is a valid <position>, then optional "/ size".
                found = False
                for j in range(min(len(layer), i + 4), i, -1):
                    if any(_is_lit(x, "/") for x in layer[i:j]):
                        continue
                    p = _position(layer[i:j])
                    if p is not None:
                        got["background-position-x"], got["background-position-y"] = p
                        i = j
                        found = True
                        break
                if found:
                    if i < len(layer) and _is_lit(layer[i], "/"):
                        sz = None
                        for j in range(min(len(layer), i + 3), i + 1, -1):
                            sz = _bg_size_one(layer[i + 1: j])
                            if sz is not None:
                                got["background-size"] = sz
                                i = j
                                break
                        if sz is None:
                            return None
                    continue
            if "background-repeat" not in got:
                for j in (i + 2, i + 1):
                    if j <= len(layer):
                        r = _repeat_one(layer[i:j])
                        if r is not None:
                            got["background-repeat"] = r
                            i = j
                            break
                else:
                    r = None
                if "background-repeat" in got and got["background-repeat"] == r:
                    continue
            if mask:
                if v in ("add", "subtract", "intersect", "exclude") and "mask-composite" not in got:
                    got["mask-composite"] = str(v)
                    i += 1
                    continue
                if v in ("alpha", "luminance", "match-source") and "mask-mode" not in got:
                    got["mask-mode"] = str(v)
                    i += 1
                    continue
                if (v in _MASK_BOXES or (v == "no-clip" and boxes)) and len(boxes) < 2:
                    boxes.append(str(v))
                    i += 1
                    continue
                return None
            if v in ("scroll", "fixed", "local") and "background-attachment" not in got:
                got["background-attachment"] = str(v)
                i += 1
                continue
            if v in ("border-box", "padding-box", "content-box", "text") and len(boxes) < 2:
                if v == "text" and boxes:
                    return None
                boxes.append(str(v))
                i += 1
                continue
            if "background-color" not in got and li == len(layers) - 1:
                c = _color(n)
                if c is not None:
                    got["background-color"] = c
                    i += 1
                    continue
            return None
        if boxes:
            if boxes[0] == "text":
                got["background-clip"] = "text"
            else:
                got["background-origin"] = boxes[0]
                got["background-clip"] = boxes[1] if len(boxes) > 1 else boxes[0]
        for k in keys:
            if k == "background-color":
                continue
            if k in got:
                cols[k].append((got[k], False))
            else:
                initial = _INITIAL[_MASK_KEYS[k]] if mask else _INITIAL[k]
                cols[k].append((initial, True))
        if li == len(layers) - 1 and not mask:
            cols["background-color"].append((got["background-color"], False) if "background-color" in got
                                            else (_INITIAL["background-color"], True))
    out: Expansion = {}
    for k, vals in cols.items():
        text = ", ".join(v for v, _ in vals)
        # Implicit flags per layer are kept in a side string: "1" implicit, "0" explicit.
        out[k] = (text, all(imp for _, imp in vals))
        out[k + "\x00"] = ("".join("1" if imp else "0" for _, imp in vals), True)
    return out


def _ser_background(d: dict[str, Any], mask: bool = False) -> str | None:
    keys = _BG_KEYS if not mask else tuple(_MASK_KEYS)
    n = max(len(_split_top_commas(d[k].value)) for k in keys if k != "background-color")
    lists = {}
    for k in keys:
        v = d[k].value
        if v == "initial" and d[k].implicit:
            initial = _INITIAL[_MASK_KEYS[k]] if mask else _INITIAL[k]
            lists[k] = [initial] * (1 if k == "background-color" else n)
        else:
            lists[k] = _split_top_commas(v)
    if not mask and len(lists["background-color"]) != 1:
        return None
    img_key = "background-image"
    n = len(lists[img_key])
    for k, v in lists.items():
        # Lists shorter than the image list: the missing layers take the initial value (and are not written).
        if k != "background-color" and len(v) < n:
            initial = _INITIAL[_MASK_KEYS[k]] if mask else _INITIAL[k]
            lists[k] = v + [initial] * (n - len(v))
    lengths = {k: len(_split_top_commas(d[k].value)) for k in keys}
    flags = {k: getattr(d[k], "flags", None) for k in keys}
    out = []
    for i in range(n):

        def explicit(k: str, i: int = i) -> bool:
            if i >= lengths[k] and k != "background-color":
                return False
            fl = flags[k]
            if isinstance(fl, str) and i < len(fl):
                return fl[i] == "0"
            return not d[k].implicit

        parts = []
        if explicit("background-image"):
            parts.append(lists["background-image"][i])
        size_explicit = explicit("background-size")
        if explicit("background-position-x") or explicit("background-position-y") or size_explicit:
            parts.append(lists["background-position-x"][i] + " " + lists["background-position-y"][i])
            if size_explicit:
                parts.append("/ " + lists["background-size"][i])
        if explicit("background-repeat"):
            parts.append(lists["background-repeat"][i])
        if not mask and explicit("background-attachment"):
            parts.append(lists["background-attachment"][i])
        o_exp, c_exp = explicit("background-origin"), explicit("background-clip")
        if o_exp or c_exp:
            o, c = lists["background-origin"][i], lists["background-clip"][i]
            if c == "text" and not o_exp:
                parts.append("text")
            elif mask and o == c:
                parts.append(o)
            else:
                parts.append(o + " " + c)
        if mask:
            for k in ("mask-composite", "mask-mode"):
                if explicit(k) and lists[k][i] != _INITIAL[_MASK_KEYS[k]]:
                    parts.append(lists[k][i])
        elif i == n - 1 and explicit("background-color"):
            parts.append(lists["background-color"][0])
        if not parts:
            parts.append(lists["background-image"][i])
        out.append(" ".join(parts))
    return ", ".join(out)


_FONT_KEYS = ("font-style", "font-variant-ligatures", "font-variant-caps", "font-variant-numeric",
              "font-variant-east-asian", "font-variant-alternates", "font-variant-position", "font-variant-emoji",
              "font-weight", "font-stretch", "font-size", "line-height", "font-family", "font-optical-sizing",
              "font-size-adjust", "font-kerning", "font-feature-settings", "font-variation-settings",
              "font-language-override")
_SYSTEM_FONTS = ("caption", "icon", "menu", "message-box", "small-caption", "status-bar")


def _parse_font(nodes: list[Node]) -> Expansion | None:
    if len(nodes) == 1 and _ident(nodes[0]) in _SYSTEM_FONTS:
        return None
    got: dict[str, str] = {}
    i = 0
    normals = 0
    while i < len(nodes):
        n = nodes[i]
        v = _ident(n)
        if v == "normal":
            normals += 1
            i += 1
            continue
        if v in ("italic", "oblique") and "font-style" not in got:
            if v == "oblique" and i + 1 < len(nodes) and _angle(nodes[i + 1], zero=False) is not None:
                got["font-style"] = "oblique " + str(_angle(nodes[i + 1], zero=False))
                i += 2
                continue
            got["font-style"] = str(v)
            i += 1
            continue
        if v == "small-caps" and "font-variant-caps" not in got:
            got["font-variant-caps"] = "small-caps"
            i += 1
            continue
        if "font-weight" not in got and (v in ("bold", "bolder", "lighter") or n.type == "number"):
            w = _font_weight(n)
            if w is not None:
                got["font-weight"] = w
                i += 1
                continue
            break
        if v in _FONT_STRETCH_KW.split() and "font-stretch" not in got:
            got["font-stretch"] = str(v)
            i += 1
            continue
        break
    if normals + len(got) > 4:
        return None
    if i >= len(nodes):
        return None
    size = _font_size(nodes[i])
    if size is None:
        return None
    i += 1
    lh = None
    if i < len(nodes) and _is_lit(nodes[i], "/"):
        if i + 1 >= len(nodes):
            return None
        lh = _line_height(nodes[i + 1])
        if lh is None:
            return None
        i += 2
    fam = _font_family_list(list(nodes[i:]))
    if fam is None:
        return None
    out: Expansion = {}
    for k in _FONT_KEYS:
        out[k] = (got[k], False) if k in got else (_INITIAL[k], True)
    out["font-size"] = (size, False)
    out["line-height"] = (lh, False) if lh is not None else ("normal", True)
    out["font-family"] = (fam, False)
    return out


def _ser_font(d: dict[str, Decl]) -> str | None:
    for k in ("font-variant-ligatures", "font-variant-numeric", "font-variant-east-asian",
              "font-variant-alternates", "font-variant-position", "font-variant-emoji", "font-feature-settings",
              "font-variation-settings", "font-language-override"):
        if d[k].value != "normal":
            return None
    if d["font-optical-sizing"].value != "auto" or d["font-size-adjust"].value != "none" or \
            d["font-kerning"].value != "auto":
        return None
    caps = d["font-variant-caps"].value
    if caps not in ("normal", "small-caps"):
        return None
    stretch = d["font-stretch"].value
    if stretch not in _FONT_STRETCH_KW.split():
        return None
    parts = []
    for k in ("font-style", "font-variant-caps", "font-weight", "font-stretch"):
        if d[k].value != "normal":
            parts.append(d[k].value)
    size = d["font-size"].value
    if d["line-height"].value != "normal":
        size += " / " + d["line-height"].value
    parts.append(size)
    parts.append(d["font-family"].value)
    return " ".join(parts)


_FONT_VARIANT_KEYS = ("font-variant-ligatures", "font-variant-caps", "font-variant-alternates",
                      "font-variant-numeric", "font-variant-east-asian", "font-variant-position",
                      "font-variant-emoji")


def _parse_font_variant(nodes: list[Node]) -> Expansion | None:
    if len(nodes) == 1 and _ident(nodes[0]) in ("normal", "none"):
        v = str(_ident(nodes[0]))
        out: Expansion = {k: ("normal", False) for k in _FONT_VARIANT_KEYS}
        out["font-variant-ligatures"] = (v, False)
        return out
    got: dict[str, list[Node]] = {}
    for n in nodes:
        for k in _FONT_VARIANT_KEYS:
            if _LONGHAND[k]([n]) is not None and _ident(n) != "normal":
                got.setdefault(k, []).append(n)
                break
        else:
            return None
    res: Expansion = {}
    for k in _FONT_VARIANT_KEYS:
        if k in got:
            v2 = _LONGHAND[k](got[k])
            if v2 is None:
                return None
            res[k] = (v2, False)
        else:
            res[k] = ("normal", True)
    return res


def _ser_font_variant(d: dict[str, Decl]) -> str | None:
    vals = [d[k].value for k in _FONT_VARIANT_KEYS]
    if all(v == "normal" for v in vals):
        return "normal"
    if vals[0] == "none" and all(v == "normal" for v in vals[1:]):
        return "none"
    if vals[0] == "none":
        return None
    return " ".join(v for v in vals if v != "normal")


def _parse_border_image(nodes: list[Node]) -> Expansion | None:
    keys = ("border-image-source", "border-image-slice", "border-image-width", "border-image-outset",
            "border-image-repeat")
    got: dict[str, str] = {}
    i = 0
    while i < len(nodes):
        n = nodes[i]
        if "border-image-source" not in got:
            img = _image(n)
            if img is not None:
                got["border-image-source"] = img
                i += 1
                continue
        if "border-image-repeat" not in got:
            for j in (i + 2, i + 1):
                if j <= len(nodes):
                    r = _border_image_repeat(nodes[i:j])
                    if r is not None:
                        got["border-image-repeat"] = r
                        i = j
                        break
            if "border-image-repeat" in got and i > 0 and i == j:
                continue
        if "border-image-slice" not in got:
            j = i
            while j < len(nodes) and not _is_lit(nodes[j], "/") and (
                    nodes[j].type in ("number", "percentage") or _ident(nodes[j]) == "fill"):
                j += 1
            if j > i:
                s = _border_image_slice(nodes[i:j])
                if s is None:
                    return None
                got["border-image-slice"] = s
                i = j
                for key in ("border-image-width", "border-image-outset"):
                    if i < len(nodes) and _is_lit(nodes[i], "/"):
                        k2 = i + 1
                        while k2 < len(nodes) and not _is_lit(nodes[k2], "/") and _ident(nodes[k2]) not in (
                                "stretch", "repeat", "round", "space") and nodes[k2].type != "url":
                            k2 += 1
                        if k2 > i + 1:
                            fn = _border_image_width if key == "border-image-width" else _border_image_outset
                            w = fn(nodes[i + 1: k2])
                            if w is None:
                                return None
                            got[key] = w
                        i = k2
                continue
        return None
    if not got:
        return None
    return {k: (got[k], False) if k in got else (_INITIAL[k], True) for k in keys}


def _ser_border_image(d: dict[str, Decl]) -> str | None:
    keys = ("border-image-source", "border-image-slice", "border-image-width", "border-image-outset",
            "border-image-repeat")
    vals = [d[k].value for k in keys]
    if all(v == _INITIAL[k] for v, k in zip(vals[1:], keys[1:])):
        return vals[0]
    return f"{vals[0]} {vals[1]} / {vals[2]} / {vals[3]} {vals[4]}"


def _parse_background_position(nodes: list[Node]) -> Expansion | None:
    xs, ys = [], []
    for part in _split_commas(nodes):
        p = _position(part)
        if p is None:
            return None
        xs.append(p[0])
        ys.append(p[1])
    return {"background-position-x": (", ".join(xs), False), "background-position-y": (", ".join(ys), False)}


def _ser_background_position(d: dict[str, Decl]) -> str | None:
    xs = _split_top_commas(d["background-position-x"].value)
    ys = _split_top_commas(d["background-position-y"].value)
    if len(xs) != len(ys):
        return None
    return ", ".join(x + " " + y for x, y in zip(xs, ys))


def _parse_marker(nodes: list[Node]) -> Expansion | None:
    if len(nodes) != 1:
        return None
    v = "none" if _ident(nodes[0]) == "none" else _url_or_image(nodes[0])
    if v is None:
        return None
    return {"marker-start": (v, False), "marker-mid": (v, False), "marker-end": (v, False)}


def _ser_marker(d: dict[str, Decl]) -> str | None:
    vals = {d[k].value for k in ("marker-start", "marker-mid", "marker-end")}
    return vals.pop() if len(vals) == 1 else None


def _parse_font_synthesis(nodes: list[Node]) -> Expansion | None:
    ws = [_ident(n) for n in nodes]
    keys = {"weight": "font-synthesis-weight", "style": "font-synthesis-style",
            "small-caps": "font-synthesis-small-caps"}
    if ws == ["none"]:
        return {k: ("none", False) for k in keys.values()}
    if not ws or any(w not in keys for w in ws) or len(set(ws)) != len(ws):
        return None
    return {k: ("auto" if w in ws else "none", False) for w, k in keys.items()}


def _ser_font_synthesis(d: dict[str, Decl]) -> str | None:
    keys = (("weight", "font-synthesis-weight"), ("style", "font-synthesis-style"),
            ("small-caps", "font-synthesis-small-caps"))
    parts = [w for w, k in keys if d[k].value == "auto"]
    return " ".join(parts) if parts else "none"


def _parse_grid_template(nodes: list[Node]) -> Expansion | None:
    if len(nodes) == 1 and _ident(nodes[0]) == "none":
        return {"grid-template-rows": ("none", False), "grid-template-columns": ("none", False),
                "grid-template-areas": ("none", False)}
    slash = [i for i, n in enumerate(nodes) if _is_lit(n, "/")]
    if len(slash) > 1:
        return None
    if any(n.type == "string" for n in nodes):
        # [ <string> <track-size>? ]+ [ / <explicit-track-list> ]?
        head = nodes[: slash[0]] if slash else nodes
        areas: list[str] = []
        sizes: list[str] = []
        i = 0
        while i < len(head):
            if head[i].type != "string":
                return None
            areas.append(_ser_string(" ".join(head[i].value.split())))
            i += 1
            if i < len(head) and head[i].type != "string":
                size = _grid_tracks([head[i]])
                if size is None or head[i].type == "[] block":
                    return None
                sizes.append(size)
                i += 1
            else:
                sizes.append("auto")
        cols = "none"
        if slash:
            col_nodes = nodes[slash[0] + 1:]
            if not col_nodes:
                return None
            cols = _grid_tracks(col_nodes) or "none"
        return {"grid-template-rows": (" ".join(sizes), False), "grid-template-columns": (cols, False),
                "grid-template-areas": (" ".join(areas), False)}
    if len(slash) != 1:
        return None
    row_nodes, col_nodes2 = nodes[: slash[0]], nodes[slash[0] + 1:]
    if not row_nodes or not col_nodes2:
        return None
    r = _gen_list(row_nodes, False)
    c = _gen_list(col_nodes2, False)
    return {"grid-template-rows": (r, False), "grid-template-columns": (c, False),
            "grid-template-areas": ("none", True)}


def _ser_grid_template(d: dict[str, Decl]) -> str | None:
    r, c, a = d["grid-template-rows"].value, d["grid-template-columns"].value, d["grid-template-areas"].value
    if a != "none":
        areas = re.findall(r'"(?:[^"\\]|\\.)*"', a)
        rows = _split_top_spaces(r) if r != "none" else []
        if r == "none":
            rows = ["auto"] * len(areas)
        if len(rows) != len(areas) or any(x.startswith(("[", "repeat(")) for x in rows):
            return None
        parts = [ar + ("" if row == "auto" else " " + row) for ar, row in zip(areas, rows)]
        return " ".join(parts) + ("" if c == "none" else " / " + c)
    if r == "none" and c == "none":
        return "none"
    return r + " / " + c


def _parse_contain_intrinsic_size(nodes: list[Node]) -> Expansion | None:
    groups: list[list[Node]] = []
    i = 0
    while i < len(nodes):
        if _ident(nodes[i]) == "auto" and i + 1 < len(nodes):
            groups.append(nodes[i: i + 2])
            i += 2
        else:
            groups.append(nodes[i: i + 1])
            i += 1
    if not 1 <= len(groups) <= 2:
        return None
    vals = [_contain_intrinsic(g) for g in groups]
    if any(v is None for v in vals):
        return None
    w = vals[0] or ""
    h = vals[1] if len(vals) > 1 else w
    return {"contain-intrinsic-width": (w, False), "contain-intrinsic-height": (h or "", False)}


def _register_special_shorthands() -> None:
    _SHORTHAND_PARSE["border"] = _parse_border
    _SHORTHAND_SER["border"] = _ser_border
    _SHORTHAND_PARSE["border-radius"] = _parse_border_radius
    _SHORTHAND_SER["border-radius"] = _ser_border_radius
    _SHORTHAND_PARSE["flex"] = _parse_flex
    _SHORTHAND_SER["flex"] = _ser_flex
    _SHORTHAND_PARSE["flex-flow"] = _parse_flex_flow
    _SHORTHAND_SER["flex-flow"] = _ser_flex_flow
    _SHORTHAND_PARSE["list-style"] = _parse_list_style
    _SHORTHAND_SER["list-style"] = _ser_list_style
    _SHORTHAND_PARSE["columns"] = _parse_columns
    _SHORTHAND_SER["columns"] = _ser_columns
    _SHORTHAND_PARSE["white-space"] = _parse_white_space
    _SHORTHAND_SER["white-space"] = _ser_white_space
    _SHORTHAND_PARSE["text-wrap"] = _parse_text_wrap
    _SHORTHAND_SER["text-wrap"] = _ser_text_wrap
    _SHORTHAND_PARSE["container"] = _parse_container
    _SHORTHAND_SER["container"] = _ser_container
    for name, a, b in (("grid-row", "grid-row-start", "grid-row-end"),
                       ("grid-column", "grid-column-start", "grid-column-end")):
        _SHORTHAND_PARSE[name] = _parse_grid_line_pair(a, b)
        _SHORTHAND_SER[name] = _ser_grid_line_pair(a, b)
    _SHORTHAND_PARSE["grid-area"] = _parse_grid_area
    _SHORTHAND_SER["grid-area"] = _ser_grid_area
    _SHORTHAND_PARSE["transition"] = _parse_transition
    _SHORTHAND_SER["transition"] = _ser_transition
    _SHORTHAND_PARSE["animation"] = _parse_animation
    _SHORTHAND_SER["animation"] = _ser_animation
    _SHORTHAND_PARSE["background"] = _parse_background
    _SHORTHAND_SER["background"] = _ser_background
    _SHORTHAND_PARSE["mask"] = _parse_mask
    _SHORTHAND_SER["mask"] = _ser_mask
    _SHORTHAND_PARSE["background-position"] = _parse_background_position
    _SHORTHAND_SER["background-position"] = _ser_background_position
    _SHORTHAND_PARSE["font"] = _parse_font
    _SHORTHAND_SER["font"] = _ser_font
    _SHORTHAND_PARSE["font-variant"] = _parse_font_variant
    _SHORTHAND_SER["font-variant"] = _ser_font_variant
    _SHORTHAND_PARSE["border-image"] = _parse_border_image
    _SHORTHAND_SER["border-image"] = _ser_border_image
    _SHORTHAND_PARSE["marker"] = _parse_marker
    _SHORTHAND_SER["marker"] = _ser_marker
    _SHORTHAND_PARSE["font-synthesis"] = _parse_font_synthesis
    _SHORTHAND_SER["font-synthesis"] = _ser_font_synthesis
    _SHORTHAND_PARSE["contain-intrinsic-size"] = _parse_contain_intrinsic_size
    _SHORTHAND_PARSE["grid-template"] = _parse_grid_template
    _SHORTHAND_SER["grid-template"] = _ser_grid_template


# ---------------------------------------------------------------------------------------------------------------
# Declaration blocks.

_VAR_RE = re.compile(r"var\(\s*--", re.IGNORECASE)


def _valid_var_refs(nodes: Iterable[Node]) -> bool:
    stack = list(nodes)
    while stack:
        n = stack.pop()
        if n.type == "function":
            if n.lower_name == "var":
                args = [a for a in n.arguments if a.type not in ("whitespace", "comment")]
                if not args or args[0].type != "ident" or not args[0].value.startswith("--"):
                    return False
                if len(args) > 1 and not _is_lit(args[1], ","):
                    return False
            stack.extend(n.arguments)
        elif n.type in ("() block", "[] block", "{} block"):
            stack.extend(n.content)
    return True


def _value_nodes_ok(nodes: Iterable[Node]) -> bool:
    """False for values holding tokens no property accepts (bad strings/urls, stray brackets, '{}' blocks...)."""
    for n in nodes:
        if n.type in ("error", "{} block"):
            return False
        if n.type == "literal" and n.value in (";", "}", ")", "]", "!"):
            return False
    return True


_EXPAND_CACHE: dict[tuple[str, str, bool, str], tuple[Decl, ...] | None] = {}


def _expand_cached(name: str, value_nodes: list[Node], important: bool, context: str) -> Sequence[Decl] | None:
    """_expand memoised on the declaration's source text (Decl objects are never mutated once built)."""
    key = (name, _raw(value_nodes), important, context)
    try:
        return _EXPAND_CACHE[key]
    except KeyError:
        pass
    exp = _expand(name, list(value_nodes), important, context)
    if len(_EXPAND_CACHE) > 50000:
        _EXPAND_CACHE.clear()
    res = _EXPAND_CACHE[key] = tuple(exp) if exp else None
    return res


def _expand(name: str, value_nodes: list[Node], important: bool, context: str) -> list[Decl] | None:
    """Parse one declaration into Chromium's longhands (None when Chromium drops it)."""
    if name.startswith("--"):
        if name == "--":
            return None
        text = _raw(value_nodes).strip(" \t\n\r\f")
        if any(n.type == "error" for n in value_nodes):
            return None
        return [Decl(name, text, important)]
    lname = name.lower()
    if context == "font-face":
        return _expand_descriptor(lname, value_nodes, important)
    canon = _canonical_name(lname)
    if canon is None:
        if context == "page" and lname in ("size", "page-orientation"):
            canon = lname
        else:
            return None
    _, shorts, _, _ = _tables()
    sig = _sig(value_nodes)
    if not sig or not _value_nodes_ok(sig):
        return None
    if _has_var(sig):
        if not _valid_var_refs(sig):
            return None
        text = _raw(value_nodes).strip(" \t\n\r\f")
        if canon in shorts:
            return [Decl(lh, text, important, False, canon) for lh in shorts[canon]]
        d = Decl(canon, text, important)
        d.unparsed = True
        return [d]
    if len(sig) == 1 and sig[0].type == "ident" and sig[0].lower_value in _WIDE_KEYWORDS:
        kw = str(sig[0].lower_value)
        if canon == "all":
            return [Decl("all", kw, important)]
        if canon in shorts:
            return [Decl(lh, kw, important) for lh in shorts[canon]]
        return [Decl(canon, kw, important)]
    if canon == "all":
        return None
    if canon == "font" and len(sig) == 1 and _ident(sig[0]) in _SYSTEM_FONTS:
        return [Decl(lh, str(_ident(sig[0])), important, False, "font") for lh in shorts["font"]]
    if canon in shorts:
        special = _special_alias_parse(lname, sig)
        exp: Expansion | None
        if special is not None:
            exp = special
        else:
            parser = _SHORTHAND_PARSE.get(canon)
            if parser is None:
                return _generic_shorthand(canon, sig, important)
            exp = parser(sig)
        if exp is None:
            return None
        decls = []
        greedy = canon in _GREEDY
        for lh in _EXPANSION_ORDER.get(canon) or shorts[canon]:
            val, imp = exp[lh]
            if imp and greedy:
                val = "initial"
            d = Decl(lh, val, important, imp)
            flags = exp.get(lh + "\x00")
            if flags is not None:
                d.flags = flags[0]
            decls.append(d)
        return decls
    value = _parse_longhand_value(canon, lname, sig)
    if value is None:
        return None
    return [Decl(canon, value, important)]


def _special_alias_parse(lname: str, sig: list[Node]) -> Expansion | None:
    if lname == "-webkit-border-radius":
        return _parse_border_radius(sig, webkit=True)
    return None


def _parse_longhand_value(canon: str, lname: str, sig: list[Node]) -> str | None:
    if lname in ("page-break-after", "page-break-before", "-webkit-column-break-after",
                 "-webkit-column-break-before"):
        v = _ident(sig[0]) if len(sig) == 1 else None
        mapping = {"auto": "auto", "always": "page" if lname.startswith("page") else "column", "avoid":
                   "avoid" if lname.startswith("page") else "avoid-column", "left": "left", "right": "right"}
        if v not in mapping or (not lname.startswith("page") and v in ("left", "right")):
            return None
        return mapping[v]
    if lname in ("page-break-inside", "-webkit-column-break-inside"):
        v = _ident(sig[0]) if len(sig) == 1 else None
        if v == "auto":
            return "auto"
        if v == "avoid":
            return "avoid" if lname.startswith("page") else "avoid-column"
        return None
    if lname == "-webkit-perspective" and len(sig) == 1 and sig[0].type == "number":
        return _fmt(sig[0].value) + "px" if sig[0].value >= 0 else None
    parser = _LONGHAND.get(canon)
    if parser is None:
        parser = _generic_longhand(canon)
        _LONGHAND[canon] = parser
    return parser(sig)


def _generic_shorthand(canon: str, sig: list[Node], important: bool) -> list[Decl] | None:
    # A shorthand we do not model: keep the normalised text on every longhand as a pending value, so the
    # shorthand serialises back to it and nothing is lost.
    _, shorts, _, _ = _tables()
    text = _gen_list(sig)
    return [Decl(lh, text, important, False, canon) for lh in shorts[canon]]


# Shorthands whose omitted longhands Chromium sets to an implicit 'initial' (ConsumeShorthandGreedilyViaLonghands).
_GREEDY = frozenset(("outline", "text-decoration", "list-style", "background", "border-block-start",
                     "border-block-end", "border-inline-start", "border-inline-end", "mask"))

_EXPANSION_ORDER: dict[str, tuple[str, ...]] = {
    "border": tuple(f"border-{side}-{kind}" for kind in ("width", "style", "color")
                    for side in ("top", "right", "bottom", "left"))
    + ("border-image-source", "border-image-slice", "border-image-width", "border-image-outset",
       "border-image-repeat"),
    "font": ("font-style", "font-variant-caps", "font-variant-ligatures", "font-variant-numeric",
             "font-variant-east-asian", "font-variant-alternates", "font-size-adjust", "font-language-override",
             "font-kerning", "font-optical-sizing", "font-feature-settings", "font-variation-settings",
             "font-variant-position", "font-variant-emoji", "font-weight", "font-stretch", "font-size",
             "line-height", "font-family"),
    "transition": ("transition-behavior", "transition-duration", "transition-timing-function", "transition-delay",
                   "transition-property"),
    "border-block": ("border-block-start-width", "border-block-end-width", "border-block-start-style",
                     "border-block-end-style", "border-block-start-color", "border-block-end-color"),
    "border-inline": ("border-inline-start-width", "border-inline-end-width", "border-inline-start-style",
                      "border-inline-end-style", "border-inline-start-color", "border-inline-end-color"),
    "grid": ("grid-template-rows", "grid-template-columns", "grid-template-areas", "grid-auto-flow",
             "grid-auto-columns", "grid-auto-rows"),
}

_FONT_FACE_DESCRIPTORS = frozenset(
    _words("font-family src font-style font-weight font-stretch font-display unicode-range font-feature-settings "
    "font-variation-settings size-adjust ascent-override descent-override line-gap-override font-variant "
    "font-named-instance")
)


def _expand_descriptor(lname: str, value_nodes: list[Node], important: bool) -> list[Decl] | None:
    if lname not in _FONT_FACE_DESCRIPTORS or important:
        return None
    sig = _sig(value_nodes)
    if not sig or not _value_nodes_ok(sig):
        return None
    if lname == "font-family":
        v = _font_family_list(sig)
        if v is None or "," in v:
            return None
        if v in _GENERIC_FAMILIES:
            return None
    elif lname == "src":
        v = _font_src(sig)
    elif lname == "unicode-range":
        v = _unicode_ranges(sig)
    elif lname in ("font-weight", "font-stretch") and len(sig) == 2:
        a = _LONGHAND[lname]([sig[0]])
        b = _LONGHAND[lname]([sig[1]])
        v = None if a is None or b is None else a + " " + b
    elif lname in ("font-weight", "font-stretch", "font-style", "font-feature-settings"):
        v = _LONGHAND[lname](sig) if lname != "font-style" else _font_style(sig)
    elif lname == "font-display":
        v = _ident(sig[0]) if len(sig) == 1 and _ident(sig[0]) in ("auto", "block", "swap", "fallback",
                                                                   "optional") else None
    else:
        v = _gen_list(sig)
    if v is None:
        return None
    return [Decl(lname, v, False)]


def _font_src(sig: list[Node]) -> str | None:
    out = []
    for part in _split_commas(sig):
        if not part:
            return None
        first = part[0]
        if first.type == "function" and first.lower_name == "local":
            a = _sig(first.arguments)
            if len(a) == 1 and a[0].type == "string":
                out.append("local(" + _ser_string(a[0].value) + ")")
            elif a and all(x.type == "ident" for x in a):
                out.append("local(" + _ser_string(" ".join(x.value for x in a)) + ")")
            else:
                return None
            if len(part) > 1:
                return None
            continue
        url = _url_or_image(first)
        if url is None or not url.startswith("url("):
            return None
        items = [url]
        for x in part[1:]:
            if x.type == "function" and x.lower_name in ("format", "tech"):
                a = _sig(x.arguments)
                if x.lower_name == "format":
                    if len(a) != 1 or a[0].type not in ("string", "ident"):
                        return None
                    fmt = a[0].value if a[0].type == "string" else str(a[0].lower_value)
                    known = ("woff2", "woff", "truetype", "opentype", "collection")
                    if fmt not in known:
                        items = []
                        break
                    items.append("format(" + _ser_string(fmt) + ")")
                else:
                    items.append("tech(" + _gen_list(x.arguments) + ")")
            else:
                return None
        if items:
            out.append(" ".join(items))
    return ", ".join(out) if out else None


def _unicode_ranges(sig: list[Node]) -> str | None:
    out = []
    for part in _split_commas(sig):
        if len(part) != 1 or part[0].type != "unicode-range":
            return None
        ur = part[0]
        if ur.start == ur.end:
            out.append(f"U+{ur.start:X}")
        else:
            out.append(f"U+{ur.start:X}-{ur.end:X}")
    return ", ".join(out)


def _filter_decls(parsed: list[Decl]) -> list[Decl]:
    """Chromium's CreateCSSPropertyValueSet: last declaration wins, !important beats normal, important last
    (two or fewer longhands keep their order)."""
    if len(parsed) < 2 or (len(parsed) == 2 and parsed[0].name != parsed[1].name):
        return list(parsed)
    seen: set[str] = set()
    important: list[Decl] = []
    normal: list[Decl] = []
    for want in (True, False):
        out = important if want else normal
        for d in reversed(parsed):
            if d.important != want or d.name in seen:
                continue
            seen.add(d.name)
            out.append(d)
    normal.reverse()
    important.reverse()
    return normal + important


def _decl_text(name: str, value: str, important: bool) -> str:
    return name + ": " + value + (" !important" if important else "") + ";"


def _serialize_decls(decls: Sequence[Decl]) -> str:
    """Chromium's StylePropertySerializer::AsText: longhands folded back into shorthands where possible."""
    _, shorts, _, matching = _tables()
    by_name = {d.name: d for d in decls}
    done: set[str] = set()
    tried: set[str] = set()
    out: list[str] = []
    for d in decls:
        name = d.name
        if name.startswith("--") or name not in matching:
            out.append(_decl_text(name, d.text(), d.important))
            continue
        if name in done:
            continue
        emitted = False
        for sh in matching[name]:
            if sh in tried:
                continue
            tried.add(sh)
            longs = shorts[sh]
            if any(lh in done for lh in longs):
                continue
            text = _serialize_shorthand(sh, longs, by_name)
            if not text:
                continue
            out.append(_decl_text(sh, text, d.important))
            done.update(longs)
            emitted = True
            break
        if not emitted:
            out.append(_decl_text(name, d.text(), d.important))
    return " ".join(out)


def _serialize_shorthand(sh: str, longs: tuple[str, ...], by_name: dict[str, Decl]) -> str | None:
    vals: dict[str, Decl] = {}
    imp = None
    for lh in longs:
        d = by_name.get(lh)
        if d is None:
            return None
        if imp is None:
            imp = d.important
        elif d.important != imp:
            return None
        vals[lh] = d
    first = vals[longs[0]]
    # var() in a shorthand: every longhand holds the same pending value.
    pend = {(v.pending, v.value) for v in vals.values()}
    if first.pending is not None or any(v.pending is not None for v in vals.values()):
        if len(pend) == 1 and first.pending == sh:
            return first.value
        return None
    if any(v.unparsed for v in vals.values()):
        return None
    kws = {v.value for v in vals.values() if v.value in _WIDE_KEYWORDS}
    if len(kws) == 1 and all(v.value in _WIDE_KEYWORDS for v in vals.values()):
        return kws.pop()
    # An explicit CSS-wide keyword on some longhands only: no shorthand. Implicit 'initial' values (left by a
    # shorthand that omitted them) go to the serializer, as in Chromium.
    if any(v.value in _WIDE_KEYWORDS and not v.implicit for v in vals.values()):
        return None
    ser = _SHORTHAND_SER.get(sh)
    if ser is None:
        return None
    return ser(vals)


def _parse_decl_nodes(items: Iterable[Node], context: str) -> list[Decl]:
    parsed: list[Decl] = []
    for item in items:
        if item.type != "declaration":
            continue
        if context == "keyframe" and item.important:
            continue
        exp = _expand_cached(item.name, item.value, item.important, context)
        if exp and exp[0].name == "all":
            # 'all' resets every longhand but custom properties, direction and unicode-bidi.
            keep = ("direction", "unicode-bidi")
            parsed = [d for d in parsed if d.name.startswith("--") or d.name in keep or
                      (d.important and not exp[0].important)]
        if exp:
            if context == "keyframe":
                exp = [d for d in exp if not d.name.startswith("animation-") or
                       d.name == "animation-timing-function" or d.name == "animation-composition"]
            parsed.extend(exp)
    return _filter_decls(parsed)


def _parse_decl_text(text: str, context: str) -> list[Decl]:
    items = tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)
    return _parse_decl_nodes(items, context)


def _set_property(decls: list[Decl], name: str, value: str, priority: str, context: str,
                  base: str | None = None) -> list[Decl] | None:
    """CSSStyleDeclaration.setProperty on a copy of decls; None when nothing changes."""
    prio = priority.lower()
    if prio not in ("", "important"):
        return None
    if not name.startswith("--"):
        name = name.lower()
    if value.strip(" \t\n\r\f") == "":
        return _remove_property(decls, name)
    nodes = list(tinycss2.parse_component_value_list(value, skip_comments=True))
    if any(n.type == "literal" and n.value in (";", "!") for n in nodes) and not name.startswith("--"):
        return None
    if name.startswith("--") and any(_is_lit(n, ";") for n in nodes):
        return None
    exp = _expand(name, nodes, prio == "important", context)
    if not exp:
        return None
    if base:
        exp = _decls_with_base(exp, base)
    out = list(decls)
    index = {d.name: i for i, d in enumerate(out)}
    if all(d.name in index and out[index[d.name]].same(d) for d in exp):
        return None
    for d in exp:
        i = index.get(d.name)
        if i is None:
            index[d.name] = len(out)
            out.append(d)
        else:
            out[i] = d
    return out


def _remove_property(decls: list[Decl], name: str) -> list[Decl] | None:
    if not name.startswith("--"):
        name = name.lower()
        canon = _canonical_name(name)
        if canon is None:
            if not any(d.name == name for d in decls):
                return None
            canon = name
        _, shorts, _, _ = _tables()
        names = set(shorts.get(canon, (canon,)))
    else:
        names = {name}
    out = [d for d in decls if d.name not in names]
    return out if len(out) != len(decls) else None

# ---------------------------------------------------------------------------------------------------------------
# Selectors.

_PSEUDO_CLASSES = frozenset(
    _words("""active any-link autofill checked default defined dir disabled empty enabled first first-child
    first-of-type focus focus-visible focus-within fullscreen future has host host-context hover in-range
    indeterminate invalid is lang last-child last-of-type left link modal not nth-child nth-last-child
    nth-last-of-type nth-of-type only-child only-of-type open optional out-of-range past paused picture-in-picture
    placeholder-shown playing popover-open read-only read-write required right root scope state target
    target-current user-invalid user-valid valid visited where xr-overlay muted volume-locked
    buffering stalled seeking closed current -webkit-any-link -webkit-autofill -internal-autofill-previewed
    -webkit-drag -webkit-full-screen -webkit-full-screen-ancestor -webkit-full-page-media -webkit-animating-full-screen-transition
    horizontal vertical decrement increment start end double-button single-button no-button corner-present
    window-inactive has-slotted active-view-transition active-view-transition-type interest-source interest-target
    heading""")
)
_PSEUDO_CLASS_FUNCS = frozenset(
    _words("not is where has host host-context lang dir nth-child nth-last-child nth-of-type nth-last-of-type state "
    "active-view-transition-type -webkit-any heading")
)
_PSEUDO_ELEMENTS = frozenset(
    _words("""cue after before first-letter first-line marker placeholder selection backdrop file-selector-button
    grammar-error spelling-error target-text search-text view-transition view-transition-group
    view-transition-image-pair view-transition-old view-transition-new column scroll-marker scroll-marker-group
    scroll-button details-content checkmark picker-icon picker interest-hint
    -webkit-scrollbar -webkit-scrollbar-button -webkit-scrollbar-corner -webkit-scrollbar-thumb
    -webkit-scrollbar-track -webkit-scrollbar-track-piece -webkit-resizer -webkit-input-placeholder
    -webkit-file-upload-button -webkit-search-cancel-button -webkit-search-decoration -webkit-search-results-button
    -webkit-search-results-decoration -webkit-inner-spin-button -webkit-outer-spin-button -webkit-slider-thumb
    -webkit-slider-runnable-track -webkit-details-marker -webkit-calendar-picker-indicator
    -webkit-datetime-edit -webkit-datetime-edit-fields-wrapper -webkit-datetime-edit-text
    -webkit-datetime-edit-month-field -webkit-datetime-edit-day-field -webkit-datetime-edit-year-field
    -webkit-datetime-edit-hour-field -webkit-datetime-edit-minute-field -webkit-datetime-edit-second-field
    -webkit-datetime-edit-ampm-field -webkit-datetime-edit-millisecond-field -webkit-datetime-edit-week-field
    -webkit-clear-button -webkit-color-swatch -webkit-color-swatch-wrapper -webkit-meter-bar
    -webkit-meter-optimum-value -webkit-meter-suboptimum-value -webkit-meter-even-less-good-value
    -webkit-progress-bar -webkit-progress-value -webkit-progress-inner-element -webkit-media-controls
    -webkit-media-controls-panel -webkit-media-controls-play-button -webkit-media-controls-timeline
    -webkit-media-controls-current-time-display -webkit-media-controls-time-remaining-display
    -webkit-media-controls-mute-button -webkit-media-controls-volume-slider -webkit-media-controls-fullscreen-button
    -webkit-media-controls-enclosure -webkit-media-controls-overlay-play-button -webkit-media-text-track-container
    -webkit-textfield-decoration-container -webkit-list-button""")
)
_PSEUDO_ELEMENT_FUNCS = frozenset(_words("part slotted cue highlight view-transition-group view-transition-image-pair "
                                  "view-transition-old view-transition-new picker scroll-button"))
_LEGACY_PSEUDO_ELEMENTS = frozenset(("before", "after", "first-line", "first-letter"))
_SCROLLBAR_STATES = frozenset(
    _words("hover active horizontal vertical decrement increment start end double-button single-button no-button "
    "corner-present window-inactive enabled disabled")
)
_AFTER_ELEMENT_OK = frozenset(_words("hover focus active focus-visible focus-within"))


class _SelError(Exception):
    pass


def _ser_nth(nodes: list[Node]) -> str | None:
    try:
        ab = parse_nth(nodes)
    except (ValueError, TypeError, AttributeError):
        return None
    if ab is None:
        return None
    a, b = ab
    if a == 0:
        return str(b)
    ap = "n" if a == 1 else "-n" if a == -1 else f"{a}n"
    if b == 0:
        return ap
    return ap + (f"+{b}" if b > 0 else f"{b}")


def _ser_selector_list(nodes: Sequence[Node], nested: bool = False, namespaces: frozenset[str] = frozenset(),
                       forgiving: bool = False, relative: bool = False, inner: bool = False) -> str | None:
    parts = _split_commas(list(nodes))
    out: list[str] = []
    for p in parts:
        try:
            s = _ser_complex(p, nested, namespaces, relative)
            if inner and "::" in s and _has_pseudo_element(p):
                raise _SelError()
        except _SelError:
            if forgiving:
                continue
            return None
        out.append(s)
    if not out and not forgiving:
        return None
    return ", ".join(out)


def _has_pseudo_element(nodes: list[Node]) -> bool:
    """A '::' (or legacy ':before'-style pseudo-element) at the top level of a complex selector."""
    for k, n in enumerate(nodes):
        if _is_lit(n, ":") and k + 1 < len(nodes):
            nxt = nodes[k + 1]
            if _is_lit(nxt, ":") or (nxt.type == "ident" and nxt.lower_value in _LEGACY_PSEUDO_ELEMENTS):
                return True
    return False


def _ser_complex(nodes: list[Node], nested: bool, namespaces: frozenset[str], relative: bool) -> str:
    items = [n for n in nodes if n.type != "comment"]
    while items and items[0].type == "whitespace":
        items.pop(0)
    while items and items[-1].type == "whitespace":
        items.pop()
    if not items:
        raise _SelError()
    out: list[str] = []
    i = 0
    pending_comb: str | None = None
    first = True
    has_nesting = False
    leading_comb: str | None = None
    while i < len(items):
        n = items[i]
        if n.type == "whitespace":
            if pending_comb is None:
                pending_comb = " "
            i += 1
            continue
        if n.type == "literal" and n.value in (">", "+", "~"):
            if pending_comb not in (None, " "):
                raise _SelError()
            if first:
                if not (nested or relative):
                    raise _SelError()
                leading_comb = n.value
                pending_comb = None
                i += 1
                continue
            pending_comb = n.value
            i += 1
            continue
        # compound selector
        j = i
        while j < len(items) and items[j].type != "whitespace" and not (
                items[j].type == "literal" and items[j].value in (">", "+", "~")):
            j += 1
        comp, nest = _ser_compound(items[i:j], nested, namespaces)
        has_nesting = has_nesting or nest
        if not first:
            if pending_comb is None:
                raise _SelError()
            out.append(" " if pending_comb == " " else " " + pending_comb + " ")
        elif leading_comb is not None:
            out.append(leading_comb + " ")
        out.append(comp)
        pending_comb = None
        first = False
        i = j
    if pending_comb not in (None, " ") or first:
        raise _SelError()
    text = "".join(out)
    if nested and not has_nesting and not relative:
        text = "& " + text
    return text


def _ser_compound(items: list[Node], nested: bool, namespaces: frozenset[str]) -> tuple[str, bool]:
    out: list[str] = []
    i = 0
    n_items = len(items)
    type_sel: str | None = None
    has_nesting = False
    after_element = False
    element_kind = ""
    # namespace prefix / type selector
    if i < n_items:
        n = items[i]
        prefix = None
        if i + 1 < n_items and _is_lit(items[i + 1], "|") and (n.type == "ident" or _is_lit(n, "*")):
            prefix = "*" if _is_lit(n, "*") else n.value
            i += 2
        elif _is_lit(n, "|"):
            prefix = ""
            i += 1
        if prefix is not None:
            if prefix not in ("*", "") and prefix not in namespaces:
                raise _SelError()
            if i >= n_items:
                raise _SelError()
            n = items[i]
            if n.type == "ident":
                name = n.value.lower()
            elif _is_lit(n, "*"):
                name = "*"
            else:
                raise _SelError()
            i += 1
            type_sel = ("" if prefix == "*" else prefix + "|") + (_ser_ident(name) if name != "*" else "*")
        elif n.type == "ident":
            type_sel = _ser_ident(n.value.lower())
            i += 1
        elif _is_lit(n, "*"):
            type_sel = "*"
            i += 1
    subs: list[str] = []
    while i < n_items:
        n = items[i]
        if n.type == "hash":
            if not n.is_identifier or after_element:
                raise _SelError()
            subs.append("#" + _ser_ident(n.value))
            i += 1
        elif _is_lit(n, "."):
            if i + 1 >= n_items or items[i + 1].type != "ident" or after_element:
                raise _SelError()
            subs.append("." + _ser_ident(items[i + 1].value))
            i += 2
        elif n.type == "[] block":
            if after_element:
                raise _SelError()
            subs.append(_ser_attr(n.content, namespaces))
            i += 1
        elif _is_lit(n, "&"):
            subs.append("&")
            has_nesting = True
            i += 1
        elif _is_lit(n, ":"):
            if i + 1 < n_items and _is_lit(items[i + 1], ":"):
                if i + 2 >= n_items:
                    raise _SelError()
                el = items[i + 2]
                if after_element and element_kind not in ("part", "slotted"):
                    raise _SelError()
                subs.append("::" + _ser_pseudo_element(el, namespaces))
                element_kind = str(el.lower_value if el.type == "ident" else el.lower_name)
                after_element = True
                i += 3
                continue
            if i + 1 >= n_items:
                raise _SelError()
            pc = items[i + 1]
            if pc.type == "ident" and pc.lower_value in _LEGACY_PSEUDO_ELEMENTS:
                if after_element:
                    raise _SelError()
                subs.append("::" + str(pc.lower_value))
                element_kind = str(pc.lower_value)
                after_element = True
                i += 2
                continue
            if after_element:
                name = pc.lower_value if pc.type == "ident" else None
                if element_kind.startswith("-webkit-scrollbar") or element_kind == "-webkit-resizer":
                    if name not in _SCROLLBAR_STATES:
                        raise _SelError()
                elif element_kind in ("part", "slotted", "view-transition-group", "picker", "checkmark",
                                      "scroll-marker", "column"):
                    pass
                else:
                    raise _SelError()
            subs.append(":" + _ser_pseudo_class(pc, nested, namespaces))
            i += 2
        else:
            raise _SelError()
    if type_sel is None and not subs:
        raise _SelError()
    if type_sel == "*" and subs:
        type_sel = None
    if type_sel:
        out.append(type_sel)
    out.extend(subs)
    return "".join(out), has_nesting


def _ser_attr(content: list[Node], namespaces: frozenset[str]) -> str:
    items = [n for n in content if n.type not in ("whitespace", "comment")]
    if not items:
        raise _SelError()
    i = 0
    prefix = ""
    if len(items) > 2 and _is_lit(items[1], "|") and (items[0].type == "ident" or _is_lit(items[0], "*")):
        p = "*" if _is_lit(items[0], "*") else items[0].value
        if p != "*" and p not in namespaces:
            raise _SelError()
        prefix = p + "|"
        i = 2
    elif _is_lit(items[0], "|"):
        prefix = ""
        i = 1
    if i >= len(items) or items[i].type != "ident":
        raise _SelError()
    name = items[i].value.lower()
    i += 1
    if i == len(items):
        return "[" + prefix + _ser_ident(name) + "]"
    op = ""
    n = items[i]
    if _is_lit(n, "="):
        op = "="
        i += 1
    elif n.type == "literal" and n.value in ("~", "|", "^", "$", "*") and i + 1 < len(items) and \
            _is_lit(items[i + 1], "="):
        op = n.value + "="
        i += 2
    elif n.type == "literal" and n.value in ("~=", "|=", "^=", "$=", "*="):
        op = n.value
        i += 1
    else:
        raise _SelError()
    if i >= len(items) or items[i].type not in ("ident", "string"):
        raise _SelError()
    value = items[i].value
    i += 1
    flag = ""
    if i < len(items):
        f = _ident(items[i])
        if f != "i" or i + 1 != len(items):
            raise _SelError()
        flag = " " + f
    return "[" + prefix + _ser_ident(name) + op + _ser_string(value) + flag + "]"


def _ser_pseudo_element(n: Node, namespaces: frozenset[str]) -> str:
    if n.type == "ident":
        v = str(n.lower_value)
        if v in _PSEUDO_ELEMENTS:
            return v
        raise _SelError()
    if n.type == "function":
        name = str(n.lower_name)
        if name not in _PSEUDO_ELEMENT_FUNCS:
            raise _SelError()
        if name == "slotted":
            inner = _ser_selector_list(n.arguments, namespaces=namespaces)
            if inner is None or "," in inner:
                raise _SelError()
            return "slotted(" + inner + ")"
        return name + "(" + _gen_list(n.arguments, lower=False) + ")"
    raise _SelError()


def _ser_pseudo_class(n: Node, nested: bool, namespaces: frozenset[str]) -> str:
    if n.type == "ident":
        v = str(n.lower_value)
        if v in _PSEUDO_CLASSES and v not in ("not", "is", "where", "has", "nth-child", "lang", "dir"):
            return v
        if v in ("host",):
            return v
        raise _SelError()
    if n.type != "function":
        raise _SelError()
    name = str(n.lower_name)
    args = list(n.arguments)
    if name not in _PSEUDO_CLASS_FUNCS:
        raise _SelError()
    if name in ("is", "where"):
        inner = _ser_selector_list(args, nested=False, namespaces=namespaces, forgiving=True, inner=True)
        return name + "(" + (inner or "") + ")"
    if name == "not":
        inner = _ser_selector_list(args, namespaces=namespaces, inner=True)
        if inner is None:
            raise _SelError()
        return "not(" + inner + ")"
    if name == "has":
        inner = _ser_selector_list(args, namespaces=namespaces, relative=True, inner=True)
        if inner is None:
            raise _SelError()
        return "has(" + inner + ")"
    if name in ("host", "host-context"):
        inner = _ser_selector_list(args, namespaces=namespaces)
        if inner is None:
            raise _SelError()
        return name + "(" + inner + ")"
    if name.startswith("nth-"):
        sig = [a for a in args if a.type != "comment"]
        of_index = next((k for k, a in enumerate(sig) if _ident(a) == "of"), None)
        if of_index is not None:
            if name not in ("nth-child", "nth-last-child"):
                raise _SelError()
            nth = _ser_nth(sig[:of_index])
            sel = _ser_selector_list(sig[of_index + 1:], namespaces=namespaces)
            if nth is None or sel is None:
                raise _SelError()
            return name + "(" + nth + " of " + sel + ")"
        nth = _ser_nth(sig)
        if nth is None:
            raise _SelError()
        return name + "(" + nth + ")"
    if name == "lang":
        sig = _sig(args)
        if len(sig) != 1 or sig[0].type != "ident":
            raise _SelError()
    inner_text = _gen_list(args, lower=False)
    if not inner_text:
        raise _SelError()
    return name + "(" + inner_text + ")"


# ---------------------------------------------------------------------------------------------------------------
# Media queries and other preludes.


def _ser_media_list(nodes: Sequence[Node]) -> str:
    parts = _split_commas([n for n in nodes if n.type != "comment"])
    if len(parts) == 1 and not _sig(parts[0]):
        return ""
    return ", ".join(_ser_media_query(_sig(p)) for p in parts)


def _ser_media_query(items: list[Node]) -> str:
    if not items:
        return "not all"
    out: list[str] = []
    expect_cond = True
    i = 0
    words = 0
    while i < len(items):
        n = items[i]
        if n.type == "ident":
            v = str(n.lower_value)
            if v in ("and", "or"):
                if expect_cond:
                    return "not all"
                out.append(v)
                expect_cond = True
            elif v in ("not", "only") and i == 0 or v == "not" and expect_cond:
                out.append(v)
            elif expect_cond and words == 0 and not any(x.startswith("(") for x in out):
                if v in ("and", "or", "not", "only", "layer"):
                    return "not all"
                out.append(v)
                expect_cond = False
                words += 1
            else:
                return "not all"
        elif n.type == "() block":
            if not expect_cond and out:
                return "not all"
            feat = _ser_media_feature(n)
            if feat is None:
                return "not all"
            out.append(feat)
            expect_cond = False
        else:
            return "not all"
        i += 1
    if expect_cond:
        return "not all"
    return " ".join(out)


def _ser_media_value(nodes: list[Node]) -> str:
    parts: list[str] = []
    k = 0
    while k < len(nodes):
        n = nodes[k]
        if _is_lit(n, "/"):
            parts.append("/")
        elif n.type == "number":
            parts.append(_fmt(n.value))
        else:
            parts.append(_gen(n))
        k += 1
    return " ".join(parts)


def _ser_media_feature(block: Node) -> str | None:
    items = _sig(block.content)
    if not items:
        return None
    if items[0].type == "() block" or _ident(items[0]) == "not":
        inner = _ser_media_condition(items)
        return None if inner is None else "(" + inner + ")"
    colon = next((k for k, x in enumerate(items) if _is_lit(x, ":")), None)
    if colon is not None:
        if colon != 1 or items[0].type != "ident" or colon + 1 >= len(items):
            return None
        return "(" + str(items[0].lower_value) + ": " + _ser_media_value(items[colon + 1:]) + ")"
    if len(items) == 1 and items[0].type == "ident":
        return "(" + str(items[0].lower_value) + ")"
    # range syntax
    toks: list[str] = []
    k = 0
    while k < len(items):
        x = items[k]
        if x.type == "literal" and x.value in ("<", ">", "="):
            op = x.value
            if k + 1 < len(items) and _is_lit(items[k + 1], "=") and op != "=":
                op += "="
                k += 1
            toks.append(op)
        elif x.type == "ident":
            toks.append(str(x.lower_value))
        elif _is_lit(x, "/"):
            toks.append("/")
        elif x.type == "number":
            toks.append(_fmt(x.value))
        else:
            toks.append(_gen(x))
        k += 1
    return "(" + " ".join(toks) + ")"


def _ser_media_condition(items: list[Node]) -> str | None:
    out = []
    for x in items:
        if x.type == "() block":
            f = _ser_media_feature(x)
            if f is None:
                return None
            out.append(f)
        elif _ident(x) in ("and", "or", "not"):
            out.append(str(_ident(x)))
        else:
            return None
    return " ".join(out)


def _supports_ok(items: list[Node]) -> bool:
    if not items:
        return False
    expect = True
    for x in items:
        v = _ident(x)
        if v == "not" and expect:
            continue
        if v in ("and", "or") and not expect:
            expect = True
            continue
        if expect and (x.type == "() block" or x.type == "function" and x.lower_name in (
                "selector", "font-tech", "font-format", "at-rule", "named-feature")):
            # An empty block is invalid; anything else (general-enclosed included) is kept, as Chromium does.
            if x.type == "() block" and not _sig(x.content):
                return False
            expect = False
            continue
        return False
    return not expect


# ---------------------------------------------------------------------------------------------------------------
# Rules.

_GROUP_KINDS = frozenset(("media", "supports", "layer-block", "container", "scope", "starting-style"))


class Rule:
    """A CSSOM rule. Treated as immutable once built: operations build new rules along the path they change."""

    __slots__ = ("_text", "children", "decls", "head", "kind")

    def __init__(self, kind: str, head: str, decls: tuple[Decl, ...] | None = None,
                 children: tuple[Rule, ...] | None = None) -> None:
        self.kind = kind
        self.head = head
        self.decls = decls
        self.children = children
        self._text: str | None = None

    def text(self) -> str:
        t = self._text
        if t is None:
            t = self._text = _rule_text(self)
        return t

    def with_decls(self, decls: Sequence[Decl]) -> Rule:
        return Rule(self.kind, self.head, tuple(decls), self.children)

    def with_children(self, children: Sequence[Rule]) -> Rule:
        return Rule(self.kind, self.head, self.decls, tuple(children))


def _rule_text(rule: Rule) -> str:
    # Iterative post-order so deep nesting cannot overflow the stack.
    stack: list[tuple[Rule, bool]] = [(rule, False)]
    while stack:
        r, ready = stack.pop()
        if r._text is not None:
            continue
        if not ready and r.children:
            stack.append((r, True))
            for c in r.children:
                if c._text is None:
                    stack.append((c, False))
            continue
        r._text = _rule_text_flat(r)
    return rule._text or ""


def _rule_text_flat(r: Rule) -> str:
    kind = r.kind
    kids = r.children or ()
    if kind == "style" or kind == "keyframe" or kind == "descriptors":
        body = _serialize_decls(r.decls or ())
        if kids:
            inner = ("  " + body + "\n" if body else "") + "".join("  " + (c._text or "") + "\n" for c in kids)
            return r.head + " {\n" + inner + "}"
        return r.head + " { " + (body + " " if body else "") + "}"
    if kind in _GROUP_KINDS:
        return r.head + " {\n" + "".join("  " + (c._text or "") + "\n" for c in kids) + "}"
    if kind == "keyframes":
        return r.head + " { \n" + "".join("  " + (c._text or "") + "\n" for c in kids) + "}"
    if kind == "nested-decls":
        return _serialize_decls(r.decls or ())
    if kind == "page":
        body = _serialize_decls(r.decls or ())
        extra = "".join(" " + (c._text or "") for c in kids)
        return r.head + " { " + (body + " " if body else "") + (extra.strip() + " " if extra else "") + "}"
    return r.head


_DESCRIPTOR_AT = {"font-face": "font-face", "property": "descriptors", "counter-style": "descriptors",
                  "font-palette-values": "descriptors", "view-transition": "descriptors"}


class _Ctx:
    __slots__ = ("base", "constructed", "namespaces")

    def __init__(self, base: str | None, namespaces: frozenset[str] = frozenset(), constructed: bool = False):
        self.base = base
        self.namespaces = namespaces
        self.constructed = constructed


def _absolutify(value: str, base: str | None) -> str:
    if not base or "url(" not in value:
        return value
    return _URL_IN_CSS.sub(lambda m: _absolutify_match(m, base), value)


_URL_IN_CSS = re.compile(r"""url\((?:(')([^']*)'|(")(.*?)"|([^)]*))\)""")
_URL_PROTOCOL = re.compile(r"^(?:[a-z+]+:)?//", re.IGNORECASE)
_URL_WWW = re.compile(r"^www\..*", re.IGNORECASE)
_DATA_URI = re.compile(r"^(data:)([^,]*),(.*)", re.IGNORECASE | re.DOTALL)
_BLOB_URI = re.compile(r"^blob:", re.IGNORECASE)


def _extract_origin(url: str) -> str:
    if "//" in url:
        origin = "/".join(url.split("/")[:3])
    else:
        origin = url.split("/")[0]
    return origin.split("?")[0]


def _absolutify_match(m: re.Match[str], href: str) -> str:
    """rrweb-snapshot's absolutifyURLs, one match."""
    file_path = m.group(2) or m.group(4) or m.group(5)
    quote = m.group(1) or m.group(3) or ""
    if not file_path:
        return m.group(0)
    if _URL_PROTOCOL.match(file_path) or _URL_WWW.match(file_path):
        return "url(" + quote + file_path + quote + ")"
    if _DATA_URI.match(file_path) or _BLOB_URI.match(file_path):
        return "url(" + quote + file_path + quote + ")"
    if file_path[0] == "#":
        return "url(" + quote + file_path + quote + ")"
    if file_path[0] == "/":
        return "url(" + quote + _extract_origin(href) + file_path + quote + ")"
    no_hash = file_path.split("#")[0]
    maybe_hash = file_path[len(no_hash):]
    stack = href.split("#")[0].split("/")
    stack.pop()
    for part in no_hash.split("/"):
        if part == ".":
            continue
        if part == "..":
            if stack:
                stack.pop()
        else:
            stack.append(part)
    return "url(" + quote + "/".join(stack) + maybe_hash + quote + ")"


def _decls_with_base(decls: list[Decl], base: str | None) -> list[Decl]:
    if not base:
        return decls
    out = []
    for d in decls:
        if "url(" in d.value:
            nd = Decl(d.name, _absolutify(d.value, base), d.important, d.implicit, d.pending)
            nd.flags = d.flags
            out.append(nd)
        else:
            out.append(d)
    return out


_SELECTOR_CACHE: dict[tuple[str, bool, frozenset[str]], str | None] = {}


def _selector_cached(prelude: Sequence[Node], nested: bool, namespaces: frozenset[str]) -> str | None:
    key = (_raw(prelude), nested, namespaces)
    try:
        return _SELECTOR_CACHE[key]
    except KeyError:
        pass
    if len(_SELECTOR_CACHE) > 50000:
        _SELECTOR_CACHE.clear()
    res = _SELECTOR_CACHE[key] = _ser_selector_list(prelude, nested=nested, namespaces=namespaces)
    return res


def _build_style_rule(prelude: Sequence[Node], content: Sequence[Node], ctx: _Ctx, nested: bool) -> Rule | None:
    sel = _selector_cached(prelude, nested, ctx.namespaces)
    if sel is None:
        return None
    decls, children = _parse_block_contents(content, ctx, "style")
    return Rule("style", sel, tuple(_decls_with_base(decls, ctx.base)), tuple(children) if children else None)


def _parse_block_contents(content: Sequence[Node], ctx: _Ctx, context: str) -> tuple[list[Decl], list[Rule]]:
    items = tinycss2.parse_blocks_contents(list(content), skip_comments=True, skip_whitespace=True)
    decl_items: list[Node] = []
    children: list[Rule] = []
    pending: list[Node] = []
    for item in items:
        if item.type == "declaration":
            if children:
                pending.append(item)
            else:
                decl_items.append(item)
        elif item.type in ("qualified-rule", "at-rule"):
            if pending:
                nd = _parse_decl_nodes(pending, context)
                if nd:
                    children.append(Rule("nested-decls", "", tuple(_decls_with_base(nd, ctx.base))))
                pending = []
            r = _build_rule(item, ctx, nested=True)
            if r is not None:
                children.append(r)
    if pending:
        nd = _parse_decl_nodes(pending, context)
        if nd:
            children.append(Rule("nested-decls", "", tuple(_decls_with_base(nd, ctx.base))))
    return _parse_decl_nodes(decl_items, context), children


def _group_children(content: Sequence[Node] | None, ctx: _Ctx, nested: bool) -> list[Rule]:
    if content is None:
        return []
    if nested:
        decls, children = _parse_block_contents(content, ctx, "style")
        if decls:
            children.insert(0, Rule("nested-decls", "", tuple(_decls_with_base(decls, ctx.base))))
        return children
    out = []
    for item in tinycss2.parse_rule_list(list(content), skip_comments=True, skip_whitespace=True):
        if item.type in ("qualified-rule", "at-rule"):
            r = _build_rule(item, ctx, nested=False)
            if r is not None and r.kind not in ("import", "namespace", "charset"):
                out.append(r)
    return out


def _build_rule(item: Node, ctx: _Ctx, nested: bool = False) -> Rule | None:
    if item.type == "qualified-rule":
        return _build_style_rule(item.prelude, item.content, ctx, nested)
    if item.type != "at-rule":
        return None
    kw = str(item.lower_at_keyword)
    prelude = list(item.prelude)
    sig = _sig(prelude)
    content = item.content
    if kw == "media":
        if content is None:
            return None
        return Rule("media", ("@media " + _ser_media_list(prelude)),
                    None, tuple(_group_children(content, ctx, nested)))
    if kw == "supports":
        if content is None or not _supports_ok(sig):
            return None
        return Rule("supports", "@supports " + _collapse_raw(prelude), None,
                    tuple(_group_children(content, ctx, nested)))
    if kw == "layer":
        names = []
        for part in _split_commas(sig) if sig else []:
            if not part or any(not (x.type == "ident" or _is_lit(x, ".")) for x in part):
                return None
            names.append("".join(x.value if x.type == "ident" else "." for x in part))
        if content is None:
            if not names or (len(sig) == 0):
                return None
            return Rule("layer", "@layer " + ", ".join(names) + ";")
        if len(names) > 1:
            return None
        head = "@layer " + names[0] if names and names[0] else "@layer"
        return Rule("layer-block", head, None, tuple(_group_children(content, ctx, nested)))
    if kw == "container":
        if content is None:
            return None
        return Rule("container", "@container " + _ser_container_prelude(sig), None,
                    tuple(_group_children(content, ctx, nested)))
    if kw == "scope":
        if content is None:
            return None
        return Rule("scope", ("@scope " + _collapse_raw(prelude)).rstrip(), None,
                    tuple(_group_children(content, ctx, False)))
    if kw == "starting-style":
        if content is None or sig:
            return None
        return Rule("starting-style", "@starting-style", None, tuple(_group_children(content, ctx, nested)))
    if kw in ("keyframes", "-webkit-keyframes"):
        if content is None or len(sig) != 1:
            return None
        n = sig[0]
        if n.type == "ident":
            if n.lower_value in _WIDE_KEYWORDS or n.lower_value in ("none", "default"):
                return None
            name = _ser_ident(n.value)
        elif n.type == "string":
            name = _ser_ident(n.value) if n.value else _ser_string(n.value)
        else:
            return None
        kids = []
        for kf in tinycss2.parse_rule_list(list(content), skip_comments=True, skip_whitespace=True):
            if kf.type != "qualified-rule":
                continue
            key = _keyframe_key(kf.prelude)
            if key is None:
                continue
            decls = _parse_decl_text_nodes(kf.content, "keyframe")
            kids.append(Rule("keyframe", key, tuple(_decls_with_base(decls, ctx.base))))
        return Rule("keyframes", "@" + kw + " " + name, None, tuple(kids))
    if kw == "font-face":
        if content is None or sig:
            return None
        decls = _parse_decl_text_nodes(content, "font-face")
        return Rule("descriptors", "@font-face", tuple(_decls_with_base(decls, ctx.base)))
    if kw == "page":
        if content is None:
            return None
        head = "@page"
        if sig:
            head += " " + _collapse_raw(prelude)
        decls, kids = _parse_page_contents(content, ctx)
        return Rule("page", head, tuple(decls), tuple(kids) if kids else None)
    if kw == "import":
        if nested or content is not None or not sig:
            return None
        first = sig[0]
        if first.type == "string" or first.type == "url":
            url = first.value
        elif first.type == "function" and first.lower_name == "url":
            a = _sig(first.arguments)
            if len(a) != 1 or a[0].type != "string":
                return None
            url = a[0].value
        else:
            return None
        text = "@import " + _absolutify(_ser_url(url), ctx.base)
        rest = sig[1:]
        if rest and (_ident(rest[0]) == "layer" or rest[0].type == "function" and rest[0].lower_name == "layer"):
            text += " " + ("layer" if rest[0].type == "ident" else "layer(" + _gen_list(rest[0].arguments, False) + ")")
            rest = rest[1:]
        if rest and rest[0].type == "function" and rest[0].lower_name == "supports":
            text += " supports(" + _collapse_raw(rest[0].arguments) + ")"
            rest = rest[1:]
        if rest:
            text += " " + _ser_media_list(rest)
        return Rule("import", text + ";")
    if kw == "namespace":
        if nested or content is not None or not sig or len(sig) > 2:
            return None
        prefix = ""
        uri_node = sig[-1]
        if len(sig) == 2:
            if sig[0].type != "ident":
                return None
            prefix = sig[0].value + " "
        if uri_node.type in ("string", "url"):
            uri = uri_node.value
        elif uri_node.type == "function" and uri_node.lower_name == "url":
            a = _sig(uri_node.arguments)
            if len(a) != 1 or a[0].type != "string":
                return None
            uri = a[0].value
        else:
            return None
        return Rule("namespace", "@namespace " + prefix + _ser_url(uri) + ";")
    if kw == "charset":
        return Rule("charset", "") if not nested else None
    if kw == "property":
        if content is None or len(sig) != 1 or sig[0].type != "ident" or not sig[0].value.startswith("--"):
            return None
        decls = _parse_descriptor_block(content)
        return Rule("descriptors", "@property " + sig[0].value, tuple(decls))
    if kw == "counter-style":
        if content is None or len(sig) != 1 or sig[0].type != "ident":
            return None
        decls = _parse_descriptor_block(content)
        return Rule("descriptors", "@counter-style " + sig[0].value, tuple(decls))
    if kw == "view-transition":
        if content is None or sig:
            return None
        decls = _parse_descriptor_block(content)
        return Rule("descriptors", "@view-transition", tuple(decls))
    if kw == "position-try":
        if content is None or len(sig) != 1 or sig[0].type != "ident" or not sig[0].value.startswith("--"):
            return None
        decls = _parse_decl_text_nodes(content, "style")
        return Rule("descriptors", "@position-try " + sig[0].value, tuple(decls))
    if kw == "font-feature-values":
        if content is None or not sig:
            return None
        fam = _font_family_list(sig)
        if fam is None:
            return None
        return Rule("opaque", "@font-feature-values " + fam + " { " + _gen_list(content, False) + " }")
    return None


def _ser_container_prelude(sig: list[Node]) -> str:
    out = []
    for x in sig:
        if x.type == "() block":
            f = _ser_media_feature(x)
            out.append(f if f is not None else "(" + _gen_list(x.content, False) + ")")
        elif x.type == "function":
            out.append(str(x.lower_name) + "(" + _collapse_raw(x.arguments) + ")")
        elif x.type == "ident":
            v = str(x.lower_value)
            out.append(v if v in ("and", "or", "not") else x.value)
        else:
            out.append(_gen(x))
    return " ".join(out)


def _parse_decl_text_nodes(content: Sequence[Node], context: str) -> list[Decl]:
    items = tinycss2.parse_blocks_contents(list(content), skip_comments=True, skip_whitespace=True)
    return _parse_decl_nodes(items, context)


def _parse_descriptor_block(content: Sequence[Node]) -> list[Decl]:
    out: list[Decl] = []
    for item in tinycss2.parse_blocks_contents(list(content), skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            continue
        sig = _sig(item.value)
        if not sig:
            continue
        if item.lower_name == "syntax" and len(sig) == 1 and sig[0].type == "string":
            v = _ser_string(sig[0].value)
        elif item.lower_name == "initial-value":
            v = _raw(item.value).strip()
        else:
            v = _gen_list(sig, False)
        out.append(Decl(str(item.lower_name), v, False))
    return _filter_decls(out)


def _parse_page_contents(content: Sequence[Node], ctx: _Ctx) -> tuple[list[Decl], list[Rule]]:
    items = tinycss2.parse_blocks_contents(list(content), skip_comments=True, skip_whitespace=True)
    decl_items = []
    kids = []
    for item in items:
        if item.type == "declaration":
            decl_items.append(item)
        elif item.type == "at-rule" and item.content is not None:
            decls = _parse_decl_text_nodes(item.content, "page")
            kids.append(Rule("descriptors", "@" + str(item.lower_at_keyword), tuple(decls)))
    return _parse_decl_nodes(decl_items, "page"), kids


def _keyframe_key(prelude: Sequence[Node]) -> str | None:
    out = []
    for part in _split_commas(_sig(prelude)):
        if len(part) == 1:
            n = part[0]
            v = _ident(n)
            if v == "from":
                out.append("0%")
                continue
            if v == "to":
                out.append("100%")
                continue
            if n.type == "percentage" and 0 <= n.value <= 100:
                out.append(_fmt(n.value) + "%")
                continue
            return None
        if len(part) == 2 and part[0].type == "ident" and part[1].type == "percentage":
            rng = str(part[0].lower_value)
            if rng not in ("normal", "cover", "contain", "entry", "exit", "entry-crossing", "exit-crossing"):
                return None
            out.append(rng + " " + _fmt(part[1].value) + "%")
            continue
        return None
    return ", ".join(out) if out else None


# ---------------------------------------------------------------------------------------------------------------
# Sheets.


class _Rules:
    """A top-level rule list with Chromium's four groups (pre-import @layer statements, @import, @namespace, rest)."""

    __slots__ = ("n_imp", "n_ns", "n_pre", "rules")

    def __init__(self, rules: list[Rule], n_pre: int = 0, n_imp: int = 0, n_ns: int = 0) -> None:
        self.rules = rules
        self.n_pre = n_pre
        self.n_imp = n_imp
        self.n_ns = n_ns

    def copy(self) -> _Rules:
        return _Rules(list(self.rules), self.n_pre, self.n_imp, self.n_ns)

    def namespaces(self) -> frozenset[str]:
        out = set()
        for r in self.rules[self.n_pre + self.n_imp: self.n_pre + self.n_imp + self.n_ns]:
            parts = r.head.split(" ")
            if len(parts) == 3:
                out.add(parts[1])
        return frozenset(out)


_RR_SPLIT = "/* rr_split */"


def _parse_sheet(text: str, base: str | None, constructed: bool) -> _Rules:
    return _parse_sheet_cached(text, base, constructed).copy()


@functools.lru_cache(maxsize=256)
def _parse_sheet_cached(text: str, base: str | None, constructed: bool) -> _Rules:
    """Whole sheets repeat (the same <style> in every snapshot, iframe or shadow root); rules are immutable and
    callers get a copy of the list."""
    items = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    res = _Rules([])
    ctx = _Ctx(base, frozenset(), constructed)
    pre: list[Rule] = []
    imp: list[Rule] = []
    ns: list[Rule] = []
    rest: list[Rule] = []
    for item in items:
        if item.type not in ("qualified-rule", "at-rule"):
            continue
        if item.type == "at-rule" and item.lower_at_keyword == "namespace":
            ctx = _Ctx(base, ctx.namespaces, constructed)
        r = _build_rule(item, ctx)
        if r is None or r.kind == "charset":
            continue
        if r.kind == "layer" and not imp and not ns and not rest:
            pre.append(r)
        elif r.kind == "import":
            if ns or rest or constructed:
                continue
            imp.append(r)
        elif r.kind == "namespace":
            if rest:
                continue
            ns.append(r)
            parts = r.head.split(" ")
            if len(parts) == 3:
                ctx = _Ctx(base, ctx.namespaces | {parts[1]}, constructed)
        else:
            rest.append(r)
    res.rules = pre + imp + ns + rest
    res.n_pre, res.n_imp, res.n_ns = len(pre), len(imp), len(ns)
    return res


def _parse_one_rule(text: str, ctx: _Ctx, nested: bool) -> Rule | None:
    item = tinycss2.parse_one_rule(text, skip_comments=True)
    if item.type not in ("qualified-rule", "at-rule"):
        return None
    if item.type == "at-rule" and item.lower_at_keyword == "charset":
        return None
    return _build_rule(item, ctx, nested=nested)


Index = int | Sequence[int] | None


def _norm_index(index: Index) -> list[int]:
    if index is None:
        return [0]
    if isinstance(index, int):
        return [index]
    return [int(i) for i in index]


class StyleSheet:
    """A CSSOM sheet. Cheap to create from already-serialised text (kept verbatim and parsed lazily, only when a rule
    operation needs the rule list); css_text() of an untouched sheet returns the text unchanged."""

    __slots__ = ("_base", "_constructed", "_rules", "_text")

    def __init__(self) -> None:
        self._text: str | None = ""
        self._rules: _Rules | None = None
        self._base: str | None = None
        self._constructed = False

    @classmethod
    def from_serialized(cls, text: str, *, base_url: str | None = None) -> StyleSheet:
        """A sheet from rrweb's ``_cssText`` (Chromium's serialisation); ``/* rr_split */`` markers are dropped.
        The text is kept verbatim and parsed only when a rule operation needs the rule list. ``base_url`` is only
        the default for later operations that bring relative ``url()`` values."""
        sheet = cls()
        sheet._text = text.replace(_RR_SPLIT, "") if _RR_SPLIT in text else text
        sheet._base = base_url
        return sheet

    @classmethod
    def from_source(cls, text: str, base_url: str | None = None) -> StyleSheet:
        """A sheet from CSS as an author wrote it (``<style>`` text, ``replaceSync``)."""
        sheet = cls()
        sheet._text = None
        sheet._rules = _parse_sheet(text, base_url, False)
        sheet._base = base_url
        return sheet

    @classmethod
    def constructed(cls, text: str = "", base_url: str | None = None) -> StyleSheet:
        """A constructed sheet (``new CSSStyleSheet()`` + ``replaceSync(text)``): ``@import`` rules are dropped."""
        sheet = cls()
        sheet._constructed = True
        sheet._text = None
        sheet._rules = _parse_sheet(text, base_url, True)
        sheet._base = base_url
        return sheet

    def _ensure(self) -> _Rules:
        rules = self._rules
        if rules is None:
            rules = self._rules = _parse_sheet(self._text or "", None, self._constructed)
        return rules

    def _mutated(self) -> None:
        self._text = None

    def __len__(self) -> int:
        if self._rules is None and not self._text:
            return 0
        return len(self._ensure().rules)

    def css_text(self) -> str:
        """Exactly Chromium's ``Array.from(sheet.cssRules, r => r.cssText).join('')``."""
        t = self._text
        if t is None:
            rules = self._ensure()
            t = self._text = "".join(r.text() for r in rules.rules)
        return t

    def copy(self) -> StyleSheet:
        other = StyleSheet()
        other._text = self._text
        other._rules = self._rules.copy() if self._rules is not None else None
        other._base = self._base
        other._constructed = self._constructed
        return other

    def replace(self, text: str, base_url: str | None = None) -> None:
        """``replace()``/``replaceSync()``: re-parse the whole sheet, dropping ``@import`` like Chromium."""
        self._rules = _parse_sheet(text, base_url, True)
        self._base = base_url
        self._constructed = True
        self._text = None

    # -- rule operations -----------------------------------------------------------------------------------

    def insert_rule(self, rule: str, index: int | list[int] | None = None, base_url: str | None = None) -> bool:
        """CSSOM ``insertRule``: ``None`` -> 0; a list is a nested path (the last item is the position inside the
        grouping rule reached by the others). False, with nothing changed, where Chromium throws (bad index,
        unparsable rule, ``@import`` after other rules, ...). Relative ``url()`` are made absolute against
        ``base_url`` (default: the sheet's base URL) like rrweb's absolutifyURLs."""
        try:
            path = _norm_index(index)
        except (TypeError, ValueError):
            return False
        if not path:
            path = [0]
        rules = self._ensure()
        base = base_url if base_url is not None else self._base
        ctx = _Ctx(base, rules.namespaces(), self._constructed)
        if len(path) == 1:
            pos = path[0]
            if pos < 0 or pos > len(rules.rules):
                return False
            new = _parse_one_rule(rule, ctx, nested=False)
            if new is None:
                return False
            if new.kind == "import" and self._constructed:
                return False
            new_rules = rules.copy()
            if not _insert_top(new_rules, new, pos):
                return False
            self._rules = new_rules
            self._mutated()
            return True
        parent_path, pos = path[:-1], path[-1]
        parent = _rule_at(rules.rules, parent_path)
        if parent is None or parent.kind not in _GROUP_KINDS and parent.kind != "style":
            return False
        kids = list(parent.children or ())
        if pos < 0 or pos > len(kids):
            return False
        nested = parent.kind == "style" or _inside_style(rules.rules, parent_path)
        new = _parse_one_rule(rule, ctx, nested=nested)
        if new is None or new.kind in ("import", "namespace", "charset"):
            return False
        kids.insert(pos, new)
        self._replace_at(parent_path, parent.with_children(kids))
        return True

    def delete_rule(self, index: int | list[int]) -> bool:
        """CSSOM ``deleteRule``; False (nothing changed) where Chromium throws."""
        try:
            path = _norm_index(index)
        except (TypeError, ValueError):
            return False
        if not path:
            return False
        rules = self._ensure()
        if len(path) == 1:
            pos = path[0]
            if pos < 0 or pos >= len(rules.rules):
                return False
            new_rules = rules.copy()
            if not _delete_top(new_rules, pos):
                return False
            self._rules = new_rules
            self._mutated()
            return True
        parent = _rule_at(rules.rules, path[:-1])
        if parent is None or parent.kind not in _GROUP_KINDS and parent.kind != "style":
            return False
        kids = list(parent.children or ())
        pos = path[-1]
        if pos < 0 or pos >= len(kids):
            return False
        del kids[pos]
        self._replace_at(path[:-1], parent.with_children(kids) if kids or parent.kind != "style"
                         else Rule(parent.kind, parent.head, parent.decls, None))
        return True

    def set_property(self, path: list[int], name: str, value: str, priority: str = "", *,
                     base_url: str | None = None) -> bool:
        """``cssRules[path].style.setProperty(name, value, priority)``; False where the rule has no style.
        Relative ``url()`` values are made absolute against ``base_url`` (default: the sheet's base URL)."""
        base = base_url if base_url is not None else self._base
        rules = self._ensure()
        r = _rule_at(rules.rules, list(path)) if path else None
        if r is None or r.decls is None or r.kind not in ("style", "keyframe", "page", "descriptors",
                                                          "nested-decls"):
            return False
        context = {"keyframe": "keyframe", "page": "page"}.get(r.kind, "style")
        if r.head == "@font-face":
            new = _set_property(list(r.decls), name, value, priority, "font-face", base)
            if new is None:
                new = _set_property(list(r.decls), name, value, priority, "style", base)
        else:
            new = _set_property(list(r.decls), name, value, priority, context, base)
        if new is not None:
            self._replace_at(list(path), r.with_decls(new))
        return True

    def remove_property(self, path: list[int], name: str) -> bool:
        """``cssRules[path].style.removeProperty(name)``; False where the rule has no style."""
        rules = self._ensure()
        r = _rule_at(rules.rules, list(path)) if path else None
        if r is None or r.decls is None:
            return False
        new = _remove_property(list(r.decls), name)
        if new is not None:
            self._replace_at(list(path), r.with_decls(new))
        return True

    def _replace_at(self, path: list[int], new: Rule) -> None:
        rules = self._ensure().copy()
        chain: list[Rule] = []
        cur_list: Sequence[Rule] = rules.rules
        for i in path[:-1]:
            r = cur_list[i]
            chain.append(r)
            cur_list = r.children or ()
        node = new
        for depth in range(len(path) - 1, 0, -1):
            parent = chain[depth - 1]
            kids = list(parent.children or ())
            kids[path[depth]] = node
            node = parent.with_children(kids)
        rules.rules[path[0]] = node
        self._rules = rules
        self._mutated()


def _rule_at(rules: Sequence[Rule], path: Sequence[int]) -> Rule | None:
    cur: Sequence[Rule] | None = rules
    r: Rule | None = None
    for i in path:
        if cur is None or i < 0 or i >= len(cur):
            return None
        r = cur[i]
        cur = r.children
    return r


def _inside_style(rules: Sequence[Rule], path: Sequence[int]) -> bool:
    cur: Sequence[Rule] = rules
    for i in path:
        r = cur[i]
        if r.kind == "style":
            return True
        cur = r.children or ()
    return False


def _insert_top(rules: _Rules, new: Rule, index: int) -> bool:
    """StyleSheetContents::WrapperInsertRule."""
    if rules.n_pre and not rules.n_imp and not rules.n_ns:
        rules.n_pre = 0
    is_layer = new.kind == "layer"
    if index < rules.n_pre or (index == rules.n_pre and is_layer):
        if not is_layer:
            return False
        rules.rules.insert(index, new)
        rules.n_pre += 1
        return True
    i = index - rules.n_pre
    if i < rules.n_imp or (i == rules.n_imp and new.kind == "import"):
        if new.kind != "import":
            return False
        rules.rules.insert(index, new)
        rules.n_imp += 1
        return True
    if new.kind == "import":
        return False
    i -= rules.n_imp
    if i < rules.n_ns or (i == rules.n_ns and new.kind == "namespace"):
        if new.kind != "namespace":
            return False
        if len(rules.rules) > rules.n_pre + rules.n_imp + rules.n_ns:
            return False
        rules.rules.insert(index, new)
        rules.n_ns += 1
        return True
    if new.kind == "namespace":
        return False
    rules.rules.insert(index, new)
    return True


def _delete_top(rules: _Rules, index: int) -> bool:
    """StyleSheetContents::WrapperDeleteRule."""
    if index < rules.n_pre:
        rules.n_pre -= 1
    elif index < rules.n_pre + rules.n_imp:
        rules.n_imp -= 1
    elif index < rules.n_pre + rules.n_imp + rules.n_ns:
        if len(rules.rules) > rules.n_pre + rules.n_imp + rules.n_ns:
            return False
        rules.n_ns -= 1
    del rules.rules[index]
    return True


# ---------------------------------------------------------------------------------------------------------------
# Inline style attributes.


@functools.lru_cache(maxsize=8192)
def _parse_style_attribute(text: str) -> tuple[Decl, ...]:
    items = tinycss2.parse_declaration_list(text, skip_comments=True, skip_whitespace=True)
    return tuple(_parse_decl_nodes(items, "style"))


def normalize_style_attribute(text: str) -> str:
    """Chromium's serialisation of an element's style declaration block parsed from ``text``."""
    return _serialize_decls(_parse_style_attribute(text))


def apply_style_diff(old: str | None, diff: dict[str, str | list[str] | bool]) -> str:
    """Apply an rrweb style-attribute diff ``{prop: "v" | ["v", "important"] | False}`` the way rrweb's Replayer
    does (``setProperty`` / ``removeProperty`` on ``element.style``) and return the style attribute Chromium then
    writes. When nothing changed, ``old`` is returned as it was ("" for no attribute).

    Chromium keeps the element's declaration block alive between calls (it does not re-parse its own output), so
    blocks this function produced are remembered by their text and reused when that text comes back as ``old``."""
    live = _LIVE_STYLE.get(old or "")
    decls = list(live if live is not None else _parse_style_attribute(old or ""))
    changed = False
    for prop, val in diff.items():
        if val is False:
            new = _remove_property(decls, prop)
        elif isinstance(val, list):
            v = str(val[0]) if val else ""
            prio = str(val[1]) if len(val) > 1 and val[1] else ""
            new = _set_property(decls, prop, v, prio, "style")
            if new is None and v.strip() == "":
                new = None
        else:
            new = _set_property(decls, prop, str(val), "", "style")
        if new is not None:
            decls = new
            changed = True
    if not changed:
        return old or ""
    text = _serialize_decls(decls)
    if len(_LIVE_STYLE) >= 8192:
        _LIVE_STYLE.clear()
    _LIVE_STYLE[text] = tuple(decls)
    return text


_LIVE_STYLE: dict[str, tuple[Decl, ...]] = {}

_BG_CLIP_TEXT = re.compile(r"\sbackground-clip:\s*text;")


def fix_browser_compatibility(css_text: str) -> str:
    """rrweb-snapshot's ``fixBrowserCompatibilityIssuesInCSS``, which its recorder applies to a whole sheet's text
    when it writes ``_cssText``: Chromium writes ``-webkit-background-clip: text`` as ``background-clip: text``, so
    rrweb puts the prefixed declaration back in front of it."""
    if " background-clip: text;" in css_text and " -webkit-background-clip: text;" not in css_text:
        return _BG_CLIP_TEXT.sub(" -webkit-background-clip: text; background-clip: text;", css_text)
    return css_text


# ---------------------------------------------------------------------------------------------------------------
# Chromium's property tables.

# Generated from Chromium 156 (for name in element.style: setProperty(name, "inherit")).
_LONGHAND_NAMES = frozenset(_words("""
-webkit-border-horizontal-spacing -webkit-border-image -webkit-border-vertical-spacing -webkit-box-align
-webkit-box-decoration-break -webkit-box-direction -webkit-box-flex -webkit-box-ordinal-group
-webkit-box-orient -webkit-box-pack -webkit-box-reflect -webkit-font-smoothing -webkit-line-break
-webkit-line-clamp -webkit-locale -webkit-mask-box-image-outset -webkit-mask-box-image-repeat
-webkit-mask-box-image-slice -webkit-mask-box-image-source -webkit-mask-box-image-width
-webkit-mask-position-x -webkit-mask-position-y -webkit-perspective-origin-x -webkit-perspective-origin-y
-webkit-rtl-ordering -webkit-ruby-position -webkit-tap-highlight-color -webkit-text-combine
-webkit-text-decorations-in-effect -webkit-text-fill-color -webkit-text-orientation -webkit-text-security
-webkit-text-stroke-color -webkit-text-stroke-width -webkit-transform-origin-x -webkit-transform-origin-y
-webkit-transform-origin-z -webkit-user-drag -webkit-user-modify -webkit-writing-mode accent-color
align-content align-items align-self alignment-baseline all anchor-name anchor-scope animation-composition
animation-delay animation-direction animation-duration animation-fill-mode animation-iteration-count
animation-name animation-play-state animation-range-end animation-range-start animation-timeline
animation-timing-function animation-trigger app-region appearance aspect-ratio backdrop-filter
backface-visibility background-attachment background-blend-mode background-clip background-color
background-image background-origin background-position-x background-position-y background-repeat
background-size baseline-shift baseline-source block-size border-block-end-color border-block-end-style
border-block-end-width border-block-start-color border-block-start-style border-block-start-width
border-bottom-color border-bottom-left-radius border-bottom-right-radius border-bottom-style
border-bottom-width border-collapse border-end-end-radius border-end-start-radius border-image-outset
border-image-repeat border-image-slice border-image-source border-image-width border-inline-end-color
border-inline-end-style border-inline-end-width border-inline-start-color border-inline-start-style
border-inline-start-width border-left-color border-left-style border-left-width border-right-color
border-right-style border-right-width border-shape border-start-end-radius border-start-start-radius
border-top-color border-top-left-radius border-top-right-radius border-top-style border-top-width bottom
box-decoration-break box-shadow box-sizing break-after break-before break-inside buffered-rendering
caption-side caret-animation caret-color caret-shape clear clip clip-path clip-rule color color-interpolation
color-interpolation-filters color-rendering color-scheme column-count column-fill column-gap column-height
column-rule-break column-rule-color column-rule-inset-cap-end column-rule-inset-cap-start
column-rule-inset-junction-end column-rule-inset-junction-start column-rule-style column-rule-visibility-items
column-rule-width column-span column-width column-wrap contain contain-intrinsic-block-size
contain-intrinsic-height contain-intrinsic-inline-size contain-intrinsic-width container-name container-type
content content-visibility corner-bottom-left-shape corner-bottom-right-shape corner-end-end-shape
corner-end-start-shape corner-start-end-shape corner-start-start-shape corner-top-left-shape
corner-top-right-shape counter-increment counter-reset counter-set cursor cx cy d direction display
dominant-baseline dynamic-range-limit empty-cells field-sizing fill fill-opacity fill-rule filter flex-basis
flex-direction flex-grow flex-line-count flex-shrink flex-wrap float flood-color flood-opacity font-family
font-feature-settings font-kerning font-language-override font-optical-sizing font-palette font-size
font-size-adjust font-stretch font-style font-synthesis-small-caps font-synthesis-style font-synthesis-weight
font-variant-alternates font-variant-caps font-variant-east-asian font-variant-emoji font-variant-ligatures
font-variant-numeric font-variant-position font-variation-settings font-weight forced-color-adjust
frame-sizing grid-auto-columns grid-auto-flow grid-auto-rows grid-column-end grid-column-start grid-row-end
grid-row-start grid-template-areas grid-template-columns grid-template-rows height hyphenate-character
hyphenate-limit-chars hyphens image-orientation image-rendering initial-letter inline-size inset-block-end
inset-block-start inset-inline-end inset-inline-start interactivity interest-delay-end interest-delay-start
interpolate-size isolation justify-content justify-items justify-self left letter-spacing lighting-color
line-break line-height list-style-image list-style-position list-style-type margin-block-end
margin-block-start margin-bottom margin-inline-end margin-inline-start margin-left margin-right margin-top
margin-trim marker-end marker-mid marker-start mask-clip mask-composite mask-image mask-mode mask-origin
mask-repeat mask-size mask-type math-depth math-shift math-style max-block-size max-height max-inline-size
max-width min-block-size min-height min-inline-size min-width mix-blend-mode object-fit object-position
object-view-box offset-anchor offset-distance offset-path offset-position offset-rotate opacity order orphans
outline-color outline-offset outline-style outline-width overflow-anchor overflow-block overflow-clip-margin
overflow-inline overflow-wrap overflow-x overflow-y overlay overscroll-behavior-block
overscroll-behavior-inline overscroll-behavior-x overscroll-behavior-y padding-block-end padding-block-start
padding-bottom padding-inline-end padding-inline-start padding-left padding-right padding-top page
page-margin-safety page-orientation paint-order perspective perspective-origin pointer-events position
position-anchor position-area position-try-fallbacks position-try-order position-visibility print-color-adjust
quotes r reading-flow reading-order resize right rotate row-gap row-rule-break row-rule-color
row-rule-inset-cap-end row-rule-inset-cap-start row-rule-inset-junction-end row-rule-inset-junction-start
row-rule-style row-rule-visibility-items row-rule-width ruby-align ruby-overhang ruby-position rule-overlap rx
ry scale scroll-axis-lock scroll-behavior scroll-initial-target scroll-margin-block-end
scroll-margin-block-start scroll-margin-bottom scroll-margin-inline-end scroll-margin-inline-start
scroll-margin-left scroll-margin-right scroll-margin-top scroll-marker-group scroll-padding-block-end
scroll-padding-block-start scroll-padding-bottom scroll-padding-inline-end scroll-padding-inline-start
scroll-padding-left scroll-padding-right scroll-padding-top scroll-snap-align scroll-snap-stop
scroll-snap-type scroll-target-group scroll-timeline-axis scroll-timeline-name scrollbar-color
scrollbar-gutter scrollbar-width shape-image-threshold shape-margin shape-outside shape-rendering size speak
stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin
stroke-miterlimit stroke-opacity stroke-width tab-size table-layout text-align text-align-last text-anchor
text-autospace text-box-edge text-box-trim text-combine-upright text-decoration-color text-decoration-line
text-decoration-skip-ink text-decoration-style text-decoration-thickness text-emphasis-color
text-emphasis-position text-emphasis-style text-fit text-indent text-justify text-orientation text-overflow
text-rendering text-shadow text-size-adjust text-spacing-trim text-transform text-underline-offset
text-underline-position text-wrap-mode text-wrap-style timeline-scope timeline-trigger-activation-range-end
timeline-trigger-activation-range-start timeline-trigger-active-range-end timeline-trigger-active-range-start
timeline-trigger-name timeline-trigger-source top touch-action transform transform-box transform-origin
transform-style transition-behavior transition-delay transition-duration transition-property
transition-timing-function translate trigger-scope unicode-bidi user-select vector-effect vertical-align
view-timeline-axis view-timeline-inset view-timeline-name view-transition-class view-transition-group
view-transition-name view-transition-scope visibility white-space-collapse widows width will-change
window-drag word-break word-spacing writing-mode x y z-index zoom
"""))
_SHORTHAND_TABLE = """
-webkit-mask-box-image: -webkit-mask-box-image-source -webkit-mask-box-image-slice
    -webkit-mask-box-image-width -webkit-mask-box-image-outset -webkit-mask-box-image-repeat
-webkit-text-stroke: -webkit-text-stroke-width -webkit-text-stroke-color
animation: animation-duration animation-timing-function animation-delay animation-iteration-count
    animation-direction animation-fill-mode animation-play-state animation-name animation-timeline
    animation-range-start animation-range-end
animation-range: animation-range-start animation-range-end
background: background-image background-position-x background-position-y background-size background-repeat
    background-attachment background-origin background-clip background-color
background-position: background-position-x background-position-y
border: border-top-color border-top-style border-top-width border-right-color border-right-style
    border-right-width border-bottom-color border-bottom-style border-bottom-width border-left-color
    border-left-style border-left-width border-image-source border-image-slice border-image-width
    border-image-outset border-image-repeat
border-block: border-block-start-color border-block-start-style border-block-start-width
    border-block-end-color border-block-end-style border-block-end-width
border-block-color: border-block-start-color border-block-end-color
border-block-end: border-block-end-width border-block-end-style border-block-end-color
border-block-start: border-block-start-width border-block-start-style border-block-start-color
border-block-style: border-block-start-style border-block-end-style
border-block-width: border-block-start-width border-block-end-width
border-bottom: border-bottom-width border-bottom-style border-bottom-color
border-color: border-top-color border-right-color border-bottom-color border-left-color
border-image: border-image-source border-image-slice border-image-width border-image-outset
    border-image-repeat
border-inline: border-inline-start-color border-inline-start-style border-inline-start-width
    border-inline-end-color border-inline-end-style border-inline-end-width
border-inline-color: border-inline-start-color border-inline-end-color
border-inline-end: border-inline-end-width border-inline-end-style border-inline-end-color
border-inline-start: border-inline-start-width border-inline-start-style border-inline-start-color
border-inline-style: border-inline-start-style border-inline-end-style
border-inline-width: border-inline-start-width border-inline-end-width
border-left: border-left-width border-left-style border-left-color
border-radius: border-top-left-radius border-top-right-radius border-bottom-right-radius
    border-bottom-left-radius
border-right: border-right-width border-right-style border-right-color
border-spacing: -webkit-border-horizontal-spacing -webkit-border-vertical-spacing
border-style: border-top-style border-right-style border-bottom-style border-left-style
border-top: border-top-width border-top-style border-top-color
border-width: border-top-width border-right-width border-bottom-width border-left-width
column-rule: column-rule-width column-rule-style column-rule-color
column-rule-inset: column-rule-inset-cap-start column-rule-inset-cap-end column-rule-inset-junction-start
    column-rule-inset-junction-end
column-rule-inset-cap: column-rule-inset-cap-start column-rule-inset-cap-end
column-rule-inset-end: column-rule-inset-cap-end column-rule-inset-junction-end
column-rule-inset-junction: column-rule-inset-junction-start column-rule-inset-junction-end
column-rule-inset-start: column-rule-inset-cap-start column-rule-inset-junction-start
columns: column-width column-count column-height column-wrap
contain-intrinsic-size: contain-intrinsic-width contain-intrinsic-height
container: container-name container-type
corner-block-end-shape: corner-end-start-shape corner-end-end-shape
corner-block-start-shape: corner-start-start-shape corner-start-end-shape
corner-bottom-shape: corner-bottom-left-shape corner-bottom-right-shape
corner-inline-end-shape: corner-start-end-shape corner-end-end-shape
corner-inline-start-shape: corner-start-start-shape corner-end-start-shape
corner-left-shape: corner-top-left-shape corner-bottom-left-shape
corner-right-shape: corner-top-right-shape corner-bottom-right-shape
corner-shape: corner-top-left-shape corner-top-right-shape corner-bottom-right-shape corner-bottom-left-shape
corner-top-shape: corner-top-left-shape corner-top-right-shape
flex: flex-grow flex-shrink flex-basis
flex-flow: flex-direction flex-wrap
font: font-style font-variant-ligatures font-variant-caps font-variant-numeric font-variant-east-asian
    font-variant-alternates font-variant-position font-variant-emoji font-weight font-stretch font-size
    line-height font-family font-optical-sizing font-size-adjust font-kerning font-feature-settings
    font-variation-settings font-language-override
font-synthesis: font-synthesis-weight font-synthesis-style font-synthesis-small-caps
font-variant: font-variant-ligatures font-variant-caps font-variant-alternates font-variant-numeric
    font-variant-east-asian font-variant-position font-variant-emoji
gap: row-gap column-gap
grid: grid-template-rows grid-template-columns grid-template-areas grid-auto-flow grid-auto-rows
    grid-auto-columns
grid-area: grid-row-start grid-column-start grid-row-end grid-column-end
grid-column: grid-column-start grid-column-end
grid-row: grid-row-start grid-row-end
grid-template: grid-template-rows grid-template-columns grid-template-areas
inset: top right bottom left
inset-block: inset-block-start inset-block-end
inset-inline: inset-inline-start inset-inline-end
interest-delay: interest-delay-start interest-delay-end
list-style: list-style-position list-style-image list-style-type
margin: margin-top margin-right margin-bottom margin-left
margin-block: margin-block-start margin-block-end
margin-inline: margin-inline-start margin-inline-end
marker: marker-start marker-mid marker-end
mask: mask-image -webkit-mask-position-x -webkit-mask-position-y mask-size mask-repeat mask-origin mask-clip
    mask-composite mask-mode
mask-position: -webkit-mask-position-x -webkit-mask-position-y
offset: offset-position offset-path offset-distance offset-rotate offset-anchor
outline: outline-color outline-style outline-width
overflow: overflow-x overflow-y
overscroll-behavior: overscroll-behavior-x overscroll-behavior-y
padding: padding-top padding-right padding-bottom padding-left
padding-block: padding-block-start padding-block-end
padding-inline: padding-inline-start padding-inline-end
place-content: align-content justify-content
place-items: align-items justify-items
place-self: align-self justify-self
position-try: position-try-order position-try-fallbacks
row-rule: row-rule-width row-rule-style row-rule-color
row-rule-inset: row-rule-inset-cap-start row-rule-inset-cap-end row-rule-inset-junction-start
    row-rule-inset-junction-end
row-rule-inset-cap: row-rule-inset-cap-start row-rule-inset-cap-end
row-rule-inset-end: row-rule-inset-cap-end row-rule-inset-junction-end
row-rule-inset-junction: row-rule-inset-junction-start row-rule-inset-junction-end
row-rule-inset-start: row-rule-inset-cap-start row-rule-inset-junction-start
rule: column-rule-width column-rule-style column-rule-color row-rule-width row-rule-style row-rule-color
rule-break: row-rule-break column-rule-break
rule-color: column-rule-color row-rule-color
rule-inset: row-rule-inset-cap-start row-rule-inset-cap-end row-rule-inset-junction-start
    row-rule-inset-junction-end column-rule-inset-cap-start column-rule-inset-cap-end
    column-rule-inset-junction-start column-rule-inset-junction-end
rule-inset-cap: row-rule-inset-cap-start row-rule-inset-cap-end column-rule-inset-cap-start
    column-rule-inset-cap-end
rule-inset-end: column-rule-inset-cap-end column-rule-inset-junction-end row-rule-inset-cap-end
    row-rule-inset-junction-end
rule-inset-junction: row-rule-inset-junction-start row-rule-inset-junction-end
    column-rule-inset-junction-start column-rule-inset-junction-end
rule-inset-start: column-rule-inset-cap-start column-rule-inset-junction-start row-rule-inset-cap-start
    row-rule-inset-junction-start
rule-style: column-rule-style row-rule-style
rule-visibility-items: column-rule-visibility-items row-rule-visibility-items
rule-width: column-rule-width row-rule-width
scroll-margin: scroll-margin-top scroll-margin-right scroll-margin-bottom scroll-margin-left
scroll-margin-block: scroll-margin-block-start scroll-margin-block-end
scroll-margin-inline: scroll-margin-inline-start scroll-margin-inline-end
scroll-padding: scroll-padding-top scroll-padding-right scroll-padding-bottom scroll-padding-left
scroll-padding-block: scroll-padding-block-start scroll-padding-block-end
scroll-padding-inline: scroll-padding-inline-start scroll-padding-inline-end
scroll-timeline: scroll-timeline-name scroll-timeline-axis
text-box: text-box-trim text-box-edge
text-decoration: text-decoration-line text-decoration-thickness text-decoration-style text-decoration-color
text-emphasis: text-emphasis-style text-emphasis-color
text-wrap: text-wrap-mode text-wrap-style
timeline-trigger: timeline-trigger-name timeline-trigger-source timeline-trigger-activation-range-start
    timeline-trigger-activation-range-end timeline-trigger-active-range-start
    timeline-trigger-active-range-end
timeline-trigger-activation-range: timeline-trigger-activation-range-start
    timeline-trigger-activation-range-end
timeline-trigger-active-range: timeline-trigger-active-range-start timeline-trigger-active-range-end
transition: transition-property transition-duration transition-timing-function transition-delay
    transition-behavior
view-timeline: view-timeline-name view-timeline-axis view-timeline-inset
white-space: white-space-collapse text-wrap-mode
"""
_ALIAS_TABLE = """
-webkit-align-content=align-content -webkit-align-items=align-items -webkit-align-self=align-self
-webkit-animation=animation -webkit-animation-delay=animation-delay
-webkit-animation-direction=animation-direction -webkit-animation-duration=animation-duration
-webkit-animation-fill-mode=animation-fill-mode -webkit-animation-iteration-count=animation-iteration-count
-webkit-animation-name=animation-name -webkit-animation-play-state=animation-play-state
-webkit-animation-timing-function=animation-timing-function -webkit-app-region=app-region
-webkit-appearance=appearance -webkit-backface-visibility=backface-visibility
-webkit-background-clip=background-clip -webkit-background-origin=background-origin
-webkit-background-size=background-size -webkit-border-after=border-block-end
-webkit-border-after-color=border-block-end-color -webkit-border-after-style=border-block-end-style
-webkit-border-after-width=border-block-end-width -webkit-border-before=border-block-start
-webkit-border-before-color=border-block-start-color -webkit-border-before-style=border-block-start-style
-webkit-border-before-width=border-block-start-width
-webkit-border-bottom-left-radius=border-bottom-left-radius
-webkit-border-bottom-right-radius=border-bottom-right-radius -webkit-border-end=border-inline-end
-webkit-border-end-color=border-inline-end-color -webkit-border-end-style=border-inline-end-style
-webkit-border-end-width=border-inline-end-width -webkit-border-radius=border-radius
-webkit-border-start=border-inline-start -webkit-border-start-color=border-inline-start-color
-webkit-border-start-style=border-inline-start-style -webkit-border-start-width=border-inline-start-width
-webkit-border-top-left-radius=border-top-left-radius -webkit-border-top-right-radius=border-top-right-radius
-webkit-box-shadow=box-shadow -webkit-box-sizing=box-sizing -webkit-clip-path=clip-path
-webkit-column-break-after=break-after -webkit-column-break-before=break-before
-webkit-column-break-inside=break-inside -webkit-column-count=column-count -webkit-column-gap=column-gap
-webkit-column-rule=column-rule -webkit-column-rule-color=column-rule-color
-webkit-column-rule-style=column-rule-style -webkit-column-rule-width=column-rule-width
-webkit-column-span=column-span -webkit-column-width=column-width -webkit-columns=columns
-webkit-filter=filter -webkit-flex=flex -webkit-flex-basis=flex-basis -webkit-flex-direction=flex-direction
-webkit-flex-flow=flex-flow -webkit-flex-grow=flex-grow -webkit-flex-shrink=flex-shrink
-webkit-flex-wrap=flex-wrap -webkit-font-feature-settings=font-feature-settings
-webkit-hyphenate-character=hyphenate-character -webkit-justify-content=justify-content
-webkit-logical-height=block-size -webkit-logical-width=inline-size -webkit-margin-after=margin-block-end
-webkit-margin-before=margin-block-start -webkit-margin-end=margin-inline-end
-webkit-margin-start=margin-inline-start -webkit-mask=mask -webkit-mask-clip=mask-clip
-webkit-mask-composite=mask-composite -webkit-mask-image=mask-image -webkit-mask-origin=mask-origin
-webkit-mask-position=mask-position -webkit-mask-repeat=mask-repeat -webkit-mask-size=mask-size
-webkit-max-logical-height=max-block-size -webkit-max-logical-width=max-inline-size
-webkit-min-logical-height=min-block-size -webkit-min-logical-width=min-inline-size -webkit-opacity=opacity
-webkit-order=order -webkit-padding-after=padding-block-end -webkit-padding-before=padding-block-start
-webkit-padding-end=padding-inline-end -webkit-padding-start=padding-inline-start
-webkit-perspective=perspective -webkit-perspective-origin=perspective-origin
-webkit-print-color-adjust=print-color-adjust -webkit-shape-image-threshold=shape-image-threshold
-webkit-shape-margin=shape-margin -webkit-shape-outside=shape-outside -webkit-text-emphasis=text-emphasis
-webkit-text-emphasis-color=text-emphasis-color -webkit-text-emphasis-position=text-emphasis-position
-webkit-text-emphasis-style=text-emphasis-style -webkit-text-size-adjust=text-size-adjust
-webkit-transform=transform -webkit-transform-origin=transform-origin -webkit-transform-style=transform-style
-webkit-transition=transition -webkit-transition-delay=transition-delay
-webkit-transition-duration=transition-duration -webkit-transition-property=transition-property
-webkit-transition-timing-function=transition-timing-function -webkit-user-select=user-select
grid-column-gap=column-gap grid-gap=gap grid-row-gap=row-gap page-break-after=break-after
page-break-before=break-before page-break-inside=break-inside word-wrap=overflow-wrap
"""


_register_shorthands()
_register_special_shorthands()
