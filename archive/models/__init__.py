"""SQLAlchemy tables and small finders. No HTTP, no index."""
from archive.models.base import Base
from archive.models.article import Article, ArticleDate, ArticleEntity, Mention
from archive.models.entity import Entity
from archive.models.token import ApiToken
from archive.models.change import Change

__all__ = ["Base", "Article", "ArticleDate", "ArticleEntity", "Mention", "Entity", "ApiToken", "Change"]
