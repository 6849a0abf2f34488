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
from functools import lru_cache

from archive.extract.acronyms import find_definitions, lower_case_acronyms
from archive.extract.cases import cases
from archive.extract.cued import cued_thing
from archive.extract.kinds import (acts, acts_as_group, after_outlet, after_thing_word, is_credit, is_fragment,
                                   is_outlet, is_place_name, is_thing, named_as_company, named_as_person,
                                   place_definitions, things_written, travelled_to, used_as_club, used_as_place,
                                   used_as_road, used_as_unknown_place)
from archive.extract.layout import with_layout_names
from archive.extract.names import (EVENT_WORDS, HONORIFICS, NOT_NAMES, ORG_WORDS, collapse, fold, initials, is_acronym,
                                   postnominal_length, short_forms, title_length, without_title, written_forms)
from archive.extract.naming import named_names
from archive.extract.places import Place, is_demonym, is_nation, is_well_known, resolve_place
from archive.extract.spans import Span, candidate_spans, clean, without_countries
from archive.extract.works import (cut_title, dated, listed_languages, listed_works, subtitled_works, thing_context,
                                   thing_suffixes, work_starts, works_after_creators, written_with_thing_suffix)

__all__ = ["FoundEntity", "Span", "find_entities"]


@dataclass
class FoundEntity:
    kind: str  # person | organization | place
    name: str
    key: str
    mentions: list[Span]
    place: Place | None = None
    aliases: list[str] = field(default_factory=list)  # other names of an organisation: 'EU' of 'European Union'


@dataclass
class _Cluster:
    spans: list[Span] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    long_form: str | None = None
    names: Counter = field(default_factory=Counter)  # the names written, titles left out
    acronyms: set[str] = field(default_factory=set)  # defined in the text: 'Collective ... (CSTO)'
    place_uses: int = 0  # mentions the wording uses as a place ('visits Torbay'), when the name is one
    place_cues: int = 0  # mentions of a name no gazetteer knows that the wording uses as a place ('in Coron')
    # _canonical's last answer, and how many names and spans the cluster had then (both only ever grow)
    canonical: tuple[tuple[int, int], str] | None = field(default=None, repr=False)

    def variants(self) -> set[str]:
        return {collapse(span.text) for span in self.spans}

    def absorb(self, other: _Cluster) -> None:
        self.spans.extend(other.spans)
        self.votes.update(other.votes)
        self.names.update(other.names)
        self.acronyms |= other.acronyms


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
    _join_first_names(clusters)
    _count_place_uses(text, clusters)
    _count_person_cues(text, clusters)
    _count_company_cues(text, clusters)
    _join_short_names(clusters)
    _join_organisation_parts(clusters)
    return _without_titles(text, _without_names_as_names(text, _without_credits(text, _decide(text, clusters))))


def _with_known_organisations(text: str, candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The long names of data/short_forms.json that the model missed or cut ('Liberal Democrats',
    which it reads as 'Democrats', a nationality), replacing what overlaps them."""
    found = []
    for name in _long_forms():
        for start, end in _occurrences(text, name):
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


def _cluster(candidates: list[tuple[Span, str]], definitions) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    for span, vote in candidates:
        name, vote = _person_name(collapse(span.text), vote)
        cluster = clusters.setdefault(fold(name), _Cluster())
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
                _merge(clusters, short, long_)
    _join_short_forms(clusters)
    return clusters


def _join_short_forms(clusters: dict[str, _Cluster]) -> None:
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
                _merge(clusters, key, target)
            else:
                clusters[target] = clusters.pop(key)
        clusters[target].long_form = name
        clusters[target].votes["organization+"] += len(clusters[target].spans)  # every mention is the organisation's


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


def _drop_things(text: str, clusters: dict[str, _Cluster]) -> None:
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
        written = [where for variant in cluster.variants() for where in _occurrences(text, variant)]
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
        # 'the first sample return mission since Apollo': a spacecraft, a programming or a constructed language
        # by its name and its field's words near (the gazetteer's Java too, beside 'reflection').
        cued = not cluster.votes["person+"] and cued_thing(_canonical(cluster), text, written)
        if named or craft or programme or cued or (worded and not _resolves(cluster)):
            name = _canonical(clusters.pop(key))
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
        if short in shorts and min(span.start for span in cluster.spans) > shorts[short] and not _resolves(
                cluster) and _kind(cluster) != "person":
            del clusters[key]


_VERSION = re.compile(r"\s*\d+(?:\.\d+)*$")  # 'IE6', 'Windows 7'


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


def _count_person_cues(text: str, clusters: dict[str, _Cluster]) -> None:
    """A name after a person's role or before a person's apposition ('England boss Sven-Goran Eriksson',
    "Rinat Akhmetov, the country's richest man") is a person's however the model labelled it, unless its
    words or the text make it something else (an organisation's word, an acronym, a place by its form)."""
    for cluster in clusters.values():
        name = _canonical(cluster)
        if _has_org_word(fold(name)) or is_acronym(name) or is_place_name(name) or _is_known_place(cluster):
            continue
        if cued := sum(named_as_person(text, s.start, s.end) for s in cluster.spans):
            cluster.votes["person+"] += cued


def _count_company_cues(text: str, clusters: dict[str, _Cluster]) -> None:
    """A name the text calls a company by its trade ('oil group Yukos', 'retail giant Tesco') is the
    organisation's however the model labelled its mentions, unless a title makes a person of it."""
    for cluster in clusters.values():
        if any(named_as_company(text, s.start) for s in cluster.spans):  # (no zero count: votes are read as keys)
            cluster.votes["organization+"] += 1 if cluster.votes["person+"] else len(cluster.spans)


def _count_place_uses(text: str, clusters: dict[str, _Cluster]) -> None:
    defined = place_definitions(text)
    for cluster in clusters.values():
        if is_place_name(_canonical(cluster)):  # 'Fort Lee', 'Socotra Island': every mention is the place
            cluster.place_uses = len(cluster.spans)
            continue
        roads = sum(used_as_road(_canonical(cluster), text, s.start, s.end) for s in cluster.spans)
        if roads:  # 'the M18 eastbound to junction 2'
            cluster.place_uses = cluster.place_cues = roads
            continue
        place = resolve_place(_canonical(cluster))
        if place is not None and place.gazetteer_id and (
                place.kind == "city" or place.kind == "region" and not is_nation(place.gazetteer_id)):
            # 'Chelsea boss', 'signed for Chelsea', 'Munster flanker': the club, not the town or province
            # (any other name of it too: 'Ulster' is Northern Ireland's). A nation's team stays the nation,
            # as a country's does ('England have won').
            club = sum(used_as_club(text, s.start, s.end) for s in cluster.spans)
            if club:
                cluster.votes["organization+"] += club
        # Only a name that is a place's own name: 'Pedro' (I, Emperor of Brazil) is not 'San Pedro'.
        if place is not None and place.gazetteer_id and _bare(place.name) == _bare(_canonical(cluster)):
            cluster.place_uses = sum(used_as_place(text, s.start, s.end) for s in cluster.spans)
            if defined and _defined_as_place(text, cluster, defined):  # "Vava'u is a group of islands"
                cluster.place_uses = cluster.place_cues = len(cluster.spans)
        elif not (place and place.gazetteer_id or cluster.votes["person+"] or " of " in _canonical(cluster)
                  or _has_org_word(fold(_canonical(cluster)))):
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


def _placed_by_text(cluster: _Cluster) -> bool:
    """The wording makes a place of a name no gazetteer knows ('in Coron', 'Coron is a town'), at
    least once. (A gazetteer town's name yields to a full name: 'visited Pullman' is Philip Pullman.)"""
    return cluster.place_cues > 0


def _defined_as_place(text: str, cluster: _Cluster, defined: set[int]) -> bool:
    """Wherever the name is written, not only where the model marked it."""
    return any(end in defined for variant in cluster.variants() for _start, end in _occurrences(text, variant))


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


def _without_names_as_names(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
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


def _without_titles(text: str, found: list[FoundEntity]) -> list[FoundEntity]:
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


def _merge(clusters: dict[str, _Cluster], source: str, target: str) -> None:
    clusters[target].absorb(clusters.pop(source))


def _join_short_names(clusters: dict[str, _Cluster]) -> None:
    """A surname ('Tokayev', "Tokayev's", 'Mr Tokayev') joins the one longer person name of the
    text that ends with it; when several do ('Gordon Brown', 'Nick Brown'), each mention joins
    the nearest of them written in full before it, else the nearest after it."""
    _join_middle_names(clusters)
    for key in sorted(clusters, key=lambda k: len(k.split())):
        if key not in clusters or (_kind(clusters[key]) == "place" and (
                _is_known_place(clusters[key]) or _placed_by_text(clusters[key]))):
            continue  # nor a name the text calls a place: "Vava'u is a group of islands" beside 'Utu Vava'u'
        targets = [other for other in clusters if other.endswith(" " + key)  # (the cheap test first)
                   and len(other.split()) > len(key.split()) and _person_score(clusters[other]) > 0]
        if len(targets) == 1:
            _join(clusters, key, targets[0])
        elif targets:
            _share_out(clusters, key, targets)
        elif " " not in key:
            _join_first_name(clusters, key) or _join_last_word(clusters, key)


def _join_organisation_parts(clusters: dict[str, _Cluster]) -> None:
    """'Red Sox' joins 'Boston Red Sox', 'Air Force' 'United States Air Force', 'Harvard' 'Harvard
    University': the last words of exactly one longer organisation's name, or its first words when
    the rest are an organisation's words ('University', 'Party'). Not a known place ('Boston' of
    'Boston Red Sox' is the city), not a person ('Andy Warhol' of the 'Andy Warhol Foundation'), not
    an acronym the text defines."""
    organisations = [key for key, cluster in clusters.items() if " " in key and _kind(cluster) == "organization"
                     and not cluster.votes["person+"] and not is_outlet(key)]  # 'BBC' is not 'BBC News'
    for key in sorted(clusters, key=lambda k: len(k.split())):
        cluster = clusters.get(key)
        if cluster is None or _kind(cluster) == "person" or cluster.acronyms or _resolves(cluster) or _placed_by_text(cluster):
            continue  # nor a name the text uses as a place ('in Coron' beside the town's old name 'Penon de Coron')
        words = key.split()
        targets = [other for other in organisations if other in clusters and len(other.split()) > len(words)
                   and (other.endswith(" " + key) or (other.startswith(key + " ") and all(
                       word in ORG_WORDS for word in other.split()[len(words):])))]
        if len(targets) == 1:
            _join(clusters, key, targets[0], person=False)


def _join(clusters: dict[str, _Cluster], key: str, target: str, person: bool = True) -> bool:
    moved = clusters.pop(key)
    if person:  # a part of a person's name is a person's however spaCy labelled it alone
        clusters[target].absorb(moved)
        clusters[target].votes["person"] += sum(moved.votes.values())
    else:  # the longer name's votes alone decide ('United' alone may read as a person)
        clusters[target].spans.extend(moved.spans)
    return True


def _join_last_word(clusters: dict[str, _Cluster], key: str) -> bool:
    """'Pullman' joins 'Philip Pullman', 'Sachs' 'Goldman Sachs', however the model labelled the
    two: the last word of exactly one name of two or three words, neither a place nor named with
    an organisation's word ('Bank'); the longer name's kind stays."""
    if _has_org_word(key) or (_kind(clusters[key]) == "place" and (
            _is_known_place(clusters[key]) or not any(v.startswith(("person", "organization"))
                                                      for v in clusters[key].votes))):
        return False  # a town's name the model also read as a name ('visited Pullman') yields to the full name
    targets = [other for other in clusters if other.endswith(" " + key) and len(other.split()) in (2, 3)
               and _kind(clusters[other]) != "place"]
    if len(targets) != 1 or _has_org_word(targets[0]) or not _capitalised(_canonical(clusters[targets[0]])):
        return False
    if _placed_by_text(clusters[key]) and _kind(clusters[targets[0]]) == "organization":
        return False  # 'flights to Chatham' is not the airline 'Air Chatham' named after it
    # A surname a title or a line-up makes a person's ('Musampa' of the model's organisation 'Kiki Musampa')
    # makes the full name a person's too.
    return _join(clusters, key, targets[0], person=bool(clusters[key].votes["person+"]))


def _capitalised(name: str) -> bool:
    """Every word starts with a capital: a name, not a headline's words ('Campbell rescues Arsenal')."""
    return all(word[:1].isupper() for word in name.split())


def _has_org_word(key: str) -> bool:
    return any(word in ORG_WORDS for word in key.split())


def _join_middle_names(clusters: dict[str, _Cluster]) -> None:
    """'Eugene Nida' joins 'Eugene A. Nida', 'Matthew Goode' 'Matthew William Goode': the same first
    and last names, the longer with middle names, when only one longer name fits."""
    people = [key for key in clusters if " " in key and _person_score(clusters[key]) > 0]
    # The shorter name may be one the model alone called something else ('Brock Holt' an organisation
    # beside 'Brock Wyatt Holt (born ...)'), not one the wording calls so ('Andy Warhol Foundation').
    named = [key for key in clusters if " " in key and _person_score(clusters[key]) >= 0 and not _has_org_word(key)]
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


def _join_first_name(clusters: dict[str, _Cluster], key: str) -> bool:
    """'Jenna' joins 'Jenna Marbles' when she is the only person of the text with that first name and
    the word is a person's here (not the city of 'Paris' beside 'Paris Hilton')."""
    cluster = clusters[key]
    if not (cluster.votes["person"] + cluster.votes["person+"]) or _kind(cluster) != "person":
        return False
    targets = [other for other in clusters if other.split()[0] == key and " " in other
               and _person_score(clusters[other]) > 0]
    return len(targets) == 1 and _join(clusters, key, targets[0])


def _share_out(clusters: dict[str, _Cluster], key: str, targets: list[str]) -> None:
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


def _named_spans(cluster: _Cluster) -> list[tuple[Span, str]]:
    return [(span, without_title(collapse(span.text))) for span in cluster.spans]


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
    # An acronym the model calls a person ('DAB', 'ROTC') is an organisation's unless a title says otherwise,
    # and so is a name ending in one after a word in lower case ('Pro-Beijing DAB', 'Cambridge ROTC'; not a
    # regnal number: 'Elizabeth II').
    name = _canonical(cluster)
    words = name.split()
    acronym = is_acronym(name) or (len(words) > 1 and is_acronym(words[-1]) and not words[0].isupper()
                                   and not _REGNAL.fullmatch(words[-1]))
    for vote, count in cluster.votes.items():
        kind = "organization" if acronym and vote == "person" else vote.rstrip("+")
        votes[kind] += count * (3 if vote.endswith("+") else 1)
    order = {"person": 0, "organization": 1, "place": 2}
    return max(votes, key=lambda kind: (votes[kind], -order[kind]))


_REGNAL = re.compile(r"[IVX]+")


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
    _follow_lists(text, clusters, kinds)
    countries = _context_countries(clusters, kinds)
    taken = [(s.start, s.end) for c in clusters.values() for s in c.spans]  # every mention, as _spread adds them
    for key, cluster in clusters.items():
        kind = kinds[key]
        place = None
        if kind == "place":
            place = resolve_place(_canonical(cluster), countries)
            if place is None:
                continue
            if place.gazetteer_id is None and not (cluster.place_uses or cluster.place_cues):
                group = any(acts_as_group(text, s.start, s.end) for s in cluster.spans)  # 'members of the Sea Org'
                if group or is_outlet(_canonical(cluster)):  # 'the Saudi Gazette' (the model's facility)
                    kind, place = "organization", None
                elif any(acts(text, s.start, s.end) for s in cluster.spans):
                    kind, place = _actor_kind(cluster), None
        _spread(text, cluster, taken, _surname(cluster, clusters) if kind == "person" else None)
        name = place.name if place else _canonical(cluster)
        entity_key = place.gazetteer_id if place and place.gazetteer_id else fold(name)
        mentions = sorted(cluster.spans, key=lambda s: s.start)
        found.append(FoundEntity(kind, name, entity_key, mentions, place, _aliases(cluster, entity_key)))
    return _combine_same_key(found)


def _follow_lists(text: str, clusters: dict[str, _Cluster], kinds: dict[str, str]) -> None:
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


def _sure(cluster: _Cluster, kind: str) -> bool:
    """More than the model's label says the name is of this kind: a gazetteer place or one the wording
    places; a full name with a person's votes; an organisation's word, acronym or known long form.
    (A line-up's surnames, 'Payne, Greening, Dowd', are labels alone.)"""
    name = _canonical(cluster)
    if kind == "place":
        return _resolves(cluster) or bool(cluster.place_uses or cluster.place_cues) or is_place_name(name)
    if kind == "person":
        return bool(cluster.votes["person+"]) or (len(name.split()) > 1 and _person_score(cluster) > 0)
    return bool(cluster.votes["organization+"] or cluster.long_form or is_acronym(name) or _has_org_word(fold(name)))


def _may_take(cluster: _Cluster, kind: str) -> bool:
    """Whether the list's kind may replace what the model alone said of a name: not against the
    wording ('Mr', 'in X', a club's rows), a country, or a name whose form says what it is."""
    if any(vote.endswith("+") for vote in cluster.votes) or cluster.place_uses or cluster.place_cues:
        return False
    name = _canonical(cluster)
    if _is_known_place(cluster) or is_place_name(name) or cluster.long_form:
        return False
    if kind == "place":
        return _resolves(cluster)
    if kind == "person":
        words = name.split()
        return len(words) > 1 and not is_acronym(name) and not _has_org_word(fold(name)) and _capitalised(name)
    return not _resolves(cluster)


def _actor_kind(cluster: _Cluster) -> str:
    """A name the model called a place that acts as an actor: a person's name ('Rio Ferdinand told')
    or an organisation's ('Verizon', 'BT')."""
    name = _canonical(cluster)
    words = name.split()
    person = len(words) > 1 and not is_acronym(name) and not _has_org_word(fold(name))
    return "person" if person and cluster.votes["organization"] <= cluster.votes["person"] + cluster.votes["place"] \
        else "organization"


def _aliases(cluster: _Cluster, key: str) -> list[str]:
    """The other names of an organisation with a long form ('CSTO', 'EU'): how other articles may name it."""
    if not cluster.long_form:
        return []
    return sorted({name for name in [*cluster.names, *cluster.acronyms, cluster.long_form] if fold(name) != key})


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
    size = (cluster.names.total(), len(cluster.spans))  # (asked 250 times a text: worked out when it changes)
    if cluster.canonical is None or cluster.canonical[0] != size:
        variants = cluster.names or Counter(collapse(span.text) for span in cluster.spans)
        cluster.canonical = size, max(variants, key=lambda v: (len(v.split()), variants[v], len(v)))
    return cluster.canonical[1]


def _surname(cluster: _Cluster, clusters: dict[str, _Cluster]) -> str | None:
    """The last word of a person's full name, unless another entity of the text goes by it."""
    words = _canonical(cluster).split()
    if len(words) < 2 or len(words[-1]) < 3 or not words[-1][0].isupper():
        return None
    last = [fold(words[-1])]
    others = [key for key, other in clusters.items() if other is not cluster and key.split()[-1:] == last]
    return None if others else words[-1]


def _spread(text: str, cluster: _Cluster, taken: list[tuple[int, int]], surname: str | None) -> None:
    """A name found once is found wherever it recurs in the same text (a person's surname too), where
    no mention of the text (`taken`, which grows with the new ones) is."""
    # Longest first, so the same text always gives the same mentions: 'Noam Chomsky', not its 'Chomsky'.
    variants = cluster.variants() | ({surname} if surname else set())
    variants |= {v.translate(_APOSTROPHES) for v in variants if "’" in v or "'" in v}  # "Vava'u" of 'Vava’u'
    for variant in sorted(variants, key=lambda v: (-len(v), v)):
        if len(variant) < 3 or "\n" in variant:
            continue
        for begin, finish in _occurrences(text, variant):
            if not any(start < finish and begin < end for start, end in taken):
                cluster.spans.append(Span(text[begin:finish], begin, finish))
                taken.append((begin, finish))


_APOSTROPHES = str.maketrans({"’": "'", "'": "’"})


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
