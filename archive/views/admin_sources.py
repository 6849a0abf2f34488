"""Admin page for followed sources: the list with each one's last poll and errors; add, pause, resume, remove."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required
from sqlalchemy import select

from archive import db
from archive.errors import ArchiveError
from archive.logic.sources import add_source, change_source, remove_source, source_json
from archive.models import Source
from archive.views.admin import bp
from archive.views.forms import ConfirmForm, SourceForm


@bp.get("/sources")
@login_required
def sources():
    return _page(SourceForm(formdata=None))


@bp.post("/sources")
@login_required
def add_followed_source():
    form = SourceForm()
    if not form.validate_on_submit():
        return _page(form, "Give the URL of a feed or sitemap and an interval such as 15m."), 400
    try:
        source = add_source(db.session(), form.url.data, form.every.data, form.name.data)
    except ArchiveError as exc:
        db.session().rollback()
        return _page(form, exc.message), 400
    flash(f"Following {source.url}; its first poll is due now.")
    return redirect(url_for("admin.sources"))


@bp.post("/sources/<int:source_id>/<any(pause, resume, remove):action>")
@login_required
def change_followed_source(source_id: int, action: str):
    if not ConfirmForm().validate_on_submit():
        abort(400, "the form expired; reload the page and try again")
    session = db.session()
    source = session.get(Source, source_id) if source_id < 2**63 else None
    if source is None:
        abort(404, f"no source with id {source_id}")
    if action == "remove":
        remove_source(session, source)
    else:
        change_source(session, source, paused=action == "pause")
    flash(f"Source {source_id}: {action}d.")
    return redirect(url_for("admin.sources"))


def _page(form: SourceForm, error: str | None = None) -> str:
    session = db.session()
    rows = [source_json(session, s) for s in session.scalars(select(Source).order_by(Source.id))]
    return render_template("admin/sources.html", sources=rows, form=form, confirm=ConfirmForm(), error=error)
