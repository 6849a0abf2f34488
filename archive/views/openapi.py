"""The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json)."""
from __future__ import annotations


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _param(name: str, description: str, schema: dict, repeat: bool = False) -> dict:
    if repeat:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema,
            **({"style": "form", "explode": True} if repeat else {})}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {str(code): _json(_ref("Error"), text) for code, text in (
    (400, "Malformed request: the message says what is wrong"),
    (401, "Missing or invalid bearer token"),
    (404, "No such resource"),
    (413, "Request body too large"),
)}
NULLABLE_STRING = {"type": ["string", "null"]}
DATE_PARAM = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}

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
        "source": NULLABLE_STRING, "language": {"type": "string"},
        "published_at": NULLABLE_STRING, "ingested_at": NULLABLE_STRING, "updated_at": NULLABLE_STRING,
        "body": {"type": "string"}, "duplicate": {"type": "boolean"},
        "actors": {"type": "array", "items": _ref("Entity")},
        "places": {"type": "array", "items": _ref("Entity")},
        "dates": {"type": "array", "items": _ref("DateMention")}}},
    "ArticleInput": {"type": "object", "required": ["body"], "properties": {
        "body": {"type": "string", "minLength": 1}, "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"}, "source": {"type": "string"},
        "published_at": {"type": "string", "description": "ISO 8601 date or date-time"},
        "language": {"type": "string"}}},
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
        "actors": {"type": "array", "items": _ref("Entity")}, "places": {"type": "array", "items": _ref("Entity")}}},
    "SearchResult": {"type": "object", "required": ["total", "page", "per_page", "results", "facets"], "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "pages": {"type": "integer"}, "sort": {"type": "string"},
        "results": {"type": "array", "items": _ref("SearchHit")},
        "facets": {"type": "object", "additionalProperties": _ref("Facet")}}},
    "EntityList": {"type": "object", "required": ["results"], "properties": {
        "results": {"type": "array", "items": _ref("Entity")}}},
}

SEARCH_PARAMS = [
    _param("q", 'Words (all required), "phrases", OR, NOT or -word, title:word. Empty lists newest first.',
           {"type": "string", "maxLength": 1000}),
    _param("actor", "Actor id or name; repeat for alternatives", {"type": "string"}, repeat=True),
    _param("place", "Place id or name; repeat for alternatives", {"type": "string"}, repeat=True),
    _param("country", "ISO country code of a place mentioned", {"type": "string"}, repeat=True),
    _param("source", "Source name", {"type": "string"}, repeat=True),
    _param("published_from", "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)", DATE_PARAM),
    _param("published_to", "Published on or before (the whole period)", DATE_PARAM),
    _param("mentioned_from", "Mentions a date on or after", DATE_PARAM),
    _param("mentioned_to", "Mentions a date on or before", DATE_PARAM),
    _param("sort", "Order of results", {"type": "string", "enum": ["relevance", "newest", "oldest"]}),
    _param("page", "Page number", {"type": "integer", "minimum": 1, "maximum": 10000}),
    _param("per_page", "Results per page", {"type": "integer", "minimum": 1, "maximum": 100}),
    _param("facet_size", "Values per entity facet", {"type": "integer", "minimum": 1, "maximum": 100}),
]
BEARER = [{"bearer": []}]


def _paths() -> dict:
    article_id = {"name": "article_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    lookup = [_param("q", "Name prefix", {"type": "string", "maxLength": 200})]
    return {
        "/search": {"get": {"summary": "Search articles with facets", "parameters": SEARCH_PARAMS,
                            "responses": {"200": _json(_ref("SearchResult"), "A page of results"),
                                          "400": ERRORS["400"]}}},
        "/articles": {"post": {
            "summary": "Ingest one article", "security": BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("ArticleInput")}}},
            "responses": {"201": _json(_ref("Article"), "Created"),
                          "200": _json(_ref("Article"), "Already stored: the existing article, duplicate=true"),
                          **{k: ERRORS[k] for k in ("400", "401", "413")}}}},
        "/articles/{article_id}": {
            "get": {"summary": "An article with its actors, places and dates", "parameters": [article_id],
                    "responses": {"200": _json(_ref("Article"), "The article"), "404": ERRORS["404"]}},
            "delete": {"summary": "Delete an article (database and index)", "parameters": [article_id],
                       "security": BEARER,
                       "responses": {"204": {"description": "Deleted"}, "401": ERRORS["401"],
                                     "404": ERRORS["404"]}}},
        "/extract": {"post": {
            "summary": "Extract actors, places and dates without storing", "security": BEARER,
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["body"],
                "properties": {"body": {"type": "string"}, "published_at": {"type": "string"}}}}}},
            "responses": {"200": _json(_ref("Article"), "What was found"),
                          **{k: ERRORS[k] for k in ("400", "401", "413")}}}},
        "/actors": {"get": {"summary": "Actors by name prefix, with article counts", "parameters": lookup,
                            "responses": {"200": _json(_ref("EntityList"), "Matching actors"),
                                          "400": ERRORS["400"]}}},
        "/places": {"get": {"summary": "Places by name prefix, with article counts", "parameters": lookup,
                            "responses": {"200": _json(_ref("EntityList"), "Matching places"),
                                          "400": ERRORS["400"]}}},
        "/openapi.json": {"get": {"summary": "This document",
                                  "responses": {"200": {"description": "OpenAPI document"}}}},
    }


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "News archive API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(),
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
