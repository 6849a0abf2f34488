"""Declarative base and shared column helpers."""
from __future__ import annotations

from datetime import UTC, datetime
from operator import itemgetter

from sqlalchemy import BigInteger, Integer, MetaData, Table, insert
from sqlalchemy.orm import DeclarativeBase, Session

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Ids are 64-bit on every database: BIGINT on PostgreSQL, INTEGER on SQLite (64-bit there, and the rowid).
BigId = BigInteger().with_variant(Integer(), "sqlite")
MAX_ID = 2**63 - 1  # the largest id the database can hold


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    """Naive UTC now: every timestamp in the database is naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Insert rows of plain values (numbers, text: no column default, no type conversion) through the
    driver's own executemany, in the session's transaction. SQLAlchemy's executemany builds every
    row's parameters in Python: with 40 rows an article (mentions, links, bands), a seventh of storing."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=session.get_bind().dialect, column_keys=list(rows[0]))
    if compiled.positional:
        keys = compiled.positiontup
        pick = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
        params = [pick(row) for row in rows]  # C speed: a generator per row was most of this function
    else:
        params = rows
    session.connection().exec_driver_sql(str(compiled), params)
