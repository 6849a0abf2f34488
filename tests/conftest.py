"""Fixtures: a fresh app on a temporary data folder (real SQLite file, real Whoosh index,
real spaCy model), and a seeded archive shared by read-only tests.

With ARCHIVE_TEST_DATABASE_URL set (`make test-postgres`) each data folder gets a fresh
PostgreSQL database instead of the SQLite file (tests/databases.py), dropped when the
test or fixture that made it ends."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive import ROOT, create_app, migrate
from archive.background import close_all
from archive.settings import database_url
from tests.databases import DATABASES, database_url_for

ADMIN_TOKEN = "test-admin-token"
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seeds" / "000_263f6627fb7d5e31.txt"
_APPS: list = []  # apps made by make_app, so that a test's are closed before its database is dropped


def make_app(data_dir: Path, **config):
    """Background threads (index follower, job runner) are off unless a test turns them on."""
    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": database_url_for(data_dir), "ADMIN_TOKEN": ADMIN_TOKEN,
                      "TESTING": True, "INDEX_FOLLOW_INTERVAL": 0, "JOB_WORKER": "external", **config})
    migrate.upgrade(database_url(app.config))
    _APPS.append(app)
    return app


@pytest.fixture(scope="session", autouse=True)
def _drop_session_databases():
    """At the end, drop the PostgreSQL databases that session- and module-scoped fixtures made."""
    yield
    if DATABASES:
        DATABASES.drop(set(DATABASES.by_folder))


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """Drop the PostgreSQL databases made during one test (higher-scoped fixtures are set up first),
    after closing the connections of the apps the test made."""
    before, apps_before = (set(DATABASES.by_folder) if DATABASES else set()), len(_APPS)
    yield
    close_all()  # no thread of this test's apps may outlive it (nor poll a database about to be dropped)
    if DATABASES:
        for app in _APPS[apps_before:]:
            app.extensions["archive.engine"].dispose()
        DATABASES.drop(set(DATABASES.by_folder) - before)
    del _APPS[apps_before:]


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "data")
    yield app
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def seeded_app(tmp_path_factory):
    """An archive with seeds/ loaded through the CLI, as `make run` does."""
    app = make_app(tmp_path_factory.mktemp("seeded") / "data")
    result = app.test_cli_runner().invoke(args=["archive", "seed"])
    assert result.exit_code == 0, result.output
    yield app
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


@pytest.fixture
def seeded(seeded_app):
    return seeded_app.test_client()


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def seed_id(seeded):
    data = seeded.get("/api/v1/search?q=Kazakhstan").get_json()
    return data["results"][0]["id"]


def copy_seed(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "seeds").iterdir():
        shutil.copy(path, target / path.name)
    return target
