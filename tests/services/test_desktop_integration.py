"""The desktop entry, icons and MIME types: install and uninstall under a temporary XDG data
folder, the entry checked by desktop-file-validate, the file types by GIO's own detection."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.resources import deck_dir
from quizapp.services import desktop_integration as di

needs_validator = pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                                     reason="desktop-file-validate (desktop-file-utils) is not installed")


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)


def _entry_keys(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def test_data_home_follows_the_xdg_spec(tmp_path: Path) -> None:
    assert di.data_home({"XDG_DATA_HOME": "/srv/x", "HOME": "/home/u"}) == Path("/srv/x")
    # a relative XDG_DATA_HOME is invalid per the spec and ignored
    assert di.data_home({"XDG_DATA_HOME": "rel/x", "HOME": "/home/u"}) == Path("/home/u/.local/share")
    assert di.data_home({"HOME": "/home/u"}) == Path("/home/u/.local/share")


@needs_validator
def test_install_writes_a_valid_entry_icons_and_mime_package(data_home: Path) -> None:
    command = ["/opt/venv/bin/quizapp"]
    result = di.install(command=command, run_tools=False)
    entry = data_home / "applications" / "quizapp.desktop"
    assert _validate(entry).returncode == 0, _validate(entry).stdout + _validate(entry).stderr
    keys = _entry_keys(entry)
    assert keys["Exec"] == "/opt/venv/bin/quizapp %f"
    assert keys["TryExec"] == "/opt/venv/bin/quizapp"
    assert keys["Icon"] == "quizapp"
    assert set(keys["MimeType"].rstrip(";").split(";")) == set(di.MIME_TYPES)
    icons = sorted(p.relative_to(data_home).as_posix() for p in (data_home / "icons").rglob("*") if p.is_file())
    assert "icons/hicolor/scalable/apps/quizapp.svg" in icons
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"icons/hicolor/{size}x{size}/apps/quizapp.png" in icons
    # each PNG is the size its folder says (the PNG header's width and height)
    for png in (data_home / "icons" / "hicolor").glob("*x*/apps/quizapp.png"):
        header = png.read_bytes()[16:24]
        size = int(png.parts[-3].split("x")[0])
        assert (int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")) == (size, size)
    mime = (data_home / "mime" / "packages" / "quizapp.xml").read_text(encoding="utf-8")
    assert 'type="application/x-apkg"' in mime and 'type="application/x-quizapp-deck"' in mime
    assert sorted(result.files) == sorted(di.planned_files(data_home))
    manifest = json.loads((data_home / di.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(map(str, di.planned_files(data_home)))


@needs_validator
@pytest.mark.parametrize("path", ["/home/li wei/my venv/bin/quizapp", "/opt/100%/bin/quizapp",
                                  '/tmp/a"b$c`d\\e/quizapp'])
def test_exec_quotes_paths_the_spec_way(data_home: Path, path: str) -> None:
    di.install(command=[path], run_tools=False)
    entry = data_home / "applications" / "quizapp.desktop"
    assert _validate(entry).returncode == 0, _validate(entry).stdout
    # undo the two escaping levels by hand (string escapes, then the Exec quoting) and get the path back
    exec_value = _entry_keys(entry)["Exec"].removesuffix(" %f")
    unescaped = exec_value.replace("\\\\", "\\")
    if unescaped.startswith('"'):
        inner = unescaped[1:-1]
        out, i = "", 0
        while i < len(inner):
            if inner[i] == "\\":
                i += 1
            out += inner[i]
            i += 1
        unescaped = out
    assert unescaped.replace("%%", "%") == path


def test_a_line_break_in_the_path_is_refused() -> None:
    with pytest.raises(di.DesktopIntegrationError, match="line break"):
        di.quote_exec_argument("/tmp/a\nb/quizapp")


def test_launcher_command_prefers_the_venv_script(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text("")
    assert di.launcher_command(str(python), frozen=False) == [str(python), "-m", "quizapp"]
    script = bin_dir / "quizapp"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert di.launcher_command(str(python), frozen=False) == [str(script)]
    assert di.launcher_command("/opt/quizapp/quizapp", frozen=True) == ["/opt/quizapp/quizapp"]


def test_uninstall_removes_exactly_what_install_wrote(data_home: Path) -> None:
    (data_home / "applications").mkdir(parents=True)
    other = data_home / "applications" / "other-app.desktop"
    other.write_text("[Desktop Entry]\n")
    collection = data_home / "quizapp" / "quizapp.db"  # the user's collection may share the folder
    collection.parent.mkdir(parents=True)
    collection.write_bytes(b"x")
    before = {p for p in data_home.rglob("*") if p.is_file()}
    installed = di.install(command=["quizapp"], run_tools=False)
    removed = di.uninstall(run_tools=False)
    assert sorted(removed.files) == sorted(installed.files)
    assert {p for p in data_home.rglob("*") if p.is_file()} == before
    again = di.uninstall(run_tools=False)
    assert again.files == () and "nothing to remove" in again.summary("removed")


def test_a_manifest_never_makes_uninstall_delete_outside_the_data_folder(data_home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    di.install(command=["quizapp"], run_tools=False)
    manifest = data_home / di.MANIFEST
    files = json.loads(manifest.read_text())["files"] + [str(outside), str(data_home / ".." / "precious.txt")]
    manifest.write_text(json.dumps({"files": files}))
    di.uninstall(run_tools=False)
    assert outside.read_text() == "keep"


def test_cli_install_and_uninstall(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quizapp.cli import main

    assert main(["install-desktop", "--no-refresh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"installed {len(di.planned_files(data_home))} files under {data_home}")
    exec_line = _entry_keys(data_home / "applications" / "quizapp.desktop")["Exec"]
    assert exec_line.split(" ")[0] in {di.quote_exec_argument(a) for a in di.launcher_command()}
    assert main(["uninstall-desktop", "--no-refresh"]) == 0
    assert not (data_home / "applications" / "quizapp.desktop").exists()


def test_an_unwritable_data_folder_is_one_line_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(di.DesktopIntegrationError, match="cannot install the desktop entry"):
        di.install(blocker, command=["quizapp"], run_tools=False)
    assert blocker.read_text() == "a file where the folder should be"


# GIO finds the default application of a MIME type in the cache update-desktop-database writes
# (without that tool, install() reports it missing and `gio mime` lists no application).
@pytest.mark.skipif(any(shutil.which(t) is None for t in ("gio", "update-mime-database", "update-desktop-database")),
                    reason="needs GIO's gio tool, shared-mime-info and desktop-file-utils")
def test_gio_sees_decks_and_apkg_but_not_every_toml(data_home: Path, tmp_path: Path) -> None:
    di.install(command=[sys.executable, "-m", "quizapp"], run_tools=True)  # TryExec must exist for GIO to list it
    files = tmp_path / "files"
    files.mkdir()
    shutil.copy(next(deck_dir().glob("*.toml")), files / "bundled.toml")
    (files / "starts-with-card.toml").write_text('[[card]]\nid = "x"\n')
    (files / "named.quizdeck.toml").write_text("# empty for now\n")
    (files / "pyproject.toml").write_text('[project]\nname = "x"\n# [[card]] in a comment mid-line\n')
    import zipfile

    with zipfile.ZipFile(files / "deck.apkg", "w") as package:  # an .apkg is a zip archive
        package.writestr("collection.anki2", b"SQLite format 3\x00")

    def content_type(name: str) -> str:
        out = subprocess.run(["gio", "info", "-a", "standard::content-type", str(files / name)],
                             capture_output=True, text=True, check=True).stdout
        return out.split("standard::content-type:")[1].strip()

    assert content_type("bundled.toml") == "application/x-quizapp-deck"
    assert content_type("starts-with-card.toml") == "application/x-quizapp-deck"
    assert content_type("named.quizdeck.toml") == "application/x-quizapp-deck"
    assert content_type("pyproject.toml") == "application/toml"
    assert content_type("deck.apkg") == "application/x-apkg"
    default = subprocess.run(["gio", "mime", "application/x-apkg"], capture_output=True, text=True).stdout
    assert "quizapp.desktop" in default
