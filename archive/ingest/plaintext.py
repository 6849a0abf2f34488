"""Plain text: HTML fragments (a feed entry's content) -> text, one paragraph a block element; and
the title a plain-text file carries on its first line."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that start a new paragraph; <br> starts a new line.
_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
           "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "header", "footer"}
# A figure is an image and its caption, not the text of the article.
_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "svg", "figure"}


TITLE_LIMIT = 300  # a longer first line is a paragraph, not a title


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body) of a plain-text article: a first line followed by a blank line is the title
    (as in BBC files and most text exports), and the body is what follows it; else (None, text)."""
    head, blank, rest = text.lstrip("\ufeff\n").partition("\n\n")
    title = head.strip()
    if not blank or "\n" in title or len(title) > TITLE_LIMIT or not rest.strip():
        return None, text
    return title, rest.strip("\n")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: entities decoded, scripts and styles dropped, paragraphs kept
    apart by a blank line, other whitespace folded."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_data(self, data):
        if not self._skipping:
            self._parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self._parts)
        lines = [line.strip() for line in joined.split("\n")]
        paragraphs = re.split(r"\n{2,}", "\n".join(lines))
        return "\n\n".join(p.strip() for p in paragraphs if p.strip())
