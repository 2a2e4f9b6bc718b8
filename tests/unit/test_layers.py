"""The layers stay apart: only graph/ knows Cypher, services never reach up into the API,
identity depends on nothing above graph, and below the entry points (the API, the CLI)
first-party imports sit at module level (a function-local import is how a cycle hides)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("catalog", "graph", "identity", "ingestors")


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield module.removesuffix(".__init__"), ast.parse(path.read_text(), str(path))


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    return []


def _imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        for name in _imported(node):
            yield node.lineno, name


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _service(module: str) -> bool:
    """catalog/ below its entry points (api/, cli/)."""
    return _within(module, "catalog") and not any(
        _within(module, entry) for entry in ("catalog.api", "catalog.cli"))


SOURCES = list(_sources())


@pytest.mark.parametrize(("rule", "importer", "imported"), [
    ("only graph/ loads Cypher", lambda m: not _within(m, "graph"), "graph.cypher"),
    ("services never import the API layer", lambda m: _service(m), "catalog.api"),
    ("services never import the CLI", lambda m: _service(m), "catalog.cli"),
    ("identity depends on no ingestor", lambda m: _within(m, "identity"), "ingestors"),
    ("identity depends on no service", lambda m: _within(m, "identity"), "catalog"),
    ("graph depends on nothing above it", lambda m: _within(m, "graph"), "catalog"),
    ("graph depends on no ingestor", lambda m: _within(m, "graph"), "ingestors"),
])
def test_layer_rule(rule, importer, imported):
    bad = [f"{module}:{line} imports {name}" for module, tree in SOURCES if importer(module)
           for line, name in _imports(tree) if _within(name, imported)]
    assert not bad, f"{rule}: " + "; ".join(bad)


def test_first_party_imports_are_at_module_level():
    bad = []
    for module, tree in SOURCES:
        if _within(module, "catalog") and not _service(module):
            continue  # the entry points import lazily to start fast
        top = {id(n) for n in tree.body} | {
            id(n) for stmt in tree.body if isinstance(stmt, ast.If)  # TYPE_CHECKING blocks
            for n in stmt.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
                bad += [f"{module}:{node.lineno} imports {n}" for n in _imported(node)
                        if n.split(".")[0] in PACKAGES]
    assert not bad, "function-local imports (a cycle?): " + "; ".join(sorted(set(bad)))
