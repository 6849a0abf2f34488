"""Admin pages for ingest jobs: the list, one job's report with its failures, retry, fetch a URL."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from archive import db
from archive.background import background
from archive.logic.jobs import create_job, report, retry_failed
from archive.models import Job
from archive.views.admin import bp
from archive.views.forms import ConfirmForm, UrlForm


@bp.get("/jobs")
@login_required
def jobs():
    session = db.session()
    rows = [report(session, job, failures=0) for job in session.scalars(select(Job).order_by(Job.id.desc()).limit(50))]
    return render_template("admin/jobs.html", jobs=rows, url_form=UrlForm(formdata=None))


@bp.get("/jobs/<int:job_id>")
@login_required
def job(job_id: int):
    session = db.session()
    found = session.get(Job, job_id) if job_id < 2**63 else None
    if found is None:
        abort(404, f"no job with id {job_id}")
    return render_template("admin/job.html", job=report(session, found, failures=500), confirm=ConfirmForm())


@bp.post("/jobs/<int:job_id>/retry")
@login_required
def retry(job_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, "the form expired; reload the page and try again")
    session = db.session()
    found = session.get(Job, job_id) if job_id < 2**63 else None
    if found is None:
        abort(404, f"no job with id {job_id}")
    count = retry_failed(session, found)
    background(current_app._get_current_object()).notify_job()
    flash(f"Queued {count} failed item{'' if count == 1 else 's'} again.")
    return redirect(url_for("admin.job", job_id=job_id))


@bp.post("/fetch")
@login_required
def fetch_url():
    """Fetch a page or feed now and queue what it holds as a job."""
    form = UrlForm()
    if not form.validate_on_submit():
        abort(400, "give the URL of a page or a feed")
    from archive.ingest.fetch import read_url

    url = form.url.data.strip()
    items = list(read_url(url, current_app.config))
    found = create_job(db.session(), "url", url, items, created_by=current_user.username)
    background(current_app._get_current_object()).notify_job()
    return redirect(url_for("admin.job", job_id=found.id))
