"""The tinycss2 node type aliases and token helpers (significant values, comma splitting,
identifiers, raw text)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import tinycss2

# tinycss2 ships no type information and its nodes are duck-typed (``.type`` tells them apart).
Node: TypeAlias = Any
Nodes: TypeAlias = Sequence[Any]


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
