"""Related articles rank by shared actors and places (weighted by rarity), then words, and show
none rather than unrelated ones (issue 18, item 12), on real BBC articles: casino stories, Indian
business stories and 40 others of 2004-2005."""
import html
import re

import pytest

from tests.conftest import SHARED, make_app
from tests.views.news import bbc_articles, post_batch

BBC = SHARED / "data" / "news" / "bbc"
CASINOS = ["politics/377", "politics/010", "politics/187", "politics/133", "entertainment/347"]
INDIA = ["business/018", "business/480", "business/486", "business/276", "business/503", "business/095",
         "business/169", "business/315", "business/398", "business/021"]


def record(name: str, day: int) -> dict:
    title, _, body = (BBC / f"{name}.txt").read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "body": body.strip(), "source": "BBC", "url": f"https://news.example.org/{name}",
            "published_at": f"2005-01-{day:02d}"}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("related") / "data")
    client = app.test_client()
    records = [record(name, day) for day, name in enumerate(CASINOS + INDIA, start=1)]
    ids = post_batch(client, records + bbc_articles(40))
    yield client, {r["title"]: i for r, i in zip(records, ids)}
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def related(client, article_id: int) -> list[str]:
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    section = page.split("<h2>Related articles</h2>")[1].split("</section>")[0]
    return [html.unescape(title) for title in re.findall(r'<a href="/articles/\d+">([^<]+)</a>', section)]


def test_a_casino_story_relates_to_the_casino_stories_not_to_indian_business(news):
    client, ids = news
    shown = related(client, ids["Crucial decision on super-casinos"])
    assert shown[0] == "US casino 'tricks' face ban in UK"  # shares Tessa Jowell and the UK, and the words
    assert "Jowell rejects 'Las Vegas' jibe" in shown
    assert "S&N extends Indian beer venture" not in shown and "India's rupee hits five-year high" not in shown
    assert set(related(client, ids["US casino 'tricks' face ban in UK"])) == {
        "Jowell rejects 'Las Vegas' jibe", "Jowell confirms casino climbdown", "Crucial decision on super-casinos"}


def test_an_article_with_nothing_close_shows_none_rather_than_unrelated_ones(news):
    client, ids = news
    for title in ("India's rupee hits five-year high", "Profits slide at India's Dr Reddy"):
        assert related(client, ids[title]) == []
        assert "No closely related articles" in client.get(f"/articles/{ids[title]}").get_data(as_text=True)
