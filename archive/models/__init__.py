"""SQLAlchemy tables and small finders. No HTTP, no index."""
from archive.models.article import Article, ArticleDate, ArticleEntity, Mention
from archive.models.base import Base
from archive.models.change import Change
from archive.models.entity import Entity
from archive.models.token import ApiToken

__all__ = ["ApiToken", "Article", "ArticleDate", "ArticleEntity", "Base", "Change", "Entity", "Mention"]
