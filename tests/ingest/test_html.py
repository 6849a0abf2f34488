"""Reading a news page: the article's text and metadata, without the site's boilerplate."""
from pathlib import Path

from archive.ingest.html import read_html
from archive.ingest.records import validate

FIXTURES = Path(__file__).parent / "fixtures"
CANONICAL = "https://news.example.org/world/asia/ink-helps-drive-democracy-in-asia"


def test_news_page_keeps_the_article_and_drops_the_boilerplate():
    item = read_html("article.html", (FIXTURES / "article.html").read_bytes(), url="https://m.example.org/s/123")
    data = item.data
    assert item.error is None
    assert data["title"] == "Ink helps drive democracy in Asia"
    assert data["author"] == "David Mikosz"
    assert data["url"] == CANONICAL
    assert data["source"] == "Example News"
    assert data["published_at"].startswith("2005-02-25T09:41:00")
    body = data["body"]
    assert body.startswith("The Kyrgyz Republic, a small, mountainous state")
    assert "The ink is sprayed on a person's left thumb." in body
    assert body.endswith("supports the building of democratic societies.")
    assert body.count("\n\n") >= 8  # paragraphs stay apart
    for boilerplate in ("We use cookies", "Search Example News", "Weather", "Related stories", "Ukraine holds rerun",
                        "Most read", "Advertisement", "Cheap flights", "carousel voting", "First comment",
                        "Post comment", "Share on Twitter", "Terms of use", "Copyright 2005", "dataLayer"):
        assert boilerplate not in body, boilerplate
    article = validate(data)
    assert article.published_at.isoformat() == "2005-02-25T09:41:00"


def test_page_without_canonical_url_or_metadata_keeps_the_given_url_and_date():
    page = ("<html><head><title>Ink in Kyrgyz elections</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            "<article><p>Voters in the Kyrgyz Republic will have their left thumb sprayed with invisible ink "
            "before they receive a ballot.</p><p>The ink glows under ultraviolet light.</p></article>"
            "<footer>About us - Contact</footer></body></html>")
    item = read_html("page", page, url="https://www.example.com/ink", captured_at="2024-03-05T06:07:08Z")
    assert item.data["url"] == "https://www.example.com/ink"
    assert item.data["source"] == "example.com"
    assert item.data["published_at"] == "2024-03-05T06:07:08Z"
    assert item.data["body"] == ("Voters in the Kyrgyz Republic will have their left thumb sprayed with invisible "
                                 "ink before they receive a ballot.\n\nThe ink glows under ultraviolet light.")


def test_page_without_main_text_is_an_error():
    page = ("<html><head><title>Sections</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/world'>World</a></nav><footer>Copyright 2020 Example</footer></body></html>")
    for content in (page, b"", "   "):
        item = read_html("empty.html", content)
        assert item.data is None and item.error == "no main text found in the page"
