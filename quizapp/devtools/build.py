"""The one-folder build (PyInstaller --onedir) and its smoke test, for developers.

    python -m quizapp.devtools.build            # dist/quizapp/quizapp (+ its _internal/ folder)
    python -m quizapp.devtools.build --smoke    # build, then run the smoke test on the result
    python -m quizapp.devtools.build --smoke-only

The folder holds Python, PySide6, torch (whatever build the venv has: the README pins the CPU
one), matplotlib, the deck (content/), the migrations (db/), the assets (fonts, styles, icons)
and the translations (quizapp/i18n/*.qm, when present). The bundled folders go where
quizapp/resources.py looks for them in an installed wheel (quizapp/_content, _db, _assets), so
the frozen app finds them with no special case.

Too slow and too large for every CI run (minutes, about a gigabyte): it is not part of
.ci/run or the pytest suite; tests/test_build_spec.py checks only the argument list.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "quizapp"
# Imported by nothing the app runs, or only by tests and developer tools: left out to keep the folder smaller.
EXCLUDED_MODULES = ("tkinter", "anki", "alembic.testing", "pytest", "_pytest", "hypothesis", "IPython", "tensorboard",
                    "quizapp.devtools", "torch.utils.tensorboard", "mypy", "ruff")
SMOKE_DEMO = "saddle-escape"
ENTRY_SCRIPT = '''\
import sys

from quizapp.__main__ import main

sys.exit(main())
'''


@dataclass(frozen=True)
class BuildPaths:
    root: Path  # the repository checkout
    dist: Path  # dist/: the built folder goes to dist/quizapp
    work: Path  # build/: PyInstaller's work files and the generated entry script

    @classmethod
    def default(cls, root: Path = REPO_ROOT) -> BuildPaths:
        return cls(root=root, dist=root / "dist", work=root / "build")

    @property
    def entry(self) -> Path:
        return self.work / "quizapp_entry.py"

    @property
    def executable(self) -> Path:
        return self.dist / APP_NAME / (APP_NAME + (".exe" if sys.platform == "win32" else ""))


def bundled_data(root: Path) -> list[tuple[Path, str]]:
    """(source folder, destination inside the bundle) for every data folder the app reads."""
    pairs = [(root / "content", "quizapp/_content"), (root / "db", "quizapp/_db"), (root / "assets", "quizapp/_assets")]
    translations = root / "quizapp" / "i18n"
    if translations.is_dir() and any(translations.glob("*.qm")):
        pairs.append((translations, "quizapp/i18n"))
    return pairs


def pyinstaller_args(paths: BuildPaths) -> list[str]:
    """The PyInstaller command line (after `python -m PyInstaller`) for the one-folder build."""
    sep = os.pathsep  # PyInstaller's SRC{sep}DEST for --add-data
    args = ["--noconfirm", "--onedir", "--name", APP_NAME,
            "--distpath", str(paths.dist), "--workpath", str(paths.work), "--specpath", str(paths.work),
            # every module of the app: demos' compute modules, screens and store tables are imported
            # inside functions or by name at run time (quizapp.devtools is excluded below)
            "--collect-submodules", "quizapp",
            # Alembic runs db/env.py and the versions as files: the modules they import must be inside
            "--collect-submodules", "alembic", "--collect-data", "alembic",
            "--collect-submodules", "sqlalchemy.dialects.sqlite"]
    icon = paths.root / "assets" / "icons" / "quizapp.png"
    if icon.exists():
        args += ["--icon", str(icon)]
    for module in EXCLUDED_MODULES:
        args += ["--exclude-module", module]
    for source, dest in bundled_data(paths.root):
        args += ["--add-data", f"{source}{sep}{dest}"]
    args.append(str(paths.entry))
    return args


def build(paths: BuildPaths) -> float:
    """Build dist/quizapp; returns the seconds it took."""
    paths.work.mkdir(parents=True, exist_ok=True)
    paths.entry.write_text(ENTRY_SCRIPT, encoding="utf-8")
    started = time.monotonic()
    env = dict(os.environ, PYTHONPATH=str(paths.root))  # this checkout's quizapp, whatever the venv holds
    subprocess.run([sys.executable, "-m", "PyInstaller", *pyinstaller_args(paths)], check=True, env=env,
                   cwd=paths.root)
    return time.monotonic() - started


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(cmd), flush=True)
    # run from the temporary folder: nothing of the checkout is on any path the app could use
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=env["HOME"])
    tail = (done.stdout + done.stderr).strip().splitlines()[-6:]
    for line in tail:
        print("   ", line)
    if done.returncode != 0:
        raise SystemExit(f"smoke: {cmd[1] if len(cmd) > 1 else cmd[0]} exited {done.returncode}")
    return done


def smoke(paths: BuildPaths) -> None:
    """Run the built app on a temporary collection, with no Python of the checkout on the path:
    import the deck, run one demo, open the window offscreen until the first card shows."""
    exe = paths.executable
    if not exe.exists():
        raise SystemExit(f"smoke: {exe} does not exist; build first")
    with tempfile.TemporaryDirectory(prefix="quizapp-smoke-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QUIZAPP_", "VIRTUAL_ENV"))}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=tmp, XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
                   XDG_CACHE_HOME=f"{tmp}/cache", XDG_RUNTIME_DIR=tmp, QUIZAPP_CACHE_DIR=f"{tmp}/cache")
        db = f"{tmp}/collection.db"
        imported = _run([str(exe), "import", "--db", db], env, 300)
        if " new, " not in imported.stdout or " 0 new, " in imported.stdout:
            raise SystemExit("smoke: the bundled deck was not imported")
        _run([str(exe), "demo", "run", SMOKE_DEMO, "--out", f"{tmp}/demo.png"], env, 300)
        if not Path(f"{tmp}/demo.png").stat().st_size:
            raise SystemExit("smoke: the demo wrote an empty figure")
        done = _run([str(exe), "--db", db, "--exit-when-ready"], env, 300)
        if "first card" not in done.stdout:
            raise SystemExit("smoke: the window did not report its first card")
    print("smoke: ok", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizapp.devtools.build", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="run the smoke test after building")
    parser.add_argument("--smoke-only", action="store_true", help="only run the smoke test on an existing build")
    args = parser.parse_args(argv)
    paths = BuildPaths.default()
    if not args.smoke_only:
        shutil.rmtree(paths.dist / APP_NAME, ignore_errors=True)
        seconds = build(paths)
        size = folder_size(paths.dist / APP_NAME)
        print(f"build: {seconds:.0f} s, {paths.dist / APP_NAME}: {size / 2**20:.0f} MiB", flush=True)
    if args.smoke or args.smoke_only:
        started = time.monotonic()
        smoke(paths)
        print(f"smoke: {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
