"""Media queries and other at-rule preludes (``@supports``, ``@container`` ...)."""

from __future__ import annotations

from collections.abc import Sequence

from ._serialize import _fmt
from ._tokens import Node, _ident, _is_lit, _sig, _split_commas
from ._values import _gen

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
