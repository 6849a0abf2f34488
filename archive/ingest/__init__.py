"""Input formats -> validated article records. No database access here."""
from archive.ingest.records import ArticleInput, derive_title, validate

__all__ = ["ArticleInput", "derive_title", "validate"]
