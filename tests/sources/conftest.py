"""Fixtures: the local news site, and an app that may fetch from it."""
import pytest

from tests.conftest import make_app
from tests.sources.site import LOCAL, Site


@pytest.fixture
def site():
    running = Site()
    yield running
    running.close()


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "data", **LOCAL, SOURCE_MAX_FAILURES=3, SOURCE_MAX_BACKOFF=3600.0)
    yield app
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()
