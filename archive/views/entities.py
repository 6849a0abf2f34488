"""Actor and place pages: who or where, how often, with whom, and when."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from archive import db, services
from archive.logic.curation import current_entity
from archive.logic.entities import aliases, article_count
from archive.models import Entity
from archive.models.base import MAX_ID
from archive.models.entity import ACTOR_KINDS
from archive.search import SearchResult, parse_args
from archive.search.cooccur import co_mentioned
from archive.views.api import search_now
from archive.views.charts import timeline, undated_count
from archive.views.urls import entity_bar_url, entity_url, filter_chips

bp = Blueprint("entities", __name__)


def _entity_or_404(entity_id: int, kinds: tuple[str, ...]) -> Entity:
    # Ids beyond a 64-bit integer cannot exist (and would overflow the database driver).
    entity = Entity.by_id(db.session(), entity_id) if entity_id <= MAX_ID else None
    if entity is None or entity.kind not in kinds:
        abort(404, f"no such {'place' if kinds == ('place',) else 'actor'}")
    return entity


def _articles(entity: Entity, param: str) -> SearchResult:
    """Its articles, newest first unless asked otherwise, under the search page's filters and paging
    (bad values are refused as on the search page: a 400 page saying why)."""
    args = MultiDict(request.args)
    if str(entity.id) not in args.getlist(param):
        args.add(param, str(entity.id))
    args.setdefault("sort", "newest")
    return search_now(parse_args(args))


def _filters(result: SearchResult, param: str, entity_id: int) -> list[str]:
    """What narrows the list besides the entity itself: the words searched and each filter's label."""
    others = tuple(value for value in getattr(result.params, param) if value != str(entity_id))
    chips = filter_chips(result.params.with_changes(**{param: others}), result.selected)
    return ([f"Words: {result.params.q}"] if result.params.q else []) + [chip.label for chip in chips]


def _profile(entity: Entity, param: str) -> dict:
    session = db.session()
    result = _articles(entity, param)
    chart = timeline(result.facets["published"]["results"], result.params.published_from, result.params.published_to)
    return {
        "entity": entity, "result": result, "count": article_count(session, entity.id), "param": param,
        "filters": _filters(result, param, entity.id),
        "aliases": aliases(session, entity.id),
        "actors": co_mentioned(session, services.index_store(), entity, "actor"),
        "places": co_mentioned(session, services.index_store(), entity, "place"),
        "chart": chart,
        "bar_urls": {bar.value: entity_bar_url(request.path, param, entity.id, result.params, bar.value)
                     for bar in chart.bars} if chart else {},
        "undated": undated_count(result.facets["published"]["results"]),
    }


def _page(entity_id: int, kinds: tuple[str, ...], param: str):
    entity = _entity_or_404(entity_id, kinds)
    current = current_entity(db.session(), entity)
    if current is None:
        abort(404, f"“{entity.name}” was marked as not an entity")
    if current.id != entity.id:  # merged away: its old URL leads to the entity it was merged into
        return redirect(url_for(request.endpoint, entity_id=current.id))
    return render_template("entity.html", **_profile(entity, param))


@bp.app_context_processor
def helpers() -> dict:
    return {"entity_url": entity_url}


@bp.get("/actors/<int:entity_id>")
def actor_page(entity_id: int):
    return _page(entity_id, ACTOR_KINDS, "actor")


@bp.get("/places/<int:entity_id>")
def place_page(entity_id: int):
    return _page(entity_id, ("place",), "place")
