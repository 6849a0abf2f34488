"""SQLAlchemy tables and small finders. No HTTP, no index."""
from archive.models.article import Article, ArticleDate, ArticleEntity, Mention
from archive.models.band import ArticleBand
from archive.models.base import Base
from archive.models.change import Change
from archive.models.curation import EntityAlias, EntityEdit, RejectedName
from archive.models.deleted import DeletedArticle
from archive.models.entity import Entity
from archive.models.host import Host
from archive.models.job import Job, JobItem
from archive.models.rate import RateHit
from archive.models.source import Source
from archive.models.token import ApiToken
from archive.models.user import LoginFailure, User

__all__ = ["ApiToken", "Article", "ArticleBand", "ArticleDate", "ArticleEntity", "Base", "Change", "DeletedArticle",
           "Entity", "EntityAlias", "EntityEdit", "Host", "Job", "JobItem", "LoginFailure", "Mention", "RateHit", "RejectedName",
           "Source", "User"]
