"""Alembic environment: the URL comes from archive.migrate (or ARCHIVE_* settings)."""
from __future__ import annotations

from alembic import context

from archive.db import make_engine
from archive.models import Base
from archive.settings import database_url, from_environment

config = context.config
url = config.attributes.get("database_url") or database_url(from_environment())


def run_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Batch migrations recreate tables; with foreign keys on, dropping the old
            # table would cascade-delete the rows that point at it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        # render_as_batch lets later ALTERs work on SQLite too.
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
