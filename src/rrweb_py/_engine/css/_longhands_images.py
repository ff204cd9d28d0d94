"""Longhand value parsers for images, layers, positions, backgrounds, shadows, transforms and filters."""

from __future__ import annotations

from collections.abc import Callable

from ._longhands import _LONGHAND, LonghandParser, _ident_list, _kw, _list_of, _one, _reg
from ._serialize import _fmt, _ser_url, _words
from ._tokens import Node, _ident, _sig, _split_commas
from ._values import _angle, _color, _gen, _gen_list, _length, _number


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
