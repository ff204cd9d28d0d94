"""Declaration blocks: parsing declarations into longhands, ``setProperty``/``removeProperty``, and
serialising a block with Chromium's shorthand rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import tinycss2

from ._longhands import _GENERIC_FAMILIES, _LONGHAND, _font_family_list, _font_style
from ._longhands_images import _url_or_image
from ._longhands_other import _generic_longhand
from ._properties import Decl, _canonical_name, _tables
from ._serialize import _WIDE_KEYWORDS, _fmt, _ser_string, _words
from ._shorthands import _SHORTHAND_PARSE, _SHORTHAND_SER, Expansion, _parse_border_radius
from ._shorthands_layers import _SYSTEM_FONTS
from ._tokens import Node, _has_var, _ident, _is_lit, _raw, _sig, _split_commas
from ._urls import _decls_with_base
from ._values import _gen_list

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
