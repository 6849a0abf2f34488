"""Structured logs: a request id on every response and every record of the request, JSON lines."""
from __future__ import annotations

import io
import json
import logging
import re
import sys
import urllib.request
from contextlib import contextmanager

import pytest

from archive.observe.logs import JsonFormatter, RequestIdFilter, TextFormatter, request_id_from
from archive.settings import SettingError, from_environment, log_format
from tests.conftest import ADMIN_TOKEN
from tests.servers import gunicorn

HEX_ID = re.compile(r"[0-9a-f]{32}")


@contextmanager
def captured(formatter: logging.Formatter):
    """Lines the app logs (level INFO and up) through `formatter`, with the request id filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("archive")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def json_lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_new_request_id_on_every_response(client):
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/no/such/page").headers["X-Request-ID"]
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second) and first != second


def test_a_supplied_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a:trace/42"})
    assert response.headers["X-Request-ID"] == "lb-7f3a:trace/42"


@pytest.mark.parametrize("supplied", ["x" * 1000, "abc\ninjected: yes", 'quote"d', "spa ce", "", "ünï"])
def test_an_unsafe_request_id_is_replaced(client, supplied):
    response = client.get("/healthz", environ_overrides={"HTTP_X_REQUEST_ID": supplied})
    assert HEX_ID.fullmatch(response.headers["X-Request-ID"])


def test_request_id_rules():
    assert request_id_from("a" * 200) == "a" * 200
    assert request_id_from("a" * 201) != "a" * 201
    assert HEX_ID.fullmatch(request_id_from(None))


def test_json_access_line_and_records_carry_the_request_id(app, client):
    @app.get("/test-logs")
    def logs_something():
        logging.getLogger("archive.somewhere").warning("disk %s is slow", "sda")
        return "ok"

    with captured(JsonFormatter()) as stream:
        response = client.get("/test-logs?secret=query", headers={"X-Request-ID": "req-1"})
    request_id = response.headers["X-Request-ID"]
    assert request_id == "req-1"
    record, access = json_lines(stream)
    assert record["logger"] == "archive.somewhere" and record["message"] == "disk sda is slow"
    assert record["level"] == "WARNING" and record["request_id"] == request_id
    assert access["logger"] == "archive.access" and access["request_id"] == request_id
    assert {k: access[k] for k in ("method", "path", "endpoint", "status")} == {
        "method": "GET", "path": "/test-logs", "endpoint": "logs_something", "status": 200}
    assert isinstance(access["duration_ms"], float) and access["time"].endswith("+00:00")
    assert "secret" not in stream.getvalue()  # the path, never the query string


def test_a_path_cannot_forge_a_log_line(client):
    with captured(TextFormatter()) as stream:
        client.get("/x%0A2026-01-01 [INFO] forged")
    [line] = stream.getvalue().splitlines()
    assert "GET /x%0A2026-01-01%20%5BINFO%5D%20forged 404" in line


def test_bodies_and_tokens_are_never_logged(client):
    with captured(JsonFormatter()) as stream:
        response = client.post("/api/v1/articles", json={"body": "private draft text", "published_at": "not a date"},
                               headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 400
    [access] = json_lines(stream)
    assert access["status"] == 400 and access["endpoint"] == "api.post_article"
    assert ADMIN_TOKEN not in stream.getvalue() and "private draft" not in stream.getvalue()


def test_exceptions_are_one_json_line():
    record = logging.LogRecord("archive.x", logging.ERROR, __file__, 1, "failed %s", ("here",), None)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed here" and "RuntimeError: boom" in entry["exception"]


def test_text_lines_carry_the_request_id(client):
    with captured(TextFormatter()) as stream:
        response = client.get("/healthz")
    assert stream.getvalue().rstrip().endswith(f"[request_id={response.headers['X-Request-ID']}]")
    assert "archive.access: GET /healthz 200" in stream.getvalue()


def test_log_format_setting():
    assert log_format(from_environment({})) == "text"
    assert log_format(from_environment({"ARCHIVE_ENV": "production"})) == "json"
    assert log_format(from_environment({"ARCHIVE_ENV": "production", "ARCHIVE_LOG_FORMAT": "text"})) == "text"
    assert log_format(from_environment({"ARCHIVE_LOG_FORMAT": "JSON"})) == "json"
    with pytest.raises(SettingError, match="ARCHIVE_LOG_FORMAT"):
        from_environment({"ARCHIVE_LOG_FORMAT": "xml"})


def test_gunicorn_logs_json_lines(tmp_path):
    """Under gunicorn every line (the app's and gunicorn's own) is JSON; both access lines
    of a request carry the id the response returned."""
    data_dir = tmp_path / "data"
    with gunicorn(data_dir, workers=2, ARCHIVE_LOG_FORMAT="json") as (server, _env):
        request = urllib.request.Request(server + "/api/v1/search?q=tram", headers={"X-Request-ID": "trace-42"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["X-Request-ID"] == "trace-42"
        with urllib.request.urlopen(server + "/healthz", timeout=60) as response:
            generated = response.headers["X-Request-ID"]
    lines = [json.loads(line) for line in (data_dir / "gunicorn.log").read_text().splitlines() if line.strip()]
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # "Booting worker", and so on
    for request_id, endpoint in (("trace-42", "api.search"), (generated, "health.healthz")):
        [app_line] = [line for line in lines if line["logger"] == "archive.access"
                      and line.get("request_id") == request_id]
        assert app_line["endpoint"] == endpoint and app_line["status"] == 200
        [server_line] = [line for line in lines if line["logger"] == "gunicorn.access"
                         and line.get("request_id") == request_id]
        assert server_line["status"] == 200 and server_line["request"].startswith("GET /")
