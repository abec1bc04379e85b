"""The layers of DESIGN.md §1: dependencies point one way, and only quizapp.ui imports Qt."""
from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import quizapp

PACKAGE = Path(quizapp.__file__).parent

# layer -> what its modules may import from quizapp (besides themselves) and which third-party
# packages they must not import
RULES = {
    "domain": ({"quizapp.domain"}, {"PySide6", "sqlalchemy", "torch", "matplotlib", "alembic", "numpy"}),
    "store": ({"quizapp.domain", "quizapp.store", "quizapp.resources"}, {"PySide6", "torch", "matplotlib"}),
    "engine": ({"quizapp.domain", "quizapp.engine"}, {"PySide6", "sqlalchemy", "matplotlib"}),
    "plots": ({"quizapp.domain", "quizapp.engine", "quizapp.plots", "quizapp.resources"},
              {"PySide6", "sqlalchemy", "torch"}),
    "services": ({"quizapp.domain", "quizapp.store", "quizapp.engine", "quizapp.plots", "quizapp.services",
                  "quizapp.resources"}, {"PySide6"}),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", RULES)
def test_layer_dependencies_point_one_way(layer: str) -> None:
    allowed, banned = RULES[layer]
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in banned:
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if top == "quizapp" and not any(name == a or name.startswith(a + ".") for a in allowed):
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []


def test_only_ui_imports_pyside6() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "ui" not in p.relative_to(PACKAGE).parts
                 and any(n.split(".")[0] == "PySide6" for n in imports_of(p))]
    assert offenders == []


BLOCK_QT = r"""
import importlib, pkgutil, sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked outside quizapp.ui")
sys.meta_path.insert(0, Blocker())
import quizapp
failed = []
for info in pkgutil.walk_packages(quizapp.__path__, "quizapp."):
    if info.name.startswith("quizapp.ui") or info.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed.append(f"{info.name}: {exc!r}")
print("FAILED", failed)
"""


def test_every_non_ui_module_imports_with_pyside6_blocked() -> None:
    proc = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=300)
    assert "FAILED []" in proc.stdout, proc.stdout + proc.stderr


def test_walk_finds_the_packages() -> None:
    names = {i.name for i in pkgutil.walk_packages(quizapp.__path__, "quizapp.")}
    assert {"quizapp.domain.sm2", "quizapp.store.models", "quizapp.services.study", "quizapp.engine.runner"} <= names
