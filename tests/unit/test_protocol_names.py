"""The rrweb protocol is named once (``rrweb_py._protocol``): no module compares an event type, an incremental
source, a node type or a node flag with a bare integer.

The scan reads the source with ``ast`` and flags:

- a comparison (``==``, ``!=``, ``in``, ``not in``) of a protocol value with an integer literal, or with a
  set/tuple/list (or ``frozenset(...)``) of integer literals. A protocol value is ``x["type"]``,
  ``x.get("type")``, ``x["source"]``, ``x.get("source")``, ``x.type`` or a name that holds one (``etype``,
  ``source``...);
- ``x.flags & <int>`` (node flags are named in ``_engine/dom.py``);
- a dict literal whose ``"type"`` or ``"source"`` key maps to an integer literal (an event or node built by hand);
- a table of integer literals (a set/tuple/list, or dict keys) bound to a ``*_SOURCES``/``*_TYPES``/``*_KINDS``
  name, or to ``INCREMENTAL``;
- a constant that restates a protocol value: ``_BLUR = 6`` where ``MouseInteraction.BLUR`` is 6.
"""

from __future__ import annotations

import ast
from pathlib import Path

from rrweb_py import _protocol

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "rrweb_py"

#: the one place the numbers live, and the CSS engine (its numbers are CSS's, not rrweb's)
SKIP = ("_protocol.py", "_engine/css/")
#: parts named in their own changes (the formats package, the replay): drop each entry as it lands
PENDING: tuple[str, ...] = ()

#: names the code gives to a protocol value it read
PROTOCOL_NAMES = frozenset({"etype", "ev_type", "event_type", "ntype", "ptype", "node_type", "source", "src",
                            "itype_num"})
PROTOCOL_KEYS = frozenset({"type", "source"})
#: names that hold protocol tables
TABLE_SUFFIXES = ("_SOURCES", "_TYPES", "_KINDS")
TABLE_NAMES = frozenset({"INCREMENTAL"})
#: every protocol value by its member name (``BLUR`` -> {6}; a name may be in several enums)
MEMBERS: dict[str, set[int]] = {}
for _enum in (_protocol.EventType, _protocol.IncrementalSource, _protocol.NodeType, _protocol.MouseInteraction,
              _protocol.MediaInteraction):
    for _member in _enum:
        MEMBERS.setdefault(_member.name, set()).add(int(_member))


def _is_int(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _is_int_collection(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set",
                                                                                          "tuple") and node.args:
        node = node.args[0]
    return isinstance(node, (ast.Set, ast.Tuple, ast.List)) and bool(node.elts) and all(_is_int(e) for e in node.elts)


def _is_table(node: ast.AST) -> bool:
    if _is_int_collection(node):
        return True
    return isinstance(node, ast.Dict) and bool(node.keys) and all(k is not None and _is_int(k) for k in node.keys)


def _assigned(node: ast.Assign) -> list[tuple[str, ast.AST]]:
    out: list[tuple[str, ast.AST]] = []
    for target in node.targets:
        if isinstance(target, ast.Name):
            out.append((target.id, node.value))
        elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(target.elts) == len(
                node.value.elts):
            out.extend((t.id, v) for t, v in zip(target.elts, node.value.elts) if isinstance(t, ast.Name))
    return out


def _is_protocol_value(node: ast.AST) -> bool:
    if isinstance(node, ast.Subscript):
        key = node.slice
        return isinstance(key, ast.Constant) and key.value in PROTOCOL_KEYS
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value in PROTOCOL_KEYS
    if isinstance(node, ast.Attribute):
        return node.attr == "type"
    if isinstance(node, ast.Name):
        return node.id in PROTOCOL_NAMES
    return False


def _bare_numbers(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_protocol_value(o) for o in operands):
                for o in operands:
                    if _is_int(o) or _is_int_collection(o):
                        found.append((node.lineno, ast.unparse(node)))
                        break
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd):
            sides = (node.left, node.right)
            if any(isinstance(s, ast.Attribute) and s.attr == "flags" for s in sides) and any(map(_is_int, sides)):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value in PROTOCOL_KEYS and _is_int(value):
                    found.append((node.lineno, f"{{{key.value!r}: {ast.unparse(value)}, ...}}"))
        elif isinstance(node, ast.Assign):
            for name, value in _assigned(node):
                bare = name.lstrip("_")
                if (bare.endswith(TABLE_SUFFIXES) or bare in TABLE_NAMES) and _is_table(value):
                    found.append((node.lineno, f"{name} = {ast.unparse(value)[:60]}"))
                elif _is_int(value) and value.value in MEMBERS.get(bare, ()):  # type: ignore[attr-defined]
                    found.append((node.lineno, f"{name} = {ast.unparse(value)}"))
    return found


def _modules() -> list[Path]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not any(rel == s or rel.startswith(s) for s in (*SKIP, *PENDING)):
            out.append(path)
    return out


def test_the_scan_sees_bare_numbers():
    """The scan itself: each pattern it promises to find is found, and named forms pass."""
    bad = '''
if ev["type"] == 2: pass
if ev.get("type") != 3: pass
if data["source"] in (1, 6, 12): pass
if data.get("source") == 5: pass
if etype in {2, 4}: pass
if source not in frozenset({0, 1}): pass
if node.type == 3: pass
if node.flags & 8: pass
x = {"type": 4, "data": {}}
y = {"source": 0, "adds": []}
PASSIVE_TYPES = frozenset({0, 1, 5})
CLICK_KINDS = {2: "click", 4: "dblclick"}
INCREMENTAL = {0: apply_mutation}
_BLUR = 6
_MUTATION, _SCROLL = 0, 3
'''
    assert len(_bare_numbers(ast.parse(bad))) == 16
    good = '''
SHADOW = 8
CUSTOM = 2
_BLUR = int(MouseInteraction.BLUR)
PASSIVE_TYPES = frozenset({EventType.LOAD})
if ev["type"] == EventType.FULL_SNAPSHOT: pass
if source in _POINTER_SOURCES: pass
if node.flags & SHADOW: pass
if len(x) == 2: pass
x = {"type": EventType.META, "count": 3}
if ev["type"] == "click": pass
'''
    assert _bare_numbers(ast.parse(good)) == []


def test_no_bare_protocol_numbers():
    """Event types, incremental sources, node types and node flags are compared by name, never by number."""
    problems = []
    for path in _modules():
        for line, text in _bare_numbers(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            problems.append(f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}: {text}")
    assert not problems, "bare rrweb protocol numbers (name them from rrweb_py._protocol):\n" + "\n".join(problems)
