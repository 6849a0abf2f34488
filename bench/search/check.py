"""Check the numpy search path against Whoosh's own, query by query: python -m bench.search.check.

For each benchmark query (and a few extra shapes) it compares what run_search
returns (total, hit order, scores, facet counts) with a reference built only
from Whoosh: `docs_for_query` for the matching documents, Whoosh's scores of
every match (limit=None) or its sorting collector for the order, one hit per
near-duplicate group. Exits 1 on any difference.

Relevance is compared with Whoosh scoring every match, not with
searcher.search(limit=N): that collector prunes with block-quality bounds and
misses top documents now and then (the "pruned" lines: what the old code showed).
"""
from __future__ import annotations

import argparse
import sys
from functools import reduce
from pathlib import Path

import numpy as np
from whoosh.sorting import FieldFacet

from archive import ROOT, create_app, db, migrate, services
from archive.models.entity import ACTOR_KINDS
from archive.search import collapse, parse_args, run_search
from archive.search import facets as facet_counting
from archive.search.labels import resolve_entities
from archive.search.query import filters, text_query
from archive.search.result import _facets, published_mask
from archive.settings import database_url
from bench.search.profile import query_classes

EXTRA = [{"q": "oil -gas"}, {"q": "oil OR wheat", "sort": "oldest"}, {"q": "oil gas wheat"}, {"q": "title:oil"},
         {"q": "oil*"}, {"q": "the"}, {"q": "bank", "page": "3"}, {"q": ""}, {"q": "", "sort": "oldest"},
         {"q": '"interest rates" bank'}, {"q": "trade", "published_from": "1987-03", "published_to": "1987-04"}]


def reference(session, searcher, params) -> dict:
    """What run_search computed before the numpy path: Whoosh masks and Whoosh collectors."""
    selected = {"actor": resolve_entities(session, params.actor, ACTOR_KINDS),
                "place": resolve_entities(session, params.place, ("place",))}
    text_q = text_query(params.q, searcher.schema)
    groups = filters(params, [str(e.id) for e in selected["actor"]], [str(e.id) for e in selected["place"]])
    masks = {name: facet_counting.doc_mask(searcher, q) for name, q in groups.items()}
    if params.published_from or params.published_to:
        masks["published"] = published_mask(searcher, params)
    text_mask = facet_counting.doc_mask(searcher, text_q)
    everything = reduce(np.logical_and, masks.values(), text_mask)
    filtered = reduce(np.logical_and, masks.values()) if masks else None
    limit = params.page * params.per_page
    filter_q = set(np.flatnonzero(filtered).tolist()) if filtered is not None else None
    sort = params.effective_sort
    sortedby = None if sort == "relevance" else FieldFacet(sort, reverse=(sort == "newest"))
    page = slice((params.page - 1) * params.per_page, limit)
    pruned = collapse.search(searcher, text_q, filter_q, limit, sortedby)[page]
    hits = _exact_relevance(searcher, text_q, filter_q, limit)[page] if sort == "relevance" else \
        [(hit.docnum, None) for hit in pruned]
    facets = _facets(session, searcher, params, text_mask, masks) if params.facets else {}
    ids = [int(searcher.stored_fields(docnum)["id"]) for docnum, _score in hits]
    return {"total": int(everything.sum()), "ids": ids, "scores": [score for _docnum, score in hits],
            "facets": _facet_pairs(facets), "pruned": [int(hit["id"]) for hit in pruned]}


def _exact_relevance(searcher, text_q, filter_q, limit: int) -> list[tuple[int, float]]:
    """Whoosh's score of every match, best first, ties by document number, one per near-duplicate group."""
    scored = sorted(((hit.docnum, hit.score) for hit in searcher.search(text_q, filter=filter_q, limit=None)),
                    key=lambda hit: (-hit[1], hit[0]))
    groups = facet_counting.cache_for(searcher).column(collapse.FIELD)
    kept, seen = [], set()
    for docnum, score in scored:
        if int(groups[docnum]) not in seen:
            seen.add(int(groups[docnum]))
            kept.append((docnum, score))
            if len(kept) == limit:
                break
    return kept


def _facet_pairs(facets: dict) -> dict:
    return {name: ([(r["value"], r["count"]) for r in f["results"]], f["truncated"]) for name, f in facets.items()}


def compare(app, args: dict) -> list[str]:
    with app.test_request_context("/", query_string=args):
        from flask import request

        session, store = db.session(), services.index_store()
        params = parse_args(request.args)
        new = run_search(session, store, params)
        old = reference(session, store.searcher(), params)
        session.close()
    got = {"total": new.total, "ids": [h.article.id for h in new.hits], "scores": [h.score for h in new.hits],
           "facets": _facet_pairs(new.facets)}
    problems = [f"{args}: {key} differs: {got[key]!r:.300} != {old[key]!r:.300}" for key in got if got[key] != old[key]]
    if got["ids"] != old["pruned"]:
        print(f"pruned: {args}: Whoosh's top-N collector showed other hits (missed better ones)")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench" / "search-100000")
    parser.add_argument("--limit", type=int, default=200, help="queries of each class")
    args = parser.parse_args()
    app = create_app({"DATA_DIR": str(args.data), "DATABASE_URL": None})
    migrate.upgrade(database_url(app.config))
    actors = [str(a["id"]) for a in app.test_client().get("/api/v1/actors").get_json()["results"]]
    queries = [q for items in query_classes(actors).values() for q in items[:args.limit]] + EXTRA
    problems = [problem for q in queries for problem in compare(app, q)]
    print("\n".join(problems) or f"{len(queries)} searches: identical totals, hits, scores and facets")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
