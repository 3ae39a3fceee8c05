"""The layers stay apart: core is pure Python, store never reaches into the UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "typing_test"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "layer, forbidden",
    [
        ("core", ("PySide6", "shiboken6", "typing_test.ui", "typing_test.store")),
        ("store", ("PySide6", "shiboken6", "typing_test.ui")),
    ],
)
def test_layer_does_not_import(layer, forbidden):
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith(forbidden)
    ]
    assert offenders == []
