"""Admin pages: log in, ingest by pasting or uploading, manage API tokens (deletes: admin_deleted.py)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from archive import db, services
from archive.background import background
from archive.index.sync import index_lag
from archive.ingest.files import RawItem, read_upload
from archive.logic.bulk import BulkIngest
from archive.logic.jobs import create_job
from archive.models import ApiToken, Article, LoginFailure, User
from archive.models.base import utcnow
from archive.views.forms import ConfirmForm, LoginForm, PasteForm, TokenForm, UploadForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("admin/login.html", form=form), 400 if request.method == "POST" else 200
    session, ip = db.session(), (request.remote_addr or "unknown")[:64]
    attempt = LoginFailure.attempt(session, form.username.data, ip)
    if attempt is None:
        return render_template("admin/login.html", form=form,
                               error="Too many failed attempts. Try again in 15 minutes."), 429
    user = User.by_username(session, form.username.data)
    if user is None or not user.check_password(form.password.data):
        return render_template("admin/login.html", form=form, error="Wrong user name or password."), 401
    session.delete(attempt)  # the password was right: not a failure
    user.last_login_at = utcnow()
    session.commit()
    login_user(user)
    return redirect(url_for("admin.dashboard"))


@bp.post("/logout")
@login_required
def logout():
    if ConfirmForm().validate_on_submit():
        current_user.end_sessions()  # a copy of the cookie must not outlive the logout
        db.session().commit()
        logout_user()
    return redirect(url_for("pages.search_page"))


@bp.get("")
@login_required
def dashboard():
    return _dashboard()


def _dashboard(results=None, new_token: str | None = None, status: int = 200):
    session, store = db.session(), services.index_store()
    articles = session.scalars(select(Article).order_by(Article.ingested_at.desc(), Article.id.desc()).limit(25))
    tokens = session.scalars(select(ApiToken).order_by(ApiToken.created_at.desc()))
    return render_template(
        "admin/dashboard.html", paste=PasteForm(formdata=None), upload=UploadForm(formdata=None),
        token_form=TokenForm(formdata=None), confirm=ConfirmForm(), articles=list(articles), tokens=list(tokens),
        total=session.scalar(select(func.count(Article.id))), lag=index_lag(session, store),
        results=results, new_token=new_token, user=current_user), status


@bp.post("/ingest")
@login_required
def ingest_paste():
    form = PasteForm()
    if not form.validate_on_submit():
        return _dashboard([_form_failure("pasted text", form)], status=400)
    data = {key: value for key in ("body", "title", "url", "source", "published_at")
            if (value := (getattr(form, key).data or "").strip())}
    summary = BulkIngest(kind="paste", created_by=current_user.username).run_items([RawItem("pasted text", data)])
    return _dashboard(summary.outcomes, status=400 if summary.failed else 200)


@bp.post("/upload")
@login_required
def ingest_upload():
    """Queue the uploaded files as a job (read and checked against the unpack limits, nothing extracted)
    and go to its report page, which refreshes until the job is done."""
    form = UploadForm()
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not form.validate_on_submit() or not files:
        return _dashboard([_form_failure("upload", form, "choose one or more files")], status=400)
    limits = services.unpack_limits()
    items = (item for upload in files for item in read_upload(upload.filename, upload.read(), limits))
    found = create_job(db.session(), "upload", ", ".join(upload.filename for upload in files), items,
                       created_by=current_user.username)
    background(current_app._get_current_object()).notify_job()
    return redirect(url_for("admin.job", job_id=found.id))


def _form_failure(origin: str, form, default: str = "the form is incomplete"):
    from archive.logic.bulk import FAILED, Outcome

    messages = [f"{getattr(form, name).label.text}: {'; '.join(errors)}" if name in form else "; ".join(errors)
                for name, errors in form.errors.items()]
    return Outcome(origin, FAILED, reason="; ".join(messages) or default)


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        abort(400, "a token needs a name")
    session = db.session()
    _token, plain = ApiToken.issue(session, form.name.data.strip())
    session.commit()
    return _dashboard(new_token=plain)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400, "the form expired; reload the page and try again")
    session = db.session()
    token = session.get(ApiToken, token_id)
    if token is None:
        abort(404, f"no token with id {token_id}")
    token.revoked_at = token.revoked_at or utcnow()
    session.commit()
    flash(f"Revoked token “{token.name}”.")
    return redirect(url_for("admin.dashboard"))
