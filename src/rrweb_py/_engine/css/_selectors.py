"""Selector serialisation the way Chromium's CSSOM writes ``selectorText``."""

from __future__ import annotations

from collections.abc import Sequence

from tinycss2.nth import parse_nth

from ._serialize import _ser_ident, _ser_string, _words
from ._tokens import Node, _ident, _is_lit, _sig, _split_commas
from ._values import _gen_list

# ---------------------------------------------------------------------------------------------------------------
# Selectors.

_PSEUDO_CLASSES = frozenset(
    _words("""active any-link autofill checked default defined dir disabled empty enabled first first-child
    first-of-type focus focus-visible focus-within fullscreen future has host host-context hover in-range
    indeterminate invalid is lang last-child last-of-type left link modal not nth-child nth-last-child
    nth-last-of-type nth-of-type only-child only-of-type open optional out-of-range past paused picture-in-picture
    placeholder-shown playing popover-open read-only read-write required right root scope state target
    target-current user-invalid user-valid valid visited where xr-overlay muted volume-locked
    buffering stalled seeking closed current -webkit-any-link -webkit-autofill -internal-autofill-previewed
    -webkit-drag -webkit-full-screen -webkit-full-screen-ancestor -webkit-full-page-media -webkit-animating-full-screen-transition
    horizontal vertical decrement increment start end double-button single-button no-button corner-present
    window-inactive has-slotted active-view-transition active-view-transition-type interest-source interest-target
    heading""")
)
_PSEUDO_CLASS_FUNCS = frozenset(
    _words("not is where has host host-context lang dir nth-child nth-last-child nth-of-type nth-last-of-type state "
    "active-view-transition-type -webkit-any heading")
)
_PSEUDO_ELEMENTS = frozenset(
    _words("""cue after before first-letter first-line marker placeholder selection backdrop file-selector-button
    grammar-error spelling-error target-text search-text view-transition view-transition-group
    view-transition-image-pair view-transition-old view-transition-new column scroll-marker scroll-marker-group
    scroll-button details-content checkmark picker-icon picker interest-hint
    -webkit-scrollbar -webkit-scrollbar-button -webkit-scrollbar-corner -webkit-scrollbar-thumb
    -webkit-scrollbar-track -webkit-scrollbar-track-piece -webkit-resizer -webkit-input-placeholder
    -webkit-file-upload-button -webkit-search-cancel-button -webkit-search-decoration -webkit-search-results-button
    -webkit-search-results-decoration -webkit-inner-spin-button -webkit-outer-spin-button -webkit-slider-thumb
    -webkit-slider-runnable-track -webkit-details-marker -webkit-calendar-picker-indicator
    -webkit-datetime-edit -webkit-datetime-edit-fields-wrapper -webkit-datetime-edit-text
    -webkit-datetime-edit-month-field -webkit-datetime-edit-day-field -webkit-datetime-edit-year-field
    -webkit-datetime-edit-hour-field -webkit-datetime-edit-minute-field -webkit-datetime-edit-second-field
    -webkit-datetime-edit-ampm-field -webkit-datetime-edit-millisecond-field -webkit-datetime-edit-week-field
    -webkit-clear-button -webkit-color-swatch -webkit-color-swatch-wrapper -webkit-meter-bar
    -webkit-meter-optimum-value -webkit-meter-suboptimum-value -webkit-meter-even-less-good-value
    -webkit-progress-bar -webkit-progress-value -webkit-progress-inner-element -webkit-media-controls
    -webkit-media-controls-panel -webkit-media-controls-play-button -webkit-media-controls-timeline
    -webkit-media-controls-current-time-display -webkit-media-controls-time-remaining-display
    -webkit-media-controls-mute-button -webkit-media-controls-volume-slider -webkit-media-controls-fullscreen-button
    -webkit-media-controls-enclosure -webkit-media-controls-overlay-play-button -webkit-media-text-track-container
    -webkit-textfield-decoration-container -webkit-list-button""")
)
_PSEUDO_ELEMENT_FUNCS = frozenset(_words("part slotted cue highlight view-transition-group view-transition-image-pair "
                                  "view-transition-old view-transition-new picker scroll-button"))
_LEGACY_PSEUDO_ELEMENTS = frozenset(("before", "after", "first-line", "first-letter"))
_SCROLLBAR_STATES = frozenset(
    _words("hover active horizontal vertical decrement increment start end double-button single-button no-button "
    "corner-present window-inactive enabled disabled")
)
_AFTER_ELEMENT_OK = frozenset(_words("hover focus active focus-visible focus-within"))


class _SelError(Exception):
    pass


def _ser_nth(nodes: list[Node]) -> str | None:
    try:
        ab = parse_nth(nodes)
    except (ValueError, TypeError, AttributeError):
        return None
    if ab is None:
        return None
    a, b = ab
    if a == 0:
        return str(b)
    ap = "n" if a == 1 else "-n" if a == -1 else f"{a}n"
    if b == 0:
        return ap
    return ap + (f"+{b}" if b > 0 else f"{b}")


def _ser_selector_list(nodes: Sequence[Node], nested: bool = False, namespaces: frozenset[str] = frozenset(),
                       forgiving: bool = False, relative: bool = False, inner: bool = False) -> str | None:
    parts = _split_commas(list(nodes))
    out: list[str] = []
    for p in parts:
        try:
            s = _ser_complex(p, nested, namespaces, relative)
            if inner and "::" in s and _has_pseudo_element(p):
                raise _SelError()
        except _SelError:
            if forgiving:
                continue
            return None
        out.append(s)
    if not out and not forgiving:
        return None
    return ", ".join(out)


def _has_pseudo_element(nodes: list[Node]) -> bool:
    """A '::' (or legacy ':before'-style pseudo-element) at the top level of a complex selector."""
    for k, n in enumerate(nodes):
        if _is_lit(n, ":") and k + 1 < len(nodes):
            nxt = nodes[k + 1]
            if _is_lit(nxt, ":") or (nxt.type == "ident" and nxt.lower_value in _LEGACY_PSEUDO_ELEMENTS):
                return True
    return False


def _ser_complex(nodes: list[Node], nested: bool, namespaces: frozenset[str], relative: bool) -> str:
    items = [n for n in nodes if n.type != "comment"]
    while items and items[0].type == "whitespace":
        items.pop(0)
    while items and items[-1].type == "whitespace":
        items.pop()
    if not items:
        raise _SelError()
    out: list[str] = []
    i = 0
    pending_comb: str | None = None
    first = True
    has_nesting = False
    leading_comb: str | None = None
    while i < len(items):
        n = items[i]
        if n.type == "whitespace":
            if pending_comb is None:
                pending_comb = " "
            i += 1
            continue
        if n.type == "literal" and n.value in (">", "+", "~"):
            if pending_comb not in (None, " "):
                raise _SelError()
            if first:
                if not (nested or relative):
                    raise _SelError()
                leading_comb = n.value
                pending_comb = None
                i += 1
                continue
            pending_comb = n.value
            i += 1
            continue
        # compound selector
        j = i
        while j < len(items) and items[j].type != "whitespace" and not (
                items[j].type == "literal" and items[j].value in (">", "+", "~")):
            j += 1
        comp, nest = _ser_compound(items[i:j], nested, namespaces)
        has_nesting = has_nesting or nest
        if not first:
            if pending_comb is None:
                raise _SelError()
            out.append(" " if pending_comb == " " else " " + pending_comb + " ")
        elif leading_comb is not None:
            out.append(leading_comb + " ")
        out.append(comp)
        pending_comb = None
        first = False
        i = j
    if pending_comb not in (None, " ") or first:
        raise _SelError()
    text = "".join(out)
    if nested and not has_nesting and not relative:
        text = "& " + text
    return text


def _ser_compound(items: list[Node], nested: bool, namespaces: frozenset[str]) -> tuple[str, bool]:
    out: list[str] = []
    i = 0
    n_items = len(items)
    type_sel: str | None = None
    has_nesting = False
    after_element = False
    element_kind = ""
    # namespace prefix / type selector
    if i < n_items:
        n = items[i]
        prefix = None
        if i + 1 < n_items and _is_lit(items[i + 1], "|") and (n.type == "ident" or _is_lit(n, "*")):
            prefix = "*" if _is_lit(n, "*") else n.value
            i += 2
        elif _is_lit(n, "|"):
            prefix = ""
            i += 1
        if prefix is not None:
            if prefix not in ("*", "") and prefix not in namespaces:
                raise _SelError()
            if i >= n_items:
                raise _SelError()
            n = items[i]
            if n.type == "ident":
                name = n.value.lower()
            elif _is_lit(n, "*"):
                name = "*"
            else:
                raise _SelError()
            i += 1
            type_sel = ("" if prefix == "*" else prefix + "|") + (_ser_ident(name) if name != "*" else "*")
        elif n.type == "ident":
            type_sel = _ser_ident(n.value.lower())
            i += 1
        elif _is_lit(n, "*"):
            type_sel = "*"
            i += 1
    subs: list[str] = []
    while i < n_items:
        n = items[i]
        if n.type == "hash":
            if not n.is_identifier or after_element:
                raise _SelError()
            subs.append("#" + _ser_ident(n.value))
            i += 1
        elif _is_lit(n, "."):
            if i + 1 >= n_items or items[i + 1].type != "ident" or after_element:
                raise _SelError()
            subs.append("." + _ser_ident(items[i + 1].value))
            i += 2
        elif n.type == "[] block":
            if after_element:
                raise _SelError()
            subs.append(_ser_attr(n.content, namespaces))
            i += 1
        elif _is_lit(n, "&"):
            subs.append("&")
            has_nesting = True
            i += 1
        elif _is_lit(n, ":"):
            if i + 1 < n_items and _is_lit(items[i + 1], ":"):
                if i + 2 >= n_items:
                    raise _SelError()
                el = items[i + 2]
                if after_element and element_kind not in ("part", "slotted"):
                    raise _SelError()
                subs.append("::" + _ser_pseudo_element(el, namespaces))
                element_kind = str(el.lower_value if el.type == "ident" else el.lower_name)
                after_element = True
                i += 3
                continue
            if i + 1 >= n_items:
                raise _SelError()
            pc = items[i + 1]
            if pc.type == "ident" and pc.lower_value in _LEGACY_PSEUDO_ELEMENTS:
                if after_element:
                    raise _SelError()
                subs.append("::" + str(pc.lower_value))
                element_kind = str(pc.lower_value)
                after_element = True
                i += 2
                continue
            if after_element:
                name = pc.lower_value if pc.type == "ident" else None
                if element_kind.startswith("-webkit-scrollbar") or element_kind == "-webkit-resizer":
                    if name not in _SCROLLBAR_STATES:
                        raise _SelError()
                elif element_kind in ("part", "slotted", "view-transition-group", "picker", "checkmark",
                                      "scroll-marker", "column"):
                    pass
                else:
                    raise _SelError()
            subs.append(":" + _ser_pseudo_class(pc, nested, namespaces))
            i += 2
        else:
            raise _SelError()
    if type_sel is None and not subs:
        raise _SelError()
    if type_sel == "*" and subs:
        type_sel = None
    if type_sel:
        out.append(type_sel)
    out.extend(subs)
    return "".join(out), has_nesting


def _ser_attr(content: list[Node], namespaces: frozenset[str]) -> str:
    items = [n for n in content if n.type not in ("whitespace", "comment")]
    if not items:
        raise _SelError()
    i = 0
    prefix = ""
    if len(items) > 2 and _is_lit(items[1], "|") and (items[0].type == "ident" or _is_lit(items[0], "*")):
        p = "*" if _is_lit(items[0], "*") else items[0].value
        if p != "*" and p not in namespaces:
            raise _SelError()
        prefix = p + "|"
        i = 2
    elif _is_lit(items[0], "|"):
        prefix = ""
        i = 1
    if i >= len(items) or items[i].type != "ident":
        raise _SelError()
    name = items[i].value.lower()
    i += 1
    if i == len(items):
        return "[" + prefix + _ser_ident(name) + "]"
    op = ""
    n = items[i]
    if _is_lit(n, "="):
        op = "="
        i += 1
    elif n.type == "literal" and n.value in ("~", "|", "^", "$", "*") and i + 1 < len(items) and \
            _is_lit(items[i + 1], "="):
        op = n.value + "="
        i += 2
    elif n.type == "literal" and n.value in ("~=", "|=", "^=", "$=", "*="):
        op = n.value
        i += 1
    else:
        raise _SelError()
    if i >= len(items) or items[i].type not in ("ident", "string"):
        raise _SelError()
    value = items[i].value
    i += 1
    flag = ""
    if i < len(items):
        f = _ident(items[i])
        if f != "i" or i + 1 != len(items):
            raise _SelError()
        flag = " " + f
    return "[" + prefix + _ser_ident(name) + op + _ser_string(value) + flag + "]"


def _ser_pseudo_element(n: Node, namespaces: frozenset[str]) -> str:
    if n.type == "ident":
        v = str(n.lower_value)
        if v in _PSEUDO_ELEMENTS:
            return v
        raise _SelError()
    if n.type == "function":
        name = str(n.lower_name)
        if name not in _PSEUDO_ELEMENT_FUNCS:
            raise _SelError()
        if name == "slotted":
            inner = _ser_selector_list(n.arguments, namespaces=namespaces)
            if inner is None or "," in inner:
                raise _SelError()
            return "slotted(" + inner + ")"
        return name + "(" + _gen_list(n.arguments, lower=False) + ")"
    raise _SelError()


def _ser_pseudo_class(n: Node, nested: bool, namespaces: frozenset[str]) -> str:
    if n.type == "ident":
        v = str(n.lower_value)
        if v in _PSEUDO_CLASSES and v not in ("not", "is", "where", "has", "nth-child", "lang", "dir"):
            return v
        if v in ("host",):
            return v
        raise _SelError()
    if n.type != "function":
        raise _SelError()
    name = str(n.lower_name)
    args = list(n.arguments)
    if name not in _PSEUDO_CLASS_FUNCS:
        raise _SelError()
    if name in ("is", "where"):
        inner = _ser_selector_list(args, nested=False, namespaces=namespaces, forgiving=True, inner=True)
        return name + "(" + (inner or "") + ")"
    if name == "not":
        inner = _ser_selector_list(args, namespaces=namespaces, inner=True)
        if inner is None:
            raise _SelError()
        return "not(" + inner + ")"
    if name == "has":
        inner = _ser_selector_list(args, namespaces=namespaces, relative=True, inner=True)
        if inner is None:
            raise _SelError()
        return "has(" + inner + ")"
    if name in ("host", "host-context"):
        inner = _ser_selector_list(args, namespaces=namespaces)
        if inner is None:
            raise _SelError()
        return name + "(" + inner + ")"
    if name.startswith("nth-"):
        sig = [a for a in args if a.type != "comment"]
        of_index = next((k for k, a in enumerate(sig) if _ident(a) == "of"), None)
        if of_index is not None:
            if name not in ("nth-child", "nth-last-child"):
                raise _SelError()
            nth = _ser_nth(sig[:of_index])
            sel = _ser_selector_list(sig[of_index + 1:], namespaces=namespaces)
            if nth is None or sel is None:
                raise _SelError()
            return name + "(" + nth + " of " + sel + ")"
        nth = _ser_nth(sig)
        if nth is None:
            raise _SelError()
        return name + "(" + nth + ")"
    if name == "lang":
        sig = _sig(args)
        if len(sig) != 1 or sig[0].type != "ident":
            raise _SelError()
    inner_text = _gen_list(args, lower=False)
    if not inner_text:
        raise _SelError()
    return name + "(" + inner_text + ")"
