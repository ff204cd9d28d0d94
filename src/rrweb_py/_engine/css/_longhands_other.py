"""The remaining longhand value parsers: content, counters, cursors, SVG paint, grid lines and tracks,
font variants, border images, clip paths, and the generic fallback.
"""

from __future__ import annotations

from ._longhands import _CASE_KEEPING, _LONGHAND, LonghandParser, _kw, _one, _reg
from ._longhands_images import _layers, _url_or_image
from ._properties import _canonical_name
from ._serialize import _WIDE_KEYWORDS, _fmt, _ser_ident, _ser_string, _words
from ._tokens import Node, _ident, _is_lit, _sig, _split_commas
from ._values import _color, _gen, _gen_list, _is_math, _length, _number, _number_or_pct


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
