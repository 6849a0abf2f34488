"""JSON parsing that refuses deep nesting: Python's json module recurses once per level and
raises RecursionError (a 500, a dead ingest) on 100,000 nested brackets. The depth is measured
before parsing, at C speed: strings and everything but brackets are dropped, and the running
count of open brackets is summed with numpy; past MAX_DEPTH the document is refused."""
from __future__ import annotations

import json
import re

import numpy as np

MAX_DEPTH = 64  # an article is an object of strings; a list of articles is depth 2
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Every opening bracket counts, matched or not: json recurses into an unclosed or mismatched one too.
_SAME_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))  # UTF-8 never has these bytes inside a character


class TooDeep(json.JSONDecodeError):
    """A JSON document nested more than MAX_DEPTH levels (a JSONDecodeError, so it fails as bad JSON)."""

    def __init__(self, depth: int, max_depth: int):
        super().__init__(f"nested {depth} levels deep, more than the limit of {max_depth}", "", 0)
        self.args = (self.msg,)  # the message alone: a position in the document would say nothing


def check_depth(text: str | bytes, max_depth: int = MAX_DEPTH) -> None:
    """Raise TooDeep when arrays and objects in `text` nest more than `max_depth` levels."""
    raw = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= max_depth:
        return  # cannot be deeper: the common case costs two counts
    brackets = _STRING.sub(b"", raw).translate(_SAME_BRACKETS, _NOT_BRACKETS)
    steps = ord("\\") - np.frombuffer(brackets, dtype=np.uint8).astype(np.int32)  # "[" -> +1, "]" -> -1
    depth = int(np.cumsum(steps).max(initial=0))
    if depth > max_depth:
        raise TooDeep(depth, max_depth)


def loads(text: str | bytes, max_depth: int = MAX_DEPTH):
    """json.loads after check_depth."""
    check_depth(text, max_depth)
    return json.loads(text)
