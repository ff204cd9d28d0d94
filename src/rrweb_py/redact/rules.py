"""What a redaction masks (:class:`Rules`) and how a string is masked.

Masks keep the shape of what they hide, as rrweb's recorder does: text loses every character that is not white
space (``"Jane Doe"`` -> ``"**** ***"``), a typed value becomes ``*`` of the same length, a CSS ``content:`` string
is masked like text, a URL loses its query and fragment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..errors import InvalidArgument
from .match import Selector, compile_all

#: the attributes masked on a masked element unless told otherwise
DEFAULT_MASK_ATTRIBUTES = ("value", "placeholder", "title", "alt", "aria-label")
#: attributes that hold one URL
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data", "background",
                            "xlink:href", "longdesc", "manifest", "ping"})

_NOT_SPACE = re.compile(r"\S")
# a CSS `content` declaration's value up to the end of the declaration, and the strings in it
_CONTENT = re.compile(r"(?<![-\w])(content\s*:)([^;}]*)", re.IGNORECASE)
_CSS_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", re.DOTALL)


def mask_text(text: str) -> str:
    """Every character that is not white space becomes ``*`` (rrweb's default text mask)."""
    return _NOT_SPACE.sub("*", text)


def mask_value(value: str) -> str:
    """A typed value: ``*`` of the same length (rrweb's default input mask)."""
    return "*" * len(value)


def _mask_string(m: re.Match[str]) -> str:
    s = m.group(0)
    return s[0] + _NOT_SPACE.sub("*", s[1:-1]) + s[-1]


def mask_css(css: str) -> str:
    """The strings of CSS ``content:`` declarations masked like text; the rest of the style sheet as it was."""
    if "content" not in css.lower():
        return css
    return _CONTENT.sub(lambda m: m.group(1) + _CSS_STRING.sub(_mask_string, m.group(2)), css)


def strip_url(url: str) -> str:
    """The URL without its query and fragment (a reference to a part of the same SVG document, ``#id``, kept)."""
    if "?" not in url and "#" not in url:
        return url
    if url.startswith("#"):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("?", 1)[0].split("#", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def strip_srcset(value: str) -> str:
    """Each URL of a ``srcset`` without query and fragment."""
    out = []
    for item in value.split(","):
        bits = item.strip().split(None, 1)
        if bits:
            bits[0] = strip_url(bits[0])
        out.append(" ".join(bits))
    return ", ".join(out)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        msg = f"{name} must be True or False, got {value!r}"
        raise InvalidArgument(msg)
    return value


@dataclass(frozen=True)
class Rules:
    """The masks of one redaction (see :meth:`rrweb_py.Replay.redact`)."""

    mask_all_text: bool = False
    mask_text: Sequence[str] = ()
    mask_all_inputs: bool = False
    mask_inputs: Sequence[str] = ()
    block: Sequence[str] = ()
    mask_attributes: Sequence[str] = DEFAULT_MASK_ATTRIBUTES
    strip_query: bool = False
    drop_plugins: bool = False
    text_selectors: list[Selector] = field(init=False, repr=False)
    input_selectors: list[Selector] = field(init=False, repr=False)
    block_selectors: list[Selector] = field(init=False, repr=False)
    attributes: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("mask_all_text", "mask_all_inputs", "strip_query", "drop_plugins"):
            _flag(name, getattr(self, name))
        setattr_ = object.__setattr__
        setattr_(self, "text_selectors", compile_all(self.mask_text, "mask_text"))
        setattr_(self, "input_selectors", compile_all(self.mask_inputs, "mask_inputs"))
        setattr_(self, "block_selectors", compile_all(self.block, "block"))
        names = self.mask_attributes
        if isinstance(names, str) or not isinstance(names, (list, tuple, set, frozenset)) or not all(
                isinstance(n, str) for n in names):
            msg = f"mask_attributes must be a list of attribute names, got {names!r}"
            raise InvalidArgument(msg)
        setattr_(self, "attributes", frozenset(n.lower() for n in names))

    @property
    def selectors(self) -> list[Selector]:
        """Every selector of every rule."""
        return [*self.text_selectors, *self.input_selectors, *self.block_selectors]

    @property
    def masks_content(self) -> bool:
        """Whether anything the page showed or was typed is masked or blocked (the logs and custom events are then
        masked too)."""
        return bool(self.mask_all_text or self.mask_all_inputs or self.selectors)
