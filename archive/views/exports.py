"""Search exports under /api/v1: every matching article as CSV or JSON Lines, streamed.

The parameters are those of GET /api/v1/search without paging. They are
checked, and the ordered ids taken from the index, before the first byte is
sent (so a bad request gets the usual 400 JSON error); then articles are read
from the database CHUNK at a time and forgotten after each chunk, so memory
stays flat however many rows go out.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import numpy as np
from flask import Blueprint, Response, request, stream_with_context
from sqlalchemy import select
from sqlalchemy.orm import defer, selectinload

from archive import db, services
from archive.logic.index_sync import sync_before_reading
from archive.models import Article, ArticleEntity
from archive.search import SearchParams, parse_args
from archive.search.export import Matches, matching_ids
from archive.views.serializers import export_row

bp = Blueprint("exports", __name__, url_prefix="/api/v1")

CHUNK = 500  # articles loaded per database query
FLUSH_ROWS = 100  # rows per piece of the response body
PAGING = ("page", "per_page", "facet_size", "facets")
COLUMNS = ("id", "title", "url", "source", "author", "published_at", "ingested_at", "actors", "places", "dates")
# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet ("|" starts a
# DDE call). Checked after NFKC, since spreadsheets also read the fullwidth and small forms ("＝", "﹢").
FORMULA_START = ("=", "+", "-", "@", "|", "\t", "\r")


def search_params() -> SearchParams:
    """The search parameters of the request; paging parameters are ignored."""
    args = request.args.copy()
    for key in PAGING:
        args.poplist(key)
    return parse_args(args)


def matches_now(params: SearchParams) -> Matches:
    """Every matching id, after applying a short backlog of changes the index has not seen."""
    session, store = db.session(), services.index_store()
    sync_before_reading(session, store)
    return matching_ids(session, store, params)


def articles_in_order(ids: np.ndarray, with_body: bool = True) -> Iterator[Article]:
    """The articles of `ids` in that order, CHUNK per query with entities and dates; ids no longer
    in the database are skipped. Each chunk is expunged from the session once consumed."""
    session = db.session()
    options = [selectinload(Article.entity_links).joinedload(ArticleEntity.entity), selectinload(Article.dates)]
    if not with_body:
        options.append(defer(Article.body))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK].tolist()
        found = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(chunk)).options(*options))}
        yield from (found[i] for i in chunk if i in found)
        found.clear()
        session.expunge_all()


def csv_cell(value) -> str | int:
    """A cell that a spreadsheet shows as text: lists joined with "; ", formulas defused with a quote."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if unicodedata.normalize("NFKC", text[:1]).startswith(FORMULA_START) else text


def csv_body(articles: Iterable[Article]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for count, article in enumerate(articles, 1):
        row = export_row(article)
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
        if count % FLUSH_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def jsonl_body(articles: Iterable[Article]) -> Iterator[str]:
    lines = []
    for article in articles:
        lines.append(json.dumps(export_row(article, body=True), ensure_ascii=False) + "\n")
        if len(lines) == FLUSH_ROWS:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _attachment(body: Iterator[str], mimetype: str, extension: str) -> Response:
    filename = f"archive-search-{datetime.now(UTC):%Y%m%d-%H%M%S}.{extension}"
    return Response(stream_with_context(body), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/search.csv")
def search_csv():
    ids = matches_now(search_params()).ids
    return _attachment(csv_body(articles_in_order(ids, with_body=False)), "text/csv", "csv")


@bp.get("/search.jsonl")
def search_jsonl():
    ids = matches_now(search_params()).ids
    return _attachment(jsonl_body(articles_in_order(ids)), "application/x-ndjson", "jsonl")
