"""Browser tests: Debian's chromium driven by Playwright against a real gunicorn.

They run whenever /usr/bin/chromium is installed (.ci/run installs it) and are
skipped with a clear reason when it is not. Screenshots go to test-artifacts/.
When the suite runs on PostgreSQL, the gunicorn (and its CLI calls) get a database
of their own through ARCHIVE_DATABASE_URL (tests/servers.py).
"""
from __future__ import annotations

import shutil

import pytest

from archive import ROOT
from tests.servers import flask_cli, gunicorn

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
ADMIN, PASSWORD, TOKEN = "editor", "correct horse battery", "browser-test-token"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium)")
    data = tmp_path_factory.mktemp("browser") / "data"
    data.mkdir()
    with gunicorn(data, workers=2, ARCHIVE_ADMIN_TOKEN=TOKEN) as (base, env):
        flask_cli(env, "seed")
        flask_cli(env, "create-admin", ADMIN, "--password", PASSWORD)
        yield base


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def view(browser, request):
    """A page at desktop and at phone width (its `width`), screenshotted at the end."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.width = request.param
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def open_filters(page) -> None:
    """On a phone the filters are a folded panel above the results."""
    summary = page.locator("details.filters > summary")
    if summary.is_visible():
        summary.click()
