"""Admin pages for entity curation: find an entity, merge, rename or reject it, and the edit log with undo."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from archive import db, services
from archive.logic.curation import (
    current_entity,
    entity_or_404,
    find_entity,
    merge_entities,
    reject_entity,
    rename_entity,
    undo_edit,
)
from archive.logic.entities import article_count, lookup
from archive.logic.suggestions import merge_suggestions
from archive.models import EntityEdit
from archive.models.base import MAX_ID
from archive.models.curation import entity_group
from archive.models.entity import ACTOR_KINDS, PLACE_KIND
from archive.views.forms import ConfirmForm, MergeForm, RenameForm
from archive.views.serializers import edit_summary

bp = Blueprint("curation_admin", __name__, url_prefix="/admin")
EXPIRED = "the form expired or is incomplete; reload the page and try again"


@bp.get("/entities")
@login_required
def entities():
    q = (request.args.get("q") or "").strip()[:200]
    session = db.session()
    return render_template("admin/entities.html", q=q, actors=lookup(session, q, ACTOR_KINDS, 50),
                           places=lookup(session, q, (PLACE_KIND,), 50))


@bp.get("/entities/suggestions")
@login_required
def suggestions():
    return render_template("admin/suggestions.html", suggestions=merge_suggestions(db.session()),
                           merge=MergeForm(formdata=None))


@bp.get("/entities/<int:entity_id>")
@login_required
def entity(entity_id: int):
    session = db.session()
    found = entity_or_404(session, entity_id)
    return render_template("admin/entity.html", entity=found, current=current_entity(session, found),
                           count=article_count(session, found.id), merge=MergeForm(formdata=None),
                           rename=RenameForm(formdata=None, name=found.name), confirm=ConfirmForm())


@bp.post("/entities/<int:entity_id>/merge")
@login_required
def merge(entity_id: int):
    form = _valid(MergeForm())
    session = db.session()
    found = entity_or_404(session, entity_id)
    into = find_entity(session, form.into.data, entity_group(found.kind))
    edit = merge_entities(session, services.index_store(), found, into, current_user.username)
    if request.form.get("back") == "suggestions":  # the one-click merge of the suggestions page
        flash(f"Done: {edit_summary(edit)}.")
        return redirect(url_for("curation_admin.suggestions"))
    return _done(edit, into.id)


@bp.post("/entities/<int:entity_id>/rename")
@login_required
def rename(entity_id: int):
    form = _valid(RenameForm())
    session = db.session()
    edit = rename_entity(session, services.index_store(), entity_or_404(session, entity_id), form.name.data,
                         current_user.username)
    return _done(edit, entity_id)


@bp.post("/entities/<int:entity_id>/reject")
@login_required
def reject(entity_id: int):
    _valid(ConfirmForm())
    session = db.session()
    edit = reject_entity(session, services.index_store(), entity_or_404(session, entity_id), current_user.username)
    return _done(edit, entity_id)


@bp.get("/edits")
@login_required
def edits():
    latest = EntityEdit.latest(db.session(), 200)
    return render_template("admin/edits.html", edits=latest, summary=edit_summary, confirm=ConfirmForm())


@bp.post("/edits/<int:edit_id>/undo")
@login_required
def undo(edit_id: int):
    _valid(ConfirmForm())
    session = db.session()
    edit = EntityEdit.by_id(session, edit_id) if edit_id <= MAX_ID else None
    if edit is None:
        abort(404, f"no edit with id {edit_id}")
    undo_edit(session, services.index_store(), edit, current_user.username)
    flash(f"Undone: {edit_summary(edit)}.")
    return redirect(url_for("curation_admin.edits"))


def _valid(form):
    if not form.validate_on_submit():
        abort(400, EXPIRED)
    return form


def _done(edit: EntityEdit, entity_id: int):
    flash(f"Done: {edit_summary(edit)}.")
    return redirect(url_for("curation_admin.entity", entity_id=entity_id))
