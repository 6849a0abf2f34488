"""The index follows the change log (logic/index_sync.py) even when it fails for a while: a failed sync
is logged and loses nothing, a catch-up that cannot read the lag raises nothing."""
import logging

from archive.index import IndexStore
from archive.index.store import APPLIED_FILE
from archive.index.sync import index_lag
from archive.logic.index_sync import catch_up, sync_index
from tests.logic.stored import store


def test_a_failed_sync_is_logged_and_the_change_log_keeps_what_is_pending(db_session, index, tmp_path, caplog):
    article = store(db_session, "Storm closes the port of Rotterdam.")
    blocked = tmp_path / "index-is-a-file"
    blocked.write_text("not a folder")
    with caplog.at_level(logging.ERROR, logger="archive.logic.index_sync"):
        assert sync_index(db_session, IndexStore(blocked)) == 0
    assert "index sync failed; the change log keeps the pending changes" in caplog.text
    assert index_lag(db_session, index) == 1
    assert sync_index(db_session, index) == 1 and index.doc_count() == 1
    assert index_lag(db_session, index) == 0 and article.id is not None


def test_a_catch_up_that_cannot_read_the_index_lag_logs_it_and_raises_nothing(db_session, index, tmp_path,
                                                                               caplog):
    store(db_session, "Rail strike in Milan halts trains.")
    sync_index(db_session, index)  # built, with one article
    store(db_session, "Floods reach the centre of Porto.")
    broken = IndexStore(index.path)
    (index.path / APPLIED_FILE).write_text("half-written")  # the lag cannot be read
    with caplog.at_level(logging.ERROR, logger="archive.logic.index_sync"):
        assert catch_up(db_session, broken) == 0
    assert "could not open the index or read its lag" in caplog.text
    assert store(db_session, "Snow shuts the airport in Oslo.").id is not None  # the session goes on
