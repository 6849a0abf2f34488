"""Server-rendered pages: search and article. They work without JavaScript."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from archive.errors import ValidationError
from archive.models.entity import ACTOR_KINDS
from archive.search import parse_args
from archive.search.labels import month_label
from archive.views.api import article_or_404, search_now
from archive.views.urls import search_url

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def helpers() -> dict:
    return {"search_url": search_url, "month_label": month_label}


@bp.get("/")
def search_page():
    try:
        params = parse_args(request.args)
    except ValidationError as exc:
        # A malformed query is shown on the page, not turned into an error page.
        return render_template("search.html", error=exc.message, result=None, q=request.args.get("q", "")), 400
    result = search_now(params)
    return render_template("search.html", error=None, result=result, q=params.q)


@bp.get("/articles/<int:article_id>")
def article_page(article_id: int):
    article = article_or_404(article_id)
    return render_template("article.html", article=article,
                           actors=article.entities_of(*ACTOR_KINDS), places=article.entities_of("place"))
