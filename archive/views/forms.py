"""Admin forms (Flask-WTF: every form carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class PasteForm(FlaskForm):
    body = TextAreaField("Article text", validators=[DataRequired()])
    title = StringField("Title (optional)", validators=[Optional(), Length(max=500)])
    url = StringField("URL (optional)", validators=[Optional(), Length(max=2000)])
    source = StringField("Source (optional)", validators=[Optional(), Length(max=200)])
    published_at = StringField("Published (YYYY-MM-DD, optional)", validators=[Optional(), Length(max=40)])


class UploadForm(FlaskForm):
    files = MultipleFileField("Files (.txt, .json, .jsonl, .html, .rss, .atom, .xml, .nitf, .warc, .warc.gz)",
                              validators=[DataRequired()])


class UrlForm(FlaskForm):
    url = StringField("Page or feed URL", validators=[DataRequired(), Length(max=2000)])


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=200)])


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token: delete, revoke, log out."""


class MergeForm(FlaskForm):
    into = StringField("Merge into (id or name)", validators=[DataRequired(), Length(max=300)])


class RenameForm(FlaskForm):
    name = StringField("New name", validators=[DataRequired(), Length(max=300)])


class SourceForm(FlaskForm):
    url = StringField("Feed or sitemap URL", validators=[DataRequired(), Length(max=2000)])
    every = StringField("Poll every (90s, 15m, 2h, 1d)", default="15m", validators=[DataRequired(), Length(max=20)])
    name = StringField("Source name (optional)", validators=[Optional(), Length(max=200)])
