"""The mentions left out once the entities are decided: an outlet credited as the story's source,
a name written as a name rather than naming its bearer, a mention inside a work's title or a court case's."""
from __future__ import annotations

from archive.extract.cases import cases
from archive.extract.clusters import FoundEntity
from archive.extract.kinds import is_credit, is_outlet
from archive.extract.naming import named_names
from archive.extract.works import cut_title, dated, subtitled_works, works_after_creators


def without_credits(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
    """An outlet credited as the story's source ('told the BBC', '(AP)', 'REUTER') is not an actor of
    it; its other mentions ('the BBC's director general resigned') keep it one."""
    kept = []
    for entity in found:
        if entity.kind != "place" and is_outlet(entity.name):
            entity.mentions = [m for m in entity.mentions if not is_credit(text, m.start, m.end)]
        if entity.mentions:
            kept.append(entity)
    return kept


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
    So is an actor's mention that stands for a court case ('Roe v. Wade', 'in MCI, Justice Scalia's opinion')."""
    brackets, years, cited = works_after_creators(text) + subtitled_works(text), dated(text), cases(text)
    kept = []
    for entity in found:
        entity.mentions = [m for m in entity.mentions if not (m.end in years and cut_title(text, m.start, m.end))
                           and not any(start <= m.start and m.end <= end for start, end in brackets)
                           and not (entity.kind != "place" and cited.cites(text, m.start, m.end))]
        if entity.mentions:
            kept.append(entity)
    return kept
