"""The search page's map of places, the year chart of dates mentioned and the filter column in a real
browser (issue 18, item 17 and two keyboard/CSS gaps), on BBC articles. Screenshots at 1280 and 390 px
go to test-artifacts/screenshots/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, SCREENSHOTS, open_filters
from tests.servers import call, gunicorn
from tests.views.news import bbc_articles

TOKEN = "places-map-token"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium)")
    data = tmp_path_factory.mktemp("places_map") / "data"
    data.mkdir()
    with gunicorn(data, workers=1, ARCHIVE_ADMIN_TOKEN=TOKEN) as (base, _env):
        status, body = call(base + "/api/v1/articles/batch", {"articles": bbc_articles(20)}, TOKEN)
        assert status == 200 and all(r["status"] == "created" for r in body["results"]), body
        yield base


def test_the_map_fits_the_screen_and_a_point_narrows_the_search(archive, view):
    view.goto(archive + "/?q=*&sort=newest")
    svg = view.locator("section.places-map svg")
    box = svg.bounding_box()
    assert box["width"] > 300 and box["x"] + box["width"] <= view.width
    assert box["height"] == pytest.approx(box["width"] / 2, abs=2)  # the whole world, not stretched
    assert view.evaluate("document.documentElement.scrollWidth") <= view.width
    spots = svg.locator("a")
    assert spots.count() >= 10
    assert spots.first.locator("circle").bounding_box()["width"] > spots.last.locator("circle").bounding_box()["width"]
    svg.screenshot(path=str(SCREENSHOTS / f"places_map_{view.width}.png"))
    # The last point is drawn over all others: a click on it reaches it.
    spot = spots.last
    name, count = re.fullmatch(r"(.+) — (\d+) articles?", spot.get_attribute("aria-label")).groups()
    place = re.search(r"place=(\d+)", spot.get_attribute("href")).group(1)
    spot.locator("circle").click()
    view.wait_for_load_state()  # click returns once the next page starts loading
    assert view.url.endswith(f"/?q=%2A&sort=newest&place={place}")
    expect(view.locator(".chips").get_by_text(f"Place: {name}")).to_be_visible()
    expect(view.get_by_role("heading", name=f"{count} article")).to_be_visible()
    assert view.locator("section.places-map svg a[aria-current='true']").get_attribute("aria-label").startswith(name)


def test_the_map_adds_no_tab_stop_but_a_list_of_its_links(archive, view):
    view.goto(archive + "/?q=*")
    assert view.locator("section.places-map svg a:not([tabindex='-1'])").count() == 0
    summary = view.locator("section.places-map summary")
    summary.focus()
    view.keyboard.press("Enter")
    first = view.locator("section.places-map table a").first
    expect(first).to_be_visible()
    view.keyboard.press("Tab")
    assert view.evaluate("document.activeElement.textContent") == first.text_content()


def test_the_year_chart_of_dates_mentioned_is_no_row_of_tab_stops(archive, view):
    view.goto(archive + "/?q=*")
    open_filters(view)
    bars = view.locator("#facet-mentioned ~ figure.chart a")
    assert bars.count() > 3
    first_filter = view.locator("#filters a").first
    first_filter.focus()
    in_chart, stops = 0, 0
    while view.evaluate("document.activeElement.closest('#filters') !== null"):
        in_chart += view.evaluate("document.activeElement.closest('figure.chart') !== null")
        view.keyboard.press("Tab")
        stops += 1
        assert stops < 200
    assert in_chart == 0  # was one stop a year
    links = view.evaluate("[...document.querySelectorAll('#filters a, #filters summary')]"
                          ".filter(e => e.tabIndex >= 0 && e.checkVisibility()"
                          " && !e.matches('details.filters > summary')).length")
    assert stops == links  # every Tab stop of the filters is a visible link or summary, no bar
    table = view.locator("#facet-mentioned ~ details.alt-table")
    table.locator("summary").click()
    year = bars.first.get_attribute("aria-label").split(":")[0]
    expect(table.get_by_role("link", name=year, exact=True)).to_be_visible()
    section = view.locator("#facet-mentioned").locator("..")
    section.screenshot(path=str(SCREENSHOTS / f"dates_mentioned_{view.width}.png"))


def test_wide_screens_show_the_filters_without_details_content(archive, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(archive + "/?q=*")
        expect(page.locator("#facet-actor")).to_be_visible()
        assert not page.locator("details.filters > summary").is_visible()
        # Browsers without ::details-content never show what a closed <details> holds: the filters are not in one.
        assert page.locator("details:not([open]) #facet-actor").count() == 0
        css = page.evaluate("[...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText).join('')")
        assert "details-content" not in css
    finally:
        context.close()
