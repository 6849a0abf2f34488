"""Followed sources in the JSON API (admin): list, follow, change, pause, stop following."""
from __future__ import annotations

from flask import Blueprint, jsonify, url_for
from sqlalchemy import select

from archive import db
from archive.errors import NotFound
from archive.logic.sources import add_source, change_source, remove_source, source_json
from archive.models import Source
from archive.models.base import MAX_ID
from archive.views.api import json_body
from archive.views.auth import require_admin
from archive.views.bodies import SourceChange, SourceRequest, source_body

bp = Blueprint("sources", __name__, url_prefix="/api/v1")


@bp.before_request
def _admin_only() -> None:
    require_admin()


@bp.get("/sources")
def list_sources():
    session = db.session()
    return jsonify({"sources": [source_json(session, s) for s in session.scalars(select(Source).order_by(Source.id))]})


@bp.post("/sources")
def create_source():
    given = source_body(SourceRequest, json_body())
    session = db.session()
    source = add_source(session, given.url, given.every, given.name)
    response = jsonify(source_json(session, source))
    response.status_code = 201
    response.headers["Location"] = url_for("sources.get_source", source_id=source.id)
    return response


@bp.get("/sources/<int:source_id>")
def get_source(source_id: int):
    return jsonify(source_json(db.session(), source_or_404(source_id)))


@bp.patch("/sources/<int:source_id>")
def patch_source(source_id: int):
    source = source_or_404(source_id)
    given = source_body(SourceChange, json_body())
    change_source(db.session(), source, given.every, given.name, given.paused)
    return jsonify(source_json(db.session(), source))


@bp.delete("/sources/<int:source_id>")
def delete_source(source_id: int):
    remove_source(db.session(), source_or_404(source_id))
    return "", 204


def source_or_404(source_id: int) -> Source:
    source = db.session().get(Source, source_id) if source_id <= MAX_ID else None
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source
