"""Turn spaCy's entity spans into clean actors and places for one article.

spaCy gives one label per span and nothing more; a reader wants one entry per
real-world entity: all mentions of "Tokayev" joined to "Kassym-Jomart Tokayev",
"CSTO" to its expansion, the kind decided by every mention, and fragments such
as "Stun" (from a headline) or demonyms such as "Kazakh" left out.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from archive.extract.acronyms import find_definitions
from archive.extract.kinds import (is_credit, is_fragment, is_outlet, is_place_name, is_thing, thing_context,
                                   used_as_place)
from archive.extract.layout import with_layout_names
from archive.extract.names import EVENT_WORDS, NOT_NAMES, collapse, fold, is_acronym
from archive.extract.places import Place, is_demonym, is_well_known, resolve_place
from archive.extract.spans import Span, candidate_spans

__all__ = ["FoundEntity", "Span", "find_entities"]


@dataclass
class FoundEntity:
    kind: str  # person | organization | place
    name: str
    key: str
    mentions: list[Span]
    place: Place | None = None


@dataclass
class _Cluster:
    spans: list[Span] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    long_form: str | None = None
    place_uses: int = 0  # mentions the wording uses as a place ('visits Torbay'), when the name is one

    def variants(self) -> set[str]:
        return {collapse(span.text) for span in self.spans}


def find_entities(text: str, doc) -> list[FoundEntity]:
    """Actors and places of one article; `doc` is spaCy's parse of the same characters."""
    definitions = find_definitions(text)
    not_names = {d.acronym for d in definitions if d.expansion is None}
    candidates = with_layout_names(text, candidate_spans(text, doc, definitions))
    spans = [s for s in candidates if _keep(s, text, not_names)]
    clusters = _cluster(spans, definitions)
    _drop_things(text, clusters)
    _join_first_names(clusters)
    _count_place_uses(text, clusters)
    _join_short_names(clusters)
    return _without_credits(text, _decide(text, clusters))


def _keep(candidate: tuple[Span, str], text: str, not_names: set[str]) -> bool:
    span, _kind = candidate
    words = span.text.split()
    if not any(ch.isupper() for ch in span.text) or span.text in not_names or span.text in NOT_NAMES:
        return False
    if is_demonym(span.text) or len(span.text) < 2 or _is_event(words) or is_fragment(span.text, text, span.end):
        return False
    if _kind.startswith("place") and _EVENT_AFTER.match(text, span.end):
        return False
    # A one-word "name" that the text also uses as an ordinary word ("Stun grenades" / "stun grenades").
    lower = rf"(?<![\w-]){re.escape(span.text.lower())}(?![\w-])"
    if len(words) == 1 and not is_acronym(span.text) and re.search(lower, text):
        return False
    # "Kazakhstan Wakes": a country plus a word is a headline fragment, not a person.
    return not (len(words) > 1 and _kind.startswith("person") and any(_is_country(w) for w in words))


# A place right before an event's name is part of the event's: 'U.S. Amateur Championship', 'Hong Kong Open'.
_EVENT_FORMS = "|".join(form for word in sorted(EVENT_WORDS) for form in (word.capitalize(), word.upper()))
_EVENT_AFTER = re.compile(rf"\s(?:[A-Z][\w'.-]*\s){{0,2}}(?:{_EVENT_FORMS})\b")


def _is_event(words: list[str]) -> bool:
    """'Hong Kong Open', 'FED CUP', 'Gulf War': an event named after a place or sponsor."""
    return len(words) > 1 and words[-1].lower() in EVENT_WORDS


def _is_country(word: str) -> bool:
    place = resolve_place(word)
    return place is not None and place.kind == "country"


def _cluster(candidates: list[tuple[Span, str]], definitions) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    for span, vote in candidates:
        cluster = clusters.setdefault(fold(span.text), _Cluster())
        if not any(s.start == span.start and s.end == span.end for s in cluster.spans):
            cluster.spans.append(span)
            cluster.votes[vote] += 1
    for definition in definitions:
        short, long_ = fold(definition.acronym), definition.expansion and fold(definition.expansion)
        if long_ and long_ in clusters:
            clusters[long_].long_form = collapse(definition.expansion)
            if short in clusters and short != long_:
                _merge(clusters, short, long_)
    return clusters


def _drop_things(text: str, clusters: dict[str, _Cluster]) -> None:
    """Awards, titles, software, products, holidays and events are neither actors nor places: a name
    on the shipped lists, or one the wording calls a thing ('won an Oscar', 'the film Sideways')
    unless it is a place. (spaCy's own WORK_OF_ART and PRODUCT labels were tried as a third vote:
    on unfamiliar names they are noise, 'Pachomius' four times a work of art.)"""
    for key in list(clusters):
        cluster = clusters[key]
        named = any(is_thing(variant) for variant in cluster.variants())
        if named or (any(thing_context(text, s.start, s.end) for s in cluster.spans) and not _resolves(cluster)):
            del clusters[key]


def _join_first_names(clusters: dict[str, _Cluster]) -> None:
    """A lone first name is no actor of its own: it joins the one person of the text whose name
    starts with it ('Alan' with 'Alan Milburn', 'Alan Milburn MP' being the same), and is dropped
    when several people share it. A word that also ends a name is a surname, left to the surname rules."""
    people = [key for key, cluster in clusters.items() if len(key.split()) > 1 and _person_score(cluster) > 0]
    surnames = {person.split()[-1] for person in people}
    for key in [k for k in clusters if " " not in k and k not in surnames and not _resolves(clusters[k])]:
        owners = sorted((p for p in people if p.split()[0] == key and p in clusters), key=len)
        if owners and all(other.startswith(owners[0]) for other in owners):
            _merge(clusters, key, owners[0])
        elif owners:
            del clusters[key]


def _count_place_uses(text: str, clusters: dict[str, _Cluster]) -> None:
    for cluster in clusters.values():
        place = resolve_place(_canonical(cluster))
        # Only a name that is a place's own name: 'Pedro' (I, Emperor of Brazil) is not 'San Pedro'.
        if place is not None and place.gazetteer_id and fold(place.name) == fold(_canonical(cluster)):
            if is_place_name(_canonical(cluster)):  # 'Fort Lee': every mention is the place
                cluster.place_uses = len(cluster.spans)
            else:
                cluster.place_uses = sum(used_as_place(text, s.start, s.end) for s in cluster.spans)


def _resolves(cluster: _Cluster) -> bool:
    """The name is a gazetteer place (a country, region or city)."""
    place = resolve_place(_canonical(cluster))
    return place is not None and place.gazetteer_id is not None and place.kind != "other"


def _without_credits(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
    """An outlet credited as the story's source ('told the BBC', '(AP)', 'REUTER') is not an actor of
    it; its other mentions ('the BBC's director general resigned') keep it one."""
    kept = []
    for entity in found:
        if entity.kind != "place" and is_outlet(entity.name):
            entity.mentions = [m for m in entity.mentions if not is_credit(text, m.start, m.end)]
        if entity.mentions:
            kept.append(entity)
    return kept


def _merge(clusters: dict[str, _Cluster], source: str, target: str) -> None:
    moved = clusters.pop(source)
    clusters[target].spans.extend(moved.spans)
    clusters[target].votes.update(moved.votes)


def _join_short_names(clusters: dict[str, _Cluster]) -> None:
    """'Tokayev' joins 'Kassym-Jomart Tokayev' when exactly one longer person name ends with it."""
    for key in sorted(clusters, key=lambda k: len(k.split())):
        if key not in clusters or (_kind(clusters[key]) == "place" and _is_known_place(clusters[key])):
            continue
        targets = [other for other in clusters if len(other.split()) > len(key.split())
                   and other.endswith(" " + key) and _person_score(clusters[other]) > 0]
        if len(targets) == 1:
            moved = clusters.pop(key)
            clusters[targets[0]].spans.extend(moved.spans)
            # A surname is a person's however spaCy labelled it alone.
            clusters[targets[0]].votes["person"] += sum(moved.votes.values())


def _person_score(cluster: _Cluster) -> int:
    votes = cluster.votes
    return 2 * votes["person+"] + votes["person"] - votes["organization+"] - 2 * votes["place"]


def _is_known_place(cluster: _Cluster) -> bool:
    """A country or supranational region by name ('Moldova', 'Europe'): a place whatever spaCy said."""
    return is_well_known(_canonical(cluster), cities=False)


def _kind(cluster: _Cluster) -> str:
    if not cluster.votes["person+"] and (_is_known_place(cluster) or _placed(cluster)):
        return "place"
    votes = Counter()
    for vote, count in cluster.votes.items():
        votes[vote.rstrip("+")] += count * (3 if vote.endswith("+") else 1)
    order = {"person": 0, "organization": 1, "place": 2}
    return max(votes, key=lambda kind: (votes[kind], -order[kind]))


def _placed(cluster: _Cluster) -> bool:
    """Used as a place ('visits Torbay') at least as strongly as the model calls it anything else (a
    use weighs as much as three labels): 'Manchester' labelled a person once is a place, 'Jordan'
    a person six times in a story about the director Neil Jordan stays one."""
    votes = cluster.votes
    return cluster.place_uses > 0 and 3 * cluster.place_uses >= (
        votes["person"] + votes["organization"] + 3 * votes["organization+"])


def _decide(text: str, clusters: dict[str, _Cluster]) -> list[FoundEntity]:
    found: list[FoundEntity] = []
    kinds = {key: _kind(cluster) for key, cluster in clusters.items()}
    countries = _context_countries(clusters, kinds)
    for key, cluster in clusters.items():
        kind = kinds[key]
        place = None
        if kind == "place":
            place = resolve_place(_canonical(cluster), countries)
            if place is None:
                continue
        _spread(text, cluster, clusters, _surname(cluster, clusters) if kind == "person" else None)
        name = place.name if place else _canonical(cluster)
        entity_key = place.gazetteer_id if place and place.gazetteer_id else fold(name)
        mentions = sorted(cluster.spans, key=lambda s: s.start)
        found.append(FoundEntity(kind, name, entity_key, mentions, place))
    return _combine_same_key(found)


def _context_countries(clusters: dict[str, _Cluster], kinds: dict[str, str]) -> list[str]:
    codes = []
    for key, cluster in clusters.items():
        if kinds[key] == "place":
            place = resolve_place(_canonical(cluster))
            if place and place.kind == "country" and place.country_code:
                codes.append(place.country_code)
    return codes


def _canonical(cluster: _Cluster) -> str:
    if cluster.long_form:
        return cluster.long_form
    variants = Counter(collapse(span.text) for span in cluster.spans)
    return max(variants, key=lambda v: (len(v.split()), variants[v], len(v)))


def _surname(cluster: _Cluster, clusters: dict[str, _Cluster]) -> str | None:
    """The last word of a person's full name, unless another entity of the text goes by it."""
    words = _canonical(cluster).split()
    if len(words) < 2 or len(words[-1]) < 3 or not words[-1][0].isupper():
        return None
    others = [key for key, other in clusters.items() if other is not cluster and key.split()[-1:] == [fold(words[-1])]]
    return None if others else words[-1]


def _spread(text: str, cluster: _Cluster, clusters: dict[str, _Cluster], surname: str | None) -> None:
    """A name found once is found wherever it recurs in the same text (a person's surname too)."""
    taken = [(s.start, s.end) for c in clusters.values() for s in c.spans]
    for variant in cluster.variants() | ({surname} if surname else set()):
        if len(variant) < 3 or "\n" in variant:
            continue
        for begin, finish in _occurrences(text, variant):
            if not any(start < finish and begin < end for start, end in taken):
                cluster.spans.append(Span(text[begin:finish], begin, finish))
                taken.append((begin, finish))


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """(start, end) where the name recurs as written, or in capitals (a headline: 'TOKAYEV'),
    as a whole word: no letter, digit, underscore or hyphen on either side.

    str.find, not a regex per name: compiling one pattern per name and text cost more than the
    search (the re module's cache holds only 512 patterns)."""
    found = []
    for form in ({name, name.upper()} if len(name) > 3 else {name}):
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not (_joins(text, start - 1) or _joins(text, end)):
                found.append((start, end))
            start = text.find(form, start + 1)
    return found


def _joins(text: str, index: int) -> bool:
    """Whether the character at index would make a match part of a longer word."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isalnum() or char in "_-"


def _combine_same_key(found: list[FoundEntity]) -> list[FoundEntity]:
    """Two clusters that resolve to one gazetteer entry ('US', 'United States') become one entity."""
    by_key: dict[tuple[str, str], FoundEntity] = {}
    for entity in found:
        existing = by_key.get((entity.kind, entity.key))
        if existing is None:
            by_key[(entity.kind, entity.key)] = entity
        else:
            existing.mentions = sorted(existing.mentions + entity.mentions, key=lambda s: s.start)
    return list(by_key.values())
