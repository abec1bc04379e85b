"""PostgreSQL for the test suite (issue 18): one throw-away cluster per test session, one fresh
database per test.

The cluster is $QUIZAPP_TEST_PG_URL's server when that is set (any database URL on it whose user
may CREATE DATABASE), else one started by quizapp/devtools/pg_cluster.py and stopped (and deleted)
when the session ends, failed tests or not. Each test gets its own database, copied from a
template that was migrated once (CREATE DATABASE ... TEMPLATE is a file copy: ~10-20 ms), so the
tests stay independent and none pays for the migrations. Where no server can be had, the
PostgreSQL tests skip, and the reason names what is missing.
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

ENV_URL = "QUIZAPP_TEST_PG_URL"
# a migrated, empty collection (one per test session: two sessions may share a given server)
TEMPLATE = f"quizapp_template_{os.getpid()}"
EMPTY_TEMPLATE = "template0"  # a database without anything (a collection still to be created)


@dataclass
class PgServer:
    """A PostgreSQL server the tests may create databases on."""

    base_url: str  # any database on it, for CREATE/DROP DATABASE
    _numbers: Iterator[int] = itertools.count(1)

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base_url).set(drivername="postgresql+psycopg", database=database).render_as_string(
            hide_password=False)

    def execute(self, sql: str) -> None:
        import psycopg

        from sqlalchemy.engine import make_url

        u = make_url(self.base_url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database,
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self, template: str = TEMPLATE) -> str:
        """A new database copied from `template` (the migrated collection, or template0: empty)."""
        name = f"quizapp_test_{os.getpid()}_{next(self._numbers)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _start() -> Iterator[PgServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests need psycopg 3, which is not installed: pip install 'quizapp[postgres]' "
                    "(the test extra has it)")
    from quizapp.devtools.pg_cluster import ClusterUnavailable, remove_cluster, start_cluster

    given = os.environ.get(ENV_URL)
    cluster = None
    if given:
        server = PgServer(given)
    else:
        try:
            cluster = start_cluster(fast=True)
        except ClusterUnavailable as exc:
            pytest.skip(f"PostgreSQL tests: {exc}")
        server = PgServer(cluster.url("postgres"))
    try:
        _make_template(server)
        yield server
    finally:
        if cluster is not None:
            remove_cluster(cluster)
        else:
            server.drop(TEMPLATE)


def _make_template(server: PgServer) -> None:
    from quizapp.services.database import open_database

    server.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
    server.execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
    db = open_database(server.url(TEMPLATE))
    db.close()  # no connection may stay on a template that is being copied


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    yield from _start()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, migrated, empty collection on PostgreSQL, dropped after the test."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop(name)


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (no collection in it yet)."""
    name = pg_server.new_database(EMPTY_TEMPLATE)
    yield pg_server.url(name)
    pg_server.drop(name)
