"""The layout keeps its promises: layers, no import cycles, public names, small modules.

The first-party import graph is read with :mod:`ast` (imports inside functions count
too). See ``docs/architecture.md`` for the layers.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: each package and its layer: a package may import its own layer's modules only from
#: itself, and any package of a lower layer
LAYERS: Dict[str, int] = {
    "storage": 0,
    "access": 0,
    "pathways_catalogue": 1,
    "enquiries": 1,
    "bot": 2,
    "actions": 2,
    "insights": 2,
    "launch": 2,
    "web": 3,
    "evaluation": 3,
    "tools": 3,
    "bench": 4,
    "deploy": 3,
}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@lru_cache(maxsize=1)
def modules() -> Dict[str, Path]:
    found = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "versions" in path.parts and "migrations" in path.parts:
                continue
            found[module_name(path)] = path
    return found


def resolve(name: str, known: Dict[str, Path]) -> str:
    """The first-party module an import names (a package, or a module in it)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name


@lru_cache(maxsize=1)
def imports() -> Dict[str, List[Tuple[str, str, int]]]:
    """For each module: (imported module, imported name or '', line)."""
    known = modules()
    out: Dict[str, List[Tuple[str, str, int]]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: List[Tuple[str, str, int]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = resolve(alias.name, known)
                    if target:
                        found.append((target, "", node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                for alias in node.names:
                    target = resolve(f"{base}.{alias.name}", known) or resolve(base, known)
                    if target:
                        found.append((target, alias.name, node.lineno))
        out[name] = found
    return out


def test_the_graph_is_read() -> None:
    assert len(modules()) > 50
    assert any(t == "pathways_catalogue.routes" for t, _n, _l in imports()["actions.routes"])


def test_no_import_cycles() -> None:
    graph = {m: {t for t, _n, _l in edges if t != m} for m, edges in imports().items()}
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    cycles: List[List[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_lower_layers_never_import_higher_or_sibling_ones() -> None:
    wrong = []
    for module, edges in imports().items():
        own = module.split(".")[0]
        for target, _name, line in edges:
            theirs = target.split(".")[0]
            if theirs != own and LAYERS[theirs] >= LAYERS[own]:
                wrong.append(f"{modules()[module].relative_to(ROOT)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_names_imported_across_modules_are_public() -> None:
    private = [
        f"{modules()[module].relative_to(ROOT)}:{line} imports {target}.{name}"
        for module, edges in imports().items()
        for target, name, line in edges
        if name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert not private, "\n".join(private)


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_no_module_is_over_600_lines(package: str) -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for name, path in modules().items()
        if name.split(".")[0] == package
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
