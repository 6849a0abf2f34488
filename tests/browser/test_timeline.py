"""The publication timeline and the search box in a real browser (issue 18, items 1, 2, 3, 7 and 9):
undated articles, the whole span drawn, ranges of bars and from/to inputs, a forgiving search box, on
BBC articles from 1987 to 2022 and some without a date. Screenshots at 1280 and 390 px go to test-artifacts/screenshots/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, SCREENSHOTS, open_filters
from tests.servers import call, gunicorn
from tests.views.news import bbc_articles

TOKEN = "timeline-token"
UNDATED = 4


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium)")
    data = tmp_path_factory.mktemp("timeline") / "data"
    data.mkdir()
    records = bbc_articles(10 + UNDATED + 2)
    for record in records[10:10 + UNDATED]:
        del record["published_at"]
    records[-2]["published_at"], records[-1]["published_at"] = "1987-02-10", "2022-01-19"
    with gunicorn(data, workers=1, ARCHIVE_ADMIN_TOKEN=TOKEN) as (base, _env):
        status, body = call(base + "/api/v1/articles/batch", {"articles": records}, TOKEN)
        assert status == 200 and all(r["status"] == "created" for r in body["results"]), body
        yield base


def bar(page, label: str):
    return page.locator(f'figure.timeline a[aria-label^="{label}:"]')


def test_undated_articles_have_a_bucket_a_filter_and_a_label(archive, view):
    view.goto(archive + "/")
    expect(view.get_by_text(f"{UNDATED} articles without a publication date")).to_be_visible()
    view.locator(".undated-bucket").get_by_role("link", name="Undated").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    assert "published=none" in view.url
    expect(view.get_by_role("heading", name=f"{UNDATED} articles")).to_be_visible()
    expect(view.locator(".chips").get_by_text("Published: undated")).to_be_visible()
    assert view.locator(".hit .undated").count() == UNDATED


def test_the_chart_draws_the_whole_span_with_a_readable_axis(archive, view):
    view.goto(archive + "/")
    bars = view.locator("figure.timeline a")
    assert bars.count() == 2022 - 1987 + 1
    frame = view.locator("figure.timeline svg.frame").bounding_box()
    last = bar(view, "2022").locator("rect.bar").bounding_box()
    assert last["height"] > 0 and last["x"] + last["width"] <= frame["x"] + frame["width"] + 1
    labels = view.locator("figure.timeline text.axis")
    assert labels.first.text_content() == "1987" and labels.last.text_content() == "2022"
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    for left, right in zip(boxes, boxes[1:]):  # labels neither overlap nor are squashed
        assert left["x"] + left["width"] <= right["x"]
        assert 8 <= left["height"] <= 20
    bar(view, "2022").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    expect(view.locator(".chips").get_by_text("Published: 2022-01-01 – 2022-12-31")).to_be_visible()
    assert view.locator("figure.timeline a").count() == 12  # narrowed: its months


def test_two_bars_choose_a_range_and_the_inputs_choose_any(archive, view):
    view.goto(archive + "/")
    bar(view, "2005").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    bar(view, "February 2005").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    expect(view.locator(".chips").get_by_text("Published: 2005-02-01 – 2005-02-28")).to_be_visible()
    bar(view, "May 2005").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    expect(view.locator(".chips").get_by_text("Published: 2005-02-01 – 2005-05-31")).to_be_visible()
    expect(view.get_by_role("heading", name="4 articles")).to_be_visible()
    assert view.locator("figure.timeline rect.bar.selected").count() == 4
    view.get_by_label("Published from").fill("1987-01-01")
    view.get_by_label("to", exact=True).fill("2004-12-31")
    view.get_by_role("button", name="Show").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    expect(view.locator(".chips").get_by_text("Published: 1987-01-01 – 2004-12-31")).to_be_visible()
    expect(view.get_by_role("heading", name="1 article")).to_be_visible()


def test_the_search_box_forgives_an_unclosed_quote_and_says_when_only_common_words_were_given(archive, view):
    """Issue 18, item 7: an unclosed quote is a phrase to the end, not an error page; `the` alone
    gets a notice rather than a silent nothing."""
    view.goto(archive + "/")
    box = view.get_by_label("Search articles")
    box.fill('"said')
    box.press("Enter")
    expect(view.get_by_role("heading", name=re.compile(r"^\d+ articles?$"))).to_be_visible()
    assert view.get_by_label("Search articles").input_value() == '"said"'  # shown closed, as searched
    view.get_by_label("Search articles").fill("the")
    view.get_by_label("Search articles").press("Enter")
    expect(view.get_by_role("status").filter(has_text="Only common words were given")).to_be_visible()


def test_an_actor_can_be_excluded_and_the_chip_brings_it_back(archive, view):
    view.goto(archive + "/")
    open_filters(view)
    total = int(re.match(r"\d+", view.locator("#results-heading").inner_text()).group())
    link = view.locator("#facet-actor ~ ul a.exclude").first
    name = link.get_attribute("aria-label").removeprefix("Exclude ")
    count = int(link.locator("xpath=preceding-sibling::span[1]").inner_text())
    link.click()
    expect(view.locator(".chips").get_by_text(f"Actor: not {name}")).to_be_visible()
    expect(view.get_by_role("heading", name=f"{total - count} article")).to_be_visible()
    view.get_by_role("link", name=f"Remove filter Actor: not {name}").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    expect(view.get_by_role("heading", name=f"{total} articles")).to_be_visible()


def test_the_keyboard_reaches_the_filters_first_and_the_chart_is_no_tab_stop(archive, view):
    view.goto(archive + "/?q=said")
    assert view.locator("figure.timeline a").count() > 1
    assert view.locator("figure.timeline a:not([tabindex='-1'])").count() == 0  # no bar is a tab stop
    stops = 0
    while not view.evaluate("document.activeElement.closest('#filters') !== null"):
        view.keyboard.press("Tab")
        stops += 1
        assert stops < 12, f"after {stops} Tab presses focus is on " + view.evaluate("document.activeElement.outerHTML")
    assert view.evaluate("document.activeElement.closest('.results') === null")
    # The chart's table alternative: one tab stop (its summary), then a named link per period.
    table = view.locator("details.chart-table")
    table.locator("summary").click()
    expect(table.get_by_role("link", name="2005")).to_be_visible()
    view.goto(archive + "/?q=said")
    view.keyboard.press("Tab")
    link = view.get_by_role("link", name="Skip to filters")
    for _ in range(5):
        if view.evaluate("document.activeElement.textContent") == "Skip to filters":
            break
        view.keyboard.press("Tab")
    expect(link).to_be_focused()
    expect(link).to_be_visible()  # shown once focused
    view.keyboard.press("Enter")
    expect(view).to_have_url(re.compile(r"#filters$"))  # the key's navigation is not done when press() returns


def test_phones_get_a_folded_filter_panel_above_the_results_and_a_chart_that_fits(archive, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(archive + "/")
        summary = page.locator("details.filters > summary")
        first_hit = page.locator(".hit").first.bounding_box()
        assert summary.is_visible() and summary.bounding_box()["y"] < first_hit["y"] < 844
        assert not page.locator("#facet-actor").is_visible()
        summary.click()
        expect(page.locator("#facet-actor")).to_be_visible()
        chart = page.locator("figure.timeline svg.frame").bounding_box()
        assert chart["width"] > 300 and chart["x"] + chart["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / "phone_filters_open.png"))
    finally:
        context.close()
