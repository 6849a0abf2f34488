"""/healthz: is the archive up, and is the index in step with the database?"""
from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import func, select

from archive import db, services
from archive.index.sync import index_lag
from archive.models import Article

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    session, store = db.session(), services.index_store()
    articles = session.scalar(select(func.count(Article.id))) or 0
    indexed = store.doc_count()
    lag = index_lag(session, store)
    status = "ok" if lag == 0 and indexed == articles else "degraded"
    return jsonify({"status": status, "articles": articles, "indexed": indexed,
                    "index_lag": lag, "applied_seq": store.applied_seq()})
