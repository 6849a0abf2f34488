"""The Whoosh schema and the mapping from an article row to an index document."""
from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from archive import timeml
from archive.models import Article
from archive.models.entity import ACTOR_KINDS, PLACE_KIND

# Sort keys: unknown publication dates sort last both ways.
NO_DATE_NEWEST = -(2**62)
NO_DATE_OLDEST = 2**62

FACET_FIELDS = ("actor", "place", "country", "source", "published_month", "mentioned_month")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # title and updated are stored so `archive check` can tell a stale document.
        title=TEXT(analyzer=StemmingAnalyzer(), field_boost=2.0, stored=True),
        updated=STORED,
        body=TEXT(analyzer=StemmingAnalyzer(), spelling=True),
        actor=KEYWORD(commas=True),
        place=KEYWORD(commas=True),
        country=KEYWORD(commas=True),
        source=ID,
        published=DATETIME,
        published_month=ID,
        newest=NUMERIC(bits=64, signed=True, sortable=True),
        oldest=NUMERIC(bits=64, signed=True, sortable=True),
        mentioned=KEYWORD(commas=True),
        mentioned_day=KEYWORD(commas=True),
        mentioned_month=KEYWORD(commas=True),
        # Near-duplicate group (the id of its first article): search shows each group once.
        dup_group=NUMERIC(bits=64, stored=True, sortable=True),
    )


def article_document(article: Article) -> dict:
    """The index document for one article; values of facet fields are entity ids and codes."""
    actors = [str(link.entity_id) for link in article.entity_links if link.entity.kind in ACTOR_KINDS]
    places = [link.entity for link in article.entity_links if link.entity.kind == PLACE_KIND]
    values = sorted({d.value for d in article.dates})
    doc = {
        "id": str(article.id),
        "title": article.title,
        "updated": (article.updated_at or article.ingested_at).isoformat(),
        "body": article.body,
        "actor": ",".join(actors),
        "place": ",".join(str(p.id) for p in places),
        "country": ",".join(sorted({p.country_code for p in places if p.country_code})),
        "mentioned": ",".join(values),
        "mentioned_day": ",".join(sorted({timeml.day_key(d) for v in values if (d := timeml.start_day(v))})),
        "mentioned_month": ",".join(sorted({b for v in values if (b := timeml.bucket(v))})),
        "newest": NO_DATE_NEWEST,
        "oldest": NO_DATE_OLDEST,
        "dup_group": article.dup_group_id or article.id,
    }
    if article.source:
        doc["source"] = article.source
    if article.published_at:
        stamp = int(article.published_at.timestamp())
        doc.update(published=article.published_at, newest=stamp, oldest=stamp,
                   published_month=article.published_at.strftime("%Y-%m"))
    return doc
