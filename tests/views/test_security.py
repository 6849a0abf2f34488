"""Security headers on every response; production needs a secret key; cookies are Secure over HTTPS."""
import pytest

from archive import create_app
from archive.settings import SettingError


@pytest.mark.parametrize("url", ["/", "/api/v1/search", "/healthz", "/admin/login", "/no-such-page"])
def test_headers_everywhere(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_refuses_to_start_without_a_secret(tmp_path):
    with pytest.raises(SettingError, match="ARCHIVE_SECRET_KEY"):
        create_app({"DATA_DIR": str(tmp_path), "ENV": "production", "SECRET_KEY": None})


def test_session_cookie_is_secure_only_over_https(app):
    plain = app.test_client().get("/admin/login").headers.get("Set-Cookie", "")
    secure = app.test_client().get("/admin/login", base_url="https://localhost").headers.get("Set-Cookie", "")
    assert "HttpOnly" in secure and "SameSite=Lax" in secure and "Secure" in secure
    assert "Secure" not in plain
