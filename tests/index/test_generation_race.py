"""A reader never fails on a generation that another process has just replaced.

Whoosh names each generation's table of contents `_MAIN_<n>.toc` and deletes the older ones at
every commit. A reader that listed the folder just before a commit and opens the old file just
after finds it gone (`FileNotFoundError: _MAIN_995.toc`): the index follower logged exactly that
under load. Here a real second process commits as fast as it can while this one looks at the
index the ways the web workers do.
"""
from __future__ import annotations

import multiprocessing

from archive.index import IndexStore

COMMITS = 1000


def _commit_many(path: str, started, done) -> None:
    store = IndexStore(path)
    started.set()
    for n in range(COMMITS):
        with store.write_lock(), store.writer() as writer:
            writer.update_document(id=str(n % 7), title=f"title {n}", body=f"body number {n}")
    store.close()
    done.set()


def test_readers_never_fail_while_another_process_commits(tmp_path):
    path = tmp_path / "ix"
    seed = IndexStore(path)
    with seed.write_lock(), seed.writer() as writer:
        writer.update_document(id="0", title="first", body="first body")
    seed.close()

    context = multiprocessing.get_context("spawn")
    started, done = context.Event(), context.Event()
    writer = context.Process(target=_commit_many, args=(str(path), started, done))
    writer.start()
    assert started.wait(60)
    looks = 0
    try:
        follower = IndexStore(path)
        while not done.is_set():
            fresh = IndexStore(path)  # a new worker's first look, as the follower makes every second
            assert all(fresh.exists() for _ in range(20))
            assert not fresh.outdated()
            assert fresh.open() is not None
            assert fresh.searcher().doc_count() >= 1
            fresh.close()
            assert follower.searcher().doc_count() >= 1  # a long-lived searcher, refreshed after commits
            looks += 1
        follower.close()
    finally:
        writer.join(120)
    assert writer.exitcode == 0
    assert looks > 20  # the race was really run: many looks while generations were being replaced
