"""Validate one incoming article and normalise it into an ArticleInput."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from archive.errors import ValidationError

MAX_TITLE = 500
MAX_SOURCE = 200
MAX_AUTHOR = 300
MAX_URL = 2000
MIN_YEAR, MAX_YEAR = 1000, 2999
# Control characters other than tab and newlines, and lone surrogates (not storable as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
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


def validate(data: object, max_chars: int = 200_000) -> ArticleInput:
    """Check an article mapping ({"body", "title"?, "url"?, ...}); raise ValidationError on bad input."""
    if not isinstance(data, dict):
        raise ValidationError("an article must be a JSON object")
    body = _body(data.get("body"), max_chars)
    title = _optional_text(data, "title", MAX_TITLE) or derive_title(body)
    return ArticleInput(
        body=body,
        title=title,
        url=_url(data.get("url")),
        source=_optional_text(data, "source", MAX_SOURCE),
        published_at=parse_datetime(data.get("published_at"), "published_at"),
        language=_language(data.get("language")),
        content_hash=content_hash(body),
        author=_optional_text(data, "author", MAX_AUTHOR),
    )


def _body(value: object, max_chars: int) -> str:
    if not isinstance(value, str):
        raise ValidationError("body is required and must be text", "body")
    body = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body.replace("\ufeff", "").strip():
        raise ValidationError("body is empty", "body")
    if len(body) > max_chars:
        raise ValidationError(f"body is longer than {max_chars} characters", "body")
    if _CONTROL.search(body):
        raise ValidationError("body contains control characters (NUL or similar)", "body")
    return body


def _optional_text(data: dict, field: str, limit: int) -> str | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text", field)
    if len(value) > limit:
        raise ValidationError(f"{field} is longer than {limit} characters", field)
    if _CONTROL.search(value):
        raise ValidationError(f"{field} contains control characters", field)
    return " ".join(value.split()) or None


def _url(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_URL:
        raise ValidationError(f"url must be text of at most {MAX_URL} characters", "url")
    url = value.strip()
    if _CONTROL.search(url) or any(char.isspace() for char in url):
        raise ValidationError("url must not contain spaces or control characters", "url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ValidationError("url is not a valid URL", "url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("url must be an http or https URL", "url")
    return url


def _language(value: object) -> str:
    if value is None or value == "":
        return "en"
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise ValidationError("language must be a language code such as 'en' or 'pt-BR'", "language")
    return value


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
