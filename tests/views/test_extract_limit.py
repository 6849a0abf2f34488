"""POST /api/v1/extract is rate-limited per token, counted in the database (so across workers)."""
from __future__ import annotations

import pytest

from tests.conftest import ADMIN_TOKEN, make_app

TEXT = {"body": "Olena Kovalenko of the World Bank met officials in Kyiv on Monday.", "published_at": "2023-03-15"}


@pytest.fixture
def limited_app(tmp_path):
    app = make_app(tmp_path / "data", EXTRACT_RATE_LIMIT=2)
    yield app
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_third_call_within_a_minute_is_429_with_the_error_body(limited_app):
    client = limited_app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 200
    refused = client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN))
    assert refused.status_code == 429
    error = refused.get_json()["error"]
    assert error["status"] == 429 and error["code"] == "rate_limited" and "2 extractions a minute" in error["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # A refused call spends nothing, and refusing does not lift the limit.
    assert client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 429


def test_each_token_has_its_own_budget(limited_app):
    client = limited_app.test_client()
    other = limited_app.test_cli_runner().invoke(args=["archive", "create-token", "robot"]).output.strip()
    for _ in range(2):
        assert client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 200
    assert client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 429
    for _ in range(2):
        assert client.post("/api/v1/extract", json=TEXT, headers=bearer(other)).status_code == 200
    assert client.post("/api/v1/extract", json=TEXT, headers=bearer(other)).status_code == 429


def test_the_budget_is_shared_by_apps_on_one_database(limited_app):
    """Two apps on one data folder stand for two gunicorn workers: the count is in the database."""
    second = make_app(limited_app.config["DATA_DIR"], EXTRACT_RATE_LIMIT=2)
    try:
        first_client, second_client = limited_app.test_client(), second.test_client()
        assert first_client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 200
        assert second_client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 200
        assert first_client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 429
        assert second_client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 429
    finally:
        second.extensions["archive.index"].close()
        second.extensions["archive.engine"].dispose()


def test_invalid_requests_spend_nothing(limited_app):
    client = limited_app.test_client()
    for _ in range(3):
        assert client.post("/api/v1/extract", json={"body": ""}, headers=bearer(ADMIN_TOKEN)).status_code == 400
    assert client.post("/api/v1/extract", json=TEXT, headers=bearer(ADMIN_TOKEN)).status_code == 200


def test_429_is_documented_for_extract(limited_app):
    document = limited_app.test_client().get("/api/v1/openapi.json").get_json()
    response = document["paths"]["/extract"]["post"]["responses"]["429"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "Retry-After" in response["headers"]
