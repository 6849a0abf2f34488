"""Alembic environment: the URL comes from archive.migrate (or ARCHIVE_* settings)."""
from __future__ import annotations

from alembic import context

from archive.db import make_engine
from archive.models import Base
from archive.settings import database_url, from_environment

MIGRATION_LOCK = 0x6172636869766532  # advisory lock key of schema migrations ("archive2")
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
        elif connection.dialect.name == "postgresql":
            # Several nodes may start at once: they migrate one after the other (the later ones
            # then find the schema at head and do nothing).
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
            connection.commit()
        # render_as_batch lets later ALTERs work on SQLite too.
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
