"""The package's shape: no import cycle, and nothing below the orchestration imports it.

Imports are read with :mod:`ast` from every module, function-level imports
included (a cycle hidden inside a function is still a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "oversight_research"
# Orchestration, top first: each may import those after it, never those before.
ORCHESTRATION = ("cli", "workflow", "pipeline")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports (relative imports resolved)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [a.name for a in node.names]
            for name in names:  # "from . import cases" imports the module cases
                candidate = ".".join([*target, name])
                found.add(candidate if _exists(candidate) else ".".join(target))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in [module] if module else [a.name for a in node.names]:
                if name and name.startswith("oversight_research."):
                    found.add(name.removeprefix("oversight_research."))
    return {m for m in found if m and m != module_name(path) and _exists(m)}


def _exists(module: str) -> bool:
    path = PACKAGE.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_has_no_import_cycle():
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("layer", range(len(ORCHESTRATION)))
def test_nothing_below_the_orchestration_imports_it(layer):
    above = set(ORCHESTRATION[: layer + 1])
    below = {m for m in graph() if m not in ORCHESTRATION[: layer + 1]}
    offenders = {m: sorted(graph()[m] & above) for m in below if graph()[m] & above}
    assert offenders == {}


def test_the_checker_sees_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
