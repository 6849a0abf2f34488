"""Warming a worker: one faceted search before the first request builds the searcher's arrays."""
from archive.search.warm import warm


def test_warm_builds_the_searcher_of_an_existing_index(seeded_app):
    store = seeded_app.extensions["archive.index"]
    store.close()
    assert warm(seeded_app) is True
    assert store._searcher is not None and store.doc_count() == 1


def test_warm_leaves_an_archive_without_index_alone(app):
    assert warm(app) is False
    assert not app.extensions["archive.index"].exists()
