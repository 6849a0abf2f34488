"""Reading RSS 2.0 and Atom 1.0 feeds: one article per entry, its HTML as plain paragraphs."""
from pathlib import Path

from archive.ingest.feeds import read_feed
from archive.ingest.plaintext import html_to_text
from archive.ingest.records import validate

FIXTURES = Path(__file__).parent / "fixtures"


def test_rss_entries_become_articles():
    items = list(read_feed("feed.rss", (FIXTURES / "feed.rss").read_bytes()))
    assert [item.origin for item in items] == ["feed.rss[1]", "feed.rss[2]", "feed.rss[3]"]
    first, second, third = (item.data for item in items)
    assert first["title"] == "Ad sales boost Time Warner profit"
    assert first["url"] == "https://news.example.org/business/ad-sales-boost-time-warner-profit"
    assert first["author"] == "Business reporter"
    assert first["source"] == "Example News - Business and Technology"
    assert first["published_at"] == "2005-01-21T14:05:00+00:00"
    # content:encoded wins over the description; markup, scripts and the figure go, paragraphs stay
    assert first["body"].startswith("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn")
    assert first["body"].count("\n\n") == 5
    assert "<p>" not in first["body"] and "trackView" not in first["body"]
    assert "Time Warner headquarters" not in first["body"]
    # only a description (escaped HTML): its paragraphs; the author's name without the address
    assert second["author"] == "Markets desk"
    assert second["published_at"] == "2005-01-22T08:30:00+00:00"
    assert second["body"].count("\n\n") == 2 and "&lt;" not in second["body"]
    assert "author" not in third
    assert all(validate(item.data) for item in items)


def test_atom_entries_become_articles():
    items = list(read_feed("feed.atom", (FIXTURES / "feed.atom").read_bytes()))
    first, second, third = (item.data for item in items)
    assert {item["source"] for item in (first, second, third)} == {"Politics Example"}
    assert first["title"] == "Watchdog probes e-mail deletions"
    assert first["author"] == "Political correspondent"
    assert first["url"] == "https://politics.example.net/2005/01/watchdog-probes-e-mail-deletions"
    assert first["published_at"] == "2005-01-25T08:15:00+00:00"  # published, not updated
    assert first["body"].startswith("The information commissioner says he is urgently asking")
    assert first["body"].count("\n\n") == 4
    # HTML title, XHTML content, only an update time (in another zone)
    assert second["title"] == "Hewitt decries 'career sexism'"
    assert second["author"] == "Jane Reporter"
    assert second["published_at"] == "2005-01-26T15:20:00+00:00"
    assert second["body"].startswith("Plans to extend paid maternity leave") and second["body"].count("\n\n") == 6
    # only a summary
    assert third["body"].startswith("A Christmas tree that can receive text messages")
    assert third["published_at"] == "2005-01-27T15:00:00+00:00"
    assert all(validate(item.data) for item in items)


def test_a_document_that_is_not_a_feed_is_one_error():
    for content in ((FIXTURES / "article.html").read_bytes(), b"", b'{"body": "json"}'):
        [item] = read_feed("page", content)
        assert item.data is None and item.error.startswith("not an RSS or Atom feed")


def test_an_entry_without_text_fails_alone():
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>Empty</title><link>https://example.org/a</link></item>"
            b"<item><title>Full</title><description>Some text.</description></item></channel></rss>")
    empty, full = read_feed("f.rss", feed)
    assert empty.data is None and "no text" in empty.error
    assert full.data == {"body": "Some text.", "title": "Full", "source": "T"}


def test_html_to_text_keeps_paragraphs_and_line_breaks():
    fragment = "<p>One &amp; <b>two</b>\n  words.</p><p>Second<br>line</p><script>x=1</script><ul><li>a</li></ul>tail"
    assert html_to_text(fragment) == "One & two words.\n\nSecond\nline\n\na\n\ntail"


def test_links_are_resolved_against_the_feed_url_and_bad_ones_dropped():
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><link>/news/a</link><description>Text one.</description></item>"
            b"<item><link>javascript:alert(1)</link><description>Text two.</description></item></channel></rss>")
    relative, script = read_feed("f.rss", feed, url="https://example.org/feeds/all.rss")
    assert relative.data["url"] == "https://example.org/news/a"
    assert "url" not in script.data
    [unresolved, _] = read_feed("f.rss", feed)
    assert "url" not in unresolved.data
