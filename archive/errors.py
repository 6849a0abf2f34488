"""Errors that carry an HTTP status; the handlers in views/errors.py render them."""
from __future__ import annotations


class ArchiveError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(ArchiveError):
    status = 400
    code = "invalid"


class NotFound(ArchiveError):
    status = 404
    code = "not_found"


class Unauthorized(ArchiveError):
    status = 401
    code = "unauthorized"


class Conflict(ArchiveError):
    """The request is well-formed but the current state forbids it (an edit already undone...)."""
    status = 409
    code = "conflict"


class SearchTimeout(ArchiveError):
    """A search ran out of its time budget (ARCHIVE_SEARCH_TIME_LIMIT) and was stopped."""
    status = 503
    code = "search_timeout"
