"""A throw-away PostgreSQL server in a temporary folder, for the tests, the benchmark and
a demo: ``python -m desktop.core.store.postgres.server`` prints a URL and waits.

It uses Debian's ``postgresql`` package (``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/<major>/bin``). ``initdb`` refuses to run as root, so when we are
root the cluster is made and run by the package's ``postgres`` system user. The server
listens on a Unix socket in its folder (trusted: that is the administrator's door) and on
127.0.0.1 at a free port, where roles log in with passwords as on a department server.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from desktop.core.errors import StoreError

ADMIN = "postgres"


def find_bin() -> Path:
    """The newest installed ``/usr/lib/postgresql/<major>/bin`` with initdb and pg_ctl."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        raise StoreError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                         "install Debian's package: apt-get install -y postgresql")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """One cluster in a temporary folder; ``start()``, then ``stop()`` (or ``with``).

    ``durable=False`` (tests) turns fsync off; the benchmark keeps PostgreSQL's defaults.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.bin = find_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="cp-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._user = ADMIN if os.geteuid() == 0 else None
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        kw = {"user": self._user, "group": pwd.getpwnam(self._user).pw_gid} if self._user else {}
        done = subprocess.run([str(a) for a in args], env=env, capture_output=True, text=True,
                              cwd=self.folder, check=False, **kw)
        if done.returncode:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise StoreError(f"{Path(args[0]).name} failed ({done.returncode}): "
                             f"{done.stderr.strip() or done.stdout.strip()}\n{tail}")

    def start(self) -> LocalServer:
        self._run(self.bin / "initdb", "-D", self.data, "-U", ADMIN, "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256")
        options = [f"-p {self.port}", f"-k {self.folder}", "-c listen_addresses=127.0.0.1",
                   "-c max_connections=60", "-c shared_buffers=64MB"]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off",
                        "-c full_page_writes=off"]
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.folder / "server.log",
                  "-o", " ".join(options), "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        with contextlib.suppress(StoreError):
            if (self.data / "postmaster.pid").exists():
                self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w",
                          "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- addresses ---------------------------------------------------------------
    def admin_url(self, database: str = "postgres") -> str:
        """The superuser, over the trusted socket."""
        return (f"postgresql://{ADMIN}@/{database}?host={quote(str(self.folder))}"
                f"&port={self.port}")

    def url(self, user: str, password: str, database: str) -> str:
        """A role logging in with its password over TCP, as a laptop would."""
        return (f"postgresql://{quote(user)}:{quote(password)}@127.0.0.1:{self.port}/"
                f"{database}")

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run administrator SQL (CREATE DATABASE, roles, grants) in autocommit."""
        import psycopg

        with psycopg.connect(self.admin_url(database), autocommit=True) as conn:
            conn.execute(sql)


if __name__ == "__main__":
    import time

    with LocalServer() as server:
        server.admin("CREATE DATABASE case_presenter")
        print(server.admin_url("case_presenter"), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
