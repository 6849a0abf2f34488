"""The login limit holds under concurrency (issue 16, finding 5): 20 wrong-password logins for one
user sent at once to a real gunicorn with 4 workers get exactly 5 real password checks (401);
the others are refused before the hash (429)."""
from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

from archive.models.user import MAX_FAILURES
from tests.servers import flask_cli, gunicorn

PASSWORD = "a long enough password"
ATTEMPTS = 20


class Browser:
    """One visitor with its own cookies (the session that holds its CSRF token)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def csrf_token(self) -> str:
        with self.opener.open(self.base + "/admin/login", timeout=60) as response:
            html = response.read().decode()
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def log_in(self, username: str, password: str, token: str) -> int:
        form = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token}).encode()
        try:
            with self.opener.open(self.base + "/admin/login", data=form, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def test_concurrent_wrong_logins_get_at_most_the_limit_of_password_checks(tmp_path):
    with gunicorn(tmp_path / "data", workers=4) as (server, env):
        flask_cli(env, "create-admin", "editor", "--password", PASSWORD)
        browsers = [Browser(server) for _ in range(ATTEMPTS)]
        tokens = [browser.csrf_token() for browser in browsers]
        start = threading.Barrier(ATTEMPTS)

        def attempt(index: int) -> int:
            start.wait()
            return browsers[index].log_in("editor", "wrong password, again", tokens[index])

        with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
            statuses = list(pool.map(attempt, range(ATTEMPTS)))
        assert statuses.count(401) == MAX_FAILURES  # a real password check, and wrong
        assert statuses.count(429) == ATTEMPTS - MAX_FAILURES  # refused before the hash
        owner = Browser(server)
        assert owner.log_in("editor", PASSWORD, owner.csrf_token()) == 429  # still locked out
    assert b"Traceback" not in (tmp_path / "data" / "gunicorn.log").read_bytes()
