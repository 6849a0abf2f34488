"""Where a test's database lives: the SQLite file in its data folder, or, when
ARCHIVE_TEST_DATABASE_URL points at a PostgreSQL server (`make test-postgres`),
a fresh database of its own on that server, created on first use and dropped
when the test (or the fixture that made it) ends."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

SERVER_URL = os.environ.get("ARCHIVE_TEST_DATABASE_URL") or None


class Databases:
    """One fresh PostgreSQL database per data folder, on the server of `server_url`."""

    def __init__(self, server_url: str):
        self.server_url = make_url(server_url)
        self.by_folder: dict[Path, str] = {}
        self._engine: Engine | None = None

    def url_for(self, data_dir: Path) -> str:
        folder = Path(data_dir).resolve()
        if folder not in self.by_folder:
            name = f"archive_test_{uuid.uuid4().hex[:16]}"
            self._execute(f'CREATE DATABASE "{name}"')
            self.by_folder[folder] = self.server_url.set(database=name).render_as_string(hide_password=False)
        return self.by_folder[folder]

    def drop(self, folders: set[Path]) -> None:
        """Drop the databases of these folders; FORCE ends connections a killed server left open."""
        for folder in folders & set(self.by_folder):
            name = make_url(self.by_folder.pop(folder)).database
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _execute(self, sql: str) -> None:
        if self._engine is None:
            self._engine = create_engine(self.server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with self._engine.connect() as connection:
            connection.execute(text(sql))


DATABASES = Databases(SERVER_URL) if SERVER_URL else None


def database_url_for(data_dir: Path) -> str | None:
    """The database URL for an archive in `data_dir`; None means the SQLite file inside it."""
    return DATABASES.url_for(data_dir) if DATABASES else None


def url_or_sqlite(data_dir: Path) -> str:
    """The database URL for `data_dir`, spelled out in the SQLite case too."""
    return database_url_for(data_dir) or f"sqlite:///{Path(data_dir).resolve() / 'archive.db'}"


def database_env(data_dir: Path) -> dict[str, str]:
    """ARCHIVE_DATABASE_URL for a subprocess (gunicorn, the CLI) serving `data_dir`."""
    url = database_url_for(data_dir)
    return {"ARCHIVE_DATABASE_URL": url} if url else {}


def is_postgres() -> bool:
    return DATABASES is not None


def wait_for_advisory_lock_waiter(session: Session, deadline: float = 30) -> None:
    """Poll pg_locks until some backend waits on an advisory lock (fail after the deadline)."""
    end = time.monotonic() + deadline
    query = text("select count(*) from pg_locks where locktype = 'advisory' and not granted")
    while not session.scalar(query):
        assert time.monotonic() < end, "nobody waited for the advisory lock"
        session.rollback()
        time.sleep(0.05)
