"""A collection on PostgreSQL (issue 18): the migrations build the ORM's schema there too, run once
under an advisory lock whoever comes first, and a database that is not a quizapp collection (or a
newer one) is refused untouched, as a file is on SQLite."""
from __future__ import annotations

import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Text, create_engine, inspect, text

from quizapp.services.database import open_database
from quizapp.services.errors import DatabaseUnavailable
from quizapp.store.migrate import current_revision
from quizapp.store.schema import HEAD_REVISION
from quizapp.store.tables import metadata

# The indexes that PostgreSQL builds its own way (db/versions/0003, 0004, 0007): the text search is
# pg_trgm's GIN index, so the btree indexes leave out the long text columns; due_day sorts NULL first.
POSTGRESQL_INDEXES = {"ix_cards_text": ["front_zh", "id"], "ix_cards_deck": ["deck_id", "id"]}


def test_an_empty_database_becomes_a_collection_at_head(pg_empty_url: str) -> None:
    db = open_database(pg_empty_url)
    try:
        with db.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
            assert conn.execute(text("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).scalar()
            found = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("cards")}
            assert {name: found[name] for name in POSTGRESQL_INDEXES} == POSTGRESQL_INDEXES
            due = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_card_state_due'"))
            assert "(due_day NULLS FIRST, \"position\", card_id)" in due.scalar_one()
            trigram = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_cards_search_trgm'"))
            definition = trigram.scalar_one()
            assert "USING gin (search_text gin_trgm_ops)" in definition
            # the times come back in UTC and the JSON documents are text
            assert conn.execute(text("SHOW timezone")).scalar() == "UTC"
            types = {c["name"]: c["type"] for c in inspect(conn).get_columns("cards")}
            assert isinstance(types["content"], Text) and isinstance(types["tags"], Text)
    finally:
        db.close()


def test_orm_and_migrations_agree(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    # Only the indexes PostgreSQL builds its own way differ (each shows as removed and added again:
    # fewer columns, or due_day NULLS FIRST), and the trigram index the ORM does not describe.
    changed = sorted((d[0], d[1].name) for d in diff if isinstance(d, tuple) and d[0].endswith("_index"))
    own_way = ("ix_cards_deck", "ix_cards_text", "ix_card_state_due", "ix_card_order_due", "ix_card_order_state")
    assert changed == sorted([("add_index", n) for n in own_way] + [("remove_index", n) for n in own_way]
                             + [("remove_index", "ix_cards_search_trgm")])
    # and the stored, lowered text that index holds
    columns = [(d[0], d[2], d[3].name) for d in diff if isinstance(d, tuple) and not d[0].endswith("_index")]
    assert columns == [("remove_column", "cards", "search_text")]
    assert [d for d in diff if not isinstance(d, tuple)] == []  # no column type or nullability differs


OPEN_AT_ONCE = """
import sys, time
from quizapp.services.database import open_database
start = float(sys.argv[2])
while time.time() < start:
    pass
open_database(sys.argv[1]).close()
print("opened")
"""


def test_several_clients_opening_a_new_collection_at_once_migrate_it_once(pg_empty_url: str) -> None:
    import time

    start = time.time() + 3  # every process imported and waiting: they open at the same moment
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT_ONCE, pg_empty_url, str(start)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["opened"] * 6
    engine = create_engine(pg_empty_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
            assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_cards_search_trgm'")
                                ).scalar() == 1
    finally:
        engine.dispose()


def _tables(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {n: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{n}" ORDER BY 1'))] for n in names}
    finally:
        engine.dispose()


def test_another_applications_database_is_refused_untouched(pg_empty_url: str) -> None:
    engine = create_engine(pg_empty_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)"))
        conn.execute(text("INSERT INTO invoices VALUES (1, 9.5)"))
    engine.dispose()
    before = _tables(pg_empty_url)
    with pytest.raises(DatabaseUnavailable, match=r"is not a quizapp collection \(it holds other tables: invoices\)"):
        open_database(pg_empty_url)
    assert _tables(pg_empty_url) == before


def test_an_empty_database_is_not_created_by_a_reader(pg_empty_url: str) -> None:
    with pytest.raises(DatabaseUnavailable, match=r"no quizapp collection in .* \(the database is empty\)"):
        open_database(pg_empty_url, create=False)
    assert _tables(pg_empty_url) == {}


def test_a_newer_schema_is_refused_untouched(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = _tables(pg_url)
    with pytest.raises(DatabaseUnavailable, match="written by a newer quizapp .*'9999'"):
        open_database(pg_url)
    assert _tables(pg_url) == before


def test_an_unreachable_server_is_one_line(pg_server) -> None:
    from quizapp.devtools.pg_cluster import free_port

    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(url)
    assert str(info.value).startswith("cannot reach the database server of postgresql+psycopg://postgres@127.0.0.1:")
    assert "\n" not in str(info.value)


def test_a_plain_postgresql_url_is_driven_by_psycopg(pg_url: str) -> None:
    db = open_database(pg_url.replace("postgresql+psycopg://", "postgresql://"))
    try:
        assert db.engine.dialect.driver == "psycopg" and db.path is None
    finally:
        db.close()


def test_a_restarted_server_is_used_again_and_an_answer_while_it_was_down_is_not_half_written() -> None:
    """The pool checks a connection before handing it out (pool_pre_ping): after the server
    restarts, the next operation works on a new connection. While it is down, an answer fails
    as a whole (a DBAPIError the caller shows) and nothing of it is stored."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import DBAPIError

    from quizapp.devtools.pg_cluster import ClusterUnavailable, remove_cluster, start_cluster
    from quizapp.services.importer import import_deck
    from quizapp.services.study import StudyService
    from quizapp.store.models import ReviewLogRow
    from tests.support import NOW, SAMPLE_DECK

    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'quizapp[postgres]'")
    try:
        cluster = start_cluster(fast=True)  # a cluster of its own, to stop and start again
    except ClusterUnavailable as exc:
        pytest.skip(f"PostgreSQL tests: {exc}")
    try:
        db = open_database(cluster.url("postgres"))
        import_deck(db, [SAMPLE_DECK], now=NOW)
        study = StudyService(db)
        study.answer("sample-71-1", 4, NOW)
        data = str(cluster.data)
        cluster.run(["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])
        with pytest.raises(DBAPIError):
            study.answer("sample-71-2", 4, NOW)
        cluster.run(["pg_ctl", "-D", data, "-l", str(cluster.folder / "server.log"), "-w", "-o",
                     f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={cluster.folder} -p {cluster.port}",
                     "start"])
        study.answer("sample-72-1", 4, NOW)
        with db.read_session() as session:
            logged = session.scalars(select(ReviewLogRow.card_id).order_by(ReviewLogRow.id)).all()
            assert logged == ["sample-71-1", "sample-72-1"]
            assert session.scalar(select(func.count()).select_from(ReviewLogRow)) == 2
        db.close()
    finally:
        remove_cluster(cluster)
