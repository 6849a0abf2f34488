"""Real news texts for view tests: BBC articles of 2004-2005 from ../shared/data/news/bbc."""
from __future__ import annotations

from tests.conftest import ADMIN_TOKEN, SHARED

BBC = SHARED / "data" / "news" / "bbc"
TOPICS = ("business", "politics", "tech", "sport", "entertainment")


def bbc_articles(count: int) -> list[dict]:
    """`count` BBC articles as API records (title from the first line), a source per topic and
    a distinct publication day each, so that "newest first" has one right order."""
    records = []
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        path = BBC / topic / f"{n // len(TOPICS) + 1:03d}.txt"
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        records.append({"title": title.strip(), "body": body.strip(), "source": f"BBC {topic}",
                        "url": f"https://news.example.org/bbc/{topic}/{path.stem}",
                        "published_at": f"2005-{n % 12 + 1:02d}-{n // 12 + 1:02d}"})
    return records


def post_batch(client, records: list[dict]) -> list[int]:
    """Ingest through POST /api/v1/articles/batch (at most 100 a call); the new ids in order."""
    ids = []
    for start in range(0, len(records), 100):
        response = client.post("/api/v1/articles/batch", json={"articles": records[start:start + 100]},
                               headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert response.status_code == 200, response.get_data(as_text=True)
        results = response.get_json()["results"]
        assert all(r["status"] == "created" for r in results), results
        ids += [r["id"] for r in results]
    return ids
