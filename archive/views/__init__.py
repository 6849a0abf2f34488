"""Thin blueprints: pages, the JSON API, health; central error handlers."""
from __future__ import annotations

from flask import Flask


def register_views(app: Flask) -> None:
    from archive.views import api, errors, health, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    errors.register(app)
