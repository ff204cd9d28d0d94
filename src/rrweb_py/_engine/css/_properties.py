"""Property names (longhands, shorthands, aliases, resolved from :mod:`._tables`) and :class:`Decl`,
one longhand of a declaration block.
"""

from __future__ import annotations

import functools

from ._tables import _ALIAS_TABLE, _LONGHAND_NAMES, _SHORTHAND_TABLE

# ---------------------------------------------------------------------------------------------------------------
# Property names: longhands, shorthands, aliases (from Chromium; the tables are in _tables.py).


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[str, ...]]]:
    shorthands: dict[str, tuple[str, ...]] = {}
    for line in _SHORTHAND_TABLE.replace("\n    ", " ").strip().splitlines():
        name, _, rest = line.partition(":")
        shorthands[name.strip()] = tuple(rest.split())
    aliases = dict(item.split("=") for item in _ALIAS_TABLE.split())
    matching: dict[str, list[str]] = {}
    for sh, longs in shorthands.items():
        for lh in longs:
            matching.setdefault(lh, []).append(sh)
    match_sorted = {k: tuple(sorted(v, key=lambda s: (-len(shorthands[s]), s))) for k, v in matching.items()}
    return _LONGHAND_NAMES, shorthands, aliases, match_sorted


def _canonical_name(name: str) -> str | None:
    """Lower-case property name -> Chromium's canonical (alias-resolved) name, or None when unknown."""
    longs, shorts, aliases, _ = _tables()
    if name in longs or name in shorts or name == "all":
        return name
    return aliases.get(name)


class Decl:
    """One longhand (or custom property) in a declaration block, with its serialised value."""

    __slots__ = ("flags", "implicit", "important", "name", "pending", "unparsed", "value")

    def __init__(self, name: str, value: str, important: bool, implicit: bool = False,
                 pending: str | None = None) -> None:
        self.name = name
        self.value = value
        self.important = important
        self.implicit = implicit
        # For longhands of a shorthand written with var(): the shorthand's name (value is then the shorthand text).
        self.pending = pending
        # Per-layer implicit flags of background longhands ("1" implicit, "0" explicit per layer).
        self.flags: str | None = None
        # A longhand written with var()/env(): kept as text, never folded into a shorthand.
        self.unparsed = False

    def text(self) -> str:
        return "" if self.pending is not None else self.value

    def same(self, other: Decl) -> bool:
        return (self.value == other.value and self.pending == other.pending and self.important == other.important
                and self.implicit == other.implicit)
