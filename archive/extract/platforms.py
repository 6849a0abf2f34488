"""Online platforms as the medium of what others say (issue 15): 'said on Twitter', 'videos on YouTube',
'removed from YouTube', 'his Facebook page'. Like an outlet's credit ('told the BBC'), such a mention is
no actor of the story; the platform is one where the story is about it ('YouTube is complying', 'Google
bought'). The names and words are data/kinds.json's platforms.
"""
from __future__ import annotations

import re
from functools import lru_cache

from archive.extract.kinds import alternatives, data
from archive.extract.names import fold

WINDOW = 80  # characters before a mention in which a removal verb makes 'from YouTube' the medium


class _Platforms:
    def __init__(self, words: dict) -> None:
        self.names = {fold(name) for name in words["names"]}
        # '… videos on Google', 'said on Twitter', 'posted to Facebook', 'via Twitter'
        content = alternatives(words["content_before"])
        self.before = re.compile(rf"(?i:(?<![\w-])(?:(?:{content})(?:[ \t]+[\w'’-]+){{0,3}}?[ \t]+(?:on|onto)"
                                 rf"|{alternatives(words['before'])}))[ \t]+$")
        # 'to remove a promotional video featuring Tom Cruise from YouTube'
        self.removal = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(words['removal_before'])})(?![\w-])"
                                  r"[^.!?\n]*[ \t]from)[ \t]+$")
        # 'his Facebook page', 'YouTube videos', 'a Twitter user' (not "YouTube's owner")
        self.after = re.compile(rf"(?i:[ \t]+(?:{alternatives(words['after'])}))(?![\w-])")


@lru_cache(maxsize=1)
def _platforms() -> _Platforms:
    return _Platforms(data()["platforms"])


def is_platform(name: str) -> bool:
    """A shipped name of an online platform: 'YouTube', 'Twitter'."""
    return fold(name) in _platforms().names


def is_medium(text: str, start: int, end: int) -> bool:
    """The platform's mention is the medium of what someone says or shows, not an actor of the story."""
    known = _platforms()
    before = text[max(0, start - WINDOW):start]
    return bool(known.before.search(before[-40:]) or known.after.match(text, end)
                or ("from" in before[-6:] and known.removal.search(before)))
