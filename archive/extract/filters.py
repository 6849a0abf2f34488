"""The mentions left out once the entities are decided: an outlet credited as the story's source,
a name written as a name rather than naming its bearer, a mention inside a work's title or a court case's."""
from __future__ import annotations

import re

from archive.extract.cases import cases
from archive.extract.clusters import FoundEntity
from archive.extract.kinds import is_credit, is_outlet
from archive.extract.naming import named_names
from archive.extract.platforms import is_medium, is_platform
from archive.extract.works import cut_title, dated, introduced_titles, subtitled_works, works_after_creators


def without_credits(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
    """An outlet credited as the story's source ('told the BBC', '(AP)', 'REUTER') is not an actor of
    it, nor a platform that carries what someone says ('said on Twitter', 'his Facebook page'); their
    other mentions ('the BBC's director general resigned', 'YouTube is complying') keep them actors. Nor is
    the label of a code in brackets: the 'NYSE' of '(NYSE: IBM)', the 'IATA' of '(IATA: PHX)'."""
    kept = []
    for entity in found:
        if entity.kind != "place" and is_outlet(entity.name):
            entity.mentions = [m for m in entity.mentions if not is_credit(text, m.start, m.end)]
        elif entity.kind != "place" and is_platform(entity.name):
            entity.mentions = [m for m in entity.mentions if not is_medium(text, m.start, m.end)]
        entity.mentions = [m for m in entity.mentions if not _in_code_label(text, m.start, m.end)]
        if entity.mentions:
            kept.append(entity)
    return kept


def _in_code_label(text: str, start: int, end: int) -> bool:
    """The mention is the label of a code in brackets or the code: '(IATA: PHX)', '(NYSE: IBM)', '(ISO 639-3:
    bjt)'. Neither the exchange or standard nor the ticker is an actor there (the company is named elsewhere)."""
    if text[start - 1:start] == "(" and _LABEL_BEFORE_CODE.match(text, end):
        return True
    return (_CODE_AFTER_LABEL.search(text, max(0, start - 30), start) is not None
            and _CODE_END.match(text, end) is not None)


_LABEL_BEFORE_CODE = re.compile(r"(?:[ \t]+[\w-]+)?:[ \t]*[\w.]{1,8}[ \t]*[);,]")
_CODE_AFTER_LABEL = re.compile(r"\([A-Z][\w-]*(?:[ \t]+[\w-]+)?:[ \t]*$")
_CODE_END = re.compile(r"[ \t]*[);,]")


def without_names_as_names(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
    """A mention that writes the name rather than naming its bearer ('her pen name, Ichiyo Higuchi', 'the
    city was renamed to Litzmannstadt') is no mention of an actor or place; the bearer's other mentions
    keep it ('Coron' the town, after 'changed from Penon de Coron to Coron')."""
    starts, ends = named_names(text)
    if not (starts or ends):
        return found
    kept = []
    for entity in found:
        entity.mentions = [m for m in entity.mentions if m.start not in starts and m.end not in ends]
        if entity.mentions:
            kept.append(entity)
    return kept


def without_titles(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
    """A mention inside a title is the work's, whatever the rest of the name is: the brackets of works
    after each creator of a list ('directors such as Rainer Werner Fassbinder (Querelle)'), a dated title
    the model cut ('A Single |Man| (2009)', where 'Man' alone is a town), a subtitled title ('Batman: Arkham VR').
    So is an actor's mention that stands for a court case ('Roe v. Wade', 'in MCI, Justice Scalia's opinion'),
    and a name inside a title right after 'author of' or 'a remake of' ('Alice in Wonderland', where 'Alice'
    is a town), but for a person or a gazetteer's place later in it ('the premiere of Hamlet in London',
    'author of The History of Peter the Great')."""
    brackets, years, cited = works_after_creators(text) + subtitled_works(text), dated(text), cases(text)
    introduced = introduced_titles(text)
    kept = []
    for entity in found:
        # (inside a title, a person or a gazetteer's place after its first word may be what the work is about)
        keeps = entity.kind == "person" or entity.place is not None and entity.place.gazetteer_id is not None
        entity.mentions = [m for m in entity.mentions if not (m.end in years and cut_title(text, m.start, m.end))
                           and not any(start <= m.start and m.end <= end for start, end in brackets)
                           and not any(start <= m.start and m.end <= end and not (keeps and m.start > start)
                                       for start, end in introduced)
                           and not (entity.kind != "place" and cited.cites(text, m.start, m.end))]
        if entity.mentions:
            kept.append(entity)
    return kept
