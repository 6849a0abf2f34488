"""Facet values: most frequent first with ties in value order; dates in date order."""
from tests.views.news import bbc_articles, post_batch


def test_ties_in_value_order_and_months_in_date_order(client):
    records = bbc_articles(10)  # two articles of each of five sources, one a month
    records.append({**bbc_articles(11)[10], "source": "BBC tech", "published_at": "2004-12-31"})
    post_batch(client, records)
    facets = client.get("/api/v1/search?facet_size=4").get_json()["facets"]
    source = facets["source"]
    assert [(r["value"], r["count"]) for r in source["results"]] == [
        ("BBC tech", 3), ("BBC business", 2), ("BBC entertainment", 2), ("BBC politics", 2)]
    assert source["truncated"] is True  # "BBC sport" did not fit
    published = facets["published"]["results"]
    assert [r["value"] for r in published] == ["2004-12"] + [f"2005-{m:02d}" for m in range(1, 11)]
    assert published[0]["label"] == "December 2004" and published[0]["count"] == 1
