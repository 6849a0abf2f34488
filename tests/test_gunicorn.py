"""A real gunicorn with several workers: concurrent ingests never fail and lose nothing."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.servers import call, gunicorn

TOKEN = "gunicorn-test-token"
CITIES = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon",
          "Dublin", "Oslo", "Athens", "Budapest"]


def test_concurrent_ingests_across_workers(tmp_path):
    articles = [{"body": f"Council meeting number {n} in {city} approved the transport budget.",
                 "published_at": f"2024-02-{n + 1:02d}"} for n, city in enumerate(CITIES)]
    with gunicorn(tmp_path / "data", workers=4, ARCHIVE_ADMIN_TOKEN=TOKEN) as (server, _env):
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda a: call(server + "/api/v1/articles", a, TOKEN), articles + articles))
        statuses = sorted(status for status, _ in results)
        assert statuses.count(201) == len(articles)  # each article created exactly once
        assert statuses.count(200) == len(articles)  # and its second copy answered as a duplicate
        assert all(not body.get("error") for _, body in results)
        status, found = call(server + "/api/v1/search?q=transport+budget&per_page=100")
        assert status == 200 and found["total"] == len(articles)
        health = call(server + "/healthz")[1]
        assert health["articles"] == health["indexed"] == len(articles) and health["index_lag"] == 0
    assert b"Traceback" not in (tmp_path / "data" / "gunicorn.log").read_bytes()
