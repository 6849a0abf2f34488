"""The size limit of POST /api/v1/articles/batch (its body is validated by views/bodies.ArticleBatch)."""
from __future__ import annotations

MAX_BATCH = 100  # articles in one POST /articles/batch
