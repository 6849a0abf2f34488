"""What the wording around a cluster's mentions says of its kind: a person's role ('England boss
Sven-Goran Eriksson'), a company's trade ('oil group Yukos'), a place's use ('visits Torbay', 'in
Coron', "Vava'u is a group of islands") or a club's ('signed for Chelsea')."""
from __future__ import annotations

import re

from archive.extract.clusters import Cluster, canonical, has_org_word, is_known_place
from archive.extract.kinds import is_place_name, named_as_company, named_as_person
from archive.extract.names import fold, is_acronym
from archive.extract.places import is_nation, resolve_place
from archive.extract.spans import occurrences
from archive.extract.usage import (place_definitions, travelled_to, used_as_club, used_as_place, used_as_road,
                                   used_as_unknown_place)


def count_person_cues(text: str, clusters: dict[str, Cluster]) -> None:
    """A name after a person's role or before a person's apposition ('England boss Sven-Goran Eriksson',
    "Rinat Akhmetov, the country's richest man") is a person's however the model labelled it, unless its
    words or the text make it something else (an organisation's word, an acronym, a place by its form)."""
    for cluster in clusters.values():
        name = canonical(cluster)
        if has_org_word(fold(name)) or is_acronym(name) or is_place_name(name) or is_known_place(cluster):
            continue
        if cued := sum(named_as_person(text, s.start, s.end) for s in cluster.spans):
            cluster.votes["person+"] += cued


def count_company_cues(text: str, clusters: dict[str, Cluster]) -> None:
    """A name the text calls a company by its trade ('oil group Yukos', 'retail giant Tesco') is the
    organisation's however the model labelled its mentions, unless a title makes a person of it."""
    for cluster in clusters.values():
        if any(named_as_company(text, s.start) for s in cluster.spans):  # (no zero count: votes are read as keys)
            cluster.votes["organization+"] += 1 if cluster.votes["person+"] else len(cluster.spans)


def count_place_uses(text: str, clusters: dict[str, Cluster]) -> None:
    defined = place_definitions(text)
    for cluster in clusters.values():
        if is_place_name(canonical(cluster)):  # 'Fort Lee', 'Socotra Island': every mention is the place
            cluster.place_uses = len(cluster.spans)
            continue
        roads = sum(used_as_road(canonical(cluster), text, s.start, s.end) for s in cluster.spans)
        if roads:  # 'the M18 eastbound to junction 2'
            cluster.place_uses = cluster.place_cues = roads
            continue
        place = resolve_place(canonical(cluster))
        if place is not None and place.gazetteer_id and (
                place.kind == "city" or place.kind == "region" and not is_nation(place.gazetteer_id)):
            # 'Chelsea boss', 'signed for Chelsea', 'Munster flanker': the club, not the town or province
            # (any other name of it too: 'Ulster' is Northern Ireland's). A nation's team stays the nation,
            # as a country's does ('England have won').
            club = sum(used_as_club(text, s.start, s.end) for s in cluster.spans)
            if club:
                cluster.votes["organization+"] += club
        # Only a name that is a place's own name: 'Pedro' (I, Emperor of Brazil) is not 'San Pedro'.
        if place is not None and place.gazetteer_id and _bare(place.name) == _bare(canonical(cluster)):
            cluster.place_uses = sum(used_as_place(text, s.start, s.end) for s in cluster.spans)
            if defined and _defined_as_place(text, cluster, defined):  # "Vava'u is a group of islands"
                cluster.place_uses = cluster.place_cues = len(cluster.spans)
        elif not (place and place.gazetteer_id or cluster.votes["person+"] or " of " in canonical(cluster)
                  or has_org_word(fold(canonical(cluster)))):
            if defined and _defined_as_place(text, cluster, defined):
                cluster.place_uses = cluster.place_cues = len(cluster.spans)  # 'Kalbarra is a small town'
                continue
            # A place too small for the gazetteer ('in Coron', 'near Hadibo'), twice and in half its mentions,
            # or twice the end of a journey ('flying to the Chathams', 'a visit to the Chathams').
            uses = cluster.place_cues = sum(used_as_unknown_place(text, s.start, s.end) for s in cluster.spans)
            journeys = sum(travelled_to(text, s.start) for s in cluster.spans) if uses >= 2 else 0
            if uses >= 2 and (2 * uses >= len(cluster.spans) or journeys >= 2):
                cluster.place_uses = uses


def _bare(name: str) -> str:
    """A place's name without its article: 'Al Mukalla' is Mukalla's own name, 'The Hague' The Hague's."""
    return _ARTICLE.sub("", fold(name))


_ARTICLE = re.compile(r"^(?:al|el|the|la|le|les|los|las) (?=\S)")


def _defined_as_place(text: str, cluster: Cluster, defined: set[int]) -> bool:
    """Wherever the name is written, not only where the model marked it."""
    return any(end in defined for variant in cluster.variants() for _start, end in occurrences(text, variant))
