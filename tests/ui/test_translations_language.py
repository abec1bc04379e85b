"""Choosing the interface language: the setting, the system locale, plurals in both languages,
the demo panel and the command line (docs/architecture.md § Interface language)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from quizapp import i18n
from quizapp.services.settings import SettingsService
from quizapp.store.database import Database
from quizapp.ui.translation import current_language, install_language
from quizapp.ui.words import grade_words, words
from tests.support import NOW
from tests.ui.conftest import WAIT_MS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english_after(qapp) -> Iterator[None]:
    yield
    install_language("en")  # the rest of the suite speaks English


def test_the_language_of_a_locale_name() -> None:
    names = ("zh_CN.UTF-8", "zh-Hans", "zh_TW", "Chinese (Simplified)_China", "en_US.UTF-8", "C", "", None)
    assert [i18n.language_of_locale(n) for n in names] == ["zh", "zh", "zh", "zh", "en", "en", "en", "en"]
    assert i18n.resolve("zh", "en_US") == "zh" and i18n.resolve("en", "zh_CN") == "en"
    assert i18n.resolve("system", "zh_CN.UTF-8") == "zh" and i18n.resolve("system", "de_DE") == "en"


def test_plurals_and_grades_in_both_languages(qapp, english_after) -> None:
    assert install_language("en") == "en" and current_language() == "en"
    assert (words().cards(1), words().cards(2), words().days(1), words().questions(3)) == \
        ("1 card", "2 cards", "1 day", "3 questions")
    assert grade_words(4) == "Good" and grade_words(2) == "Again" and grade_words(4, "six") == "4/5 Good"
    assert install_language("zh") == "zh" and current_language() == "zh"
    assert (words().cards(1), words().cards(2), words().days(5)) == ("1 张卡片", "2 张卡片", "5 天")
    assert grade_words(4) == "良好" and grade_words(1) == "重来" and grade_words(0, "six") == "0/5 完全遗忘"


SYSTEM = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
          "from quizapp.ui.translation import install_language; print(install_language('system'))")


@pytest.mark.parametrize(("locale", "language"), [("zh_CN.UTF-8", "zh"), ("en_US.UTF-8", "en"), ("C", "en")])
def test_system_follows_the_locale(locale: str, language: str) -> None:
    """QLocale.system() reads LC_ALL / LC_MESSAGES / LANG on Linux: a process started in a
    Chinese locale installs the Chinese translation."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": locale, "LANG": locale, "LANGUAGE": ""}
    proc = subprocess.run([sys.executable, "-c", SYSTEM], capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout.strip() == language, proc.stderr


def test_the_window_speaks_the_stored_language(qtbot, sample_db: Database, tmp_path: Path, english_after) -> None:
    from quizapp.ui.application import build_window
    from quizapp.ui.demo_panel import DemoPanel
    from quizapp.ui.settings_dialog import SettingsDialog

    SettingsService(sample_db).update({"interface_language": "zh", "language": "en"})
    win = build_window(sample_db, qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                       clock=lambda: NOW)
    qtbot.addWidget(win)
    try:
        assert win.ctx.interface_language == "zh"
        assert win.windowTitle() == "quizapp —— 深度学习面试备考"
        assert [a.text() for a in win.menuBar().actions()][:2] == ["文件(&F)", "视图(&V)"]
        panel = win.screen_as("demo", DemoPanel)
        assert panel.lang == "zh"  # the demo's words follow the interface, not the (English) cards
        panel.open_demo("momentum-dynamics")
        assert panel.summary.text().startswith(panel.spec.summary_zh[:10])  # type: ignore[union-attr]
        labels = [label.text() for label in panel.form.findChildren(type(panel.title))]  # type: ignore[union-attr]
        assert "步长 α" in labels
        dialog = SettingsDialog(win)
        qtbot.addWidget(dialog)
        box = dialog.combos["interface_language"]
        assert [box.itemText(i) for i in range(box.count())] == ["跟随系统", "中文", "English"]
        assert not dialog.language_note.isVisibleTo(dialog)
        box.setCurrentIndex(box.findData("en"))
        assert dialog.language_note.isVisibleTo(dialog) and "重新启动" in dialog.language_note.text()
        with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
            dialog.save()
        assert SettingsService(sample_db).get().interface_language == "en"
        panel._cancel_run()
    finally:
        win.close()
        win.ctx.ops.wait_idle(WAIT_MS)


def test_an_unknown_interface_language_is_refused(sample_db: Database) -> None:
    from quizapp.services.errors import InvalidSetting

    with pytest.raises(InvalidSetting, match="interface_language"):
        SettingsService(sample_db).update({"interface_language": "fr"})


def _due(db: Path, language: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_LANG": language}
    return subprocess.run([sys.executable, "-m", "quizapp", "due", "--db", str(db), "--now", "2026-11-26T09:30+08:00"],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_cli_speaks_the_language_of_quizapp_lang(tmp_path: Path) -> None:
    from quizapp.services.database import open_database

    db = tmp_path / "cli.db"
    open_database(db).close()  # an empty collection
    english, chinese = _due(db, "en"), _due(db, "zh")
    assert english.returncode == chinese.returncode == 0, english.stderr + chinese.stderr
    assert english.stdout.splitlines()[0] == "2026-11-26: 0 due, 0 to re-drill, 0 new"
    assert chinese.stdout.splitlines()[0] == "2026-11-26：0 张到期，0 张待重练，0 张新卡片"
    assert "这个收藏还没有卡片" in chinese.stdout and "no cards yet" in english.stdout
    refused = _due(tmp_path / "missing" / "x.db", "zh")
    assert refused.returncode != 0 and refused.stderr.startswith("quizapp：错误：")


def test_the_window_language_is_the_services_language(qapp, english_after) -> None:
    """What the services and the domain write (an error, a report line) follows the window's
    interface language, not $QUIZAPP_LANG (quizapp/i18n/text.py: set_language)."""
    from quizapp.domain.browse import BrowseQuery, InvalidQuery
    from quizapp.services.errors import CardNotFound, DeckInvalid

    assert os.environ["QUIZAPP_LANG"] == "en"
    install_language("zh")
    assert str(CardNotFound("x")) == "没有 id 为“x”的卡片（可在“quizapp due”或浏览器中查看 id）"
    assert str(DeckInvalid(["a", "b"])).splitlines()[0] == "卡组有 2 处错误；没有导入任何内容："
    with pytest.raises(InvalidQuery, match="^未知的标记 9"):
        BrowseQuery(flags=(9,)).validate()
    install_language("en")
    assert str(CardNotFound("x")) == "no card with id 'x' (see 'quizapp due' or the browser for ids)"
    assert str(DeckInvalid(["a"])).splitlines()[0] == "the deck has 1 error; nothing was imported:"


def test_the_demo_status_line_is_chinese(qtbot, sample_db: Database, tmp_path: Path, english_after) -> None:
    """The status line under a demo's plot: "Done in …", and each metric by its Chinese label
    (quizapp/services/demo_metrics.py), not the result's keys."""
    from quizapp.ui.application import build_window
    from quizapp.ui.demo_panel import DemoPanel
    from tests.english_words import english_left

    SettingsService(sample_db).update({"interface_language": "zh"})
    win = build_window(sample_db, qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                       clock=lambda: NOW)
    qtbot.addWidget(win)
    try:
        panel = win.screen_as("demo", DemoPanel)
        win.show_screen("demo")
        with qtbot.waitSignal(panel.run_finished, timeout=60_000):
            assert panel.open_demo("flat-vs-sharp", {})
        status = panel.status_label.text()
        assert "尖锐处曲率 λ = " in status and "学习率 = " in status, status
        assert "lambda" not in status and "Lambda" not in status and "Done" not in status
        assert english_left(status, allowed={"cpu", "cuda", "mps"}) == [], status
    finally:
        win.close()
        win.ctx.ops.wait_idle(WAIT_MS)
