"""A throw-away PostgreSQL cluster for tests and benchmarks (issue 18).

`initdb` into a temporary folder, a free port on 127.0.0.1 only (and a Unix socket inside the
folder), trust authentication, started with `pg_ctl`; on exit the server is stopped and the
folder deleted, also when the block raised. PostgreSQL refuses to run as root: run as root (CI
does), the cluster belongs to the `postgres` user and its commands run through `runuser`; as
any other user they run directly.

    with throwaway_cluster() as cluster:
        url = cluster.url("postgres")      # postgresql+psycopg://postgres@127.0.0.1:PORT/postgres

From a shell (`.ci/postgres` wraps it): `python -m quizapp.devtools.pg_cluster -- CMD ARGS...`
runs CMD with `QUIZAPP_TEST_PG_URL` set to the cluster's URL, then stops the cluster; without a
command it prints the URL and keeps the cluster until Ctrl+C.

`fast=True` (the test suite's) turns off fsync and synchronous commit: the cluster is thrown away,
nothing must survive a power cut. A benchmark keeps PostgreSQL's defaults.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"  # who runs the server when we are root
ENV_URL = "QUIZAPP_TEST_PG_URL"


class ClusterUnavailable(Exception):
    """No PostgreSQL can be started here; the message names what is missing."""


def server_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: $PG_BIN, else pg_config's, Debian's newest
    /usr/lib/postgresql/N/bin, or the PATH."""
    candidates: list[str] = []
    if os.environ.get("PG_BIN"):
        candidates.append(os.environ["PG_BIN"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                             check=True).stdout.strip())
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                         if Path(p).parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise ClusterUnavailable("the PostgreSQL server (initdb, pg_ctl) is not installed: install the 'postgresql' "
                             "package (Debian: apt-get install postgresql), or set PG_BIN")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Cluster:
    folder: Path
    port: int
    bin_dir: Path
    as_root: bool

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def run(self, args: Sequence[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a server program (initdb, pg_ctl) as the cluster's owner."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if check and result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise ClusterUnavailable(f"{args[0]} failed (exit {result.returncode})" + (f": {said[-1]}" if said else ""))
        return result

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"], check=False)


def _owner_ids() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClusterUnavailable(f"running as root, PostgreSQL needs the '{SERVER_USER}' user to run the server "
                                 "(it comes with the 'postgresql' package)") from None
    if shutil.which("runuser") is None:
        raise ClusterUnavailable("running as root, starting PostgreSQL needs 'runuser' (util-linux)")
    return entry.pw_uid, entry.pw_gid


def start_cluster(fast: bool = False) -> Cluster:
    """initdb and start a cluster in a new temporary folder (see the module doc); the caller
    stops it with `remove_cluster`."""
    bin_dir = server_bin_dir()
    owner = _owner_ids()
    folder = Path(tempfile.mkdtemp(prefix="quizapp-pg-"))
    cluster = Cluster(folder, 0, bin_dir, owner is not None)
    try:
        if owner is not None:
            os.chown(folder, *owner)
        folder.chmod(0o700)
        cluster.run(["initdb", "-D", str(cluster.data), "-A", "trust", "-U", SERVER_USER, "--encoding", "UTF8",
                     "--locale", "C.UTF-8", "--no-sync", "--no-instructions"])
        settings = ["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={folder}",
                    "-c", "max_connections=200"]
        if fast:
            settings += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        for attempt in range(5):
            cluster.port = free_port()
            started = cluster.run(["pg_ctl", "-D", str(cluster.data), "-l", str(folder / "server.log"), "-w",
                                   "-t", "60", "-o", " ".join([*settings, "-p", str(cluster.port)]), "start"],
                                  check=False)
            if started.returncode == 0:
                return cluster
            if attempt == 4:
                log = (folder / "server.log").read_text(errors="replace").strip().splitlines()[-3:]
                raise ClusterUnavailable("PostgreSQL did not start: " + " | ".join(log))
        raise AssertionError("unreachable")
    except BaseException:
        remove_cluster(cluster)
        raise


def remove_cluster(cluster: Cluster) -> None:
    """Stop the server (immediately: the cluster is thrown away) and delete its folder."""
    try:
        cluster.stop()
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)


@contextmanager
def throwaway_cluster(fast: bool = False) -> Iterator[Cluster]:
    cluster = start_cluster(fast)
    try:
        yield cluster
    finally:
        remove_cluster(cluster)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizapp.devtools.pg_cluster",
                                     description="Start a throw-away PostgreSQL cluster on 127.0.0.1.")
    parser.add_argument("--fast", action="store_true", help="fsync and synchronous commit off (tests)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS: run it with $%s set" % ENV_URL)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    try:
        cluster = start_cluster(args.fast)
    except ClusterUnavailable as exc:
        print(f"pg_cluster: {exc}", file=sys.stderr)
        return 2
    # a terminating signal still stops the server and deletes the folder (SIGINT too when the shell
    # that started us in the background set it to be ignored)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        url = cluster.url()
        if not command:
            print(url, flush=True)
            signal.pause()
            return 0
        return subprocess.run(command, env={**os.environ, ENV_URL: url}).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        remove_cluster(cluster)


if __name__ == "__main__":
    sys.exit(main())
