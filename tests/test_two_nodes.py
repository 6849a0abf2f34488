"""Two app nodes (two gunicorns, two index folders) on one database: each node's index is a
replica that builds itself from the database when empty and then follows the change log.

Runs on the SQLite file under `make test`, and on one PostgreSQL database under `make test-postgres`."""
from __future__ import annotations

import time
import urllib.parse

from tests.databases import url_or_sqlite
from tests.servers import call, gunicorn

TOKEN = "two-nodes-token"
REPLICATION_DEADLINE = 2.0  # seconds: the bound for a write on one node to be found on the other


def found(server: str, query: str) -> int:
    status, body = call(f"{server}/api/v1/search?q={urllib.parse.quote(query)}")
    assert status == 200, body
    return body["total"]


def until(condition, deadline: float) -> float:
    """Seconds until `condition()` holds, polling; fails after `deadline` seconds."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < deadline, f"not within {deadline} s"
        time.sleep(0.02)
    elapsed = time.monotonic() - start
    assert elapsed <= deadline, f"took {elapsed:.2f} s, more than {deadline} s"
    return elapsed


def post(server: str, body: str) -> int:
    status, article = call(server + "/api/v1/articles", {"body": body}, TOKEN)
    assert status == 201, article
    return article["id"]


def test_two_nodes_share_one_database_and_replicate_their_indexes(tmp_path):
    node_a, node_b = tmp_path / "node-a", tmp_path / "node-b"
    database = url_or_sqlite(node_a)
    common = {"ARCHIVE_ADMIN_TOKEN": TOKEN, "ARCHIVE_DATABASE_URL": database, "ARCHIVE_INDEX_FOLLOW_INTERVAL": "0.2"}
    with gunicorn(node_a, ARCHIVE_NODE_NAME="node-a", **common) as (a, _env):
        post(a, "Before node B existed, the harbour authority of Rotterdam approved a new container terminal.")
        with gunicorn(node_b, ARCHIVE_NODE_NAME="node-b", **common) as (b, _env):
            # B started with an empty index folder: it builds its replica from the database.
            until(lambda: call(b + "/healthz")[1]["indexed"] == 1, 30)
            assert found(b, "Rotterdam container terminal") == 1

            # Written on A, found on B: its follower applied the change (healthz reads, never applies).
            y = post(a, "The central bank of Chile raised its benchmark interest rate in Santiago on Wednesday.")
            lag_ab = until(lambda: call(b + "/healthz")[1]["index_lag"] == 0
                           and found(b, "Chile benchmark interest rate") == 1, REPLICATION_DEADLINE)
            # Written on B, found on A.
            post(b, "Farmers in Punjab protested against new crop prices outside the assembly in Chandigarh.")
            lag_ba = until(lambda: found(a, "Punjab farmers crop prices") == 1, REPLICATION_DEADLINE)
            # Deleted on A, gone from B.
            status, _ = _delete(a, y)
            assert status == 204
            lag_delete = until(lambda: found(b, "Chile benchmark interest rate") == 0, REPLICATION_DEADLINE)

            health_a, health_b = call(a + "/healthz")[1], call(b + "/healthz")[1]
            until(lambda: call(b + "/healthz")[1]["applied_seq"] == call(a + "/healthz")[1]["last_seq"], 5)
            health_a, health_b = call(a + "/healthz")[1], call(b + "/healthz")[1]
            assert (health_a["node"], health_b["node"]) == ("node-a", "node-b")
            assert health_a["applied_seq"] == health_b["applied_seq"] == health_b["last_seq"]
            assert health_a["index_lag"] == health_b["index_lag"] == 0
            assert health_a["indexed"] == health_b["indexed"] == health_a["articles"] == 2
            print(f"replication lag A→B {lag_ab * 1000:.0f} ms, B→A {lag_ba * 1000:.0f} ms, "
                  f"delete A→B {lag_delete * 1000:.0f} ms")
    for node in (node_a, node_b):
        assert b"Traceback" not in (node / "gunicorn.log").read_bytes()


def _delete(server: str, article_id: int):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(f"{server}/api/v1/articles/{article_id}", method="DELETE",
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.read()
