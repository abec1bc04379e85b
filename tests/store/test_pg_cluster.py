"""The throw-away PostgreSQL cluster (quizapp/devtools/pg_cluster.py): it listens on 127.0.0.1
only, and it is stopped and its folder deleted when the block or the command fails."""
from __future__ import annotations

import subprocess
import sys

import pytest

pg_cluster = pytest.importorskip("quizapp.devtools.pg_cluster")


def _cluster_or_skip() -> None:
    try:
        pg_cluster.server_bin_dir()
    except pg_cluster.ClusterUnavailable as exc:
        pytest.skip(str(exc))


def test_a_failing_block_still_stops_the_server_and_deletes_its_folder() -> None:
    _cluster_or_skip()
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'quizapp[postgres]'")
    with pytest.raises(RuntimeError, match="a test failed"):
        with pg_cluster.throwaway_cluster(fast=True) as cluster:
            folder, port = cluster.folder, cluster.port
            with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres") as conn:
                assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
                assert conn.execute("SHOW fsync").fetchone() == ("off",)
            raise RuntimeError("a test failed")
    assert not folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", connect_timeout=2)


def test_the_command_runs_beside_the_cluster_and_its_status_is_kept() -> None:
    _cluster_or_skip()
    script = "import os, sys; print(os.environ['QUIZAPP_TEST_PG_URL']); sys.exit(3)"
    done = subprocess.run([sys.executable, "-m", "quizapp.devtools.pg_cluster", "--fast", "--", sys.executable, "-c",
                           script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    url = done.stdout.strip()
    assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:") and url.endswith("/postgres")
