"""The JSON bodies of API calls other than one article (archive/ingest/records.py has that one):
each a pydantic model that validates the body and is documented by views/openapi.py."""
from __future__ import annotations

from typing import Any

import pydantic
from pydantic import Field

from archive.errors import ValidationError
from archive.logic.articles import MAX_BATCH


class ArticleBatch(pydantic.BaseModel):
    """POST /articles/batch: the list is checked here, each article on its own when ingested."""
    model_config = pydantic.ConfigDict(strict=True, extra="ignore")

    articles: list[Any] = Field(min_length=1, max_length=MAX_BATCH, description=(
        "ArticleInput objects; each is validated on its own and a bad one is reported as failed in the results"))


def batch_items(data: dict) -> list:
    """The articles of a batch, or a ValidationError on the list itself."""
    try:
        return ArticleBatch.model_validate(data).articles
    except pydantic.ValidationError as error:
        if error.errors()[0]["type"] == "too_long":
            raise ValidationError(f"at most {MAX_BATCH} articles in one batch (got {len(data['articles'])})",
                                  "articles") from None
        raise ValidationError("articles must be a non-empty list of article objects", "articles") from None
