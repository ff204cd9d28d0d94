"""What the page showed can leave the DOM: console logs (rrweb's console plugin, the old Log source), network
captures, Sentry breadcrumbs (a click's ``textContent``, a message) and span descriptions, PostHog's custom
events. When a redaction masks anything, every string in those payloads is masked like text, except the values
that name a kind rather than carry content (``level``, ``category``, ``op``, ``method``...), numbers and
booleans; strings that are URLs are kept (without query and fragment under ``strip_query``). Walks are
iterative: a payload of any depth is safe."""

from __future__ import annotations

import copy
from typing import Any

from .rules import mask_text, strip_url

#: keys whose string values name a kind of thing, not what the page showed
KIND_KEYS = frozenset({
    "level", "category", "type", "op", "tag", "plugin", "method", "initiatorType", "entryType", "source",
    "origin", "status", "statusText", "nextHopProtocol", "event", "mode", "deliveryType", "renderBlockingStatus",
    "visibilityState", "sdk", "version", "environment", "release", "tagName", "nodeName", "endReason", "rating",
})
#: keys whose string values are URLs
URL_KEYS = frozenset({"url", "href", "from", "to", "referrer", "$current_url", "$referrer", "$pathname",
                      "initial_url", "uri", "src", "location", "page"})
_URL_STARTS = ("http://", "https://", "/")


def _is_url(key: Any, value: str) -> bool:
    return key in URL_KEYS or (value.startswith(_URL_STARTS) and " " not in value and "\n" not in value)


def _leaf(key: Any, value: str, mask: bool, strip: bool) -> str:
    if _is_url(key, value):
        return strip_url(value) if strip else value
    if mask and key not in KIND_KEYS:
        return mask_text(value)
    return value


def scrub(payload: Any, *, mask: bool, strip: bool) -> Any:
    """A copy of ``payload`` (JSON data) with its strings masked (``mask``) and URLs stripped (``strip``)."""
    if not (mask or strip):
        return payload
    if isinstance(payload, str):
        return _leaf(None, payload, mask, strip)
    out = copy.copy(payload)
    stack: list[Any] = [out]
    while stack:
        box = stack.pop()
        items = box.items() if isinstance(box, dict) else enumerate(box)
        for key, value in list(items):
            if isinstance(value, str):
                box[key] = _leaf(key, value, mask, strip)
            elif isinstance(value, (dict, list)):
                box[key] = child = copy.copy(value)
                stack.append(child)
    return out
