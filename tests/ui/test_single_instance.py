"""One window per collection: a later start hands its files to the running window and exits;
different collections run side by side; a crash's leftovers do not block the next start."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QSettings

from quizapp.ui.single_instance import SingleInstance, decode_message, encode_message, instance_key
from tests.support import NOW as NOW_FOR_TESTS
from tests.ui.conftest import WAIT_MS

REPO = Path(__file__).resolve().parents[2]
HAND_OVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from quizapp.ui.single_instance import SingleInstance, instance_key
    instance = SingleInstance(instance_key(Path(sys.argv[1])))
    if instance.claim():
        print("claimed"); sys.exit(3)
    sys.exit(0 if instance.hand_over(sys.argv[2:]) else 4)
""")
CLAIM_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from quizapp.ui.single_instance import SingleInstance, instance_key
    app = QCoreApplication([])
    instance = SingleInstance(instance_key(Path(sys.argv[1])))
    assert instance.claim()
    print("claimed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: no clean-up of the lock or the socket
""")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")


def _python(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *args], env=_env(), cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_key_depends_on_the_collection_only(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert instance_key(a) == instance_key(tmp_path / "x" / ".." / "a.db")
    assert instance_key(a) != instance_key(b)
    assert instance_key(None) is None  # an in-memory database: no rule to keep
    assert len(QDir.tempPath()) + len(instance_key(a) or "") < 100  # fits a Unix socket path (108 bytes)


def test_messages_round_trip_and_strays_are_refused() -> None:
    assert decode_message(encode_message(["/tmp/a b.apkg", "/tmp/牌.toml"]).rstrip(b"\n")) == \
        ["/tmp/a b.apkg", "/tmp/牌.toml"]
    assert decode_message(b"GET / HTTP/1.1") is None
    assert decode_message(b'{"files": [1]}') is None


def test_two_collections_side_by_side_but_one_claim_per_collection(qapp, tmp_path: Path) -> None:
    first = SingleInstance(instance_key(tmp_path / "a.db") or "")
    other = SingleInstance(instance_key(tmp_path / "b.db") or "")
    again = SingleInstance(instance_key(tmp_path / "a.db") or "")
    try:
        assert first.claim() and first.is_primary
        assert other.claim() and other.is_primary
        assert not again.claim() and not again.is_primary
    finally:
        first.release()
        other.release()
    assert again.claim()  # released: the next start is the running one
    again.release()


def test_a_second_process_hands_its_files_to_the_running_one(qtbot, tmp_path: Path) -> None:
    collection = tmp_path / "c.db"
    running = SingleInstance(instance_key(collection) or "")
    assert running.claim()
    try:
        with qtbot.waitSignal(running.activated, timeout=WAIT_MS) as received:
            later = _python(HAND_OVER, str(collection), "/tmp/x.apkg", "/tmp/deck.toml")
        out, err = later.communicate(timeout=WAIT_MS / 1000)
        assert later.returncode == 0, out + err
        assert received.args == [["/tmp/x.apkg", "/tmp/deck.toml"]]
        # a start on another collection is not handed over: it claims its own
        elsewhere = _python(HAND_OVER, str(tmp_path / "other.db"))
        out, _ = elsewhere.communicate(timeout=WAIT_MS / 1000)
        assert elsewhere.returncode == 3 and out.strip() == "claimed"
    finally:
        running.release()


def test_a_crash_leaves_nothing_that_blocks_the_next_start(qtbot, tmp_path: Path) -> None:
    collection = tmp_path / "c.db"
    key = instance_key(collection) or ""
    crashed = _python(CLAIM_AND_DIE, str(collection))
    out, err = crashed.communicate(timeout=WAIT_MS / 1000)
    assert crashed.returncode == -signal.SIGKILL and out.strip() == "claimed", err
    lock = Path(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
    assert lock.exists()  # the dead process's lock is still there ...
    if sys.platform != "win32":
        assert Path(QDir(QDir.tempPath()).filePath(key)).exists()  # ... and its socket file
    running = SingleInstance(key)
    assert running.claim()  # ... yet the next start takes over
    try:
        with qtbot.waitSignal(running.activated, timeout=WAIT_MS) as received:
            later = _python(HAND_OVER, str(collection))
        later.communicate(timeout=WAIT_MS / 1000)
        assert later.returncode == 0 and received.args == [[]]
    finally:
        running.release()


EXTRA_DECK = '''\
[[card]]
id = "extra-71-1"
section = "7.1"
kind = "qa"
tags = ["extra"]
source = ["q02"]
front.zh = "另一张卡片？"
front.en = "Another card?"
back.zh = "是的。"
back.en = "Yes."
'''


def test_quizapp_file_while_running_raises_the_window_and_imports(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    from quizapp.ui import open_files
    from quizapp.ui.application import claim_collection, serve_later_starts

    instance = claim_collection(window.ctx.services.study.db)
    assert instance is not None and instance.is_primary
    serve_later_starts(window, instance)
    asked: list[str] = []
    monkeypatch.setattr(open_files, "confirm", lambda _w, _title, text: asked.append(text) or True)
    deck = tmp_path / "extra.toml"
    deck.write_text(EXTRA_DECK, encoding="utf-8")
    window.showMinimized()
    db_path = window.ctx.services.study.db.path
    before = window.ctx.services.stats.collection(window.ctx.now(), days=1).cards["total"]
    with qtbot.waitSignal(window.ctx.ops.changed, timeout=WAIT_MS):
        later = subprocess.Popen([sys.executable, "-m", "quizapp", "--db", str(db_path), str(deck)], env=_env(),
                                 cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: later.poll() is not None, timeout=WAIT_MS)
    out, err = later.communicate()
    assert later.returncode == 0, err
    assert "already running" in err
    assert asked == ["Import the cards of extra.toml into this collection?"]
    assert not window.isMinimized()
    window.ctx.ops.wait_idle(WAIT_MS)
    assert window.ctx.services.stats.collection(window.ctx.now(), days=1).cards["total"] == before + 1
    instance.release()


@pytest.mark.parametrize("name, kind", [("a.apkg", "anki"), ("A.COLPKG", "anki"), ("x.csv", "anki"),
                                        ("d.toml", "deck"), ("d.quizdeck.toml", "deck"), ("n.pdf", None)])
def test_file_kinds(name: str, kind: str | None, tmp_path: Path) -> None:
    from quizapp.ui.open_files import file_kind

    assert file_kind(tmp_path / name) == kind


def test_a_file_quizapp_cannot_open_is_one_line(window, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from quizapp.ui import open_files

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _title, text: shown.append(text))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    open_files.open_files(window, [str(tmp_path / "notes.pdf"), str(tmp_path / "gone.apkg")])
    assert len(shown) == 2 and all("\n" not in s for s in shown)
    assert shown[0].startswith("Cannot open notes.pdf: quizapp opens Anki files")
    assert shown[1] == f"Cannot open {tmp_path / 'gone.apkg'}: no such file or folder."


def test_a_first_start_with_a_file_opens_the_window_and_imports_it(qapp, sample_db, monkeypatch,
                                                                   tmp_path: Path) -> None:
    """`quizapp FILE` with no quizapp running: launch() shows the window, asks, imports, and
    releases the collection when it quits."""
    from PySide6.QtCore import QEventLoop, QTimer

    from quizapp.services.database import open_database
    from quizapp.ui import application, open_files

    deck = tmp_path / "extra.toml"
    deck.write_text(EXTRA_DECK, encoding="utf-8")
    db_path = sample_db.path
    asked: list[str] = []
    monkeypatch.setattr(open_files, "confirm", lambda _w, _title, text: asked.append(text) or True)
    monkeypatch.setattr(application, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"),
                                                                    QSettings.Format.IniFormat))
    monkeypatch.setattr(application, "import_bundled_deck_if_empty", lambda _window: None)
    from quizapp.ui.demo_panel import DemoPanel

    monkeypatch.setattr(DemoPanel, "warm_up_in_background", lambda _self: None)  # no torch import for this test
    checker = open_database(db_path)

    def imported() -> bool:
        from quizapp.services.cards import CardsService
        from quizapp.services.errors import CardNotFound

        try:
            CardsService(checker).detail("extra-71-1", NOW_FOR_TESTS)
        except CardNotFound:
            return False
        return True

    def run_until_imported(_app: object) -> int:
        # stands in for QApplication.exec: a local event loop that ends once the card is in
        # (quitting the test run's one QApplication would stop the event loops of later tests)
        loop = QEventLoop()
        tries = 0

        def poll() -> None:
            nonlocal tries
            tries += 1
            if imported() or tries > 300:
                loop.quit()
            else:
                QTimer.singleShot(100, poll)

        QTimer.singleShot(100, poll)
        loop.exec()
        return 0

    monkeypatch.setattr(type(qapp), "exec", run_until_imported)
    assert application.launch(sample_db, open_paths=[str(deck)]) == 0
    assert asked == ["Import the cards of extra.toml into this collection?"]
    assert imported()
    # quitting released the collection: the next start claims it
    again = SingleInstance(instance_key(db_path) or "")
    assert again.claim()
    again.release()
    checker.close()
