"""Bearer-token authentication for admin endpoints."""
from __future__ import annotations

import hmac

from flask import current_app, request

from archive import db
from archive.errors import Unauthorized
from archive.models import ApiToken


def require_admin() -> str:
    """Raise Unauthorized unless the request carries a valid admin bearer token; returns who it is
    (the token's name, or "ARCHIVE_ADMIN_TOKEN")."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("an admin bearer token is required (Authorization: Bearer <token>)")
    configured = current_app.config.get("ADMIN_TOKEN")
    if configured and hmac.compare_digest(token.encode(), configured.encode()):
        return "ARCHIVE_ADMIN_TOKEN"
    api_token = ApiToken.by_plain(db.session(), token)
    if api_token is None:
        raise Unauthorized("the bearer token is not valid")
    return f"token {api_token.name}"
