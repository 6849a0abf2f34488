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


MANY_DATES = ("The treaty was signed in March 1921 and revised in June 1950. Talks resumed in May 1961, "
              "failed in April 1979 and began again in January 1986. A deal came in October 1990, a second "
              "in February 1995 and a third in August 2001. The courts ruled in July 2004, in September 2004 "
              "and in November 2005.")


def test_dates_mentioned_is_a_chart_of_years_the_most_frequent_months_and_a_folded_list(client, auth):
    client.post("/api/v1/articles", headers=auth, json={"body": MANY_DATES, "published_at": "2006-01-10"})
    client.post("/api/v1/articles", headers=auth, json={"body": "The talks of March 1921 and of June 1950 "
                                                                "were recalled on Monday.",
                                                        "published_at": "2006-01-12"})
    html = client.get("/").get_data(as_text=True)
    section = html[html.index('id="facet-mentioned"'):]
    section = section[:section.index("</section>")]
    top = section[section.index('class="top"'):section.index("</ul>")]
    assert top.count("<li") == 8  # the most frequent months only
    assert top.index("March 1921") < top.index("June 1950") < top.index("May 1961")  # the two mentioned twice first
    assert "November 2005" not in top
    folded = section[section.index('<details class="all-values"'):]
    folded = folded[:folded.index("</details>")]
    assert "All 12 dates" in folded and folded.count("<li") == 12  # with "Monday": January 2006
    chart = section[section.index("<svg"):section.index("</svg>")]
    assert chart.count("<rect") == 11  # one bar a year mentioned, no empty years between 1921 and 2006
    assert "mentioned_from=1921&amp;mentioned_to=1921" in chart
    assert chart.count('tabindex="-1"') == 11 and 'aria-label="1921: 2"' in chart  # named bars, no tab stops
    table = section[section.index('<details class="alt-table"'):]
    assert table[:table.index("</details>")].count("mentioned_to=") == 11  # the keyboard's links to the years
    assert "mentioned_from=1921&mentioned_to=1921" not in html.replace("&amp;", "&").split('id="facet-mentioned"')[0]


def test_the_year_chart_keeps_the_years_most_mentioned_in_order():
    from archive.views.charts import MAX_YEARS, year_bars

    months = [{"value": "1025-01", "count": 1}] + [{"value": f"{year}-06", "count": year - 1900}
                                                   for year in range(1901, 1961)]
    bars = year_bars(months)
    assert [bar.value for bar in bars] == [str(year) for year in range(1961 - MAX_YEARS, 1961)]
