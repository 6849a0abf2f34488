"""A session on the test app's real database and the app's real index, for use-case tests."""
import pytest

from archive import db


@pytest.fixture
def db_session(app):
    with app.app_context():
        session = db.new_session()
        yield session
        session.close()


@pytest.fixture
def index(app):
    return app.extensions["archive.index"]
