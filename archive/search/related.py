"""Related articles: the ones sharing this article's actors and places first, its words second.

Each shared actor or place counts by its rarity (idf: a name in two articles says more
than "US" in half of them), as a share of what all the article's actors and places
weigh; the words count as the share of the article's key terms (Whoosh's key terms of
the body, weighted) another article contains. An article that shares too little of
either is not shown: no related articles rather than unrelated ones.
"""
from __future__ import annotations

import math

import numpy as np
from sqlalchemy.orm import Session
from whoosh import query as wq

from archive.index import IndexStore
from archive.models import Article
from archive.models.entity import ACTOR_KINDS
from archive.search import postings

KEY_TERMS = 12  # the body's most distinctive terms compared
ENTITY_WEIGHT = 2.0  # a share of the actors and places counts twice the same share of the key terms
# Shown: an article sharing some actor or place, some key terms, and enough of both together
# (the score), or one sharing much of the key terms alone. Tuned on BBC articles, where a casino
# story shared "UK" with a story on India's rupee, and two casino stories shared 0.2-0.5 of each.
MIN_WORDS = 0.15
MIN_SCORE = 0.45
MIN_WORDS_ALONE = 0.4


def related_articles(session: Session, store: IndexStore, article: Article, limit: int = 5) -> list[Article]:
    searcher = store.searcher()
    docnum = searcher.document_number(id=str(article.id))
    if docnum is None:
        return []
    shared, specific = _entity_shares(searcher, _entity_terms(searcher, article))
    words = _share(searcher, _key_terms(searcher, article.body))
    score = ENTITY_WEIGHT * shared + words
    related = ((specific > 0) & (words >= MIN_WORDS) & (score >= MIN_SCORE)) | (words >= MIN_WORDS_ALONE)
    related[docnum] = False
    score = np.where(related, score, 0.0)
    ranked = [int(d) for d in np.argsort(-score, kind="stable")[:limit] if score[d] > 0]
    ids = [int(searcher.stored_fields(d)["id"]) for d in ranked]
    rows = {row.id: row for row in session.query(Article).filter(Article.id.in_(ids))} if ids else {}
    return [rows[i] for i in ids if i in rows]


def _entity_terms(searcher, article: Article) -> list[tuple[wq.Term, float, bool]]:
    """The article's actors and places as index terms, each weighted by its idf, and whether it is a country."""
    total = max(1, searcher.doc_count())
    terms = [(wq.Term("place" if link.entity.kind == "place" else "actor", str(link.entity_id)),
              link.entity.place_kind == "country")
             for link in article.entity_links if link.entity.kind in (*ACTOR_KINDS, "place")]
    return [(term, math.log(1 + total / max(1, searcher.doc_frequency(term.fieldname, term.text))), country)
            for term, country in terms]


def _entity_shares(searcher, entities: list[tuple[wq.Term, float, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """For each document, the share of the entities' weights it contains, and whether it shares an
    entity that is no country: sharing only countries is no sign of one story ('India' and 'Russia' in
    a story on the rupee and in one on trade rules)."""
    size = postings.generation(searcher).live.shape[0]
    score, specific = np.zeros(size), np.zeros(size, dtype=bool)
    total = sum(weight for _term, weight, _country in entities)
    for term, weight, country in entities:
        found = postings.matches(searcher, term)
        score += weight * found
        if not country:
            specific |= found
    return (score / total if total else score), specific


def _key_terms(searcher, body: str) -> list[tuple[wq.Term, float]]:
    return [(wq.Term("body", word), weight)
            for word, weight in searcher.key_terms_from_text("body", body, numterms=KEY_TERMS)]


def _share(searcher, weighted: list[tuple[wq.Term, float]]) -> np.ndarray:
    """For each document, the share (0 to 1) of the weights of the terms it contains."""
    score = np.zeros(postings.generation(searcher).live.shape[0])
    total = sum(weight for _term, weight in weighted)
    for term, weight in weighted:
        score += weight * postings.matches(searcher, term)
    return score / total if total else score
