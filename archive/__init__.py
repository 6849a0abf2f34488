"""The news archive: create_app() builds the Flask application.

Importing this package opens nothing: the database engine is created by the
factory, the index and the spaCy model on first use.
"""
from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import Any

from flask import Flask

from archive.settings import ROOT  # defined in settings; `from archive import ROOT` still works


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then the ARCHIVE_* environment, then `test_config`."""
    from archive import background, cli, db, observe, services, settings
    from archive.views import register_views

    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(settings.from_environment())
    if test_config:
        app.config.update(test_config)
    Path(app.config["DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV"] == "production":
            raise settings.SettingError("ARCHIVE_SECRET_KEY must be set when ARCHIVE_ENV is production")
        app.config["SECRET_KEY"] = _local_secret(Path(app.config["DATA_DIR"]))
    app.json.sort_keys = False
    observe.init_app(app)  # first: its request hooks time and tag everything after them
    db.init_app(app)
    services.init_app(app)
    background.init_app(app)
    register_views(app)
    cli.init_app(app)
    _catch_up_on_first_request(app)
    return app


def _local_secret(data_dir: Path) -> str:
    """A secret kept in the data folder (mode 0600), so every worker of one instance shares it."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _catch_up_on_first_request(app: Flask) -> None:
    """Each worker applies pending index changes before its first request (not at import:
    opening the index stays lazy, and catching up never loads spaCy)."""
    from archive import db, services
    from archive.background import background
    from archive.logic.index_sync import catch_up

    done = threading.Event()
    lock = threading.Lock()

    @app.before_request
    def catch_up_once() -> None:
        if done.is_set():
            return
        with lock:
            if not done.is_set():
                catch_up(db.session(), services.index_store())
                background(app).start()
                done.set()
