"""Facet counts follow every commit: per-segment arrays are reused, new segments added, deletions masked."""
from archive.search import facets


def actor_count(client, name):
    results = client.get("/api/v1/search").get_json()["facets"]["actor"]["results"]
    return {r["label"]: r["count"] for r in results}.get(name, 0)


def test_counts_follow_adds_and_deletes(client, auth):
    first = client.post("/api/v1/articles", headers=auth,
                        json={"body": "Chancellor Olaf Scholz visited Hamburg on Monday."}).get_json()
    assert actor_count(client, "Olaf Scholz") == 1
    segments_before = {key[0] for key in facets._segments}
    client.post("/api/v1/articles", headers=auth, json={"body": "Chancellor Olaf Scholz spoke in Bremen on Friday."})
    assert actor_count(client, "Olaf Scholz") == 2
    # The first article's segment was read once and kept; only the new one was added.
    assert segments_before & {key[0] for key in facets._segments}
    client.delete(f"/api/v1/articles/{first['id']}", headers=auth)
    assert actor_count(client, "Olaf Scholz") == 1
