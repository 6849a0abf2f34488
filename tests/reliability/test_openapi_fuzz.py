"""The API against its own OpenAPI document (schemathesis, in-process over WSGI).

Every operation gets valid and invalid generated requests; no answer may be a
5xx, and every answer must match the documented status codes, content types
and response schemas. Invalid requests must be refused with a 4xx.
"""
from __future__ import annotations

import random

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from archive.views.openapi import openapi_document
from tests.conftest import ADMIN_TOKEN, make_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
DOCUMENT = openapi_document()
# POST /jobs fetches the URLs it is given: generated host names would have the fuzzer resolve and
# connect to the outside world. Its validation is tested in tests/jobs; the other job routes are fuzzed.
NOT_FUZZED = {"POST /jobs"}
OPERATIONS = [label for path, ops in DOCUMENT["paths"].items() for method in ops
              if (label := f"{method.upper()} {path}") not in NOT_FUZZED]
# Operations that take input: only those have invalid requests to make.
WITH_INPUT = [label for path, ops in DOCUMENT["paths"].items() for method, op in ops.items()
              if (op.get("parameters") or op.get("requestBody")) and (label := f"{method.upper()} {path}") not in NOT_FUZZED]
EXAMPLES = 25  # per operation and mode: the whole module stays well under a minute


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    """The document as the running app serves it, over a seeded archive."""
    app = make_app(tmp_path_factory.mktemp("fuzz") / "data")
    assert app.test_cli_runner().invoke(args=["archive", "seed"]).exit_code == 0
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def run_cases(operation, mode: GenerationMode, checks) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        # Hypothesis seeds the global `random` identically for every example, and Whoosh names
        # new segments with it: without fresh entropy two writes would pick the same file names.
        random.seed()
        case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, checks=checks)

    run()


@pytest.mark.parametrize("label", OPERATIONS)
def test_valid_requests_get_documented_answers(api_schema, label):
    run_cases(api_schema.find_operation_by_label(label), GenerationMode.POSITIVE, CHECKS)


@pytest.mark.parametrize("label", WITH_INPUT)
def test_invalid_requests_are_refused_with_documented_answers(api_schema, label):
    operation = api_schema.find_operation_by_label(label)
    # On the wire every query value is a string, so a "number where a string is expected" in
    # a query is indistinguishable from a valid string: there, only no-5xx and conformance apply.
    in_query = any(p.get("in") == "query" for p in operation.definition.raw.get("parameters", []))
    run_cases(operation, GenerationMode.NEGATIVE, CHECKS if in_query else CHECKS + [negative_data_rejection])
