"""Project-internal imports per module and the import cycles among them.

Counts every import, also those inside functions (a lazy import still ties two modules
together), but not those under ``if TYPE_CHECKING:`` (never executed). Usage:
``python tools/import_cycles.py [--list]``; exit status 1 when there is a cycle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "assistant"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> dict[str, bool]:
    """Imported project modules → whether the import is at module level."""
    out: dict[str, bool] = {}
    base = module.split(".") if is_package else module.split(".")[:-1]

    def add(name: str, top: bool) -> None:
        while name and name not in known:   # `from .x import func` names module x
            name = name.rpartition(".")[0]
        if name and name != module:
            out[name] = out.get(name, False) or top

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub, top)
                continue
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == PACKAGE:
                        add(alias.name, top)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    prefix = ".".join(base[: len(base) - child.level + 1])
                    target = f"{prefix}.{child.module}" if child.module else prefix
                elif child.module and child.module.split(".")[0] == PACKAGE:
                    target = child.module
                else:
                    continue
                for alias in child.names:   # `from . import llm` imports a module
                    full = f"{target}.{alias.name}"
                    add(full if full in known else target, top)
            visit(child, inner)

    visit(tree, True)
    return out


def graph(root: Path) -> dict[str, dict[str, bool]]:
    files = sorted((root / PACKAGE).rglob("*.py"))
    names = {module_name(f, root): f for f in files}
    known = set(names)
    return {name: _imports(ast.parse(f.read_text(encoding="utf-8")), name, f.name == "__init__.py", known)
            for name, f in names.items()}


def cycles(edges: dict[str, dict[str, bool]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    edges = graph(root)
    if "--list" in argv:
        for name, deps in sorted(edges.items()):
            shown = ", ".join(d if top else f"{d} (in function)" for d, top in sorted(deps.items()))
            print(f"{name}: {shown or '-'}")
    found = cycles(edges)
    lazy = sum(1 for deps in edges.values() for top in deps.values() if not top)
    print(f"{len(edges)} modules, {sum(map(len, edges.values()))} internal imports "
          f"({lazy} only inside functions), {len(found)} cycle(s)")
    for comp in found:
        print("cycle:", " ↔ ".join(comp))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
