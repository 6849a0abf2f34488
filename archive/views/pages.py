"""Server-rendered pages: search and article. They work without JavaScript."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from archive import db, services
from archive.errors import SearchTimeout, ValidationError
from archive.logic.near_duplicates import similar_versions
from archive.models.entity import ACTOR_KINDS
from archive.search import parse_args
from archive.search.labels import month_label
from archive.search.related import related_articles
from archive.search.suggest import did_you_mean
from archive.views.api import article_or_404, search_now
from archive.views.charts import HEIGHT, WIDTH, date_facet_view, timeline, undated_count
from archive.views.marks import date_search_url, segments
from archive.views.places_map import places_map
from archive.views.urls import (LIST_KEYS, PAGE_FACETS, PERIOD_KEYS, UNDATED_KEYS, bar_url, chips, exclude_url,
                                facet_value_url, period_form_state, search_url)

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def helpers() -> dict:
    return {"search_url": search_url, "month_label": month_label, "date_search_url": date_search_url,
            "chart_width": WIDTH, "chart_height": HEIGHT, "page_facets": PAGE_FACETS,
            "facet_lists": LIST_KEYS, "facet_periods": PERIOD_KEYS, "undated_keys": UNDATED_KEYS,
            "facet_value_url": facet_value_url, "exclude_url": exclude_url, "period_form_state": period_form_state}


@bp.get("/")
def search_page():
    try:
        params = parse_args(request.args)
        result = search_now(params, services.map_places())
    except (ValidationError, SearchTimeout) as exc:
        # A malformed, unbounded or too slow query is shown on the page, not turned into an error page.
        return render_template("search.html", error=exc.message, result=None, q=request.args.get("q", "")), exc.status
    suggestion = did_you_mean(services.index_store().searcher(), params.q) if params.q else None
    published = result.facets.get("published", {}).get("results", [])
    chart = timeline(published, params.published_from, params.published_to)
    compact = {facet.name: date_facet_view(result.facets.get(facet.name, {})) for facet in PAGE_FACETS if facet.compact}
    return render_template("search.html", error=None, result=result, q=params.q, suggestion=suggestion,
                           chips=chips(result), chart=chart, undated=undated_count(published), compact=compact,
                           places_map=places_map(db.session(), result, services.map_places()),
                           bar_urls={bar.value: bar_url(params, "published", bar.value) for bar in chart.bars} if chart else {})


@bp.get("/articles/<int:article_id>")
def article_page(article_id: int):
    article = article_or_404(article_id)
    counts = {link.entity_id: link.mention_count for link in article.entity_links}
    return render_template("article.html", article=article, segments=segments(article), counts=counts,
                           actors=article.entities_of(*ACTOR_KINDS), places=article.entities_of("place"),
                           related=related_articles(db.session(), services.index_store(), article),
                           similar=similar_versions(db.session(), article))
