"""The longhand value parsers (``_LONGHAND``, filled by ``_reg``): boxes, sizes, colours, borders, fonts,
display, alignment, transitions and animations.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._properties import _canonical_name
from ._serialize import _WIDE_KEYWORDS, _fmt, _ser_ident, _ser_string, _words
from ._tokens import Node, _ident, _sig, _split_commas
from ._values import _angle, _color, _is_math, _length, _math, _number, _time

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
