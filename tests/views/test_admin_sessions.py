"""Admin sessions end when they should (issue 16, finding 3): a kept `session` cookie no longer
opens /admin after its user logged out, got a new password or was revoked."""
import pytest

from tests.views.test_admin import PASSWORD, token_of

NEW_PASSWORD = "another long enough password"


def create_admin(app, password=PASSWORD) -> str:
    return app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", password]).output


def logged_in(app, password=PASSWORD):
    """A fresh test client logged in as editor."""
    client = app.test_client()
    response = client.post("/admin/login", data={"username": "editor", "password": password,
                                                 "csrf_token": token_of(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin")
    assert client.get("/admin").status_code == 200
    return client


def replay(app, cookie: str):
    """A new client presenting a kept session cookie, as someone who copied it would."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def is_logged_out(client) -> bool:
    response = client.get("/admin")
    return response.status_code == 302 and "/admin/login" in response.headers["Location"]


@pytest.fixture
def editor(app):
    assert "created admin user editor" in create_admin(app)
    return logged_in(app)


def test_a_kept_cookie_no_longer_opens_admin_after_logout(app, editor):
    kept = editor.get_cookie("session").value
    assert replay(app, kept).get("/admin").status_code == 200  # the copy works while the session lives
    response = editor.post("/admin/logout", data={"csrf_token": token_of(editor, "/admin")})
    assert response.status_code == 302
    assert is_logged_out(replay(app, kept))
    assert is_logged_out(editor)


def test_logout_ends_the_users_other_sessions_too(app, editor):
    laptop = logged_in(app)
    editor.post("/admin/logout", data={"csrf_token": token_of(editor, "/admin")})
    assert is_logged_out(laptop)
    assert logged_in(app).get("/admin").status_code == 200  # logging in again works


def test_a_new_password_ends_existing_sessions(app, editor):
    kept = editor.get_cookie("session").value
    assert "updated admin user editor" in create_admin(app, NEW_PASSWORD)
    assert is_logged_out(editor) and is_logged_out(replay(app, kept))
    assert logged_in(app, NEW_PASSWORD).get("/admin").status_code == 200


def test_revoking_a_user_ends_its_sessions_and_logins(app, editor):
    kept = editor.get_cookie("session").value
    result = app.test_cli_runner().invoke(args=["archive", "revoke-admin", "editor"])
    assert result.exit_code == 0 and "revoked admin user editor" in result.output
    assert is_logged_out(editor) and is_logged_out(replay(app, kept))
    client = app.test_client()
    refused = client.post("/admin/login", data={"username": "editor", "password": PASSWORD,
                                                "csrf_token": token_of(client)})
    assert refused.status_code == 401 and "Wrong user name or password" in refused.get_data(as_text=True)
    assert is_logged_out(client)


def test_create_admin_gives_a_revoked_user_access_again(app, editor):
    assert app.test_cli_runner().invoke(args=["archive", "revoke-admin", "editor"]).exit_code == 0
    assert "updated admin user editor" in create_admin(app, NEW_PASSWORD)
    assert logged_in(app, NEW_PASSWORD).get("/admin").status_code == 200


def test_revoking_an_unknown_user_fails_with_a_message(app):
    result = app.test_cli_runner().invoke(args=["archive", "revoke-admin", "nobody"])
    assert result.exit_code != 0 and "no admin user nobody" in result.output
