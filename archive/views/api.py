"""The JSON API under /api/v1."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, jsonify, request

from archive import db, services
from archive.errors import NotFound, ValidationError
from archive.extract import extract
from archive.ingest import validate
from archive.ingest.jsondepth import TooDeep, check_depth
from archive.ingest.records import parse_datetime
from archive.logic.delete import delete_article
from archive.logic.entities import lookup
from archive.logic.index_sync import sync_before_reading
from archive.logic.ingest import ingest_article, ingest_batch
from archive.logic.writes import IngestResult
from archive.models import Article, RateHit
from archive.models.base import MAX_ID
from archive.models.entity import ACTOR_KINDS
from archive.models.token import hash_token
from archive.search import parse_args, run_search
from archive.shapes import LOOKUP_QUERY, read_query
from archive.views.auth import require_admin
from archive.views.bodies import batch_items
from archive.views.errors import error_body
from archive.views.openapi import openapi_document
from archive.views.serializers import article_json, entity_json, extraction_json, search_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def json_body() -> dict:
    """The request's JSON object; ValidationError (400) for anything else, nesting too deep included."""
    try:
        check_depth(request.get_data(cache=True))  # json recurses: 100,000 "[" would be a RecursionError
    except TooDeep as exc:
        raise ValidationError(f"the request body is {exc}") from None
    data = request.get_json(force=True, silent=True)
    if data is None:
        raise ValidationError("the request body must be a JSON object")
    if not isinstance(data, dict):
        raise ValidationError("the request body must be a JSON object, not a list or a value")
    return data


def article_or_404(article_id: int) -> Article:
    # Ids beyond a 64-bit integer cannot exist (and would overflow the database driver).
    article = Article.by_id(db.session(), article_id) if article_id <= MAX_ID else None
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def search_now(params, map_size: int = 0):
    """Search after applying a short backlog of changes the index has not seen (a long one is the
    follower's: logic/index_sync.py); `map_size`: see run_search."""
    session, store = db.session(), services.index_store()
    sync_before_reading(session, store)
    return run_search(session, store, params, services.search_time_limit(), map_size)


@bp.get("/search")
def search():
    return jsonify(search_json(search_now(parse_args(request.args))))


@bp.get("/articles/<int:article_id>")
def get_article(article_id: int):
    return jsonify(article_json(article_or_404(article_id)))


@bp.post("/articles")
def post_article():
    require_admin()
    record = validate(json_body(), services.max_article_chars())
    result = ingest_article(db.session(), services.index_store(), record, services.model_name())
    data = article_json(result.article)
    if result.created:
        return jsonify(data), 201, {"Location": f"/api/v1/articles/{result.article.id}"}
    if result.updated:  # a newer version of a stored story (same guid)
        return jsonify({**data, "updated": True}), 200
    return jsonify({**data, "duplicate": True}), 200


@bp.post("/articles/batch")
def post_batch():
    require_admin()
    items = batch_items(json_body())
    outcomes = ingest_batch(db.session(), services.index_store(), items, services.max_article_chars(),
                            services.model_name())
    return jsonify({"results": [batch_result(outcome) for outcome in outcomes]})


def batch_result(outcome: IngestResult | ValidationError) -> dict:
    if isinstance(outcome, ValidationError):
        return {"status": "failed", "error": error_body(outcome.status, outcome.code, outcome.message,
                                                        outcome.field)["error"]}
    status = "created" if outcome.created else "updated" if outcome.updated else "duplicate"
    return {"status": status, "id": outcome.article.id}


@bp.delete("/articles/<int:article_id>")
def remove_article(article_id: int):
    require_admin()
    delete_article(db.session(), services.index_store(), article_or_404(article_id))
    return "", 204


EXTRACT_WINDOW = timedelta(minutes=1)


@bp.post("/extract")
def post_extract():
    require_admin()
    data = json_body()
    body = validate({"body": data.get("body")}, services.max_article_chars()).body
    published = parse_datetime(data.get("published_at"), "published_at")
    # Only a valid request runs the expensive extraction, so only those spend the budget.
    refused = extract_rate_limited()
    if refused is not None:
        return refused
    extraction = extract(body, published.date() if published else None, services.model_name())
    return jsonify({"body": body, **extraction_json(extraction)})


def extract_rate_limited():
    """429 with Retry-After once this token made ARCHIVE_EXTRACT_RATE_LIMIT calls in the last minute.

    Counted in the database (rate_hits), so the limit holds across gunicorn workers.
    """
    limit = current_app.config["EXTRACT_RATE_LIMIT"]
    if limit <= 0:
        return None
    token = request.headers.get("Authorization", "").partition(" ")[2].strip()
    wait = RateHit.take(db.session(), "extract", hash_token(token), limit, EXTRACT_WINDOW)
    if wait is None:
        return None
    message = f"at most {limit} extractions a minute per token; try again in {wait} s"
    return jsonify(error_body(429, "rate_limited", message)), 429, {"Retry-After": str(wait)}


def _lookup(kinds: tuple[str, ...]):
    prefix = read_query(LOOKUP_QUERY, request.args).q
    found = lookup(db.session(), prefix.strip(), kinds)
    return jsonify({"results": [entity_json(entity, count) for entity, count in found]})


@bp.get("/actors")
def actors():
    return _lookup(ACTOR_KINDS)


@bp.get("/places")
def places():
    return _lookup(("place",))


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
