"""Inline ``style`` attributes: normalising, applying rrweb's style diffs, Chromium's compatibility fixes."""

from __future__ import annotations

import functools
import re

import tinycss2

from ._declarations import _parse_decl_nodes, _remove_property, _serialize_decls, _set_property
from ._properties import Decl

# ---------------------------------------------------------------------------------------------------------------
# Inline style attributes.


@functools.lru_cache(maxsize=8192)
def _parse_style_attribute(text: str) -> tuple[Decl, ...]:
    items = tinycss2.parse_declaration_list(text, skip_comments=True, skip_whitespace=True)
    return tuple(_parse_decl_nodes(items, "style"))


def normalize_style_attribute(text: str) -> str:
    """Chromium's serialisation of an element's style declaration block parsed from ``text``."""
    return _serialize_decls(_parse_style_attribute(text))


def apply_style_diff(old: str | None, diff: dict[str, str | list[str] | bool]) -> str:
    """Apply an rrweb style-attribute diff ``{prop: "v" | ["v", "important"] | False}`` the way rrweb's Replayer
    does (``setProperty`` / ``removeProperty`` on ``element.style``) and return the style attribute Chromium then
    writes. When nothing changed, ``old`` is returned as it was ("" for no attribute).

    Chromium keeps the element's declaration block alive between calls (it does not re-parse its own output), so
    blocks this function produced are remembered by their text and reused when that text comes back as ``old``."""
    live = _LIVE_STYLE.get(old or "")
    decls = list(live if live is not None else _parse_style_attribute(old or ""))
    changed = False
    for prop, val in diff.items():
        if val is False:
            new = _remove_property(decls, prop)
        elif isinstance(val, list):
            v = str(val[0]) if val else ""
            prio = str(val[1]) if len(val) > 1 and val[1] else ""
            new = _set_property(decls, prop, v, prio, "style")
            if new is None and v.strip() == "":
                new = None
        else:
            new = _set_property(decls, prop, str(val), "", "style")
        if new is not None:
            decls = new
            changed = True
    if not changed:
        return old or ""
    text = _serialize_decls(decls)
    if len(_LIVE_STYLE) >= 8192:
        _LIVE_STYLE.clear()
    _LIVE_STYLE[text] = tuple(decls)
    return text


_LIVE_STYLE: dict[str, tuple[Decl, ...]] = {}

_BG_CLIP_TEXT = re.compile(r"\sbackground-clip:\s*text;")


def fix_browser_compatibility(css_text: str) -> str:
    """rrweb-snapshot's ``fixBrowserCompatibilityIssuesInCSS``, which its recorder applies to a whole sheet's text
    when it writes ``_cssText``: Chromium writes ``-webkit-background-clip: text`` as ``background-clip: text``, so
    rrweb puts the prefixed declaration back in front of it."""
    if " background-clip: text;" in css_text and " -webkit-background-clip: text;" not in css_text:
        return _BG_CLIP_TEXT.sub(" -webkit-background-clip: text; background-clip: text;", css_text)
    return css_text
