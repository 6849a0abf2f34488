"""The Whoosh schema and the mapping from an article row to an index document."""
from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema

from archive import timeml
from archive.facets import FACETS
from archive.index.analysis import FastText
from archive.models import Article
from archive.models.entity import ACTOR_KINDS, PLACE_KIND

# Sort keys: unknown publication dates sort last both ways.
NO_DATE_NEWEST = -(2**62)
NO_DATE_OLDEST = 2**62

FACET_FIELDS = tuple(facet.field for facet in FACETS)
# articles column -> index field, for facets indexed from a column as it is (source, author, language)
COLUMN_FIELDS = {facet.column: facet.field for facet in FACETS if facet.column}


class SortKey(NUMERIC):
    """A signed 64-bit number kept only as a column, read by document number (sort keys, groups).

    Never searched, so not indexed: as NUMERIC fields the three of them were 48 terms a
    document, 29% of all postings, which every reindex and ingestion had to sort and write."""

    def __init__(self):
        super().__init__(bits=64, signed=True, sortable=True)
        self.indexed = False


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # title and updated are stored so `archive check` can tell a stale document.
        title=FastText(analyzer=StemmingAnalyzer(), field_boost=2.0, stored=True),
        updated=STORED,
        body=FastText(analyzer=StemmingAnalyzer(), spelling=True),
        newest=SortKey(),
        oldest=SortKey(),
        mentioned_day=KEYWORD(commas=True),
        # Near-duplicate group (the id of its first article): search shows each group once.
        dup_group=SortKey(),
        **{facet.field: KEYWORD(commas=True) if facet.many else ID() for facet in FACETS},
    )


def article_document(article: Article) -> dict:
    """The index document for one article; values of facet fields are entity ids and codes."""
    links = [(link.entity_id, link.entity.kind, link.entity.country_code) for link in article.entity_links]
    return document(article, links, [d.value for d in article.dates])


def document(article, links: list[tuple[int, str, str | None]], date_values: list[str]) -> dict:
    """The index document from an article's columns (an Article or a row with the same names, `group_id`
    included), its entity links as (entity id, kind, country code) in mention order, and its normalised
    date values."""
    actors = [str(entity_id) for entity_id, kind, _country in links if kind in ACTOR_KINDS]
    places = [(entity_id, country) for entity_id, kind, country in links if kind == PLACE_KIND]
    values = sorted(set(date_values))
    doc = {
        "id": str(article.id),
        "title": article.title,
        "updated": (article.updated_at or article.ingested_at).isoformat(),
        "body": article.body,
        "actor": ",".join(actors),
        "place": ",".join(str(entity_id) for entity_id, _country in places),
        "country": ",".join(sorted({country for _entity_id, country in places if country})),
        "mentioned_day": ",".join(sorted({timeml.day_key(d) for v in values if (d := timeml.start_day(v))})),
        "mentioned_month": ",".join(sorted({b for v in values if (b := timeml.bucket(v))})),
        "newest": NO_DATE_NEWEST,
        "oldest": NO_DATE_OLDEST,
        "dup_group": article.group_id,
    }
    for column, field in COLUMN_FIELDS.items():
        if value := getattr(article, column):
            doc[field] = value
    if article.published_at:
        stamp = int(article.published_at.timestamp())
        doc.update(newest=stamp, oldest=stamp,
                   published_month=article.published_at.strftime("%Y-%m"))
    return doc
