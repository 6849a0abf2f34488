"""One writer, many workers: 4 gunicorn workers, 8 client threads ingesting and deleting at once.

No client may see a 5xx, nothing acknowledged may be lost, and afterwards the
index and the database agree (`archive check` finds no drift).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability.server import Gunicorn, call

THREADS = 8
ROUNDS = 5
SHARED = {"body": "The harbour authority of Gdansk and the port of Hamburg signed a shared customs pact.",
          "published_at": "2024-03-01"}


@pytest.fixture
def server(tmp_path):
    gunicorn = Gunicorn(tmp_path / "data", workers=4)
    assert gunicorn.flask("migrate").returncode == 0
    gunicorn.start()
    yield gunicorn
    gunicorn.stop()
    assert "Traceback" not in gunicorn.log_text()


def client_run(base: str, thread: int) -> dict:
    """Create ROUNDS articles, delete every other one (twice: the second is a 404), post a shared one."""
    kept, deleted, statuses = {}, {}, []
    for n in range(ROUNDS):
        code = f"code{thread}x{n}"
        status, body = call(base + "/api/v1/articles", {
            "body": f"Report {code}: the council of Vienna met the mayor of Lyon about trams.",
            "published_at": f"2024-01-{n + 1:02d}"})
        statuses.append(status)
        if status != 201:
            continue
        if n % 2:
            statuses.append(call(f"{base}/api/v1/articles/{body['id']}", method="DELETE")[0])
            statuses.append(call(f"{base}/api/v1/articles/{body['id']}", method="DELETE")[0])
            deleted[code] = body["id"]
        else:
            kept[code] = body["id"]
        statuses.append(call(base + "/api/v1/search?q=council+trams&per_page=5")[0])
    shared_status, shared = call(base + "/api/v1/articles", SHARED)
    statuses.append(shared_status)
    return {"kept": kept, "deleted": deleted, "statuses": statuses, "shared": (shared_status, shared.get("id"))}


def test_concurrent_ingests_and_deletes_lose_nothing(server):
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        runs = list(pool.map(lambda t: client_run(server.base, t), range(THREADS)))
    statuses = [status for run in runs for status in run["statuses"]]
    assert all(status < 500 for status in statuses), statuses
    assert set(statuses) <= {200, 201, 204, 404}
    kept = {code: i for run in runs for code, i in run["kept"].items()}
    deleted = {code: i for run in runs for code, i in run["deleted"].items()}
    assert len(kept) + len(deleted) == THREADS * ROUNDS  # every unique article was created
    shared = [run["shared"] for run in runs]
    assert sorted(status for status, _ in shared) == [200] * (THREADS - 1) + [201]
    assert len({article_id for _, article_id in shared}) == 1  # one article, the rest duplicates of it
    # Every kept article is readable and findable; every deleted one is gone from both.
    # (SQLite may give a deleted article's id to a newer article, so look deleted ones up by text.)
    for code, article_id in kept.items():
        assert code in call(f"{server.base}/api/v1/articles/{article_id}")[1]["body"]
        assert [hit["id"] for hit in call(f"{server.base}/api/v1/search?q={code}")[1]["results"]] == [article_id]
    for code in deleted:
        assert call(f"{server.base}/api/v1/search?q={code}")[1]["total"] == 0
    found = call(server.base + "/api/v1/search?q=council+trams&per_page=100")[1]
    assert sorted(hit["id"] for hit in found["results"]) == sorted(kept.values())
    health = server.wait_until(lambda h: h["index_lag"] == 0, seconds=60)
    assert health["articles"] == health["indexed"] == len(kept) + 1
    check = server.flask("check")
    assert check.returncode == 0 and "no drift" in check.stdout, check.stdout + check.stderr
