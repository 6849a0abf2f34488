"""The `archive` command group every module of archive/cli/ registers its commands on."""
from __future__ import annotations

from flask.cli import AppGroup

archive_cli = AppGroup("archive", help="Manage the news archive.")
