"""The layers of docs/architecture.md § Layers: dependencies point one way, only quizapp.ui
imports Qt, the desktop app's screens reach the database only through services, and the
command line only through services and domain."""
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
    # quizapp.i18n.text: the words they write, in the interface language (Qt only lazily, never in English)
    "domain": ({"quizapp.domain", "quizapp.i18n.text"},
               {"PySide6", "sqlalchemy", "torch", "matplotlib", "alembic", "numpy"}),
    # store and engine too: a collection that cannot be opened, a demo's out-of-range parameter and the
    # warnings a run adds to its messages are the user's to read, in the interface language; the
    # lookup imports nothing in English and QtCore (never a widget) lazily otherwise, the same
    # allowance the domain has (docs/architecture.md § Interface language)
    "store": ({"quizapp.domain", "quizapp.store", "quizapp.resources", "quizapp.i18n.text"},
              {"PySide6", "torch", "matplotlib"}),
    "engine": ({"quizapp.domain", "quizapp.engine", "quizapp.i18n.text"}, {"PySide6", "sqlalchemy", "matplotlib"}),
    "plots": ({"quizapp.domain", "quizapp.engine", "quizapp.plots", "quizapp.resources"},
              {"PySide6", "sqlalchemy", "torch"}),
    "services": ({"quizapp.domain", "quizapp.store", "quizapp.engine", "quizapp.plots", "quizapp.services",
                  "quizapp.resources", "quizapp.i18n.text"}, {"PySide6"}),
    # Screens are given services (quizapp/services/bundle.py), never the store or the engine's
    # internals; drawing figures is the plots layer's job, whose pixels the ui shows.
    "ui": ({"quizapp.ui", "quizapp.services", "quizapp.domain", "quizapp.plots", "quizapp.resources", "quizapp.i18n"},
           {"sqlalchemy", "alembic", "torch"}),
    # developer tools (benchmarks, screenshots) stand on top of everything, Qt included
    "devtools": ({"quizapp"}, set()),
}
# the packages whose modules may import PySide6
QT_LAYERS = {"ui", "devtools"}
# ... and the one module outside them, with why: the translations of the CLI, services and domain
# load the .qm with QtCore's QTranslator, imported inside a function and only when the language is
# not English, so `quizapp due` in English imports no Qt (docs/architecture.md § Interface language)
QT_ALLOWED = {"i18n/text.py"}
# The command line: its modules use services and domain (each handler imports what it runs).
CLI_MODULES = ("cli.py", "cli_quiz.py", "cli_deck.py", "cli_demo.py", "cli_fsrs.py", "cli_anki.py", "cli_sweep.py",
               "cli_desktop.py", "cli_notes.py", "cli_migrate.py", "__main__.py")
CLI_ALLOWED = {"quizapp.services", "quizapp.domain", "quizapp.cli", "quizapp.cli_quiz", "quizapp.cli_deck",
               "quizapp.cli_demo", "quizapp.cli_fsrs", "quizapp.cli_anki", "quizapp.cli_sweep", "quizapp.cli_desktop",
               "quizapp.cli_notes", "quizapp.cli_migrate", "quizapp.app", "quizapp.i18n"}
CLI_BANNED = {"PySide6", "torch", "matplotlib", "alembic"}

# Imports that break the rules above, each (module, import); an entry nobody needs any more fails
# test_every_allowance_is_still_needed, so the list only shrinks. Empty since issue 12 landed.
MOVING: set[tuple[str, str]] = set()
# ui/ modules without Qt: platform_check runs before Qt may be imported (it says why Qt cannot
# start), rich_text is the plain-text side of the rich-text widgets.
NOT_QT_YET = {"platform_check.py", "rich_text.py"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def broken_rules(path: Path, allowed: set[str], banned: set[str]) -> list[tuple[str, str]]:
    """(module, import) pairs of `path` that its rule does not allow."""
    module = path.relative_to(PACKAGE).as_posix()
    out = []
    for name in sorted(imports_of(path)):
        top = name.split(".")[0]
        outside = top == "quizapp" and name != "quizapp" and not any(
            name == a or name.startswith(a + ".") for a in allowed)
        if top in banned or outside:
            out.append((module, name))
    return out


def all_broken_rules() -> list[tuple[str, str]]:
    found = []
    for layer, (allowed, banned) in RULES.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            found += broken_rules(path, allowed, banned)
    for name in CLI_MODULES:
        found += broken_rules(PACKAGE / name, CLI_ALLOWED, CLI_BANNED)
    return found


@pytest.mark.parametrize("layer", [*RULES, "cli"])
def test_layer_dependencies_point_one_way(layer: str) -> None:
    prefix = f"{layer}/"
    problems = [f"{module} imports {name}" for module, name in all_broken_rules()
                if (module.startswith(prefix) or (layer == "cli" and module in CLI_MODULES))
                and (module, name) not in MOVING]
    assert problems == []


def test_every_allowance_is_still_needed() -> None:
    assert sorted(MOVING - set(all_broken_rules())) == []


def test_ui_never_imports_the_store() -> None:
    offenders = [f"{p.relative_to(PACKAGE)}: {n}" for p in sorted((PACKAGE / "ui").rglob("*.py"))
                 for n in imports_of(p) if n == "quizapp.store" or n.startswith("quizapp.store.")]
    assert offenders == []


def test_every_ui_module_imports_qt() -> None:
    """ui/ is the Qt layer: a module there without Qt belongs to another layer."""
    without_qt = {p.name for p in sorted((PACKAGE / "ui").glob("*.py"))
                  if p.name != "__init__.py" and not any(n.split(".")[0] == "PySide6" for n in imports_of(p))}
    assert sorted(without_qt - NOT_QT_YET) == [], "these belong outside quizapp/ui"
    assert sorted(NOT_QT_YET - without_qt) == [], "these import Qt now (or moved): drop them from NOT_QT_YET"


def test_only_ui_imports_pyside6() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.relative_to(PACKAGE).parts[0] not in QT_LAYERS
                 and any(n.split(".")[0] == "PySide6" for n in imports_of(p))]
    assert sorted(set(offenders) - QT_ALLOWED) == []
    assert sorted(QT_ALLOWED - set(offenders)) == [], "no longer imports Qt: drop it from QT_ALLOWED"


def test_the_cli_in_english_imports_no_qt() -> None:
    """QT_ALLOWED's promise: an English `quizapp due` leaves Qt unloaded."""
    code = ("import os, sys; os.environ['QUIZAPP_LANG'] = 'en'; from quizapp.i18n.cli import translate; "
            "from quizapp.i18n.text import ErrorText; translate('Cli', 'quizapp: interrupted'); "
            "ErrorText.tr('the deck has %n error(s); nothing was imported:', '', 2); print('PySide6' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "False", proc.stdout + proc.stderr


def test_nothing_in_the_app_imports_devtools() -> None:
    """The developer tools are left out of the wheel, so an import of them from the app would break
    an installed quizapp; only they themselves (and the tests) may import them."""
    offenders = [f"{p.relative_to(PACKAGE)} imports {name}" for p in sorted(PACKAGE.rglob("*.py"))
                 if p.relative_to(PACKAGE).parts[0] != "devtools"
                 for name in imports_of(p) if name == "quizapp.devtools" or name.startswith("quizapp.devtools.")]
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
    # the screenshot scripts drive Qt from their first line; the benchmarks load it only when run
    if info.name.startswith(("quizapp.ui", "quizapp.devtools.screenshots")) or info.name.endswith("__main__"):
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
    assert {"quizapp.domain.sm2", "quizapp.store.models", "quizapp.services.study", "quizapp.engine.runner",
            "quizapp.devtools.bench.store"} <= names
