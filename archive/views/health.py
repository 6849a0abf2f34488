"""/healthz: is the archive up, is this node's index in step with the database, and has the
answering worker loaded the spaCy model?"""
from __future__ import annotations

import socket

from flask import Blueprint, current_app, jsonify
from sqlalchemy import func, select

from archive import db, services
from archive.extract.nlp import state
from archive.index.sync import index_lag
from archive.models import Article, Change

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    session, store = db.session(), services.index_store()
    articles = session.scalar(select(func.count(Article.id))) or 0
    indexed = store.doc_count()
    lag = index_lag(session, store)
    status = "ok" if lag == 0 and indexed == articles else "degraded"
    return jsonify({"status": status, "node": current_app.config.get("NODE_NAME") or socket.gethostname(),
                    "articles": articles, "indexed": indexed, "index_lag": lag,
                    "applied_seq": store.applied_seq(), "last_seq": Change.last_seq(session),
                    "model": state(services.model_name())})
