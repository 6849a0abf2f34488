"""Validate one incoming article and normalise it into an ArticleInput.

ARTICLE_BODY (a pydantic model) is the one description of an article as the API takes it: its
types, lengths and patterns are checked by validate() and documented by views/openapi.py.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlsplit

import pydantic
from pydantic import Field

from archive.errors import ValidationError

MAX_TITLE = 500
MAX_SOURCE = 200
MAX_AUTHOR = 300
MAX_URL = 2000
MAX_GUID = 1000
MAX_VERSION = 2**31 - 1  # the column is a 32-bit integer
MIN_YEAR, MAX_YEAR = 1000, 2999
# Control characters other than tab and newlines, and lone surrogates (not storable as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The same, for the model's patterns (which cannot name lone surrogates; pydantic refuses those itself).
_ALLOWED = r"[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]"
_NO_CONTROL = f"^{_ALLOWED}*$"
_BODY = f"^{_ALLOWED}*" r"[^\s\u0000-\u001f\u007f]" f"{_ALLOWED}*$"  # not blank
_URL = r"^(\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f]+\s*)?$"
_LANGUAGE = "^([a-z]{2,3}(-[A-Za-z0-9]{2,8})?)?$"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s")


@dataclass(frozen=True)
class ArticleInput:
    body: str
    title: str
    url: str | None
    source: str | None
    published_at: datetime | None
    language: str
    content_hash: str
    author: str | None = None
    ingested_at: datetime | None = None  # kept by an import (archive import); new articles get now
    guid: str | None = None  # a wire story's own id: a newer version of it updates the stored article
    version: int | None = None
    version_created: datetime | None = None


def _text(limit: int, description: str | None = None):
    return Annotated[str | None, Field(None, max_length=limit, pattern=_NO_CONTROL, description=description)]


class ArticleBody(pydantic.BaseModel):
    """An article as the API takes it, in the order its fields are checked."""
    model_config = pydantic.ConfigDict(strict=True, extra="ignore", title="ArticleInput")

    body: str = Field(min_length=1, pattern=_BODY, description=(
        "The text; no control characters other than tab and newline. The limit is "
        "ARCHIVE_MAX_ARTICLE_CHARS (200000 by default)."))
    title: _text(MAX_TITLE, "Derived from the body when missing")
    url: str | None = Field(None, max_length=MAX_URL, pattern=_URL,
                            description="An http or https URL; also how duplicates are found")
    source: _text(MAX_SOURCE)
    published_at: str | None = Field(
        None, description="ISO 8601 date or date-time, years 1000 to 2999; UTC when no offset")
    language: str | None = Field(None, pattern=_LANGUAGE, description="Language code; en when missing")
    author: _text(MAX_AUTHOR)
    guid: _text(MAX_GUID, "The story's own id (a wire's guid or uri): a newer version updates the stored article")
    version: int | None = Field(None, ge=0, le=MAX_VERSION, description="The story's version number; higher is newer")
    version_created: str | None = Field(
        None, description="When this version was made (ISO 8601); later is newer when there is no version number")


def validate(data: object, max_chars: int = 200_000) -> ArticleInput:
    """Check an article mapping ({"body", "title"?, "url"?, ...}); raise ValidationError on bad input."""
    if not isinstance(data, dict):
        raise ValidationError("an article must be a JSON object")
    try:
        given = ArticleBody.model_validate(data)
    except pydantic.ValidationError as error:
        raise _refusal(error.errors()[0], data) from None
    body = _body(given.body, max_chars)
    return ArticleInput(
        body=body,
        title=_clean(given.title) or derive_title(body),
        url=_url(given.url),
        source=_clean(given.source),
        published_at=parse_datetime(given.published_at, "published_at"),
        language=given.language or "en",
        content_hash=content_hash(body),
        author=_clean(given.author),
        guid=_clean(given.guid),
        version=given.version,
        version_created=parse_datetime(given.version_created, "version_created"),
    )


def _refusal(error: dict, data: dict) -> ValidationError:
    """Today's message for the first thing the model refused."""
    key, kind = str(error["loc"][0]), error["type"]
    if key == "body":
        if kind in ("missing", "string_type"):
            return ValidationError("body is required and must be text", "body")
        if kind == "string_unicode" or _CONTROL.search(data["body"]):
            return ValidationError("body contains control characters (NUL or similar)", "body")
        return ValidationError("body is empty", "body")
    if key == "url":
        if kind in ("string_type", "string_too_long"):
            return ValidationError(f"url must be text of at most {MAX_URL} characters", "url")
        url = data["url"].strip()
        if kind == "string_unicode" or _CONTROL.search(url) or any(char.isspace() for char in url):
            return ValidationError("url must not contain spaces or control characters", "url")
        return ValidationError("url must be an http or https URL", "url")
    if key == "language":
        return ValidationError("language must be a language code such as 'en' or 'pt-BR'", "language")
    if key == "version":
        return ValidationError(f"version must be a whole number from 0 to {MAX_VERSION}", "version")
    if key in ("published_at", "version_created"):
        return ValidationError(f"{key} must be an ISO 8601 date such as 2022-01-06", key)
    limit = ArticleBody.model_fields[key].metadata[0].max_length
    return ValidationError({"string_type": f"{key} must be text",
                            "string_too_long": f"{key} is longer than {limit} characters"}.get(
        kind, f"{key} contains control characters"), key)


def _body(value: str, max_chars: int) -> str:
    body = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body.replace("\ufeff", "").strip():
        raise ValidationError("body is empty", "body")
    if len(body) > max_chars:
        raise ValidationError(f"body is longer than {max_chars} characters", "body")
    if _CONTROL.search(body):
        raise ValidationError("body contains control characters (NUL or similar)", "body")
    return body


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed; None when nothing is left."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def _url(value: str | None) -> str | None:
    """A URL the model let through (http or https, no spaces): it must also parse and name a host."""
    if not value:
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ValidationError("url is not a valid URL", "url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("url must be an http or https URL", "url")
    return url


def parse_datetime(value: object, field: str) -> datetime | None:
    """ISO 8601 date or date-time -> naive UTC datetime; None stays unknown."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be an ISO 8601 date such as 2022-01-06", field)
    try:
        parsed = datetime.fromisoformat(value.strip())
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # OverflowError: an offset that moves year 1 or 9999 out of range
        raise ValidationError(f"{field} is not a valid ISO 8601 date: {value[:40]!r}", field) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValidationError(f"{field} must be between the years {MIN_YEAR} and {MAX_YEAR}", field)
    return parsed


def content_hash(body: str) -> str:
    """Hash of the body with case and whitespace folded: the same text pasted twice is one article."""
    normal = " ".join(unicodedata.normalize("NFKC", body).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def derive_title(body: str, limit: int = 120) -> str:
    """A title for an article that came without one: its first line if it reads as a
    headline, else its first sentence, cut at a word boundary."""
    first_para = body.split("\n\n", 1)[0]
    first_line = first_para.split("\n", 1)[0].strip()
    if first_line == first_para.strip() and len(first_line) <= limit and not first_line.endswith("."):
        return first_line
    text = " ".join(first_para.split())
    sentence = _SENTENCE_END.split(text, 1)[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
