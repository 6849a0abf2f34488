"""GET /metrics: Prometheus text of requests, ingests, extraction, search cache and index lag,
summed over every gunicorn worker."""
from __future__ import annotations

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from archive import db
from archive.models import Change
from archive.models.change import UPSERT
from tests.conftest import make_app
from tests.servers import gunicorn

ARTICLE = {"body": "The transport council of Lyon approved the new tram budget on Monday.",
           "published_at": "2024-03-04"}


def samples(text: str) -> list:
    return [sample for family in text_string_to_metric_families(text) for sample in family.samples]


def value(text: str, name: str, **labels: str) -> float:
    """The sum of the samples called `name` whose labels include `labels`."""
    return sum(s.value for s in samples(text) if s.name == name and labels.items() <= s.labels.items())


def scrape(client) -> str:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    return response.get_data(as_text=True)


def test_requests_ingests_extraction_and_index_lag(client, auth):
    assert client.get("/api/v1/search?q=tram").status_code == 200
    assert client.post("/api/v1/articles", json=ARTICLE, headers=auth).status_code == 201
    first = scrape(client)
    assert value(first, "archive_ingests_total", outcome="created") == 1
    assert value(first, "archive_ingests_total", outcome="duplicate") == 0
    assert client.post("/api/v1/articles", json=ARTICLE, headers=auth).status_code == 200
    text = scrape(client)
    latency = "archive_http_request_duration_seconds_count"
    assert value(text, latency, endpoint="api.search", method="GET", status="2xx") >= 1
    assert value(text, latency, endpoint="api.post_article", method="POST", status="2xx") == 2
    assert value(text, latency, endpoint="metrics.scrape") == 0  # scrapes are left out
    assert value(text, "archive_ingests_total", outcome="created") == 1
    assert value(text, "archive_ingests_total", outcome="duplicate") == 1
    assert value(text, "archive_ingests_total", outcome="failed") == 0
    assert value(text, "archive_extraction_duration_seconds_count") == 1  # the duplicate is not extracted
    assert value(text, "archive_extracted_articles_total") == 1
    assert [s.value for s in samples(text) if s.name == "archive_index_lag"] == [0]


def test_index_lag_is_computed_at_scrape_time(app, client):
    before = value(scrape(client), "archive_index_lag")  # the first request catches up first
    with app.app_context():
        session = db.new_session()
        Change.record(session, 12345, UPSERT)  # a change the index has not applied (yet)
        session.commit()
        session.close()
    assert value(scrape(client), "archive_index_lag") == before + 1


def test_failed_ingests_are_counted(client, auth):
    batch = {"articles": [{"body": ""}, {"title": "no body"}]}
    response = client.post("/api/v1/articles/batch", json=batch, headers=auth)
    assert [r["status"] for r in response.get_json()["results"]] == ["failed", "failed"]
    text = scrape(client)
    assert value(text, "archive_ingests_total", outcome="failed") == 2
    assert value(text, "archive_ingests_total", outcome="created") == 0


def test_search_cache_hits_and_misses(client):
    for _ in range(3):
        assert client.get("/api/v1/search?q=tram").status_code == 200
    text = scrape(client)
    assert value(text, "archive_search_cache_total", cache="facets", result="miss") >= 1  # the first search
    assert value(text, "archive_search_cache_total", cache="facets", result="hit") >= 2  # the same generation


def test_labels_stay_bounded(client):
    """Unknown paths and methods must not mint new label values (raw paths are unbounded)."""
    for n in range(5):
        client.get(f"/no/such/page/{n}")
    client.open("/api/v1/search", method="BREW")
    text = scrape(client)
    endpoints = {s.labels["endpoint"] for s in samples(text) if s.name.startswith("archive_http_request")}
    assert endpoints == {"unmatched"}
    assert value(text, "archive_http_request_duration_seconds_count", endpoint="unmatched", status="4xx") == 6
    assert value(text, "archive_http_request_duration_seconds_count", method="other") == 1


def test_metrics_token(tmp_path):
    client = make_app(tmp_path / "data", METRICS_TOKEN="scrape-secret").test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Basic scrape-secret"}).status_code == 401
    response = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
    assert response.status_code == 200 and "archive_index_lag" in response.get_data(as_text=True)


def test_metrics_open_without_token(client):
    assert client.get("/metrics").status_code == 200


def test_gunicorn_workers_are_summed(tmp_path):
    """Searches answered by both workers of a real gunicorn all show in one scrape.

    Which worker accepts a connection is up to the kernel, so searches go in rounds of 8
    concurrent ones until both workers have answered some (at most 50 rounds)."""
    data_dir = tmp_path / "data"
    with gunicorn(data_dir, workers=2) as (server, _env):
        _wait_for_workers(data_dir / "metrics", 2)

        def search(n: int) -> int:
            with urllib.request.urlopen(f"{server}/api/v1/search?q=word{n}", timeout=60) as response:
                return response.status

        searches = 0
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _round in range(50):
                assert list(pool.map(search, range(searches, searches + 8))) == [200] * 8
                searches += 8
                per_worker = [_search_count([path]) for path in sorted((data_dir / "metrics").glob("histogram_*.db"))]
                if len([count for count in per_worker if count]) == 2:
                    break
        with urllib.request.urlopen(server + "/metrics", timeout=60) as response:
            text = response.read().decode()
        per_worker = [_search_count([path]) for path in sorted((data_dir / "metrics").glob("histogram_*.db"))]
    assert len([count for count in per_worker if count]) == 2  # both workers answered some
    assert value(text, "archive_http_request_duration_seconds_count", endpoint="api.search") == searches
    assert sum(per_worker) == searches
    assert [s.value for s in samples(text) if s.name == "archive_index_lag"] == [0]


def _search_count(files: list) -> float:
    return sum(sample.value for metric in MultiProcessCollector.merge([str(f) for f in files])
               for sample in metric.samples
               if sample.name == "archive_http_request_duration_seconds_count"
               and sample.labels.get("endpoint") == "api.search")


def _wait_for_workers(folder, count: int, seconds: float = 60) -> None:
    """Until `count` workers have built their app (each writes its counter file then)."""
    deadline = time.monotonic() + seconds
    while len(list(folder.glob("counter_*.db"))) < count:
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.2)
