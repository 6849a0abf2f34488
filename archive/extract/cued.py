"""Names that are things only beside the words of their field (issue 15): a spacecraft or space mission
('the first sample return mission since Apollo', 'observations by Skylab'), a programming language ('Java
reflection'), a constructed language ('the Esperanto offshoot Ido'). Each name is also a person's or a
company's ('Apollo Global Management said', 'Genesis, 23, said'), so a name of data/kinds.json's
cued_things is a thing only where one of its group's cue words stands near one of its mentions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from archive.extract.kinds import alternatives, data
from archive.extract.names import fold


class _Group:
    """One group of cued_things: its names (folded), its cue words and how far from a mention they count."""

    def __init__(self, group: dict) -> None:
        self.names = {fold(name) for name in group["names"]}
        self.window = group["window"]
        lower = [cue for cue in group["cues"] if cue.islower()]
        written = [cue for cue in group["cues"] if not cue.islower()]  # 'NASA', 'Esperanto': as written
        forms = ([f"(?i:{alternatives(lower)})"] if lower else []) + ([alternatives(written)] if written else [])
        self.cues = re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


@lru_cache(maxsize=1)
def _groups() -> tuple[_Group, ...]:
    return tuple(_Group(group) for key, group in data()["cued_things"].items() if not key.startswith("_"))


def cued_thing(name: str, text: str, written: list[tuple[int, int]]) -> bool:
    """The name is one of a group's and a cue word of that group stands within its window of one of
    the places the name is written: 'Genesis brought back a sample' after 'sample return mission'."""
    key = fold(name)
    for group in _groups():
        if key in group.names and any(group.cues.search(text, max(0, start - group.window), end + group.window)
                                      for start, end in written):
            return True
    return False
