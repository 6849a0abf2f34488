"""The server-rendered pages: usable without JavaScript, and every piece of text escaped."""
import re

XSS = "<script>alert(1)</script> and <img src=x onerror=alert(1)> in the harbour of Marseille."


def test_search_page_shows_results_and_facet_links(seeded):
    html = seeded.get("/?q=Kazakhstan").get_data(as_text=True)
    assert "1 article" in html
    assert "<mark>Kazakhstan</mark>" in html
    assert "Kassym-Jomart Tokayev" in html and "Almaty" in html
    link = re.search(r'href="(/\?q=Kazakhstan&amp;actor=\d+)"', html)
    assert link, "actor facet values link to a narrowed search"
    narrowed = seeded.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "1 article" in narrowed and 'class="selected"' in narrowed


def test_empty_search_lists_newest(seeded):
    html = seeded.get("/").get_data(as_text=True)
    assert "1 article" in html and "/articles/" in html


def test_malformed_query_is_shown_on_the_page(seeded):
    response = seeded.get('/?q=(unbalanced')
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "unbalanced parentheses" in html and 'name="q"' in html


def test_article_page_lists_metadata(seeded, seed_id):
    html = seeded.get(f"/articles/{seed_id}").get_data(as_text=True)
    assert "Kassym-Jomart Tokayev" in html and "2022-01-19" in html and "KZ" in html


def test_missing_article_is_a_friendly_404(seeded):
    response = seeded.get("/articles/424242")
    assert response.status_code == 404 and "Back to search" in response.get_data(as_text=True)


def test_article_text_is_escaped_everywhere(client, auth):
    article = client.post("/api/v1/articles", headers=auth, json={"body": XSS, "title": "<b>bold</b> title"})
    article_id = article.get_json()["id"]
    pages = [client.get("/?q=harbour").get_data(as_text=True), client.get("/").get_data(as_text=True),
             client.get(f"/articles/{article_id}").get_data(as_text=True)]
    for html in pages:
        assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>bold" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;bold&lt;/b&gt; title" in html
    snippet = client.get("/api/v1/search?q=harbour").get_json()["results"][0]["snippet"]
    assert "<mark>harbour</mark>" in snippet and "<script>" not in snippet and "&lt;img" in snippet
