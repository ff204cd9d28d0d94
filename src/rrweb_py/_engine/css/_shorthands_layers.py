"""The special shorthands: layered ones (background, mask, animation, transition), font and font-variant,
border-image, background-position, marker, grid-template; registered by ``_register_special_shorthands``.
"""

from __future__ import annotations

import re
from typing import Any

from ._longhands import (
    _FONT_STRETCH_KW,
    _LONGHAND,
    _easing,
    _font_family_list,
    _font_size,
    _font_weight,
    _line_height,
    _transition_property,
)
from ._longhands_images import _bg_size_one, _image, _position, _repeat_one, _url_or_image
from ._longhands_other import (
    _border_image_outset,
    _border_image_repeat,
    _border_image_slice,
    _border_image_width,
    _contain_intrinsic,
    _grid_tracks,
)
from ._properties import Decl
from ._serialize import _ser_string
from ._shorthands import (
    _INITIAL,
    _SHORTHAND_PARSE,
    _SHORTHAND_SER,
    Expansion,
    _parse_border,
    _parse_border_radius,
    _parse_columns,
    _parse_container,
    _parse_flex,
    _parse_flex_flow,
    _parse_grid_area,
    _parse_grid_line_pair,
    _parse_list_style,
    _parse_text_wrap,
    _parse_white_space,
    _ser_border,
    _ser_border_radius,
    _ser_columns,
    _ser_container,
    _ser_flex,
    _ser_flex_flow,
    _ser_grid_area,
    _ser_grid_line_pair,
    _ser_list_style,
    _ser_text_wrap,
    _ser_white_space,
    _split_top_commas,
    _split_top_spaces,
)
from ._tokens import Node, _ident, _is_lit, _split_commas
from ._values import _TIME_UNITS, _angle, _color, _gen_list, _is_math, _number, _time


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


_register_special_shorthands()
