"""Run the Alembic migrations in migrations/ against a database URL."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from archive.settings import ROOT

MIGRATIONS_DIR = ROOT / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)
