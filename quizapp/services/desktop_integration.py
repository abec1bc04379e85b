"""The desktop entry, icon and file types for the current user (docs/desktop-app.md § Installing).

`install(target)` writes, under the user's XDG data folder ($XDG_DATA_HOME, default
~/.local/share):

    applications/quizapp.desktop               the menu entry; Exec runs the quizapp that installed it
    icons/hicolor/<N>x<N>/apps/quizapp.png     the icon, each size in assets/icons (plus scalable/ SVG)
    mime/packages/quizapp.xml                  application/x-quizapp-deck and application/x-apkg
    quizapp/desktop-install.json               what was written, so `uninstall` removes exactly that

then refreshes the desktop and MIME caches with update-desktop-database / update-mime-database /
gtk-update-icon-cache when they are installed. No Qt: the CLI calls it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.resources import assets_dir
from quizapp.services.errors import UserError
from quizapp.i18n.text import ErrorText, ImportText

DESKTOP_FILE = "quizapp.desktop"
MIME_FILE = "quizapp.xml"
ICON_NAME = "quizapp"
MANIFEST = Path("quizapp") / "desktop-install.json"
MIME_TYPES = ("application/x-apkg", "application/x-quizapp-deck")
# the cache tools, each with the folder (under the data folder) it refreshes
CACHE_TOOLS = (("update-desktop-database", "applications"), ("update-mime-database", "mime"),
               ("gtk-update-icon-cache", "icons/hicolor"))


class DesktopIntegrationError(UserError):
    pass


@dataclass(frozen=True)
class DesktopInstall:
    """What install() or uninstall() did: the files written or removed and the cache tools run."""

    data_home: Path
    files: tuple[Path, ...]
    tools_run: tuple[str, ...] = ()
    tools_missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def summary(self, verb: str) -> str:
        done = (ImportText.tr("installed %n file(s) under {folder}", "", len(self.files)) if verb == "installed" else
                ImportText.tr("removed %n file(s) under {folder}", "", len(self.files)))
        lines = [done.format(folder=self.data_home)]
        lines += [f"  {f.relative_to(self.data_home)}" for f in self.files]
        if self.tools_run:
            lines.append(ImportText.tr("refreshed: {tools}").format(tools=", ".join(self.tools_run)))
        if self.tools_missing:
            lines.append(ImportText.tr("not installed (caches refresh at next login): {tools}").format(
                tools=", ".join(self.tools_missing)))
        lines += list(self.notes)
        return "\n".join(lines)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec ignores relative ones), else ~/.local/share."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launcher_command(executable: str | None = None, frozen: bool | None = None) -> list[str]:
    """The command that starts this quizapp: the frozen app itself, the `quizapp` script next to
    the running interpreter (a venv's bin/), or that interpreter with `-m quizapp`."""
    exe = Path(executable or sys.executable)
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        return [str(exe)]
    script = exe.parent / ("quizapp.exe" if sys.platform == "win32" else "quizapp")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(exe), "-m", "quizapp"]


_EXEC_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def quote_exec_argument(arg: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry spec, "The Exec key"): quoted when
    it holds a reserved character, with ", `, $ and \\ backslash-escaped inside the quotes; % doubled.
    The result is the key's value after the string escaping, so every backslash is written twice."""
    if "\n" in arg or "\r" in arg:
        raise DesktopIntegrationError(ErrorText.tr(
            "cannot put a path with a line break into a desktop entry: {path}").format(
            path=f"{arg!r}"))
    arg = arg.replace("%", "%%")
    if arg and not (set(arg) & _EXEC_RESERVED):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return ('"' + inner + '"').replace("\\", "\\\\")


def desktop_entry(command: Sequence[str], template: str | None = None) -> str:
    """The packaged template (assets/desktop/quizapp.desktop) with Exec and TryExec set to `command`."""
    text = template if template is not None else (assets_dir() / "desktop" / DESKTOP_FILE).read_text(encoding="utf-8")
    exec_line = " ".join(quote_exec_argument(a) for a in command) + " %f"
    out = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        out.append(line)
    return "\n".join(out) + "\n"


def _icon_sources() -> list[tuple[Path, Path]]:
    """(packaged icon, its place under icons/hicolor) for every size in assets/icons."""
    icons = assets_dir() / "icons"
    pairs = [(icons / "quizapp.svg", Path("scalable") / "apps" / f"{ICON_NAME}.svg")]
    for png in sorted(icons.glob("quizapp-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        if size.isdigit():
            pairs.append((png, Path(f"{size}x{size}") / "apps" / f"{ICON_NAME}.png"))
    return pairs


def planned_files(home: Path) -> list[Path]:
    """Every file install() writes under `home` (the manifest aside)."""
    return ([home / "applications" / DESKTOP_FILE, home / "mime" / "packages" / MIME_FILE]
            + [home / "icons" / "hicolor" / dest for _, dest in _icon_sources()])


def _refresh_caches(home: Path, run_tools: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ran: list[str] = []
    missing: list[str] = []
    if not run_tools:
        return (), ()
    for tool, folder in CACHE_TOOLS:
        path = shutil.which(tool)
        target = home / folder
        if path is None:
            missing.append(tool)
            continue
        if not target.is_dir():
            continue
        args = [path, "-f", "-t", str(target)] if tool == "gtk-update-icon-cache" else [path, str(target)]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        if done.returncode == 0:
            ran.append(tool)
        else:  # a broken cache tool leaves the files in place; the desktop rereads them at next login
            missing.append(f"{tool} (failed: {(done.stderr or done.stdout).strip().splitlines()[-1:] or '?'})")
    return tuple(ran), tuple(missing)


def install(home: Path | None = None, command: Sequence[str] | None = None, *,
            run_tools: bool = True) -> DesktopInstall:
    """Write the desktop entry, icons and MIME package under `home` (default: data_home())."""
    home = home or data_home()
    command = list(command or launcher_command())
    written: list[Path] = []
    entry = desktop_entry(command)
    plan: list[tuple[Path, bytes]] = [
        (home / "applications" / DESKTOP_FILE, entry.encode("utf-8")),
        (home / "mime" / "packages" / MIME_FILE, (assets_dir() / "desktop" / "quizapp-mime.xml").read_bytes()),
    ]
    plan += [(home / "icons" / "hicolor" / dest, source.read_bytes()) for source, dest in _icon_sources()]
    try:
        for target, data in plan:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            written.append(target)
        manifest = home / MANIFEST
        manifest.parent.mkdir(parents=True, exist_ok=True)
        previous = _read_manifest(home)
        manifest.write_text(json.dumps({"files": sorted({str(p) for p in written} | set(map(str, previous)))},
                                       indent=2), encoding="utf-8")
    except OSError as exc:
        for path in written:  # nothing half-written: take back what this run wrote
            path.unlink(missing_ok=True)
        raise DesktopIntegrationError(ErrorText.tr(
            "cannot install the desktop entry under {folder}: {error}").format(
            folder=home, error=exc.strerror or exc)) from None
    ran, missing = _refresh_caches(home, run_tools)
    return DesktopInstall(home, tuple(written), ran, missing)


def _read_manifest(home: Path) -> list[Path]:
    path = home / MANIFEST
    if not path.exists():
        return []
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError, OSError):
        return []
    # only files under `home`: a hand-edited manifest must not make uninstall delete elsewhere
    return [Path(f) for f in files if isinstance(f, str) and Path(f).is_absolute()
            and Path(f).resolve().is_relative_to(home.resolve())]


def uninstall(home: Path | None = None, *, run_tools: bool = True) -> DesktopInstall:
    """Remove what install() wrote under `home` (the manifest's list, or the fixed list when there is none)."""
    home = home or data_home()
    listed = _read_manifest(home) or planned_files(home)
    removed: list[Path] = []
    for path in listed:
        if path.is_file():
            path.unlink()
            removed.append(path)
    manifest = home / MANIFEST
    if manifest.exists():
        manifest.unlink()
        try:
            manifest.parent.rmdir()  # only when empty: the collection may live in the same folder
        except OSError:
            pass
    ran, missing = _refresh_caches(home, run_tools) if removed else ((), ())
    notes = () if removed else (ImportText.tr("nothing to remove: the desktop entry was not installed here"),)
    return DesktopInstall(home, tuple(removed), ran, missing, notes)
