"""CSSOM rules (:class:`Rule`) built from tinycss2 nodes, and their serialisation."""

from __future__ import annotations

from collections.abc import Sequence

import tinycss2

from ._declarations import _filter_decls, _parse_decl_nodes, _serialize_decls
from ._longhands import _font_family_list
from ._preludes import _ser_media_feature, _ser_media_list, _supports_ok
from ._properties import Decl
from ._selectors import _ser_selector_list
from ._serialize import _WIDE_KEYWORDS, _fmt, _ser_ident, _ser_string, _ser_url
from ._tokens import Node, _collapse_raw, _ident, _is_lit, _raw, _sig, _split_commas
from ._urls import _absolutify, _decls_with_base
from ._values import _gen, _gen_list

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
