"""flask --app wsgi archive create-admin / revoke-admin USERNAME: admin users of the web pages."""
from __future__ import annotations

import click

from archive import db
from archive.cli.group import archive_cli
from archive.models import User

MIN_PASSWORD = 10


@archive_cli.command("create-admin")
@click.argument("username")
@click.password_option("--password", prompt="Password", help="Asked at the prompt when not given.")
def create_admin_command(username: str, password: str) -> None:
    """Create an admin user, or set a new password for an existing one (ending its sessions)."""
    if len(password) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters", param_hint="password")
    session = db.new_session()
    try:
        user = User.by_username(session, username)
        created = user is None
        if created:
            user = User(username=username)
            session.add(user)
        user.set_password(password)
        session.commit()
    finally:
        session.close()
    click.echo(f"{'created' if created else 'updated'} admin user {username}")


@archive_cli.command("revoke-admin")
@click.argument("username")
def revoke_admin_command(username: str) -> None:
    """End an admin user's sessions and refuse its logins (create-admin gives access again)."""
    session = db.new_session()
    try:
        user = User.by_username(session, username)
        if user is None:
            raise click.ClickException(f"no admin user {username}")
        user.revoke()
        session.commit()
    finally:
        session.close()
    click.echo(f"revoked admin user {username}")
