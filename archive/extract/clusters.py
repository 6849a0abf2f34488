"""One entity's mentions while the entity rules run, and what they say of it.

A Cluster gathers the mentions of one name with the model's and the wording's votes; the
questions every rule asks of one (its canonical name, its kind, how much a person's name it is,
whether it is a known place) are answered here, and FoundEntity is what a cluster ends as.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from archive.extract.names import ORG_WORDS, collapse, is_acronym
from archive.extract.places import Place, is_well_known, resolve_place
from archive.extract.spans import Span


@dataclass
class FoundEntity:
    kind: str  # person | organization | place
    name: str
    key: str
    mentions: list[Span]
    place: Place | None = None
    aliases: list[str] = field(default_factory=list)  # other names of an organisation: 'EU' of 'European Union'


@dataclass
class Cluster:
    spans: list[Span] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    long_form: str | None = None
    names: Counter = field(default_factory=Counter)  # the names written, titles left out
    acronyms: set[str] = field(default_factory=set)  # defined in the text: 'Collective ... (CSTO)'
    place_uses: int = 0  # mentions the wording uses as a place ('visits Torbay'), when the name is one
    place_cues: int = 0  # mentions of a name no gazetteer knows that the wording uses as a place ('in Coron')
    # canonical's last answer, and how many names and spans the cluster had then (both only ever grow)
    canonical: tuple[tuple[int, int], str] | None = field(default=None, repr=False)

    def variants(self) -> set[str]:
        return {collapse(span.text) for span in self.spans}

    def absorb(self, other: Cluster) -> None:
        self.spans.extend(other.spans)
        self.votes.update(other.votes)
        self.names.update(other.names)
        self.acronyms |= other.acronyms


def resolves(cluster: Cluster) -> bool:
    """The name is a gazetteer place (a country, region or city)."""
    place = resolve_place(canonical(cluster))
    return place is not None and place.gazetteer_id is not None and place.kind != "other"


def capitalised(name: str) -> bool:
    """Every word starts with a capital: a name, not a headline's words ('Campbell rescues Arsenal')."""
    return all(word[:1].isupper() for word in name.split())


def has_org_word(key: str) -> bool:
    return any(word in ORG_WORDS for word in key.split())


def person_score(cluster: Cluster) -> int:
    votes = cluster.votes
    return 2 * votes["person+"] + votes["person"] - votes["organization+"] - 2 * votes["place"]


def is_known_place(cluster: Cluster) -> bool:
    """A country or supranational region by name ('Moldova', 'Europe'): a place whatever spaCy said."""
    return is_well_known(canonical(cluster), cities=False)


def kind_of(cluster: Cluster) -> str:
    if not cluster.votes["person+"] and (is_known_place(cluster) or _placed(cluster)):
        return "place"
    votes = Counter()
    # An acronym the model calls a person ('DAB', 'ROTC') is an organisation's unless a title says otherwise,
    # and so is a name ending in one after a word in lower case ('Pro-Beijing DAB', 'Cambridge ROTC'; not a
    # regnal number: 'Elizabeth II').
    name = canonical(cluster)
    words = name.split()
    acronym = is_acronym(name) or (len(words) > 1 and is_acronym(words[-1]) and not words[0].isupper()
                                   and not _REGNAL.fullmatch(words[-1]))
    for vote, count in cluster.votes.items():
        kind = "organization" if acronym and vote == "person" else vote.rstrip("+")
        votes[kind] += count * (3 if vote.endswith("+") else 1)
    order = {"person": 0, "organization": 1, "place": 2}
    return max(votes, key=lambda kind: (votes[kind], -order[kind]))


_REGNAL = re.compile(r"[IVX]+")


def _placed(cluster: Cluster) -> bool:
    """Used as a place ('visits Torbay') at least as strongly as the model calls it anything else (a
    use weighs as much as three labels): 'Manchester' labelled a person once is a place, 'Jordan'
    a person six times in a story about the director Neil Jordan stays one."""
    votes = cluster.votes
    return cluster.place_uses > 0 and 3 * cluster.place_uses >= (
        votes["person"] + votes["organization"] + 3 * votes["organization+"])


def canonical(cluster: Cluster) -> str:
    if cluster.long_form:
        return cluster.long_form
    size = (cluster.names.total(), len(cluster.spans))  # (asked 250 times a text: worked out when it changes)
    if cluster.canonical is None or cluster.canonical[0] != size:
        variants = cluster.names or Counter(collapse(span.text) for span in cluster.spans)
        cluster.canonical = size, max(variants, key=lambda v: (len(v.split()), variants[v], len(v)))
    return cluster.canonical[1]
