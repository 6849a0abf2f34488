"""The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json)."""
from __future__ import annotations

from archive.ingest.batch import MAX_BATCH
from archive.ingest.records import ArticleBody
from archive.models.base import MAX_ID
from archive.search.parser import SEARCH_QUERY
from archive.settings import SETTINGS
from archive.views.bodies import ArticleBatch, JobRequest, SourceChange, SourceRequest
from archive.shapes import JOBS_QUERY, LOOKUP_QUERY

MAX_ARTICLE_CHARS = next(s.default for s in SETTINGS if s.key == "MAX_ARTICLE_CHARS")


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {str(code): _json(_ref("Error"), text) for code, text in (
    (400, "Malformed request: the message says what is wrong"),
    (401, "Missing or invalid bearer token"),
    (404, "No such resource"),
    (405, "Method not allowed on this path"),
    (409, "The current state forbids it (already merged, rejected or undone; later edits depend on it)"),
    (413, "Request body too large"),
    (503, "The search ran past its time budget (ARCHIVE_SEARCH_TIME_LIMIT) and was stopped; narrow it"),
)}
NULLABLE_STRING = {"type": ["string", "null"]}

def _plain(schema: dict) -> dict:
    """A pydantic property schema as the document writes it: no generated title or null default,
    and an optional value as {"type": [..., "null"]} rather than anyOf."""
    schema = {key: value for key, value in schema.items() if key not in ("title", "default")}
    options = schema.pop("anyOf", None)
    if options:
        (value,) = [option for option in options if option != {"type": "null"}]
        schema = {**value, **schema, "type": [value["type"], "null"]}
    return schema


def _model_schema(model, **extra: dict) -> dict:
    """The JSON schema of a request body from the pydantic model that validates it; `extra` adds
    limits that are settings (the model cannot know them), by property."""
    generated = model.model_json_schema()
    properties = {name: {**_plain(schema), **extra.get(name, {})}
                  for name, schema in generated["properties"].items()}
    required = {"required": generated["required"]} if generated.get("required") else {}
    return {"type": "object", **required, "properties": properties}


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["status", "code", "message"],
        "properties": {"status": {"type": "integer"}, "code": {"type": "string"},
                       "message": {"type": "string"}, "field": {"type": "string"}}}}},
    "Mention": {"type": "object", "required": ["text", "start", "end"], "properties": {
        "text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}},
    "Entity": {"type": "object", "required": ["id", "name", "kind"], "properties": {
        "id": {"type": ["integer", "null"]}, "name": {"type": "string"},
        "kind": {"type": "string", "enum": ["person", "organization", "place"]},
        "place_kind": NULLABLE_STRING, "country_code": NULLABLE_STRING,
        "lat": {"type": ["number", "null"]}, "lon": {"type": ["number", "null"]},
        "gazetteer_id": NULLABLE_STRING, "article_count": {"type": "integer"},
        "mentions": {"type": "array", "items": _ref("Mention")}}},
    "DateMention": {"type": "object", "required": ["text", "value", "start", "end"], "properties": {
        "text": {"type": "string"}, "value": {"type": "string", "description": "TimeML value"},
        "start": {"type": "integer"}, "end": {"type": "integer"}}},
    "Article": {"type": "object", "required": ["id", "title", "body", "actors", "places", "dates"], "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "url": NULLABLE_STRING,
        "source": NULLABLE_STRING, "author": NULLABLE_STRING, "language": {"type": "string"},
        "published_at": NULLABLE_STRING, "ingested_at": NULLABLE_STRING, "updated_at": NULLABLE_STRING,
        "body": {"type": "string"}, "duplicate": {"type": "boolean"}, "updated": {"type": "boolean"},
        "actors": {"type": "array", "items": _ref("Entity")},
        "places": {"type": "array", "items": _ref("Entity")},
        "dates": {"type": "array", "items": _ref("DateMention")}}},
    "ArticleInput": _model_schema(ArticleBody, body={"maxLength": MAX_ARTICLE_CHARS}),
    "ArticleBatch": _model_schema(ArticleBatch, articles={"items": {"anyOf": [_ref("ArticleInput"), {}]}}),
    "BatchResult": {"type": "object", "required": ["results"], "properties": {
        "results": {"type": "array", "description": "One outcome per article, in order", "items": {
            "type": "object", "required": ["status"], "properties": {
                "status": {"type": "string", "enum": ["created", "updated", "duplicate", "failed"]},
                "id": {"type": "integer", "description": "The stored article (created, updated or duplicate)"},
                "error": {"type": "object", "required": ["status", "code", "message"],
                          "description": "Why the article failed (the error shape without its wrapper)",
                          "properties": {"status": {"type": "integer"}, "code": {"type": "string"},
                                         "message": {"type": "string"}, "field": {"type": "string"}}}}}}}},
    "Extraction": {"type": "object", "required": ["body", "actors", "places", "dates"], "properties": {
        "body": {"type": "string", "description": "The normalised body the offsets index into"},
        "actors": {"type": "array", "items": _ref("Entity")},
        "places": {"type": "array", "items": _ref("Entity")},
        "dates": {"type": "array", "items": _ref("DateMention")}}},
    "Facet": {"type": "object", "required": ["results", "truncated"], "properties": {
        "name": {"type": "string"}, "truncated": {"type": "boolean"},
        "results": {"type": "array", "items": {"type": "object",
                                               "required": ["value", "label", "count", "selected"],
                                               "properties": {"value": {"type": "string"},
                                                              "label": {"type": "string"},
                                                              "count": {"type": "integer"},
                                                              "selected": {"type": "boolean"}}}}}},
    "SearchHit": {"type": "object", "required": ["id", "title", "snippet"], "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "url": NULLABLE_STRING,
        "source": NULLABLE_STRING, "published_at": NULLABLE_STRING, "score": {"type": ["number", "null"]},
        "snippet": {"type": "string", "description": "HTML: matches in <mark>, everything else escaped"},
        "actors": {"type": "array", "items": _ref("Entity")}, "places": {"type": "array", "items": _ref("Entity")},
        "similar_count": {"type": "integer", "minimum": 0,
                          "description": "Other stored versions of this story (near-duplicates), shown as this one hit"},
        "dup_group": {"type": ["integer", "null"],
                      "description": "Id of the first article of its near-duplicate group; null when alone"}}},
    "SearchResult": {"type": "object", "required": ["total", "page", "per_page", "results", "facets"], "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "pages": {"type": "integer"}, "sort": {"type": "string"},
        "groups": {"type": ["integer", "null"],
                   "description": "Matches with each near-duplicate group counted once (total counts every article)"},
        "results": {"type": "array", "items": _ref("SearchHit")},
        "facets": {"type": "object", "additionalProperties": _ref("Facet")},
        "notice": {"type": ["string", "null"],
                   "description": "Why the query matched nothing before any search (only common words); else null"}}},
    "EntityList": {"type": "object", "required": ["results"], "properties": {
        "results": {"type": "array", "items": _ref("Entity")}}},
    "EntityEdit": {"type": "object", "required": ["id", "action", "entity_id", "summary", "created_by", "created_at"],
                   "properties": {
        "id": {"type": "integer"}, "action": {"type": "string", "enum": ["merge", "rename", "reject"]},
        "entity_id": {"type": "integer", "description": "The entity edited (merge: the one merged away)"},
        "other_entity_id": {"type": ["integer", "null"], "description": "merge: the entity merged into"},
        "name_before": NULLABLE_STRING, "name_after": NULLABLE_STRING, "summary": {"type": "string"},
        "created_by": {"type": "string", "description": "The admin user or API token that made the edit"},
        "created_at": {"type": "string"}, "undone_at": NULLABLE_STRING, "undone_by": NULLABLE_STRING}},
    "Job": {"type": "object", "required": ["id", "kind", "source", "status", "counts", "progress", "failures"],
            "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string", "description": "files, seed, paste, upload, url, api or source"},
        "source": {"type": "string"}, "status": {"type": "string", "enum": ["queued", "running", "done"]},
        "created_by": NULLABLE_STRING, "created_at": NULLABLE_STRING, "started_at": NULLABLE_STRING,
        "finished_at": NULLABLE_STRING, "retried": {"type": "integer"},
        "counts": {"type": "object", "properties": {k: {"type": "integer"} for k in (
            "total", "pending", "claimed", "created", "duplicate", "failed")}},
        "progress": {"type": "number", "minimum": 0, "maximum": 1},
        "failures": {"type": "array", "items": {"type": "object", "properties": {
            "item": {"type": "integer"}, "origin": {"type": "string"}, "reason": NULLABLE_STRING}}}}},
    "Source": {"type": "object", "required": ["id", "url", "every", "status", "failures", "articles_24h"],
               "properties": {
        "id": {"type": "integer"}, "url": {"type": "string"}, "name": NULLABLE_STRING,
        "every": {"type": "integer", "description": "Seconds between polls"},
        "status": {"type": "string", "enum": ["active", "paused"]}, "paused_reason": NULLABLE_STRING,
        "next_poll_at": NULLABLE_STRING, "last_polled_at": NULLABLE_STRING, "created_at": NULLABLE_STRING,
        "last_result": {**NULLABLE_STRING, "description": "What the last poll did (or its error)"},
        "last_error": NULLABLE_STRING, "failures": {"type": "integer", "description": "Failed polls in a row"},
        "last_job_id": {"type": ["integer", "null"], "description": "The job of the last poll that found entries"},
        "articles_24h": {"type": "integer", "description": "Articles it brought in the last 24 hours"},
        "failed_24h": {"type": "integer", "description": "Entries that failed in the last 24 hours"},
        "last_new_at": {**NULLABLE_STRING, "description": "When its last new article was stored"}}},
    "MergeSuggestion": {"type": "object", "required": ["reason", "entity", "into"], "properties": {
        "reason": {"type": "string", "enum": ["surname", "acronym", "inside", "same place"],
                   "description": "Why the two look like one: a surname and the one full name ending with it, an "
                                  "acronym and its expansion, one name inside another, one place name twice"},
        "entity": {**_ref("Entity"), "description": "The entity to merge away, with its article_count"},
        "into": {**_ref("Entity"), "description": "The entity to merge it into, with its article_count"}}},
    "SuggestionList": {"type": "object", "required": ["results"], "properties": {
        "results": {"type": "array", "items": _ref("MergeSuggestion"),
                    "description": "Most articles first; merge with POST /entities/{entity.id}/merge {into: into.id}"}}},
    "EditList": {"type": "object", "required": ["results"], "properties": {
        "results": {"type": "array", "items": _ref("EntityEdit"), "description": "The latest edits, newest first"}}},
}

def _query_params(model) -> list[dict]:
    """The query parameters a pydantic model validates, documented from its own JSON schema."""
    params = []
    for name, schema in model.model_json_schema()["properties"].items():
        schema = {key: value for key, value in schema.items() if key not in ("title", "default")}
        description = schema.pop("description", "")
        repeat = schema.get("type") == "array"
        params.append({"name": name, "in": "query", "required": False, "description": description,
                       "schema": schema, "allowEmptyValue": True,
                       **({"style": "form", "explode": True} if repeat else {})})
    return params


SEARCH_PARAMS = _query_params(SEARCH_QUERY)
BEARER = [{"bearer": []}]
EXPORT_PARAMS = [p for p in SEARCH_PARAMS if p["name"] not in ("page", "per_page", "facet_size", "facets")]
EXPORT_COLUMNS = "id, title, url, source, author, published_at, ingested_at, actors, places, dates"


def _export(summary: str, media_type: str, description: str) -> dict:
    """A search export: every matching article, streamed (the search parameters without paging)."""
    return {"get": {"summary": summary, "parameters": EXPORT_PARAMS, "responses": {
        "200": {"description": description, "content": {media_type: {"schema": {"type": "string"}}},
                "headers": {"Content-Disposition": {"description": "attachment; filename=...",
                                                    "schema": {"type": "string"}}}},
        "400": ERRORS["400"]}}}


def _paths() -> dict:
    article_id = {"name": "article_id", "in": "path", "required": True,
                  "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
    lookup = _query_params(LOOKUP_QUERY)
    return {
        "/search": {"get": {"summary": "Search articles with facets", "parameters": SEARCH_PARAMS,
                            "responses": {"200": _json(_ref("SearchResult"), "A page of results"),
                                          "400": ERRORS["400"], "503": ERRORS["503"]}}},
        "/search.csv": _export("Every article of a search as CSV", "text/csv",
                               f"Columns {EXPORT_COLUMNS}; lists joined with '; '; a cell starting with "
                               "=, +, -, @, tab or CR is prefixed with ' (no formulas)"),
        "/search.jsonl": _export("Every article of a search as JSON Lines", "application/x-ndjson",
                                 f"One JSON object a line: {EXPORT_COLUMNS} (lists of strings) and body"),
        "/articles": {"post": _admin_post("Ingest one article", _ref("ArticleInput"), {
            "201": _json(_ref("Article"), "Created"),
            "200": _json(_ref("Article"), "Already stored: the existing article, duplicate=true")})},
        "/articles/batch": {"post": _admin_post(
            f"Ingest up to {MAX_BATCH} articles; each gets its own outcome", _ref("ArticleBatch"),
            {"200": _json(_ref("BatchResult"), "One result per article, in order")})},
        "/articles/{article_id}": {
            "get": {"summary": "An article with its actors, places and dates", "parameters": [article_id],
                    "responses": {"200": _json(_ref("Article"), "The article"), "404": ERRORS["404"]}},
            "delete": {"summary": "Delete an article (database and index)", "parameters": [article_id],
                       "security": BEARER,
                       "responses": {"204": {"description": "Deleted"}, "401": ERRORS["401"],
                                     "404": ERRORS["404"]}}},
        "/extract": {"post": _admin_post("Extract actors, places and dates without storing", {
            "type": "object", "required": ["body"],
            "properties": {"body": SCHEMAS["ArticleInput"]["properties"]["body"],
                           "published_at": SCHEMAS["ArticleInput"]["properties"]["published_at"]}},
            {"200": _json(_ref("Extraction"), "What was found"),
             "429": {**_json(_ref("Error"), "More than ARCHIVE_EXTRACT_RATE_LIMIT calls (30 by default) with "
                                            "this token in the last minute"),
                     "headers": {"Retry-After": {"description": "Seconds until a call is allowed again",
                                                 "schema": {"type": "integer", "minimum": 1}}}}})},
        "/actors": {"get": {"summary": "Actors by name prefix, with article counts", "parameters": lookup,
                            "responses": {"200": _json(_ref("EntityList"), "Matching actors"),
                                          "400": ERRORS["400"]}}},
        "/places": {"get": {"summary": "Places by name prefix, with article counts", "parameters": lookup,
                            "responses": {"200": _json(_ref("EntityList"), "Matching places"),
                                          "400": ERRORS["400"]}}},
        "/openapi.json": {"get": {"summary": "This document",
                                  "responses": {"200": {"description": "OpenAPI document"}}}},
        **_curation_paths(),
        **_job_paths(),
        **_source_paths(),
    }


def _source_paths() -> dict:
    """Followed sources (admin): feeds and sitemaps polled on an interval."""
    source_id = {"name": "source_id", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
    source = _json(_ref("Source"), "The source and what it has done lately")
    found = {"200": source, "401": ERRORS["401"], "404": ERRORS["404"]}
    return {
        "/sources": {
            "get": {"summary": "Followed sources", "security": BEARER,
                    "responses": {"200": _json({"type": "object", "required": ["sources"], "properties": {
                        "sources": {"type": "array", "items": _ref("Source")}}}, "Oldest first"),
                        "401": ERRORS["401"]}},
            "post": _admin_post("Follow a feed or sitemap (first polled at once)", _model_schema(SourceRequest),
                                {"201": source, "409": _json(_ref("Error"), "The URL is followed already")})},
        "/sources/{source_id}": {
            "get": {"summary": "A followed source", "security": BEARER, "parameters": [source_id],
                    "responses": found},
            "patch": {**_admin_post("Change the interval or name, pause or resume", _model_schema(SourceChange),
                                    {**found}), "parameters": [source_id]},
            "delete": {"summary": "Stop following (its articles stay)", "security": BEARER,
                       "parameters": [source_id],
                       "responses": {"204": {"description": "No longer followed"}, "401": ERRORS["401"],
                                     "404": ERRORS["404"]}}},
    }


def _job_paths() -> dict:
    """Ingest jobs (admin): queue articles or URLs, follow a job, retry its failures."""
    job_id = {"name": "job_id", "in": "path", "required": True,
              "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
    job = _json(_ref("Job"), "The job's report")
    body = {**_model_schema(JobRequest, articles={"items": {"anyOf": [_ref("ArticleInput"), {}]}}),
            "description": "At least one article or URL"}
    return {
        "/jobs": {
            "post": _admin_post("Queue articles or URLs as an ingest job, run in the background", body,
                                {"202": {**job, "headers": {"Location": {"description": "The job's URL",
                                                                         "schema": {"type": "string"}}}}}),
            "get": {"summary": "The latest ingest jobs", "security": BEARER,
                    "parameters": _query_params(JOBS_QUERY),
                    "responses": {"200": _json({"type": "object", "required": ["jobs"], "properties": {
                        "jobs": {"type": "array", "items": _ref("Job")}}}, "Newest first"),
                        "400": ERRORS["400"], "401": ERRORS["401"]}}},
        "/jobs/{job_id}": {"get": {"summary": "An ingest job's report: counts, progress and failures",
                                   "security": BEARER, "parameters": [job_id],
                                   "responses": {"200": job, "401": ERRORS["401"], "404": ERRORS["404"]}}},
        "/jobs/{job_id}/retry": {"post": {"summary": "Queue the job's failed items again", "security": BEARER,
                                          "parameters": [job_id],
                                          "responses": {"202": job, "401": ERRORS["401"], "404": ERRORS["404"]}}},
    }


def _curation_paths() -> dict:
    """Entity curation (admin): merge, rename, not-an-entity, the edit log and undo."""
    entity_id = {"name": "entity_id", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
    edit_id = {**entity_id, "name": "edit_id"}
    edit = _json(_ref("EntityEdit"), "The edit, as recorded in the edit log")
    refused = {k: ERRORS[k] for k in ("404", "409")}
    admin = {"security": BEARER, "responses": {"200": edit, "401": ERRORS["401"], **refused}}
    return {
        "/entities/suggestions": {"get": {
            "summary": "Likely duplicate entities that remain, with article counts, to merge in one call",
            "security": BEARER, "responses": {"200": _json(_ref("SuggestionList"), "Merge suggestions"),
                                              "401": ERRORS["401"]}}},
        "/entities/{entity_id}/merge": {"post": {**_admin_post(
            "Merge this entity into another of its group (actor or place); it disappears everywhere",
            {"type": "object", "required": ["into"], "properties": {"into": {
                "type": ["integer", "string"], "description": "The id (or the name) of the entity to merge into"}}},
            {"200": edit, **refused}), "parameters": [entity_id]}},
        "/entities/{entity_id}/rename": {"post": {**_admin_post(
            "Rename an entity; the old name stays an alias for searches",
            {"type": "object", "required": ["name"],
             "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 300}}},
            {"200": edit, **refused}), "parameters": [entity_id]}},
        "/entities/{entity_id}/reject": {"post": {
            "summary": "Mark as not an entity: removed from every article; ingest skips the name from now on",
            "parameters": [entity_id], **admin}},
        "/edits": {"get": {"summary": "The latest entity edits, newest first", "security": BEARER,
                           "responses": {"200": _json(_ref("EditList"), "Edits"), "401": ERRORS["401"]}}},
        "/edits/{edit_id}/undo": {"post": {
            "summary": "Undo an edit exactly (refused while later edits of the same entities stand)",
            "parameters": [edit_id], **admin}},
    }


def _admin_post(summary: str, body: dict, responses: dict) -> dict:
    """A POST that needs the bearer token and takes a JSON body."""
    return {"summary": summary, "security": BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {**responses, **{k: ERRORS[k] for k in ("400", "401", "413")}}}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "News archive API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(),
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
