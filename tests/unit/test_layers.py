"""The package's import graph has no cycles (DESIGN.md: the layers). Every import counts, also one inside
a function or under TYPE_CHECKING: a cycle there still ties the modules together. The layer rules are
import-linter contracts in pyproject.toml (`lint-imports`); this checks what those cannot say."""

from __future__ import annotations

import tomllib
from itertools import pairwise
from pathlib import Path

import grimp

PACKAGE = "crane_desktop"
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def contract(contract_id: str) -> dict:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """One chain per strongly connected group of modules (Tarjan), each starting and ending at the same
    module, so a failure names the imports to break."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(root: str) -> None:
        # Iterative, so a deep graph does not hit the recursion limit.
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next((c for c in children if c.startswith(PACKAGE)), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1 or module in graph.find_modules_directly_imported_by(module):
                    groups.append(group)

    for module in sorted(graph.modules):
        if module.startswith(PACKAGE) and module not in index:
            visit(module)
    return [_chain(graph, sorted(group)) for group in groups]


def _chain(graph: grimp.ImportGraph, group: list[str]) -> list[str]:
    """The shortest way from the group's first module back to itself, through the group."""
    start = group[0]
    members = set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for child in sorted(graph.find_modules_directly_imported_by(module)):
                if child == start:
                    return [*paths[module], start]
                if child in members and child not in paths:
                    paths[child] = [*paths[module], child]
                    following.append(child)
        frontier = following
    return group


def test_the_package_has_no_import_cycles() -> None:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    cycles = import_cycles(graph)
    details = "\n".join(
        " -> ".join(chain)
        + "\n"
        + "\n".join(
            f"    {a} -> {b}: line {d['line_number']}: {d['line_contents']}"
            for a, b in pairwise(chain)
            for d in graph.get_import_details(importer=a, imported=b)
        )
        for chain in cycles
    )
    assert not cycles, f"import cycles in {PACKAGE}:\n{details}"


def test_the_engine_contract_forbids_every_other_part_of_the_package() -> None:
    """The engine contract lists the engine's siblings by name: a new module must be added there too."""
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    siblings = graph.find_children(PACKAGE) - {f"{PACKAGE}.engine"}
    forbidden = set(contract("engine")["forbidden_modules"])
    assert siblings - forbidden == set(), "add these to the engine contract in pyproject.toml"


def test_no_view_reaches_the_main_window() -> None:
    """Views get a cluster context and a navigator (views/context.py); only the app builds the window."""
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    importers = graph.find_modules_that_directly_import(f"{PACKAGE}.views.main_window")
    assert importers <= {f"{PACKAGE}.app"}
