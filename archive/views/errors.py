"""One error shape: JSON {"error": {...}} for the API, a readable page elsewhere."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from archive import db
from archive.errors import ArchiveError

log = logging.getLogger(__name__)


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict:
    error = {"status": status, "code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz" or (
        request.accept_mimetypes.best == "application/json")


def _respond(status: int, code: str, message: str, field: str | None = None):
    if _wants_json():
        response = jsonify(error_body(status, code, message, field))
    else:
        response = render_template("error.html", status=status, message=message)
    headers = {"WWW-Authenticate": 'Bearer realm="archive"'} if status == 401 else {}
    return response, status, headers


def register(app: Flask) -> None:
    @app.errorhandler(ArchiveError)
    def archive_error(exc: ArchiveError):
        return _respond(exc.status, exc.code, exc.message, exc.field)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        return _respond(exc.code or 500, code, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        db.session().rollback()
        return _respond(500, "internal_error", "something went wrong on our side; the error was logged")
