"""Saved searches as Atom feeds (GET /feeds/search.atom), read back with feedparser."""
import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from markupsafe import escape

from tests.conftest import make_app
from tests.views.news import bbc_articles, post_batch

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = {"title": "<b>Bold</b> & <script>alert('t')</script>", "author": "Jane <Doe> & Co",
           "source": "BBC politics", "published_at": "2006-01-15", "url": "https://news.example.org/hostile",
           "body": "<script>alert(1)</script> Prime minister Tony Blair spoke in London about the election "
                   "& the economy, <img src=x onerror=alert(2)> aides said on Monday."}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("feeds") / "data")
    client = app.test_client()
    post_batch(client, bbc_articles(30) + [HOSTILE])
    yield client
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def atom(client, query: str = ""):
    response = client.get("/feeds/search.atom" + query)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, response.data


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def test_feed_is_atom_with_the_newest_articles_first(news):
    parsed, raw = atom(news)
    assert len(parsed.entries) == 31  # fewer than the default 50
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True)
    assert parsed.entries[0].title == HOSTILE["title"]
    assert parsed.feed.title == "News archive: newest articles" and parsed.feed.updated_parsed
    links = {link.rel: link.href for link in parsed.feed.links}
    assert path_of(links["self"]) == "/feeds/search.atom" and path_of(links["alternate"]) == "/?sort=newest"
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    ids = [entry.find(f"{ATOM}id").text for entry in root.iter(f"{ATOM}entry")]
    assert len(set(ids)) == 31
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("title", "updated", "published", "summary", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_entries_link_to_article_pages(news):
    parsed, _raw = atom(news, "?q=election")
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.id == entry.link and re.fullmatch(r"/articles/\d+", path_of(entry.link))
        page = news.get(path_of(entry.link))
        assert page.status_code == 200 and str(escape(entry.title)) in page.get_data(as_text=True)


def test_entries_carry_summary_author_and_entities(news):
    parsed, _raw = atom(news, "?q=Blair")
    first = parsed.entries[0]
    assert first.author == HOSTILE["author"] and first.title == HOSTILE["title"]
    assert "Prime minister Tony Blair spoke in London" in first.summary
    article = news.get(path_of(first.link).replace("/articles/", "/api/v1/articles/")).get_json()
    terms = {tag.term for tag in first.tags}
    assert {a["name"] for a in article["actors"]} | {p["name"] for p in article["places"]} == terms
    assert "London" in terms
    long_one = next(e for e in atom(news)[0].entries if e.title == "Ad sales boost Time Warner profit")
    assert 100 < len(long_one.summary) <= 301 and long_one.summary.endswith("…")
    assert not hasattr(long_one, "author") or long_one.author == "News archive"


def test_article_text_is_escaped(news):
    _parsed, raw = atom(news, "?q=Blair")
    text = raw.decode("utf-8")
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;b&gt;Bold&lt;/b&gt; &amp;" in text
    assert "Jane &lt;Doe&gt; &amp; Co" in text


def test_filters_limit_and_sort(news):
    everything = [e.id for e in atom(news)[0].entries]
    assert [e.id for e in atom(news, "?limit=5")[0].entries] == everything[:5]
    assert [e.id for e in atom(news, "?limit=5&sort=oldest")[0].entries] == everything[:5]
    parsed, _raw = atom(news, "?q=election&source=BBC+politics&published_from=2005")
    api = news.get("/api/v1/search?q=election&source=BBC+politics&published_from=2005&sort=newest").get_json()
    assert [path_of(e.link) for e in parsed.entries] == [f"/articles/{hit['id']}" for hit in api["results"]]
    assert parsed.feed.title == "News archive: “election” · Source: BBC politics · Published: 2005-01-01 – …"
    assert "q=election" in parsed.feed.id and "source=BBC+politics" in parsed.feed.id


@pytest.mark.parametrize("query", ['?q=(unbalanced', "?limit=0", "?limit=201", "?limit=ten", "?sort=sideways",
                                   "?published_from=2005-13"])
def test_bad_parameters_are_a_plain_400(news, query):
    response = news.get("/feeds/search.atom" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "<" not in text and len(text.strip()) > 10


def test_search_page_links_its_exports_and_feed(news):
    page = news.get("/?q=election&source=BBC+politics").get_data(as_text=True)
    head = page[:page.index("</head>")]
    feed = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)"', head)
    assert feed and html.unescape(feed.group(1)) == "/feeds/search.atom?q=election&source=BBC+politics"
    links = {text: html.unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page)}
    assert links["Export CSV"] == "/api/v1/search.csv?q=election&source=BBC+politics"
    assert links["Export JSON Lines"] == "/api/v1/search.jsonl?q=election&source=BBC+politics"
    assert links["Atom feed"] == html.unescape(feed.group(1))
    for href in links["Export CSV"], links["Export JSON Lines"], links["Atom feed"]:
        response = news.get(href)
        assert response.status_code == 200 and response.get_data()
