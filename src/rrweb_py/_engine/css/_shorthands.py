"""Shorthand expansion and serialisation (``_SHORTHAND_PARSE`` / ``_SHORTHAND_SER``) for the table-driven
shorthands: boxes, borders, flex, gaps, grid lines, and the rest registered by ``_register_shorthands``.
"""

from __future__ import annotations

from collections.abc import Callable

from ._longhands import _LONGHAND, LonghandParser
from ._longhands_other import _collapse4, _grid_line
from ._properties import Decl, _tables
from ._serialize import _fmt
from ._tokens import Node, _ident, _is_lit
from ._values import _length

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


_register_shorthands()
