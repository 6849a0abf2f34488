"""The curation API under /api/v1 (admin token): merge, rename, reject entities; the edit log; undo."""
from __future__ import annotations

from flask import Blueprint, jsonify

from archive import db, services
from archive.errors import NotFound, ValidationError
from archive.logic.curation import (
    entity_or_404,
    find_entity,
    merge_entities,
    reject_entity,
    rename_entity,
    undo_edit,
)
from archive.logic.suggestions import merge_suggestions
from archive.models import EntityEdit
from archive.models.base import MAX_ID
from archive.models.curation import entity_group
from archive.views.api import json_body
from archive.views.auth import require_admin
from archive.views.serializers import edit_json, suggestion_json

bp = Blueprint("curation", __name__, url_prefix="/api/v1")
MAX_EDITS = 200  # GET /edits lists the latest ones


@bp.get("/entities/suggestions")
def suggestions():
    require_admin()
    return jsonify({"results": [suggestion_json(s) for s in merge_suggestions(db.session())]})


@bp.post("/entities/<int:entity_id>/merge")
def merge(entity_id: int):
    who = require_admin()
    into = json_body().get("into")
    session = db.session()
    entity = entity_or_404(session, entity_id)
    if isinstance(into, int) and not isinstance(into, bool):
        target = entity_or_404(session, into)
    elif isinstance(into, str):
        target = find_entity(session, into, entity_group(entity.kind))
    else:
        raise ValidationError("into must be the id (or the name) of the entity to merge into", "into")
    return jsonify(edit_json(merge_entities(session, services.index_store(), entity, target, who)))


@bp.post("/entities/<int:entity_id>/rename")
def rename(entity_id: int):
    who = require_admin()
    name = json_body().get("name")
    session = db.session()
    edit = rename_entity(session, services.index_store(), entity_or_404(session, entity_id), name, who)
    return jsonify(edit_json(edit))


@bp.post("/entities/<int:entity_id>/reject")
def reject(entity_id: int):
    who = require_admin()
    session = db.session()
    return jsonify(edit_json(reject_entity(session, services.index_store(), entity_or_404(session, entity_id), who)))


@bp.get("/edits")
def edits():
    require_admin()
    return jsonify({"results": [edit_json(edit) for edit in EntityEdit.latest(db.session(), MAX_EDITS)]})


@bp.post("/edits/<int:edit_id>/undo")
def undo(edit_id: int):
    who = require_admin()
    session = db.session()
    edit = EntityEdit.by_id(session, edit_id) if edit_id <= MAX_ID else None
    if edit is None:
        raise NotFound(f"no edit with id {edit_id}")
    return jsonify(edit_json(undo_edit(session, services.index_store(), edit, who)))
