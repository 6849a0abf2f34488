"""The OpenAPI document and the validators agree: every limit documented for a query parameter
(maximum, minimum, maxLength, maxItems, enum, pattern) is exactly the limit enforced, on the real
app. A value just inside is answered, one just outside is refused with a 400 naming the parameter.
The same holds for every field of the article body (ArticleInput), checked on its validator."""
import re

import pytest

from archive.errors import ValidationError
from archive.ingest.records import validate
from archive.views.openapi import MAX_ARTICLE_CHARS, openapi_document
from tests.conftest import make_app

# Dates on both sides of a documented pattern; which side each is on is read from the pattern.
PATTERN_CANDIDATES = ("2020", "2020-02", "2020-02-29", "202", "20201", "2020-2", "2020-02-2", "2020-02-29x",
                      "x2020", "2020/02", "")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("shapes") / "data")
    yield app.test_client()
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def query_parameters():
    """(path, parameter) for every query parameter of every GET operation the document describes."""
    document = openapi_document()
    return [pytest.param(path, param, id=f"{path}?{param['name']}")
            for path, operations in document["paths"].items() if "{" not in path
            for param in operations.get("get", {}).get("parameters", []) if param["in"] == "query"]


def cases(schema: dict) -> list[tuple[object, bool]]:
    """Values just inside (True) and just outside (False) each documented limit."""
    found = []
    if schema.get("type") == "array":
        most = schema["maxItems"]
        found += [([f"v{i}" for i in range(most)], True), ([f"v{i}" for i in range(most + 1)], False)]
    if "minimum" in schema:
        found += [(schema["minimum"], True), (schema["minimum"] - 1, False)]
    if "maximum" in schema:
        found += [(schema["maximum"], True), (schema["maximum"] + 1, False)]
    if "maxLength" in schema:
        found += [("a" * schema["maxLength"], True), ("a" * (schema["maxLength"] + 1), False)]
    if "enum" in schema:
        found += [(value, True) for value in schema["enum"]] + [("x" + schema["enum"][0], False)]
    if "pattern" in schema:
        found += [(value, bool(re.search(schema["pattern"], value))) for value in PATTERN_CANDIDATES if value]
    return found


def test_every_query_parameter_documents_a_limit():
    for case in query_parameters():
        path, param = case.values
        assert cases(param["schema"]), f"{path}?{param['name']} documents no limit to check"


@pytest.mark.parametrize(("path", "param"), query_parameters())
def test_documented_limits_are_the_enforced_limits(api, auth, path, param):
    names = {p["name"] for p in openapi_document()["paths"][path]["get"]["parameters"]}
    for value, accepted in cases(param["schema"]):
        query = {param["name"]: value}
        if param["name"] == "page" and "per_page" in names:
            query["per_page"] = 1  # page * per_page is capped too (MAX_DEPTH): the deepest page holds one
        with api.get(f"/api/v1{path}", query_string=query, headers=auth) as response:
            status, text = response.status_code, response.get_data(as_text=True)
        shown = f"{path}?{param['name']}={repr(value)[:40]}"
        if accepted:
            assert status == 200, f"{shown} was refused: {text[:200]}"
        else:
            assert status == 400, f"{shown} was not refused"
            assert response.get_json()["error"]["field"] == param["name"], shown


# Strings on both sides of the documented patterns of the article body's fields.
TEXT_CANDIDATES = ("x", "Kyiv desk", "", "   ", "a\tb", "a\nb", "a\r\nb", "a\x00b", "a\x1fb", "a\x7fb", "\x00",
                   "en", "pt-BR", "EN", "e", "english", "pt_BR", "http://example.org/a", " https://example.org/b ",
                   "HTTP://example.org/c", "ftp://example.org", "http://exa mple.org", "http://example.org/\x7f",
                   "example.org")


def body_properties():
    schema = openapi_document()["components"]["schemas"]["ArticleInput"]
    assert schema["required"] == ["body"]
    return [pytest.param(name, rule, id=name) for name, rule in schema["properties"].items()]


def body_cases(rule: dict) -> list[tuple[object, bool]]:
    """Values just inside (True) and just outside (False) each documented limit of one field."""
    if "integer" in rule["type"]:  # a whole number (version): not a string, not below its minimum
        return [(rule["minimum"], True), (rule["maximum"], True), (rule["minimum"] - 1, False),
                (rule["maximum"] + 1, False), ("5", False), (1.5, False), (True, False), (None, True)]
    pattern = rule.get("pattern")
    fits = [value for value in TEXT_CANDIDATES if value and (not pattern or re.search(pattern, value))]
    found = [(5, False), (["x"], False)]  # not a string
    if "null" in rule["type"]:
        found.append((None, True))
    if "maxLength" in rule:
        longest = fits[0].ljust(rule["maxLength"], "a")
        found += [(longest, True), (longest + "a", False)]
    if "minLength" in rule:
        found.append(("a" * (rule["minLength"] - 1), False))
    if pattern:
        found += [(value, bool(re.search(pattern, value))) for value in TEXT_CANDIDATES]
    return found


def test_the_article_body_requires_a_body():
    with pytest.raises(ValidationError) as refused:
        validate({"title": "No text"})
    assert refused.value.field == "body" and refused.value.status == 400


@pytest.mark.parametrize(("name", "rule"), body_properties())
def test_documented_body_limits_are_the_enforced_limits(name, rule):
    for value, accepted in body_cases(rule):
        article = {"body": value} if name == "body" else {"body": "Some text.", name: value}
        shown = f"{name}={repr(value)[:40]}"
        if accepted:
            validate(article, MAX_ARTICLE_CHARS)
        else:
            with pytest.raises(ValidationError) as refused:
                validate(article, MAX_ARTICLE_CHARS)
            assert (refused.value.field, refused.value.status) == (name, 400), shown


def test_documented_batch_size_is_the_enforced_size(api, auth):
    rule = openapi_document()["components"]["schemas"]["ArticleBatch"]["properties"]["articles"]
    least, most = rule["minItems"], rule["maxItems"]
    # Empty objects fail one by one (no body) without running extraction: the list itself is accepted.
    for count, accepted in ((least, True), (most, True), (least - 1, False), (most + 1, False)):
        response = api.post("/api/v1/articles/batch", json={"articles": [{}] * count}, headers=auth)
        if accepted:
            assert response.status_code == 200, count
            assert [r["status"] for r in response.get_json()["results"]] == ["failed"] * count
        else:
            assert response.status_code == 400, count
            assert response.get_json()["error"]["field"] == "articles"


def test_documented_job_limits_are_the_enforced_limits(api, auth):
    """POST /jobs: over the documented number of articles or URLs, or a URL over its length, is a 400."""
    rules = openapi_document()["paths"]["/jobs"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    articles, urls = rules["properties"]["articles"], rules["properties"]["urls"]
    too_long_url = "https://example.org/".ljust(urls["items"]["maxLength"] + 1, "a")
    for body, field in (({"articles": [{}] * (articles["maxItems"] + 1)}, "articles"),
                        ({"urls": ["https://example.org/"] * (urls["maxItems"] + 1)}, "urls"),
                        ({"urls": [too_long_url]}, "urls")):
        response = api.post("/api/v1/jobs", json=body, headers=auth)
        assert response.status_code == 400 and response.get_json()["error"]["field"] == field
    # Just inside: as many articles as documented are queued (each fails alone later: no body).
    response = api.post("/api/v1/jobs", json={"articles": [{}] * articles["maxItems"]}, headers=auth)
    assert response.status_code == 202
