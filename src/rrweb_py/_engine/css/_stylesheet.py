"""The rule list of a sheet and :class:`StyleSheet`: parse on demand, nested index paths, rule operations."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import tinycss2

from ._declarations import _remove_property, _set_property
from ._rules import _GROUP_KINDS, Rule, _build_rule, _Ctx

# ---------------------------------------------------------------------------------------------------------------
# Sheets.


class _Rules:
    """A top-level rule list with Chromium's four groups (pre-import @layer statements, @import, @namespace, rest)."""

    __slots__ = ("n_imp", "n_ns", "n_pre", "rules")

    def __init__(self, rules: list[Rule], n_pre: int = 0, n_imp: int = 0, n_ns: int = 0) -> None:
        self.rules = rules
        self.n_pre = n_pre
        self.n_imp = n_imp
        self.n_ns = n_ns

    def copy(self) -> _Rules:
        return _Rules(list(self.rules), self.n_pre, self.n_imp, self.n_ns)

    def namespaces(self) -> frozenset[str]:
        out = set()
        for r in self.rules[self.n_pre + self.n_imp: self.n_pre + self.n_imp + self.n_ns]:
            parts = r.head.split(" ")
            if len(parts) == 3:
                out.add(parts[1])
        return frozenset(out)


_RR_SPLIT = "/* rr_split */"


def _parse_sheet(text: str, base: str | None, constructed: bool) -> _Rules:
    return _parse_sheet_cached(text, base, constructed).copy()


@functools.lru_cache(maxsize=256)
def _parse_sheet_cached(text: str, base: str | None, constructed: bool) -> _Rules:
    """Whole sheets repeat (the same <style> in every snapshot, iframe or shadow root); rules are immutable and
    callers get a copy of the list."""
    items = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    res = _Rules([])
    ctx = _Ctx(base, frozenset(), constructed)
    pre: list[Rule] = []
    imp: list[Rule] = []
    ns: list[Rule] = []
    rest: list[Rule] = []
    for item in items:
        if item.type not in ("qualified-rule", "at-rule"):
            continue
        if item.type == "at-rule" and item.lower_at_keyword == "namespace":
            ctx = _Ctx(base, ctx.namespaces, constructed)
        r = _build_rule(item, ctx)
        if r is None or r.kind == "charset":
            continue
        if r.kind == "layer" and not imp and not ns and not rest:
            pre.append(r)
        elif r.kind == "import":
            if ns or rest or constructed:
                continue
            imp.append(r)
        elif r.kind == "namespace":
            if rest:
                continue
            ns.append(r)
            parts = r.head.split(" ")
            if len(parts) == 3:
                ctx = _Ctx(base, ctx.namespaces | {parts[1]}, constructed)
        else:
            rest.append(r)
    res.rules = pre + imp + ns + rest
    res.n_pre, res.n_imp, res.n_ns = len(pre), len(imp), len(ns)
    return res


def _parse_one_rule(text: str, ctx: _Ctx, nested: bool) -> Rule | None:
    item = tinycss2.parse_one_rule(text, skip_comments=True)
    if item.type not in ("qualified-rule", "at-rule"):
        return None
    if item.type == "at-rule" and item.lower_at_keyword == "charset":
        return None
    return _build_rule(item, ctx, nested=nested)


Index = int | Sequence[int] | None


def _norm_index(index: Index) -> list[int]:
    if index is None:
        return [0]
    if isinstance(index, int):
        return [index]
    return [int(i) for i in index]


class StyleSheet:
    """A CSSOM sheet. Cheap to create from already-serialised text (kept verbatim and parsed lazily, only when a rule
    operation needs the rule list); css_text() of an untouched sheet returns the text unchanged."""

    __slots__ = ("_base", "_constructed", "_rules", "_text")

    def __init__(self) -> None:
        self._text: str | None = ""
        self._rules: _Rules | None = None
        self._base: str | None = None
        self._constructed = False

    @classmethod
    def from_serialized(cls, text: str, *, base_url: str | None = None) -> StyleSheet:
        """A sheet from rrweb's ``_cssText`` (Chromium's serialisation); ``/* rr_split */`` markers are dropped.
        The text is kept verbatim and parsed only when a rule operation needs the rule list. ``base_url`` is only
        the default for later operations that bring relative ``url()`` values."""
        sheet = cls()
        sheet._text = text.replace(_RR_SPLIT, "") if _RR_SPLIT in text else text
        sheet._base = base_url
        return sheet

    @classmethod
    def from_source(cls, text: str, base_url: str | None = None) -> StyleSheet:
        """A sheet from CSS as an author wrote it (``<style>`` text, ``replaceSync``)."""
        sheet = cls()
        sheet._text = None
        sheet._rules = _parse_sheet(text, base_url, False)
        sheet._base = base_url
        return sheet

    @classmethod
    def constructed(cls, text: str = "", base_url: str | None = None) -> StyleSheet:
        """A constructed sheet (``new CSSStyleSheet()`` + ``replaceSync(text)``): ``@import`` rules are dropped."""
        sheet = cls()
        sheet._constructed = True
        sheet._text = None
        sheet._rules = _parse_sheet(text, base_url, True)
        sheet._base = base_url
        return sheet

    def _ensure(self) -> _Rules:
        rules = self._rules
        if rules is None:
            rules = self._rules = _parse_sheet(self._text or "", None, self._constructed)
        return rules

    def _mutated(self) -> None:
        self._text = None

    def __len__(self) -> int:
        if self._rules is None and not self._text:
            return 0
        return len(self._ensure().rules)

    def css_text(self) -> str:
        """Exactly Chromium's ``Array.from(sheet.cssRules, r => r.cssText).join('')``."""
        t = self._text
        if t is None:
            rules = self._ensure()
            t = self._text = "".join(r.text() for r in rules.rules)
        return t

    def copy(self) -> StyleSheet:
        other = StyleSheet()
        other._text = self._text
        other._rules = self._rules.copy() if self._rules is not None else None
        other._base = self._base
        other._constructed = self._constructed
        return other

    def replace(self, text: str, base_url: str | None = None) -> None:
        """``replace()``/``replaceSync()``: re-parse the whole sheet, dropping ``@import`` like Chromium."""
        self._rules = _parse_sheet(text, base_url, True)
        self._base = base_url
        self._constructed = True
        self._text = None

    # -- rule operations -----------------------------------------------------------------------------------

    def insert_rule(self, rule: str, index: int | list[int] | None = None, base_url: str | None = None) -> bool:
        """CSSOM ``insertRule``: ``None`` -> 0; a list is a nested path (the last item is the position inside the
        grouping rule reached by the others). False, with nothing changed, where Chromium throws (bad index,
        unparsable rule, ``@import`` after other rules, ...). Relative ``url()`` are made absolute against
        ``base_url`` (default: the sheet's base URL) like rrweb's absolutifyURLs."""
        try:
            path = _norm_index(index)
        except (TypeError, ValueError):
            return False
        if not path:
            path = [0]
        rules = self._ensure()
        base = base_url if base_url is not None else self._base
        ctx = _Ctx(base, rules.namespaces(), self._constructed)
        if len(path) == 1:
            pos = path[0]
            if pos < 0 or pos > len(rules.rules):
                return False
            new = _parse_one_rule(rule, ctx, nested=False)
            if new is None:
                return False
            if new.kind == "import" and self._constructed:
                return False
            new_rules = rules.copy()
            if not _insert_top(new_rules, new, pos):
                return False
            self._rules = new_rules
            self._mutated()
            return True
        parent_path, pos = path[:-1], path[-1]
        parent = _rule_at(rules.rules, parent_path)
        if parent is None or parent.kind not in _GROUP_KINDS and parent.kind != "style":
            return False
        kids = list(parent.children or ())
        if pos < 0 or pos > len(kids):
            return False
        nested = parent.kind == "style" or _inside_style(rules.rules, parent_path)
        new = _parse_one_rule(rule, ctx, nested=nested)
        if new is None or new.kind in ("import", "namespace", "charset"):
            return False
        kids.insert(pos, new)
        self._replace_at(parent_path, parent.with_children(kids))
        return True

    def delete_rule(self, index: int | list[int]) -> bool:
        """CSSOM ``deleteRule``; False (nothing changed) where Chromium throws."""
        try:
            path = _norm_index(index)
        except (TypeError, ValueError):
            return False
        if not path:
            return False
        rules = self._ensure()
        if len(path) == 1:
            pos = path[0]
            if pos < 0 or pos >= len(rules.rules):
                return False
            new_rules = rules.copy()
            if not _delete_top(new_rules, pos):
                return False
            self._rules = new_rules
            self._mutated()
            return True
        parent = _rule_at(rules.rules, path[:-1])
        if parent is None or parent.kind not in _GROUP_KINDS and parent.kind != "style":
            return False
        kids = list(parent.children or ())
        pos = path[-1]
        if pos < 0 or pos >= len(kids):
            return False
        del kids[pos]
        self._replace_at(path[:-1], parent.with_children(kids) if kids or parent.kind != "style"
                         else Rule(parent.kind, parent.head, parent.decls, None))
        return True

    def set_property(self, path: list[int], name: str, value: str, priority: str = "", *,
                     base_url: str | None = None) -> bool:
        """``cssRules[path].style.setProperty(name, value, priority)``; False where the rule has no style.
        Relative ``url()`` values are made absolute against ``base_url`` (default: the sheet's base URL)."""
        base = base_url if base_url is not None else self._base
        rules = self._ensure()
        r = _rule_at(rules.rules, list(path)) if path else None
        if r is None or r.decls is None or r.kind not in ("style", "keyframe", "page", "descriptors",
                                                          "nested-decls"):
            return False
        context = {"keyframe": "keyframe", "page": "page"}.get(r.kind, "style")
        if r.head == "@font-face":
            new = _set_property(list(r.decls), name, value, priority, "font-face", base)
            if new is None:
                new = _set_property(list(r.decls), name, value, priority, "style", base)
        else:
            new = _set_property(list(r.decls), name, value, priority, context, base)
        if new is not None:
            self._replace_at(list(path), r.with_decls(new))
        return True

    def remove_property(self, path: list[int], name: str) -> bool:
        """``cssRules[path].style.removeProperty(name)``; False where the rule has no style."""
        rules = self._ensure()
        r = _rule_at(rules.rules, list(path)) if path else None
        if r is None or r.decls is None:
            return False
        new = _remove_property(list(r.decls), name)
        if new is not None:
            self._replace_at(list(path), r.with_decls(new))
        return True

    def _replace_at(self, path: list[int], new: Rule) -> None:
        rules = self._ensure().copy()
        chain: list[Rule] = []
        cur_list: Sequence[Rule] = rules.rules
        for i in path[:-1]:
            r = cur_list[i]
            chain.append(r)
            cur_list = r.children or ()
        node = new
        for depth in range(len(path) - 1, 0, -1):
            parent = chain[depth - 1]
            kids = list(parent.children or ())
            kids[path[depth]] = node
            node = parent.with_children(kids)
        rules.rules[path[0]] = node
        self._rules = rules
        self._mutated()


def _rule_at(rules: Sequence[Rule], path: Sequence[int]) -> Rule | None:
    cur: Sequence[Rule] | None = rules
    r: Rule | None = None
    for i in path:
        if cur is None or i < 0 or i >= len(cur):
            return None
        r = cur[i]
        cur = r.children
    return r


def _inside_style(rules: Sequence[Rule], path: Sequence[int]) -> bool:
    cur: Sequence[Rule] = rules
    for i in path:
        r = cur[i]
        if r.kind == "style":
            return True
        cur = r.children or ()
    return False


def _insert_top(rules: _Rules, new: Rule, index: int) -> bool:
    """StyleSheetContents::WrapperInsertRule."""
    if rules.n_pre and not rules.n_imp and not rules.n_ns:
        rules.n_pre = 0
    is_layer = new.kind == "layer"
    if index < rules.n_pre or (index == rules.n_pre and is_layer):
        if not is_layer:
            return False
        rules.rules.insert(index, new)
        rules.n_pre += 1
        return True
    i = index - rules.n_pre
    if i < rules.n_imp or (i == rules.n_imp and new.kind == "import"):
        if new.kind != "import":
            return False
        rules.rules.insert(index, new)
        rules.n_imp += 1
        return True
    if new.kind == "import":
        return False
    i -= rules.n_imp
    if i < rules.n_ns or (i == rules.n_ns and new.kind == "namespace"):
        if new.kind != "namespace":
            return False
        if len(rules.rules) > rules.n_pre + rules.n_imp + rules.n_ns:
            return False
        rules.rules.insert(index, new)
        rules.n_ns += 1
        return True
    if new.kind == "namespace":
        return False
    rules.rules.insert(index, new)
    return True


def _delete_top(rules: _Rules, index: int) -> bool:
    """StyleSheetContents::WrapperDeleteRule."""
    if index < rules.n_pre:
        rules.n_pre -= 1
    elif index < rules.n_pre + rules.n_imp:
        rules.n_imp -= 1
    elif index < rules.n_pre + rules.n_imp + rules.n_ns:
        if len(rules.rules) > rules.n_pre + rules.n_imp + rules.n_ns:
            return False
        rules.n_ns -= 1
    del rules.rules[index]
    return True
