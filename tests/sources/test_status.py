"""Status at a glance: /metrics shows per source its last poll, last new article, articles in 24 h, errors."""
import re

from sqlalchemy import update

from archive import db
from archive.models import Source
from tests.sources.site import TEXTS


def line(text: str, name: str, source_id: int) -> float:
    match = re.search(rf'^{name}{{source="{source_id}",url="[^"]+"}} (\S+)$', text, re.MULTILINE)
    assert match, f"no {name} line for source {source_id}"
    return float(match.group(1))


def test_metrics_show_each_source(app, client, site):
    site.entries[:] = [("Energy talks", TEXTS[0]), ("Toyota forecast", TEXTS[1])]
    runner = app.test_cli_runner()
    runner.invoke(args=["archive", "source", "add", f"{site.base}/feed.rss"])
    runner.invoke(args=["archive", "source", "add", f"{site.base}/broken"])
    assert "created 2" in runner.invoke(args=["archive", "source", "poll", "1"]).output
    runner.invoke(args=["archive", "source", "poll", "2"])
    with app.app_context():
        session = db.new_session()
        session.execute(update(Source).where(Source.id == 2).values(status="paused"))
        session.commit()
        session.close()
    text = client.get("/metrics").get_data(as_text=True)
    assert line(text, "archive_source_articles_24h", 1) == 2
    assert line(text, "archive_source_last_poll_timestamp_seconds", 1) > 1.7e9
    assert line(text, "archive_source_last_new_article_timestamp_seconds", 1) > 1.7e9
    assert line(text, "archive_source_failures", 1) == 0
    assert line(text, "archive_source_failures", 2) == 1
    assert line(text, "archive_source_last_poll_timestamp_seconds", 2) == 0
    assert line(text, "archive_source_paused", 2) == 1
