"""What a reader and an admin do, in a real browser."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN, PASSWORD, TOKEN
from tests.servers import call

XSS = "Harbour notice: <script>alert(1)</script> and <img src=x onerror=alert(1)> in Valletta."


def test_search_and_narrow_by_a_facet(site, page):
    page.goto(site + "/")
    page.get_by_label("Search articles").fill("Kazakhstan")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    expect(page.get_by_role("heading", name="1 article")).to_be_visible()
    assert page.locator(".snippet mark").first.inner_text() == "Kazakhstan"
    page.locator("#facet-actor + ul").get_by_role("link", name="Kassym-Jomart Tokayev", exact=True).click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    assert re.search(r"actor=\d+", page.url)
    expect(page.locator(".chips").get_by_text("Actor: Kassym-Jomart Tokayev")).to_be_visible()
    page.get_by_label("Search articles").fill("Kazakhstan -Almaty")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    expect(page.get_by_role("heading", name="0 articles")).to_be_visible()


def test_follow_an_entity_link_from_an_article(site, page):
    page.goto(site + "/?q=Tokayev")
    page.locator(".hit h3 a").first.click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    assert page.get_by_role("heading", level=1).inner_text().startswith("Russia-led alliance")
    page.locator("aside").get_by_role("link", name="Almaty").click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    assert page.get_by_role("heading", level=1).inner_text() == "Almaty"
    expect(page.get_by_text("43.2525, 76.9115")).to_be_visible()
    assert page.locator("circle.pin").count() == 1


def test_log_in_and_ingest_through_the_form(site, page):
    page.goto(site + "/admin")
    page.get_by_label("User name").fill(ADMIN)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    expect(page.get_by_role("heading", name="Admin")).to_be_visible()
    page.get_by_label("Title (optional)").fill("Ferry strike in Piraeus")
    page.get_by_label("Published (YYYY-MM-DD, optional)").fill("2023-09-14")
    page.get_by_label("Article text").fill("Dock workers in Piraeus walked out on Wednesday, "
                                           "union leader Giorgos Papadakis said.")
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_load_state()  # click returns once the next page starts loading
    expect(page.locator(".outcomes .created").get_by_role("link", name="Ferry strike in Piraeus")).to_be_visible()
    page.goto(site + "/?q=Piraeus")
    expect(page.get_by_role("link", name="Ferry strike in Piraeus")).to_be_visible()


def test_script_in_an_article_is_shown_as_text(site, page):
    status, article = call(site + "/api/v1/articles", {"body": XSS, "title": XSS}, TOKEN)
    assert status in (200, 201)
    for url in ("/?q=harbour", f"/articles/{article['id']}"):
        page.goto(site + url)
        assert "<script>alert(1)</script>" in page.locator("main").inner_text()
    assert page.dialogs == []
