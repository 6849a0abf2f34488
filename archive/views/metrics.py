"""/metrics: Prometheus text format, summed over every gunicorn worker."""
from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request
from sqlalchemy import select

from archive import db, services
from archive.errors import Unauthorized
from archive.index.sync import index_lag
from archive.logic.sources import source_json
from archive.models import Source
from archive.observe import metrics

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def scrape():
    require_metrics_token()
    session = db.session()
    lag = index_lag(session, services.index_store())
    sources = [source_json(session, source) for source in session.scalars(select(Source).order_by(Source.id))]
    return Response(metrics.exposition(lag, sources), content_type=metrics.CONTENT_TYPE)


def require_metrics_token() -> None:
    """With ARCHIVE_METRICS_TOKEN set, raise Unauthorized unless the request carries it as a bearer token."""
    expected = current_app.config.get("METRICS_TOKEN")
    if not expected:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise Unauthorized("the metrics bearer token is required (Authorization: Bearer <token>)")
