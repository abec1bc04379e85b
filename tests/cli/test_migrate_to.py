"""`quizapp migrate-to URL` (cli_migrate.py): the collection copied SQLite -> PostgreSQL -> SQLite
with its history, the per-table counts printed and verified; a target that holds a collection,
or a server that cannot be reached, is one line and nothing written."""
from __future__ import annotations

import json
import socket
from pathlib import Path

from quizapp.cli import main
from quizapp.services.database import open_database
from quizapp.services.study import StudyService
from quizapp.store.copy_collection import DERIVED, summary
from quizapp.store.database import Database
from quizapp.store.tables import metadata
from tests.support import NOW, SAMPLE_DECK


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _tables(target: str) -> dict[str, tuple[int, str]]:
    db: Database = open_database(target, create=False)
    try:
        with db.read_session() as session:
            conn = session.connection()
            return {t.name: (s.rows, s.sha256) for t in metadata.sorted_tables if t.name not in DERIVED
                    for s in [summary(conn, t)]}
    finally:
        db.close()


def _collection(tmp_path: Path, capsys) -> str:
    source = str(tmp_path / "first.db")
    assert run(capsys, "import", "--db", source, str(SAMPLE_DECK))[0] == 0
    db = open_database(source)
    study = StudyService(db)
    for card, grade in (("sample-71-1", 5), ("sample-71-2", 2), ("sample-72-1", 4)):
        study.answer(card, grade, NOW)
    db.close()
    return source


def test_migrate_to_postgresql_and_back(capsys, tmp_path: Path, pg_empty_url: str) -> None:
    source = _collection(tmp_path, capsys)
    code, out, err = run(capsys, "migrate-to", "--db", source, pg_empty_url)
    assert (code, err) == (0, "")
    first = _tables(source)
    lines = out.splitlines()
    assert lines[0].startswith(f"copied {source} to postgresql+psycopg://")
    assert "every table's row count and SHA-256 checksum matched its source" in lines[-1]
    printed = {ln.split()[0]: int(ln.split()[1]) for ln in lines[1:-1]}
    assert printed == {name: rows for name, (rows, _) in first.items()}
    assert printed["review_log"] == 3 and printed["cards"] > 0
    assert _tables(pg_empty_url) == first
    back = str(tmp_path / "back.db")
    code, out, err = run(capsys, "migrate-to", "--db", pg_empty_url, back, "--json")
    assert [t["table"] for t in json.loads(out)] == list(first)
    assert (code, err) == (0, "")
    assert _tables(back) == first
    # the copy goes on where the source stopped
    db = open_database(back)
    assert StudyService(db).answer("sample-73-1", 4, NOW).log_id == 4
    db.close()


def test_a_target_holding_a_collection_is_refused_untouched(capsys, tmp_path: Path, pg_url: str) -> None:
    source = _collection(tmp_path, capsys)
    assert run(capsys, "import", "--db", pg_url, str(SAMPLE_DECK))[0] == 0
    before = _tables(pg_url)
    code, out, err = run(capsys, "migrate-to", "--db", source, pg_url)
    assert code == 3 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "already holds a collection (rows in decks, cards" in err and "nothing was written" in err
    assert "postgresql+psycopg://" in err
    assert _tables(pg_url) == before
    # and back: an existing SQLite collection is refused as well, the file unchanged
    (tmp_path / "x").mkdir()
    other = _collection(tmp_path / "x", capsys)
    before_file = Path(other).read_bytes()
    code, _, err = run(capsys, "migrate-to", "--db", pg_url, other)
    assert code == 3 and "already holds a collection" in err and Path(other).read_bytes() == before_file


def test_an_unreachable_server_is_one_line_and_no_file_is_left(capsys, tmp_path: Path) -> None:
    source = _collection(tmp_path, capsys)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, out, err = run(capsys, "migrate-to", "--db", source, f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/q")
    assert code == 3 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "cannot reach the database server" in err and "secret" not in err
    # and a copy from an unreachable server creates no SQLite file
    target = tmp_path / "never.db"
    code, _, err = run(capsys, "migrate-to", str(target), "--db", f"postgresql+psycopg://nobody@127.0.0.1:{port}/q")
    assert code == 3 and len(err.strip().splitlines()) == 1 and not target.exists()


def test_migrate_to_speaks_chinese(tmp_path: Path, pg_empty_url: str, pg_url: str) -> None:
    """The report and the refusal in the interface language ($QUIZAPP_LANG=zh_CN), no English word
    left besides names, URLs and table names."""
    import os
    import subprocess
    import sys

    from tests.english_words import english_left

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QUIZAPP_LANG": "zh_CN"}
    source = tmp_path / "s.db"

    def quizapp(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "quizapp", *argv], capture_output=True, text=True, env=env,
                              timeout=300)

    assert quizapp("import", "--db", str(source), str(SAMPLE_DECK)).returncode == 0
    done = quizapp("migrate-to", "--db", str(source), pg_empty_url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("已把 ") and lines[-1] == "每张数据表的行数和 SHA-256 校验和都与源一致"
    assert quizapp("import", "--db", pg_url, str(SAMPLE_DECK)).returncode == 0
    refused = quizapp("migrate-to", "--db", str(source), pg_url)
    assert refused.returncode == 3 and "中已经有一个收藏" in refused.stderr
    tables = {t.name for t in metadata.sorted_tables}
    assert english_left(refused.stderr, allowed=tables | {"postgresql", "psycopg"}) == []  # the URL
