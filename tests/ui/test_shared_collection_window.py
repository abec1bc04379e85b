"""A window over a collection shared on PostgreSQL (ui/change_listener.py): another client's
answers and edits reach the screens without user action; a server that goes away is said in one
line, an answer meanwhile is handed back with its card on screen, and nothing of it is written."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from quizapp.services.bundle import Services
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.store.database import Database
from quizapp.ui.application import build_window
from quizapp.ui.change_listener import ChangeListener
from quizapp.ui.main_window import MainWindow
from quizapp.ui.overview import OverviewScreen
from quizapp.ui.study_view import Phase, StudyScreen
from tests.support import NOW, SAMPLE_DECK
from tests.ui.conftest import WAIT_MS


def _window(qtbot, url: str, qsettings: QSettings) -> tuple[MainWindow, Database]:
    db = open_database(url)
    win = build_window(db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.show()
    return win, db


def _close(win: MainWindow, *dbs: Database) -> None:
    win.close()
    win.ctx.ops.wait_idle(WAIT_MS)
    for db in dbs:
        db.close()


def _due(overview: OverviewScreen) -> dict[str, int]:
    return dict(overview.data.counts)


@pytest.fixture
def shared(pg_url: str) -> Iterator[str]:
    db = open_database(pg_url)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    yield pg_url


def test_another_clients_answers_and_edits_reach_the_overview(qtbot, shared: str, qsettings: QSettings) -> None:
    win, db = _window(qtbot, shared, qsettings)
    listener = win.findChild(ChangeListener)
    assert isinstance(listener, ChangeListener)
    win.show_screen("overview")
    overview = win.screen_as("overview", OverviewScreen)
    qtbot.waitUntil(lambda: getattr(overview, "data", None) is not None, timeout=WAIT_MS)
    before = _due(overview)
    assert before.get("new", 0) > 3
    other_db = open_database(shared)  # a second client: its own engine, its own application name
    other = Services.over(other_db)
    for card_id in ("sample-71-1", "sample-71-2"):
        other.study.answer(card_id, 5, NOW)
    qtbot.waitUntil(lambda: _due(overview).get("new", 0) == before["new"] - 2, timeout=WAIT_MS)
    # an edit elsewhere: a suspended card leaves the counts too
    other.actions.suspend("sample-72-1")
    qtbot.waitUntil(lambda: _due(overview).get("new", 0) == before["new"] - 3, timeout=WAIT_MS)
    _close(win, db, other_db)


def test_another_clients_edits_reach_the_browser_rows(qtbot, shared: str, qsettings: QSettings) -> None:
    from quizapp.ui.browser import BrowserScreen

    win, db = _window(qtbot, shared, qsettings)
    browser = win.screen_widget("browser")
    assert isinstance(browser, BrowserScreen)
    with qtbot.waitSignal(browser.searched, timeout=WAIT_MS):
        win.show_screen("browser")
    with qtbot.waitSignal(browser.searched, timeout=WAIT_MS):
        browser.state_box.setCurrentIndex(browser.state_box.findData("suspended"))
    assert browser.model.rowCount() == 0
    other_db = open_database(shared)
    Services.over(other_db).actions.suspend("sample-73-1")  # another client suspends a card
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=WAIT_MS)
    assert browser.model.row(0).card_id == "sample-73-1"
    _close(win, db, other_db)


def test_another_client_never_yanks_the_card_being_answered(qtbot, shared: str, qsettings: QSettings,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    win, db = _window(qtbot, shared, qsettings)
    win.show_screen("study")
    study = win.screen_as("study", StudyScreen)
    qtbot.waitUntil(lambda: study.phase is Phase.QUESTION, timeout=WAIT_MS)
    shown = study.step.card.id
    other_db = open_database(shared)
    other = Services.over(other_db)
    heard: list[object] = []
    win.ctx.ops.changed.connect(heard.append)
    service = win.ctx.services.study
    loads: list[object] = []
    real_step = service.step
    monkeypatch.setattr(service, "step", lambda *a, **k: loads.append(k) or real_step(*a, **k))
    other.study.answer(shown, 5, NOW)  # the other client answers the very card on screen
    qtbot.waitUntil(lambda: len(heard) >= 1, timeout=WAIT_MS)
    win.ctx.ops.wait_idle(WAIT_MS)
    assert study.phase is Phase.QUESTION and study.step.card.id == shown  # still the user's card
    assert loads == []  # not even reloaded under the user's eyes
    study.reveal()
    study.grade(5)  # the next card comes from what is true now
    qtbot.waitUntil(lambda: study.step is not None and study.step.card is not None and study.step.card.id != shown,
                    timeout=WAIT_MS)
    _close(win, db, other_db)


def test_a_server_that_goes_away_is_one_line_and_the_answer_is_handed_back(qtbot, qsettings: QSettings,
                                                                         tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from quizapp.devtools.pg_cluster import ClusterUnavailable, remove_cluster, start_cluster
    from quizapp.store.models import ReviewLogRow

    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'quizapp[postgres]'")
    try:
        cluster = start_cluster(fast=True)  # a cluster of its own, to stop and start again
    except ClusterUnavailable as exc:
        pytest.skip(f"PostgreSQL tests: {exc}")
    data = str(cluster.data)

    def start() -> None:
        cluster.run(["pg_ctl", "-D", data, "-l", str(cluster.folder / "server.log"), "-w", "-o",
                     f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={cluster.folder} -p {cluster.port}",
                     "start"])

    try:
        url = cluster.url("postgres")
        first = open_database(url)
        import_deck(first, [SAMPLE_DECK], now=NOW)
        first.close()
        win, db = _window(qtbot, url, qsettings)
        listener = win.findChild(ChangeListener)
        assert isinstance(listener, ChangeListener)
        win.show_screen("study")
        study = win.screen_as("study", StudyScreen)
        qtbot.waitUntil(lambda: study.phase is Phase.QUESTION, timeout=WAIT_MS)
        card = study.step.card.id
        study.reveal()
        cluster.run(["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])
        qtbot.waitUntil(lambda: listener.unreachable, timeout=WAIT_MS)
        line = listener.banner.text()
        assert "\n" not in line and line.startswith("Offline: cannot reach the database server of postgresql")
        study.grade(4)
        qtbot.waitUntil(lambda: study.phase is Phase.ANSWER, timeout=WAIT_MS)  # handed back, answer side up
        assert study.step.card.id == card and study.undo_entries == []
        assert "The answer to " + card + " was not saved" in win.statusBar().currentMessage()
        start()
        qtbot.waitUntil(lambda: not listener.unreachable, timeout=WAIT_MS)
        study.grade(4)  # the same answer, given again once the server is back
        qtbot.waitUntil(lambda: len(study.undo_entries) == 1, timeout=WAIT_MS)
        with db.read_session() as session:
            logged = session.scalars(select(ReviewLogRow.card_id)).all()
            assert logged == [card]  # once: nothing of the failed try was written
            assert session.scalar(select(func.count()).select_from(ReviewLogRow)) == 1
        _close(win, db)
    finally:
        remove_cluster(cluster)


def test_settings_show_the_collection_and_keep_a_checked_server_for_the_next_start(
        qtbot, window: MainWindow, sample_db: Database, pg_url: str, qsettings: QSettings) -> None:
    import socket

    from quizapp.ui.collection_location import stored_location
    from quizapp.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.location_label.text() == str(sample_db.path)
    # a server nobody listens on: one line, nothing kept
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog.server_url.setText(f"postgresql+psycopg://me:secret@127.0.0.1:{port}/quizapp")
    dialog.choose_server()
    qtbot.waitUntil(lambda: dialog.location_note.text().startswith("Not kept:"), timeout=WAIT_MS)
    said = dialog.location_note.text()
    assert "\n" not in said and "cannot reach the database server" in said and "secret" not in said
    assert stored_location(qsettings) is None
    # not PostgreSQL: refused without connecting
    dialog.server_url.setText("sqlite:///elsewhere.db")
    dialog.choose_server()
    qtbot.waitUntil(lambda: "is not a PostgreSQL URL" in dialog.location_note.text(), timeout=WAIT_MS)
    # a reachable collection: kept for the next start, and said so
    dialog.server_url.setText(pg_url)
    dialog.choose_server()
    qtbot.waitUntil(lambda: dialog.location_note.text().startswith("From the next start"), timeout=WAIT_MS)
    assert stored_location(qsettings) == pg_url
    again = SettingsDialog(window)  # shown with the password hidden, kept as it is when unchanged
    qtbot.addWidget(again)
    assert again.server_url.text().startswith("postgresql+psycopg://")
    again.server_url.setText("")
    again.choose_server()
    assert stored_location(qsettings) is None


def test_the_window_opens_the_stored_server_unless_db_is_given(monkeypatch: pytest.MonkeyPatch, pg_url: str,
                                                               qsettings: QSettings, tmp_path: Path) -> None:
    import quizapp.app as app_module
    from quizapp.ui import application, collection_location

    opened: list[str] = []
    monkeypatch.setattr(app_module, "display_available", lambda: True)
    monkeypatch.setattr("quizapp.ui.platform_check.xcb_problem_message", lambda: None)
    monkeypatch.setattr(application, "launch", lambda db, **kw: opened.append(db.url.drivername) or db.close() or 0)
    real_stored = collection_location.stored_location
    monkeypatch.setattr(collection_location, "stored_location", lambda qs=None: real_stored(qsettings))
    collection_location.store_location(qsettings, pg_url)
    assert app_module.run_gui(None) == 0  # nothing given: the server chosen in Settings
    assert app_module.run_gui(tmp_path / "given.db") == 0  # --db / QUIZAPP_DB come first
    assert opened == ["postgresql+psycopg", "sqlite"]
