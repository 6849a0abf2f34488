"""The schema comes from Alembic only: upgrade, downgrade and upgrade again on an empty database."""
from sqlalchemy import create_engine, inspect

from archive import migrate

TABLES = {"articles", "entities", "article_entities", "mentions", "article_dates", "api_tokens", "changes"}


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    migrate.upgrade(url)
    assert TABLES <= tables(url)
    migrate.downgrade(url, "base")
    assert not (TABLES & tables(url))
    migrate.upgrade(url)
    assert TABLES <= tables(url)


def test_article_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    columns = {c["name"]: c for c in inspect(engine).get_columns("articles")}
    uniques = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("articles")}
    engine.dispose()
    assert {"title", "body", "url", "source", "language", "published_at", "content_hash",
            "ingested_at", "updated_at"} <= set(columns)
    assert columns["published_at"]["nullable"]
    assert ("url",) in uniques and ("content_hash",) in uniques
