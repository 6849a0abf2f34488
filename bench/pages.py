"""Server time of the web pages on a seed-sized archive (issue 3's 100 ms budget).

Run: .venv/bin/python -m bench.pages [--rounds N]
Builds a temporary archive (seeds/ plus 30 generated articles so that a search
page has 20 results and full facets), then renders each page through the
Flask app N times and prints p50 / p95 / max in milliseconds.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from archive import create_app, migrate
from archive.settings import database_url

CITIES = ["Lisbon", "Porto", "Madrid", "Seville", "Lyon", "Marseille", "Turin", "Naples", "Munich", "Hamburg"]
PEOPLE = ["Ana Costa", "Luis Ortega", "Marie Laurent", "Paolo Ricci", "Jonas Weber"]


def build(data_dir: Path):
    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": None, "ADMIN_TOKEN": "bench"})
    migrate.upgrade(database_url(app.config))
    app.test_cli_runner().invoke(args=["archive", "seed"])
    client = app.test_client()
    for n in range(30):
        city, person = CITIES[n % len(CITIES)], PEOPLE[n % len(PEOPLE)]
        body = (f"Port workers in {city} staged a strike on Monday over pay, union leader {person} said. "
                f"The port authority of {city} said talks would resume next week. Report {n}.")
        client.post("/api/v1/articles", headers={"Authorization": "Bearer bench"},
                    json={"body": body, "published_at": f"2023-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                          "source": ["Wire A", "Wire B", "Wire C"][n % 3]})
    return app, client


def measure(client, url: str, rounds: int) -> list[float]:
    client.get(url)  # warm: searcher, facet arrays, templates
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, client = build(Path(folder))
        actor = client.get("/api/v1/actors?q=Ana").get_json()["results"][0]["id"]
        place = client.get("/api/v1/places?q=Lisbon").get_json()["results"][0]["id"]
        pages = {"search, 20 results + facets": "/?q=port", "search, empty query": "/",
                 "search, filtered": f"/?q=port&actor={actor}", "article": "/articles/1",
                 "actor page": f"/actors/{actor}", "place page": f"/places/{place}"}
        print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, url in pages.items():
            times = sorted(measure(client, url, args.rounds))
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{name:32} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")
        app.extensions["archive.index"].close()


if __name__ == "__main__":
    main()
