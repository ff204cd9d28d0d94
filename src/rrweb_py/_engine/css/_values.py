"""Generic component-value serialisation, numbers, lengths, ``calc()`` and colours."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import tinycss2

from ._serialize import _fmt, _ser_ident, _ser_string, _ser_url, _words
from ._tokens import Node, Nodes, _has_var, _ident, _is_lit, _raw, _sig, _split_commas

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
