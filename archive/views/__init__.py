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
def load_user(user_id: str) -> User | None:
    return db.session().get(User, int(user_id)) if user_id.isdigit() else None


def register_views(app: Flask) -> None:
    from archive.views import admin, api, entities, errors, health, pages, security

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
    app.register_blueprint(health.bp)
    errors.register(app)
