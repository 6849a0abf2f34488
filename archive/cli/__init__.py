"""Flask commands: flask --app wsgi archive <command>.

Each module registers its commands on the `archive` group (group.py) when imported:
data.py (migrate, ingest, seed, reindex, sync, check, create-token), admin.py, backup.py,
jobs.py, reextract.py and sources.py. Nothing here is imported back by them.
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from archive.cli import admin, backup, data, jobs, reextract, sources  # noqa: F401 - they register commands
    from archive.cli.group import archive_cli

    app.cli.add_command(archive_cli)
