"""The schema comes from Alembic only: upgrade, downgrade and upgrade again on an empty database
(an SQLite file, or a fresh PostgreSQL database when the suite runs on PostgreSQL)."""
import re
from pathlib import Path

from sqlalchemy import create_engine, inspect

from archive import migrate
from tests.databases import url_or_sqlite

TABLES = {"articles", "entities", "article_entities", "mentions", "article_dates", "api_tokens", "changes"}


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def empty_database(tmp_path) -> str:
    (tmp_path / "m").mkdir()
    return url_or_sqlite(tmp_path / "m")


def test_upgrade_downgrade_upgrade(tmp_path):
    url = empty_database(tmp_path)
    migrate.upgrade(url)
    assert TABLES <= tables(url)
    migrate.downgrade(url, "base")
    assert not (TABLES & tables(url))
    migrate.upgrade(url)
    assert TABLES <= tables(url)


def test_article_columns(tmp_path):
    url = empty_database(tmp_path)
    migrate.upgrade(url)
    engine = create_engine(url)
    columns = {c["name"]: c for c in inspect(engine).get_columns("articles")}
    uniques = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("articles")}
    engine.dispose()
    assert {"title", "body", "url", "source", "language", "published_at", "content_hash",
            "ingested_at", "updated_at"} <= set(columns)
    assert columns["published_at"]["nullable"]
    assert ("url",) in uniques and ("content_hash",) in uniques


def test_the_migrated_schema_is_the_models(tmp_path):
    """Types, nullability, indexes and constraints the migrations create are the ones the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from archive.models import Base

    url = empty_database(tmp_path)
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_every_revision_id_fits_alembics_version_column():
    """alembic_version.version_num is VARCHAR(32): PostgreSQL refuses a longer id, SQLite stores it."""
    ids = [re.search(r'^revision = ["\']([^"\']+)', path.read_text(), re.M)[1]
           for path in (Path(__file__).parents[1] / "migrations" / "versions").glob("*.py")]
    assert len(ids) >= 16 and max(len(revision) for revision in ids) <= 32
