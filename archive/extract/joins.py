"""Joining the clusters that name one entity: 'EU' and 'European Union', 'Alan' and 'Alan Milburn',
'Tokayev' and 'Kassym-Jomart Tokayev', 'Red Sox' and 'Boston Red Sox', 'Eugene Nida' and 'Eugene A. Nida'."""
from __future__ import annotations

from archive.extract.clusters import (Cluster, canonical, capitalised, has_org_word, is_known_place, kind_of,
                                      person_score, resolves)
from archive.extract.kinds import is_outlet
from archive.extract.names import ORG_WORDS, collapse, fold, short_forms, without_title
from archive.extract.spans import Span


def join_short_forms(clusters: dict[str, Cluster]) -> None:
    """'EU' and 'European Union', 'Lib Dems' and 'Liberal Democrats' (data/short_forms.json) are
    one organisation, named the same in every article."""
    known = short_forms()
    for key in list(clusters):
        name = known.get(key)
        if name is None or key not in clusters:
            continue
        target = fold(name)
        if target != key:
            if target in clusters:
                merge(clusters, key, target)
            else:
                clusters[target] = clusters.pop(key)
        clusters[target].long_form = name
        clusters[target].votes["organization+"] += len(clusters[target].spans)  # every mention is the organisation's


def join_first_names(clusters: dict[str, Cluster]) -> None:
    """A lone first name is no actor of its own: it joins the one person of the text whose name
    starts with it ('Alan' with 'Alan Milburn', 'Alan Milburn MP' being the same), and is dropped
    when several people share it. A word that also ends a name is a surname, left to the surname rules."""
    people = [key for key, cluster in clusters.items() if len(key.split()) > 1 and person_score(cluster) > 0]
    surnames = {person.split()[-1] for person in people}
    for key in [k for k in clusters if " " not in k and k not in surnames and not resolves(clusters[k])]:
        owners = sorted((p for p in people if p.split()[0] == key and p in clusters), key=len)
        if owners and all(other.startswith(owners[0]) for other in owners):
            merge(clusters, key, owners[0])
        elif owners:
            del clusters[key]


def _placed_by_text(cluster: Cluster) -> bool:
    """The wording makes a place of a name no gazetteer knows ('in Coron', 'Coron is a town'), at
    least once. (A gazetteer town's name yields to a full name: 'visited Pullman' is Philip Pullman.)"""
    return cluster.place_cues > 0


def merge(clusters: dict[str, Cluster], source: str, target: str) -> None:
    clusters[target].absorb(clusters.pop(source))


def join_short_names(clusters: dict[str, Cluster]) -> None:
    """A surname ('Tokayev', "Tokayev's", 'Mr Tokayev') joins the one longer person name of the
    text that ends with it; when several do ('Gordon Brown', 'Nick Brown'), each mention joins
    the nearest of them written in full before it, else the nearest after it."""
    _join_middle_names(clusters)
    for key in sorted(clusters, key=lambda k: len(k.split())):
        if key not in clusters or (kind_of(clusters[key]) == "place" and (
                is_known_place(clusters[key]) or _placed_by_text(clusters[key]))):
            continue  # nor a name the text calls a place: "Vava'u is a group of islands" beside 'Utu Vava'u'
        targets = [other for other in clusters if other.endswith(" " + key)  # (the cheap test first)
                   and len(other.split()) > len(key.split()) and person_score(clusters[other]) > 0]
        if len(targets) == 1:
            _join(clusters, key, targets[0])
        elif targets:
            _share_out(clusters, key, targets)
        elif " " not in key:
            _join_first_name(clusters, key) or _join_last_word(clusters, key)


def join_organisation_parts(clusters: dict[str, Cluster]) -> None:
    """'Red Sox' joins 'Boston Red Sox', 'Air Force' 'United States Air Force', 'Harvard' 'Harvard
    University': the last words of exactly one longer organisation's name, or its first words when
    the rest are an organisation's words ('University', 'Party'). Not a known place ('Boston' of
    'Boston Red Sox' is the city), not a person ('Andy Warhol' of the 'Andy Warhol Foundation'), not
    an acronym the text defines."""
    organisations = [key for key, cluster in clusters.items() if " " in key and kind_of(cluster) == "organization"
                     and not cluster.votes["person+"] and not is_outlet(key)]  # 'BBC' is not 'BBC News'
    for key in sorted(clusters, key=lambda k: len(k.split())):
        cluster = clusters.get(key)
        if cluster is None or kind_of(cluster) == "person" or cluster.acronyms or resolves(cluster) or (
                _placed_by_text(cluster)):
            continue  # nor a name the text uses as a place ('in Coron' beside the town's old name 'Penon de Coron')
        words = key.split()
        targets = [other for other in organisations if other in clusters and len(other.split()) > len(words)
                   and (other.endswith(" " + key) or (other.startswith(key + " ") and all(
                       word in ORG_WORDS for word in other.split()[len(words):])))]
        if len(targets) == 1:
            _join(clusters, key, targets[0], person=False)


def _join(clusters: dict[str, Cluster], key: str, target: str, person: bool = True) -> bool:
    moved = clusters.pop(key)
    if person:  # a part of a person's name is a person's however spaCy labelled it alone
        clusters[target].absorb(moved)
        clusters[target].votes["person"] += sum(moved.votes.values())
    else:  # the longer name's votes alone decide ('United' alone may read as a person)
        clusters[target].spans.extend(moved.spans)
    return True


def _join_last_word(clusters: dict[str, Cluster], key: str) -> bool:
    """'Pullman' joins 'Philip Pullman', 'Sachs' 'Goldman Sachs', however the model labelled the
    two: the last word of exactly one name of two or three words, neither a place nor named with
    an organisation's word ('Bank'); the longer name's kind stays."""
    if has_org_word(key) or (kind_of(clusters[key]) == "place" and (
            is_known_place(clusters[key]) or not any(v.startswith(("person", "organization"))
                                                      for v in clusters[key].votes))):
        return False  # a town's name the model also read as a name ('visited Pullman') yields to the full name
    targets = [other for other in clusters if other.endswith(" " + key) and len(other.split()) in (2, 3)
               and kind_of(clusters[other]) != "place"]
    if len(targets) != 1 or has_org_word(targets[0]) or not capitalised(canonical(clusters[targets[0]])):
        return False
    if _placed_by_text(clusters[key]) and kind_of(clusters[targets[0]]) == "organization":
        return False  # 'flights to Chatham' is not the airline 'Air Chatham' named after it
    # A surname a title or a line-up makes a person's ('Musampa' of the model's organisation 'Kiki Musampa')
    # makes the full name a person's too.
    return _join(clusters, key, targets[0], person=bool(clusters[key].votes["person+"]))


def _join_middle_names(clusters: dict[str, Cluster]) -> None:
    """'Eugene Nida' joins 'Eugene A. Nida', 'Matthew Goode' 'Matthew William Goode': the same first
    and last names, the longer with middle names, when only one longer name fits."""
    people = [key for key in clusters if " " in key and person_score(clusters[key]) > 0]
    # The shorter name may be one the model alone called something else ('Brock Holt' an organisation
    # beside 'Brock Wyatt Holt (born ...)'), not one the wording calls so ('Andy Warhol Foundation').
    named = [key for key in clusters if " " in key and person_score(clusters[key]) >= 0 and not has_org_word(key)]
    for key in sorted(named, key=lambda k: len(k.split())):
        words = key.split()
        targets = [other for other in people if other in clusters and len(other.split()) > len(words)
                   and other.split()[0] == words[0] and other.split()[-1] == words[-1]
                   and _in_order(words, other.split())]
        if len(targets) == 1:
            _join(clusters, key, targets[0])


def _in_order(words: list[str], longer: list[str]) -> bool:
    remaining = iter(longer)
    return all(word in remaining for word in words)


def _join_first_name(clusters: dict[str, Cluster], key: str) -> bool:
    """'Jenna' joins 'Jenna Marbles' when she is the only person of the text with that first name and
    the word is a person's here (not the city of 'Paris' beside 'Paris Hilton')."""
    cluster = clusters[key]
    if not (cluster.votes["person"] + cluster.votes["person+"]) or kind_of(cluster) != "person":
        return False
    targets = [other for other in clusters if other.split()[0] == key and " " in other
               and person_score(clusters[other]) > 0]
    return len(targets) == 1 and _join(clusters, key, targets[0])


def _share_out(clusters: dict[str, Cluster], key: str, targets: list[str]) -> None:
    """Give each mention of a surname shared by several people to the nearest full name."""
    size = len(key.split())
    # words counted as in the keys ('Jean-Pierre Raffarin' is three, 'Wright-Phillips' two)
    full = [(span.start, target) for target in targets for span, name in _named_spans(clusters[target])
            if len(fold(name).split()) > size]
    if not full:  # no target is written in full anywhere: the short name stays its own
        return
    moved = clusters.pop(key)
    for span in moved.spans:
        before = [(start, target) for start, target in full if start < span.start]
        start, target = max(before) if before else min(full)
        clusters[target].spans.append(span)
        clusters[target].votes["person"] += 1


def _named_spans(cluster: Cluster) -> list[tuple[Span, str]]:
    return [(span, without_title(collapse(span.text))) for span in cluster.spans]
