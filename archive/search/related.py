"""Related articles: Whoosh's more-like-this over the body, never the article itself."""
from __future__ import annotations

from sqlalchemy.orm import Session

from archive.index import IndexStore
from archive.models import Article


def related_articles(session: Session, store: IndexStore, article: Article, limit: int = 5) -> list[Article]:
    searcher = store.searcher()
    docnum = searcher.document_number(id=str(article.id))
    if docnum is None:
        return []
    # Few, distinctive terms: each extra term is another long posting list to score.
    hits = searcher.more_like(docnum, "body", text=article.body, top=limit + 1, numterms=5)
    ids = [int(hit["id"]) for hit in hits if hit["id"] != str(article.id)][:limit]
    rows = {row.id: row for row in session.query(Article).filter(Article.id.in_(ids))} if ids else {}
    return [rows[i] for i in ids if i in rows]
