"""Thin blueprints: pages, the JSON API, admin, health; central error handlers."""
from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from archive import db
from archive.models import User

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.login_message = "Log in to use the admin pages."


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return User.by_session_id(db.session(), session_id)


def register_views(app: Flask) -> None:
    from archive.views import (admin, admin_deleted, admin_jobs, admin_sources, api, entities, errors,  # noqa: F401
                               health, jobs, metrics, pages, security)

    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    security.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(entities.bp)
    app.register_blueprint(admin.bp)
    # The API authenticates with bearer tokens, not cookies: CSRF does not apply to it.
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    from archive.views import exports, feeds  # search exports under /api/v1, Atom feeds under /feeds
    app.register_blueprint(exports.bp)
    app.register_blueprint(feeds.bp)
    csrf.exempt(jobs.bp)
    app.register_blueprint(jobs.bp)
    from archive.views import sources  # followed sources under /api/v1 (their admin page: admin_sources)
    csrf.exempt(sources.bp)
    app.register_blueprint(sources.bp)
    from archive.views import admin_curation, curation  # entity curation: admin pages, API under /api/v1
    app.register_blueprint(admin_curation.bp)
    csrf.exempt(curation.bp)
    app.register_blueprint(curation.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(metrics.bp)
    errors.register(app)
