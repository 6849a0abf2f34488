"""Query parameters read into a pydantic model, refused in the one error shape.

A model is the one description of an endpoint's query parameters: read_query validates with it
and views/openapi.py documents its JSON schema, so the documented limits are the enforced ones.
An empty value (as an HTML form sends) means the parameter was not given.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated

import pydantic
from pydantic import BeforeValidator, Field, ValidationInfo

from archive.errors import ValidationError

_INTEGER = re.compile(r"-?[0-9]+")


def _whole_number(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str) and not _INTEGER.fullmatch(value):
        raise ValidationError(f"{info.field_name} must be a whole number", info.field_name)
    return value


def number(low: int, high: int, default: int, description: str):
    """An integer parameter from low to high (digits only, as today)."""
    return Annotated[int, Field(default, ge=low, le=high, description=description), BeforeValidator(_whole_number)]


def one(args: Mapping, key: str) -> str | None:
    """The single value of a parameter; given twice is refused."""
    if hasattr(args, "getlist") and len(args.getlist(key)) > 1:
        raise ValidationError(f"{key} may be given only once", key)
    value = args.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return value


def read_query(model: type[pydantic.BaseModel], args, lists: frozenset[str] = frozenset(),
               meanings: Mapping[str, str] | None = None) -> pydantic.BaseModel:
    """Validate a Werkzeug MultiDict (or a plain mapping of lists); `lists` are the repeatable
    parameters, `meanings` messages for a pydantic error type ("{key} must be ...")."""
    get_list = args.getlist if hasattr(args, "getlist") else (lambda k: list(args.get(k, [])))
    given = {}
    for name in model.model_fields:
        if name in lists:
            given[name] = get_list(name)
        elif value := one(args, name):
            given[name] = value
    try:
        return model.model_validate(given)
    except pydantic.ValidationError as error:
        raise refusal(model, error.errors()[0], meanings or {}) from None


def refusal(model: type[pydantic.BaseModel], error: dict, meanings: Mapping[str, str]) -> ValidationError:
    """The message for the first thing the model refused, read from the limit it broke."""
    key = str(error["loc"][0])
    if error["type"] in meanings:
        return ValidationError(meanings[error["type"]].format(key=key), key)
    rule = model.model_json_schema()["properties"][key]
    messages = {
        "string_too_long": f"{key} is longer than {rule.get('maxLength')} characters",
        "too_long": f"at most {rule.get('maxItems')} values of {key}",
        "string_pattern_mismatch": f"{key} must match {rule.get('pattern')}",
        "literal_error": f"{key} must be one of {', '.join(rule.get('enum', ()))}",
        "greater_than_equal": f"{key} must be between {rule.get('minimum')} and {rule.get('maximum')}",
        "less_than_equal": f"{key} must be between {rule.get('minimum')} and {rule.get('maximum')}",
    }
    return ValidationError(messages.get(error["type"], f"{key} is not valid"), key)


# Actors and places by name prefix (GET /actors, /places).
LOOKUP_QUERY = pydantic.create_model(
    "LookupQuery", q=(str, Field("", max_length=200, description="Name prefix")))
# The latest ingest jobs (GET /jobs).
JOBS_QUERY = pydantic.create_model("JobsQuery", limit=number(1, 200, 20, "How many"))
