"""An installed wheel (not the checkout) finds the bundled deck, migrations and assets."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_import_and_due(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("quizapp-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("quizapp/_content/deck/") and n.endswith(".toml") for n in names)
    assert "quizapp/_db/env.py" in names and "quizapp/_content/questions.tsv" in names
    assert any(n.startswith("quizapp/_assets/") for n in names)
    assert "quizapp/ui/__init__.py" in names and not any(n.startswith("quizapp/devtools/") for n in names)
    # the compiled translations (docs/architecture.md § Interface language)
    assert {"quizapp/i18n/quizapp_zh_CN.qm", "quizapp/i18n/quizapp_en.qm"} <= set(names)
    assert not any(n.endswith(".ts") for n in names)  # the sources stay in the checkout

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # Dependencies come from the test environment's site-packages (a path entry, so its
    # editable-install hook is not processed); quizapp itself only from the wheel.
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(bin_dir / "python"), "-c", purelib],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QUIZAPP_DB")}
    db = tmp_path / "wheel.db"
    where = subprocess.run([str(bin_dir / "python"), "-c", "import quizapp; print(quizapp.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path, env=env).stdout
    assert str(site) in where
    imp = subprocess.run([str(bin_dir / "quizapp"), "import", "--db", str(db)], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert imp.returncode == 0, imp.stderr
    assert "new" in imp.stdout and "_content" in imp.stdout
    due = subprocess.run([str(bin_dir / "quizapp"), "due", "--db", str(db), "--limit", "3"], capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=120)
    assert due.returncode == 0, due.stderr
    assert " new " in due.stdout
    # the installed package finds its compiled Chinese translation
    zh = subprocess.run([str(bin_dir / "quizapp"), "due", "--db", str(db), "--limit", "0"], capture_output=True,
                        text=True, cwd=tmp_path, env={**env, "QUIZAPP_LANG": "zh"}, timeout=120)
    assert zh.returncode == 0 and "张新卡片" in zh.stdout, zh.stdout + zh.stderr
