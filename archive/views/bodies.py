"""The JSON bodies of API calls other than one article (archive/ingest/records.py has that one):
each a pydantic model that validates the body and is documented by views/openapi.py."""
from __future__ import annotations

from typing import Annotated, Any

import pydantic
from pydantic import Field

from archive.errors import ValidationError
from archive.ingest.records import MAX_URL
from archive.ingest.batch import MAX_BATCH

MAX_JOB_ARTICLES = 10_000
MAX_JOB_URLS = 20


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


class JobRequest(pydantic.BaseModel):
    """POST /jobs: articles and/or URLs to ingest in the background."""
    model_config = pydantic.ConfigDict(strict=True, extra="ignore")

    articles: list[Any] = Field([], max_length=MAX_JOB_ARTICLES, description=(
        "Articles to ingest; each is validated on its own and a bad one fails alone"))
    urls: list[Annotated[str, Field(max_length=MAX_URL)]] = Field([], max_length=MAX_JOB_URLS, description=(
        "Web pages, feeds or wire documents, fetched now; each feed entry or wire story is an article"))


def job_request(data: dict) -> JobRequest:
    """The articles and URLs of a job, or a ValidationError naming the list at fault."""
    try:
        request = JobRequest.model_validate(data)
    except pydantic.ValidationError as error:
        if error.errors()[0]["loc"][0] == "articles":
            raise ValidationError(f"articles must be a list of at most {MAX_JOB_ARTICLES} objects",
                                  "articles") from None
        raise ValidationError(f"urls must be a list of at most {MAX_JOB_URLS} strings of at most {MAX_URL} "
                              "characters", "urls") from None
    if not request.articles and not request.urls:
        raise ValidationError("give articles or urls to ingest")
    return request


class SourceRequest(pydantic.BaseModel):
    """POST /sources: a feed or sitemap to follow."""
    model_config = pydantic.ConfigDict(strict=True, extra="ignore")

    url: str = Field(min_length=1, max_length=2000, description="An http(s) feed (RSS, Atom, JSON Feed), news "
                                                                 "sitemap, sitemap or sitemap index")
    every: str = Field("15m", max_length=20, description=(
        "Polling interval, from 1m to 7d: 90s, 15m, 2h, 1d or \"900\" (seconds)"))
    name: str | None = Field(None, max_length=200, description="The `source` of its articles when they name none")


class SourceChange(pydantic.BaseModel):
    """PATCH /sources/<id>: any of the interval, the name, paused."""
    model_config = pydantic.ConfigDict(strict=True, extra="ignore")

    every: str | None = Field(None, max_length=20, description="Polling interval, from 1m to 7d: 90s, 15m, 2h, 1d")
    name: str | None = Field(None, max_length=200, description="Default `source` name (\"\" removes it)")
    paused: bool | None = Field(None, description="true pauses polling; false resumes it at once")


def source_body(model: type[pydantic.BaseModel], data: dict) -> pydantic.BaseModel:
    """A source body, or a ValidationError naming the field at fault."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else None
        raise ValidationError(f"{field or 'the body'}: {first['msg']}", field) from None
