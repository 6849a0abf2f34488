"""Ingest jobs in the JSON API: queue articles or URLs, follow a job, retry its failures."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import select

from archive import db
from archive.background import background
from archive.errors import NotFound
from archive.ingest.files import RawItem
from archive.logic.jobs import create_job, report, retry_failed
from archive.models import Job
from archive.shapes import JOBS_QUERY, read_query
from archive.views.api import json_body
from archive.views.auth import require_admin
from archive.views.bodies import job_request

bp = Blueprint("jobs", __name__, url_prefix="/api/v1")
@bp.before_request
def _admin_only() -> None:
    require_admin()


@bp.post("/jobs")
def queue_job():
    """{"articles": [ArticleInput, ...]} and/or {"urls": ["https://...", ...]}: 202 with the job."""
    given = job_request(json_body())
    articles, urls = given.articles, given.urls
    items = [RawItem(f"articles[{n}]", a if isinstance(a, dict) else None,
                     None if isinstance(a, dict) else "an article must be a JSON object")
             for n, a in enumerate(articles)]
    items += fetched(urls)
    kind = "api" if articles else "url"
    source = f"{len(articles)} articles posted" if articles else ", ".join(urls)
    session = db.session()
    job = create_job(session, kind, source, items, created_by=require_admin())
    background(current_app._get_current_object()).notify_job()
    response = jsonify(report(session, job))
    response.status_code = 202
    response.headers["Location"] = url_for("jobs.get_job", job_id=job.id)
    return response


def fetched(urls: list[str]) -> list[RawItem]:
    """Fetch pages and feeds now (a failure is recorded as a failed item of the job)."""
    if not urls:
        return []
    from archive.ingest.fetch import read_url

    return [item for url in urls for item in read_url(url, current_app.config)]


@bp.get("/jobs")
def list_jobs():
    session = db.session()
    limit = read_query(JOBS_QUERY, request.args).limit
    jobs = session.scalars(select(Job).order_by(Job.id.desc()).limit(limit))
    return jsonify({"jobs": [report(session, job, failures=0) for job in jobs]})


@bp.get("/jobs/<int:job_id>")
def get_job(job_id: int):
    session = db.session()
    return jsonify(report(session, job_or_404(job_id)))


@bp.post("/jobs/<int:job_id>/retry")
def retry_job(job_id: int):
    session = db.session()
    job = job_or_404(job_id)
    retried = retry_failed(session, job)
    background(current_app._get_current_object()).notify_job()
    response = jsonify({**report(session, job), "retried": retried})
    response.status_code = 202
    return response


def job_or_404(job_id: int) -> Job:
    job = db.session().get(Job, job_id) if job_id < 2**63 else None
    if job is None:
        raise NotFound(f"no job with id {job_id}")
    return job
