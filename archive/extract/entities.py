"""Turn spaCy's entity spans into clean actors and places for one article.

spaCy gives one label per span and nothing more; a reader wants one entry per
real-world entity: all mentions of "Tokayev" joined to "Kassym-Jomart Tokayev",
"CSTO" to its expansion, the kind decided by every mention, and fragments such
as "Stun" (from a headline) or demonyms such as "Kazakh" left out.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from archive.extract.acronyms import find_definitions, lower_case_acronyms
from archive.extract.clusters import (Cluster, FoundEntity, canonical, capitalised, has_org_word, is_known_place,
                                      kind_of, person_score, resolves)
from archive.extract.cued import cued_thing
from archive.extract.filters import without_credits, without_names_as_names, without_titles
from archive.extract.joins import (join_first_names, join_organisation_parts, join_short_forms, join_short_names,
                                   merge)
from archive.extract.kinds import (acts, acts_as_group, after_outlet, after_thing_word, is_fragment, is_outlet,
                                   is_place_name, is_thing, things_written)
from archive.extract.layout import with_layout_names
from archive.extract.names import (EVENT_WORDS, HONORIFICS, NOT_NAMES, collapse, fold, initials, is_acronym,
                                   postnominal_length, title_length, written_forms)
from archive.extract.places import is_demonym, is_well_known, resolve_place
from archive.extract.spans import Span, candidate_spans, clean, occurrences, without_countries
from archive.extract.usage import ends_in_title
from archive.extract.votes import count_company_cues, count_person_cues, count_place_uses
from archive.extract.works import (listed_languages, listed_works, thing_context, thing_suffixes, work_starts,
                                   written_with_thing_suffix)

__all__ = ["FoundEntity", "Span", "find_entities"]


def find_entities(text: str, doc) -> list[FoundEntity]:
    """Actors and places of one article; `doc` is spaCy's parse of the same characters."""
    definitions = find_definitions(text)
    not_names = {d.acronym for d in definitions if d.expansion is None}
    candidates = without_countries(with_layout_names(text, candidate_spans(text, doc, definitions)))
    candidates = _with_known_organisations(text, [piece for c in candidates for piece in _by_paragraph(text, c)])
    not_names |= lower_case_acronyms(text, [span.text for span, _vote in candidates]) - set(written_forms())
    spans = [s for s in candidates if _keep(s, text, not_names)]
    clusters = _cluster(spans, definitions)
    _drop_things(text, clusters)
    join_first_names(clusters)
    count_place_uses(text, clusters)
    count_person_cues(text, clusters)
    count_company_cues(text, clusters)
    join_short_names(clusters)
    join_organisation_parts(clusters)
    return without_titles(text, without_names_as_names(text, without_credits(text, _decide(text, clusters))))


def _with_known_organisations(text: str, candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The long names of data/short_forms.json that the model missed or cut ('Liberal Democrats',
    which it reads as 'Democrats', a nationality), replacing what overlaps them."""
    found = []
    for name in _long_forms():
        for start, end in occurrences(text, name):
            if not any(s.start < end and start < s.end for s, _vote in found):
                found.append((Span(text[start:end], start, end), "organization+"))
    if not found:
        return candidates
    kept = [(span, vote) for span, vote in candidates
            if not any(s.start < span.end and span.start < s.end for s, _vote in found)]
    return kept + found


def _by_paragraph(text: str, candidate: tuple[Span, str]) -> list[tuple[Span, str]]:
    """A name never runs over a blank line: the model's 'Jerome\n\nJerome' (a headline and the
    first words after it) is two mentions."""
    span, vote = candidate
    if "\n" not in span.text or not _BLANK_LINE.search(span.text):
        return [candidate]
    found, start = [], span.start
    for gap in [*_BLANK_LINE.finditer(text, span.start, span.end), None]:
        piece = clean(text, start, gap.start() if gap else span.end)
        if piece:
            found.append((piece, vote))
        start = gap.end() if gap else span.end
    return found


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


@lru_cache(maxsize=1)
def _long_forms() -> tuple[str, ...]:
    """The forms of several words in data/short_forms.json, longest first."""
    names = {name for name in written_forms() if " " in name}
    return tuple(sorted(names, key=len, reverse=True))


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
    if len(words) == 1 and not is_acronym(span.text) and _ordinary_word(span.text, text):
        return False
    # "Kazakhstan Wakes" is a headline's fragment, 'Lesotho Hats' a company, not a person; 'Chad Michael
    # Murray' and 'Elizabeth France' in a sentence are people.
    return not (len(words) > 1 and _kind.startswith("person") and any(_is_country(w) for w in words) and (
        _in_headline(text, span) or (len(words) == 2 and _is_country(words[0]))))


def _in_headline(text: str, span: Span) -> bool:
    """The span's line does not end as a sentence does: a headline, a title, a 'Related article: …' line."""
    end = text.find("\n", span.end)
    line = text[text.rfind("\n", 0, span.start) + 1:end if end != -1 else len(text)].rstrip()
    # "]": a line closed by a citation mark ("… [9]") is a sentence
    return not line.endswith((".", "!", "?", '"', "”", "'", "’", ")", "]", ":", ";", ","))


def _ordinary_word(name: str, text: str) -> bool:
    """Whether the text also uses the name as an ordinary word ('Stun grenades' / 'stun grenades') at
    least a third as often as it writes it capitalised: 'the word łódź translates to "boat"' once in a
    guide that names Łódź twenty times leaves the city a name. Whole words only (no letter, digit,
    underscore or hyphen either side); a word of letters, digits and hyphens is counted among the
    text's runs of them."""
    lower = _count(name.lower(), text)
    return lower > 0 and 3 * lower >= _count(name, text)


def _count(word: str, text: str) -> int:
    if _RUN_OF_WORD.fullmatch(word):
        return _runs(text)[word]
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


_RUN_OF_WORD = re.compile(r"[\w-]+")


@lru_cache(maxsize=4)
def _runs(text: str) -> Counter:
    return Counter(_RUN_OF_WORD.findall(text))


# A place right before an event's name is part of the event's: 'U.S. Amateur Championship', 'Hong Kong Open'.
_EVENT_FORMS = "|".join(form for word in sorted(EVENT_WORDS) for form in (word.capitalize(), word.upper()))
_EVENT_AFTER = re.compile(rf"\s(?:[A-Z][\w'.-]*\s){{0,2}}(?:{_EVENT_FORMS})\b")


def _is_event(words: list[str]) -> bool:
    """'Hong Kong Open', 'FED CUP', 'Gulf War': an event named after a place or sponsor."""
    return len(words) > 1 and words[-1].lower() in EVENT_WORDS


def _is_country(word: str) -> bool:
    place = resolve_place(word)
    return place is not None and place.kind == "country"


def _cluster(candidates: list[tuple[Span, str]], definitions) -> dict[str, Cluster]:
    clusters: dict[str, Cluster] = {}
    for span, vote in candidates:
        name, vote = _person_name(collapse(span.text), vote)
        cluster = clusters.setdefault(fold(name), Cluster())
        if not any(s.start == span.start and s.end == span.end for s in cluster.spans):
            cluster.spans.append(span)
            cluster.votes[vote] += 1
            cluster.names[name] += 1
    for definition in definitions:
        short, long_ = fold(definition.acronym), definition.expansion and fold(definition.expansion)
        if long_ and long_ in clusters:
            clusters[long_].long_form = collapse(definition.expansion)
            clusters[long_].acronyms.add(definition.acronym)
            if short in clusters and short != long_:
                merge(clusters, short, long_)
    join_short_forms(clusters)
    return clusters


def _person_name(name: str, vote: str) -> tuple[str, str]:
    """A person's name without the title before it, and the vote: 'Ms Jowell' is a person's
    'Jowell' whatever spaCy said; 'General Motors' keeps its first word unless a person's."""
    words = name.split()
    size, after = title_length(words), postnominal_length(words)
    if is_place_name(name) or is_well_known(name, cities=False):  # 'Sheikh Lotf Allah Mosque', 'Saint Lucia'
        return name, vote
    if not (size or after) or not (vote.startswith("person") or (size and words[size - 1].casefold().rstrip(".")
                                                                 in HONORIFICS)):
        return name, vote
    return " ".join(words[size:len(words) - after]), "person+"


def _drop_things(text: str, clusters: dict[str, Cluster]) -> None:
    """Awards, titles, software, products, holidays and events are neither actors nor places: a name
    on the shipped lists, or one the wording calls a thing ('won an Oscar', 'the film Sideways')
    unless it is a place. (spaCy's own WORK_OF_ART and PRODUCT labels were tried as a third vote:
    on unfamiliar names they are noise, 'Pachomius' four times a work of art.)"""
    dropped: list[tuple[list[str], int]] = []  # each thing's words, and where it is first written
    listed, starts = listed_works(text) | listed_languages(text), work_starts(text)
    suffixes = thing_suffixes(text)
    for key in list(clusters):
        cluster = clusters[key]
        named = any(is_thing(variant) for variant in cluster.variants())
        # Every place the name is written counts, not only those the model marked: 'the TV series
        # Supernatural' makes a thing of the 'Supernatural' it labelled an organisation elsewhere.
        written = [where for variant in cluster.variants() for where in occurrences(text, variant)]
        # 'Space Shuttle Columbia' (the model's 'Columbia'), 'Hurricane Ivan': the thing, even where the
        # name alone is a place, when at least half of its mentions are written so.
        craft = 2 * sum(after_thing_word(text, start) for start, _end in written) >= len(written) > 0
        # "BBC One's Breakfast", "the BBC's Panorama": a programme, where the model never saw a person.
        programme = not (cluster.votes["person"] or cluster.votes["person+"]) and any(
            after_outlet(text, start) for start, _end in written)
        worded = any(thing_context(text, start, end) or end in listed for start, end in written)
        # 'Chitonga-speaking children' anywhere makes a language of 'native Chitonga words'.
        worded = worded or bool(suffixes) and any(written_with_thing_suffix(text, variant, suffixes)
                                                  for variant in cluster.variants())
        # ('popularized by Henry Jenkins (2006)' cites a person; 'Malle's The Lovers (Les Amants, 1959)' is a
        # title though written as a citation)
        worded = worded and not cluster.votes["person+"] or any(start in starts for start, _end in written)
        # 'her thesis on Microsoft' makes no thing of the Microsoft that acts elsewhere ('Microsoft said', 'Fox
        # shareholders'), where no thing's wording stands too ('the TV drama Baretta has denied').
        worded = worded and not any(acts(text, start, end) and not thing_context(text, start, end)
                                    for start, end in written)
        # 'the first sample return mission since Apollo': a spacecraft, a programming or a constructed language
        # by its name and its field's words near (the gazetteer's Java too, beside 'reflection').
        cued = not cluster.votes["person+"] and cued_thing(canonical(cluster), text, written)
        if named or craft or programme or cued or (worded and not resolves(cluster)):
            name = canonical(clusters.pop(key))
            first = min(span.start for span in cluster.spans)
            written_at = text.find(name)  # the name as written may come before the model's first mention of it
            dropped.append((name.split(), first if written_at < 0 else min(first, written_at)))
    # Its short forms after it go with it: 'Explorer' and 'IE6' of 'Internet Explorer', 'DH' of 'Digital
    # Humanities' (not 'the CW' before 'Cry Wolf').
    dropped += [(name.split(), text.find(name)) for name in things_written(text)]
    shorts: dict[str, int] = {}
    for words, first in dropped:
        for short in (fold(words[-1]), initials(words).casefold()) if len(words) > 1 else ():
            shorts[short] = min(first, shorts.get(short, first))
    for key, cluster in list(clusters.items()):
        short = key if key in shorts else _VERSION.sub("", key)
        if short in shorts and min(span.start for span in cluster.spans) > shorts[short] and not resolves(
                cluster) and kind_of(cluster) != "person":
            del clusters[key]


_VERSION = re.compile(r"\s*\d+(?:\.\d+)*$")  # 'IE6', 'Windows 7'


def _decide(text: str, clusters: dict[str, Cluster]) -> list[FoundEntity]:
    found: list[FoundEntity] = []
    kinds = {key: kind_of(cluster) for key, cluster in clusters.items()}
    _follow_lists(text, clusters, kinds)
    countries = _context_countries(clusters, kinds)
    taken = [(s.start, s.end) for c in clusters.values() for s in c.spans]  # every mention, as _spread adds them
    for key, cluster in clusters.items():
        kind = kinds[key]
        place = None
        if kind == "place":
            place = resolve_place(canonical(cluster), countries)
            if place is None:
                continue
            if place.gazetteer_id is None and not (cluster.place_uses or cluster.place_cues):
                if ends_in_title(canonical(cluster)):
                    continue  # 'the Orange Prince' (Warhol's), which the model called a place
                group = any(acts_as_group(text, s.start, s.end) for s in cluster.spans)  # 'members of the Sea Org'
                if group or is_outlet(canonical(cluster)):  # 'the Saudi Gazette' (the model's facility)
                    kind, place = "organization", None
                elif any(acts(text, s.start, s.end) for s in cluster.spans):
                    kind, place = _actor_kind(cluster), None
        _spread(text, cluster, taken, _surname(cluster, clusters) if kind == "person" else None)
        name = place.name if place else canonical(cluster)
        entity_key = place.gazetteer_id if place and place.gazetteer_id else fold(name)
        mentions = sorted(cluster.spans, key=lambda s: s.start)
        found.append(FoundEntity(kind, name, entity_key, mentions, place, _aliases(cluster, entity_key)))
    return _combine_same_key(found)


def _follow_lists(text: str, clusters: dict[str, Cluster], kinds: dict[str, str]) -> None:
    """A name listed with two or more others that are all of one kind takes their kind when nothing
    but the model's label says otherwise: the towns 'Scottsdale, Tempe, Glendale, Peoria, Chandler,
    and Gilbert', the people 'Ansel Adams, Chuck Close, Walker Evans, Robert Mapplethorpe'. The others
    must be sure of their kind (_sure). A list is names apart by commas, 'and', 'or' or '&'."""
    spans = sorted((span.start, span.end, key) for key, cluster in clusters.items() for span in cluster.spans)
    chains, chain = [], spans[:1]
    for previous, current in zip(spans, spans[1:]):
        if _LIST_GAP.fullmatch(text, previous[1], current[0]):
            chain.append(current)
        else:
            chains.append(chain)
            chain = [current]
    chains.append(chain)
    listed: dict[str, Counter] = {}
    for chain in (c for c in chains if len(c) >= 3):
        for _start, _end, key in chain:
            others = [other for _s, _e, other in chain if other != key]
            kinds_of_others = {kinds[other] for other in others}
            if len(others) >= 2 and len(kinds_of_others) == 1 and kinds[key] not in kinds_of_others and all(
                    _sure(clusters[other], kinds[other]) for other in others):
                listed.setdefault(key, Counter())[kinds_of_others.pop()] += 1
    for key, votes in listed.items():
        kind, _count = votes.most_common(1)[0]
        if _may_take(clusters[key], kind):
            kinds[key] = kind


_LIST_GAP = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)(?:the[ \t]+)?")


def _sure(cluster: Cluster, kind: str) -> bool:
    """More than the model's label says the name is of this kind: a gazetteer place or one the wording
    places; a full name with a person's votes; an organisation's word, acronym or known long form.
    (A line-up's surnames, 'Payne, Greening, Dowd', are labels alone.)"""
    name = canonical(cluster)
    if kind == "place":
        return resolves(cluster) or bool(cluster.place_uses or cluster.place_cues) or is_place_name(name)
    if kind == "person":
        return bool(cluster.votes["person+"]) or (len(name.split()) > 1 and person_score(cluster) > 0)
    return bool(cluster.votes["organization+"] or cluster.long_form or is_acronym(name) or has_org_word(fold(name)))


def _may_take(cluster: Cluster, kind: str) -> bool:
    """Whether the list's kind may replace what the model alone said of a name: not against the
    wording ('Mr', 'in X', a club's rows), a country, or a name whose form says what it is."""
    if any(vote.endswith("+") for vote in cluster.votes) or cluster.place_uses or cluster.place_cues:
        return False
    name = canonical(cluster)
    if is_known_place(cluster) or is_place_name(name) or cluster.long_form:
        return False
    if kind == "place":
        return resolves(cluster)
    if kind == "person":
        words = name.split()
        return len(words) > 1 and not is_acronym(name) and not has_org_word(fold(name)) and capitalised(name)
    return not resolves(cluster)


def _actor_kind(cluster: Cluster) -> str:
    """A name the model called a place that acts as an actor: a person's name ('Rio Ferdinand told')
    or an organisation's ('Verizon', 'BT')."""
    name = canonical(cluster)
    words = name.split()
    person = len(words) > 1 and not is_acronym(name) and not has_org_word(fold(name))
    return "person" if person and cluster.votes["organization"] <= cluster.votes["person"] + cluster.votes["place"] \
        else "organization"


def _aliases(cluster: Cluster, key: str) -> list[str]:
    """The other names of an organisation with a long form ('CSTO', 'EU'): how other articles may name it."""
    if not cluster.long_form:
        return []
    return sorted({name for name in [*cluster.names, *cluster.acronyms, cluster.long_form] if fold(name) != key})


def _context_countries(clusters: dict[str, Cluster], kinds: dict[str, str]) -> list[str]:
    codes = []
    for key, cluster in clusters.items():
        if kinds[key] == "place":
            place = resolve_place(canonical(cluster))
            if place and place.kind == "country" and place.country_code:
                codes.append(place.country_code)
    return codes


def _surname(cluster: Cluster, clusters: dict[str, Cluster]) -> str | None:
    """The last word of a person's full name, unless another entity of the text goes by it."""
    words = canonical(cluster).split()
    if len(words) < 2 or len(words[-1]) < 3 or not words[-1][0].isupper():
        return None
    last = [fold(words[-1])]
    others = [key for key, other in clusters.items() if other is not cluster and key.split()[-1:] == last]
    return None if others else words[-1]


def _spread(text: str, cluster: Cluster, taken: list[tuple[int, int]], surname: str | None) -> None:
    """A name found once is found wherever it recurs in the same text (a person's surname too), where
    no mention of the text (`taken`, which grows with the new ones) is."""
    # Longest first, so the same text always gives the same mentions: 'Noam Chomsky', not its 'Chomsky'.
    variants = cluster.variants() | ({surname} if surname else set())
    variants |= {v.translate(_APOSTROPHES) for v in variants if "’" in v or "'" in v}  # "Vava'u" of 'Vava’u'
    for variant in sorted(variants, key=lambda v: (-len(v), v)):
        if len(variant) < 3 or "\n" in variant:
            continue
        for begin, finish in occurrences(text, variant):
            if not any(start < finish and begin < end for start, end in taken):
                cluster.spans.append(Span(text[begin:finish], begin, finish))
                taken.append((begin, finish))


_APOSTROPHES = str.maketrans({"’": "'", "'": "’"})


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
