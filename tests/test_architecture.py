"""The house plan: imports flow one way, law <- lists <- web (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "saylau"

FORBIDDEN = {
    "law": ("saylau.lists", "saylau.web", "saylau.commands", "saylau.cli", "django"),
    "lists": ("saylau.web", "saylau.commands", "saylau.cli", "django"),
}
# The law layer is standard library only.
LAW_ALLOWED_TOP = {"saylau"}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_the_layers_above_it(layer: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT.parent)} imports {name}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for name in imports_of(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])
    ]
    assert offenders == []


def test_law_layer_uses_only_the_standard_library() -> None:
    import sys

    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    offenders = [
        f"{path.relative_to(ROOT.parent)} imports {name}"
        for path in sorted((ROOT / "law").rglob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] not in stdlib | LAW_ALLOWED_TOP
    ]
    assert offenders == []


def test_no_module_of_the_web_layer_imports_another_modules_private_names() -> None:
    """``from .distribution import _totals`` ties two modules by a name one of them may change:
    what another module needs is public (issue 12: results services by concept)."""
    offenders = []
    for path in sorted((ROOT / "web").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{path.relative_to(ROOT.parent)}:{node.lineno} imports {alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if alias.name.startswith("_") and not alias.name.startswith("__")
        ]
    assert offenders == []
