"""Admin pages for deleting articles: a confirmation step, the deleted articles kept for a while, restore."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from archive import db, services
from archive.logic.delete import delete_article
from archive.logic.deleted import purge_deleted, restore_deleted
from archive.logic.writes import IngestResult
from archive.models import Article, DeletedArticle
from archive.models.base import MAX_ID
from archive.views.admin import bp
from archive.views.forms import ConfirmForm


def _article_or_404(article_id: int) -> Article:
    article = Article.by_id(db.session(), article_id) if article_id <= MAX_ID else None
    if article is None:
        abort(404, f"no article with id {article_id}")
    return article


def _keep_days() -> int:
    return current_app.config["DELETED_KEEP_DAYS"]


@bp.get("/articles/<int:article_id>/delete")
@login_required
def confirm_delete(article_id: int):
    return render_template("admin/delete.html", article=_article_or_404(article_id), confirm=ConfirmForm(),
                           keep_days=_keep_days())


@bp.post("/articles/<int:article_id>/delete")
@login_required
def delete(article_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, "the form expired; reload the page and try again")
    article, keep_days = _article_or_404(article_id), _keep_days()
    title = article.title
    delete_article(db.session(), services.index_store(), article,
                   kept_by=current_user.username if keep_days else None)
    purge_deleted(db.session(), keep_days)
    flash(f"Deleted “{title}”." + (f" It can be restored from Deleted articles for {keep_days} days."
                                   if keep_days else ""))
    return redirect(url_for("admin.dashboard"))


@bp.get("/deleted")
@login_required
def deleted():
    session = db.session()
    purge_deleted(session, _keep_days())
    rows = session.scalars(select(DeletedArticle).order_by(DeletedArticle.deleted_at.desc(), DeletedArticle.id.desc())
                           .limit(200))
    return render_template("admin/deleted.html", rows=list(rows), confirm=ConfirmForm(), keep_days=_keep_days())


@bp.post("/deleted/<int:kept_id>/restore")
@login_required
def restore(kept_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, "the form expired; reload the page and try again")
    session = db.session()
    kept = session.get(DeletedArticle, kept_id) if kept_id <= MAX_ID else None
    if kept is None:
        abort(404, f"no deleted article with id {kept_id} (restored already, or kept no longer)")
    old_id = kept.article_id
    result = restore_deleted(session, services.index_store(), kept)
    flash(_restored(result, old_id))
    return redirect(url_for("pages.article_page", article_id=result.article.id))


def _restored(result: IngestResult, old_id: int) -> str:
    title, new_id = result.article.title, result.article.id
    if not result.created:
        return f"“{title}” is in the archive again already."
    if new_id != old_id:  # the old id was taken meanwhile (logic/deleted.py)
        return (f"Restored “{title}” as #{new_id}: its old id #{old_id} now belongs to another article, "
                "so old links to it do not reach this one.")
    return f"Restored “{title}”."
