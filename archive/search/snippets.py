"""Snippets: the best passages of a body with the matched words in <mark>, all else escaped."""
from __future__ import annotations

import re

from markupsafe import escape
from whoosh import highlight

SNIPPET_CHARS = 240


class MarkFormatter(highlight.Formatter):
    """Wraps matches in <mark> and HTML-escapes every character of article text."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


def snippet(body: str, terms: set[str], analyzer) -> str:
    """HTML-safe snippet; the opening of the body when nothing matches (an empty query)."""
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        marked = highlight.highlight(_window(body, terms), frozenset(terms), analyzer, fragmenter,
                                     MarkFormatter(), top=2)
        if marked:
            return marked
    return str(escape(_opening(body)))


def _window(body: str, terms: set[str], size: int = 600) -> str:
    """The part of a long body around the first match: analysing whole bodies for
    every hit was most of a search's time. A stem's first letters find the word forms."""
    if len(body) <= size:
        return body
    prefixes = "|".join(re.escape(term[:max(3, len(term) - 1)]) for term in sorted(terms))
    match = re.search(rf"(?i)\b(?:{prefixes})", body)
    if match is None:
        return body
    start = body.rfind(" ", 0, max(0, match.start() - 120)) + 1
    end = body.find(" ", min(len(body), start + size))
    return body[start:end if end != -1 else len(body)]


def _opening(body: str) -> str:
    text = " ".join(body.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
