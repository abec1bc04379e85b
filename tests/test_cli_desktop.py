"""`quizapp FILE` (what the desktop entry runs) and the build's PyInstaller arguments."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizapp.cli import CliError, build_parser, main
from quizapp.cli_desktop import command_names, split_open_paths

COMMANDS = command_names(build_parser())


def test_the_subcommands_are_found() -> None:
    assert {"import", "due", "install-desktop", "uninstall-desktop", "demo", "export"} <= COMMANDS


def test_files_are_split_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "my deck.toml"
    deck.write_text("")
    package = tmp_path / "x.apkg"
    package.write_bytes(b"PK")
    assert split_open_paths([str(deck)], COMMANDS) == ([], [str(deck)])
    assert split_open_paths(["--db", "c.db", str(package), str(deck)], COMMANDS) == \
        (["--db", "c.db"], [str(package), str(deck)])
    assert split_open_paths(["--db=c.db", str(package)], COMMANDS) == (["--db=c.db"], [str(package)])
    monkeypatch.chdir(tmp_path)  # a relative path is handed on as an absolute one (the running app's cwd differs)
    assert split_open_paths(["x.apkg"], COMMANDS) == ([], [str(package)])


@pytest.mark.parametrize("argv", [[], ["due"], ["import", "deck.toml"], ["--db", "c.db"], ["--help"],
                                  ["demo", "run", "saddle-escape"], ["nonsense"]])
def test_other_command_lines_are_left_alone(argv: list[str]) -> None:
    assert split_open_paths(argv, COMMANDS) == (argv, [])


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "gone.apkg"
    with pytest.raises(CliError, match="cannot open .*gone.apkg: no such file"):
        split_open_paths([str(missing)], COMMANDS)
    assert main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gone.apkg: no such file" in err


def test_the_build_bundles_every_data_folder_where_resources_looks(tmp_path: Path) -> None:
    from quizapp.devtools.build import BuildPaths, bundled_data, pyinstaller_args
    from quizapp.resources import _PACKAGE_DIR

    root = tmp_path / "repo"
    for folder in ("content", "db", "assets", "quizapp/i18n"):
        (root / folder).mkdir(parents=True)
    paths = BuildPaths.default(root)
    args = pyinstaller_args(paths)
    assert args[args.index("--name") + 1] == "quizapp" and "--onedir" in args and "--onefile" not in args
    added = [args[i + 1] for i, a in enumerate(args) if a == "--add-data"]
    sep = os.pathsep
    # without .qm files there are no translations to ship
    assert added == [f"{root / 'content'}{sep}quizapp/_content", f"{root / 'db'}{sep}quizapp/_db",
                     f"{root / 'assets'}{sep}quizapp/_assets"]
    (root / "quizapp" / "i18n" / "quizapp_zh_CN.qm").write_bytes(b"")
    assert (root / "quizapp" / "i18n", "quizapp/i18n") in bundled_data(root)
    # the destinations are the installed-wheel names quizapp/resources.py looks for
    assert {dest.split("/")[1] for _, dest in bundled_data(root)} >= {f"_{n}" for n in ("content", "db", "assets")}
    assert _PACKAGE_DIR.name == "quizapp"
    excluded = [args[i + 1] for i, a in enumerate(args) if a == "--exclude-module"]
    assert "quizapp.devtools" in excluded and "anki" in excluded
    assert args[-1] == str(paths.entry) and paths.dist == root / "dist" and paths.work == root / "build"
