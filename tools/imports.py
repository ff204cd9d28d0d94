"""The import graph of rrweb_py: which module imports which, and any circle (module or layer level).

    python3 tools/imports.py            # prints the layer graph and every cycle; exit 1 if there is one
Reads the source with ast (nothing is imported), counting imports under ``if TYPE_CHECKING:`` too."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "rrweb_py"


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    is_pkg = path.name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                full = f"{mod}.{alias.name}"
                out.add(full if full in known else mod)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        x = stack.pop()
                        on.discard(x)
                        comp.append(x)
                        if x == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
            elif w not in index:
                index[w] = low[w] = counter
                counter += 1
                stack.append(w)
                on.add(w)
                work.append((w, iter(sorted(graph[w]))))
            elif w in on:
                low[v] = min(low[v], index[w])
    return out


def layer(mod: str) -> str:
    parts = mod.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def main() -> int:
    files = {module_name(p): p for p in PKG.rglob("*.py")}
    known = set(files)
    graph = {m: imports_of(p, m, known) for m, p in files.items()}
    found = cycles(graph)
    layers: dict[str, set[str]] = {}
    for m, deps in graph.items():
        layers.setdefault(layer(m), set()).update(layer(d) for d in deps if layer(d) != layer(m))
    layer_cycles = cycles(layers)
    for name in sorted(layers):
        print(f"{name:28} -> {', '.join(sorted(layers[name])) or '-'}")
    for c in found:
        print("module cycle:", " <-> ".join(c))
    for c in layer_cycles:
        print("layer cycle:", " <-> ".join(c))
    return 1 if found or layer_cycles else 0


if __name__ == "__main__":
    sys.exit(main())
