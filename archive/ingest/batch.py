"""The body of POST /api/v1/articles/batch: a non-empty list of at most MAX_BATCH articles."""
from __future__ import annotations

from archive.errors import ValidationError

MAX_BATCH = 100  # articles in one POST /articles/batch


def batch_items(data: dict) -> list:
    """The batch's articles (each validated on its own later), or a ValidationError for the whole batch."""
    items = data.get("articles")
    if not isinstance(items, list) or not items:
        raise ValidationError("articles must be a non-empty list of article objects", "articles")
    if len(items) > MAX_BATCH:
        raise ValidationError(f"at most {MAX_BATCH} articles in one batch (got {len(items)})", "articles")
    return items
