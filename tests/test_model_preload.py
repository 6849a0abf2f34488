"""No request pays for loading spaCy (issue 16, finding 8): once a real gunicorn's workers serve,
each loads the model in the background, without any request asking for it, and the first
ingest uses that copy."""
from __future__ import annotations

import re
import time

from tests.servers import call, gunicorn

TOKEN = "preload-test-token"
LOADED = re.compile(rb"\[(\d+)\] \[INFO\] archive\.extract\.nlp: spaCy model \S+ loaded in")


def until(check, seconds: float = 120) -> None:
    """Poll `check` (a state, not a time) until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "still not true"
        time.sleep(0.2)


def test_workers_load_the_model_before_any_request_needs_it(tmp_path):
    log = tmp_path / "data" / "gunicorn.log"

    def loaded_by() -> set[bytes]:
        return set(LOADED.findall(log.read_bytes()))

    with gunicorn(tmp_path / "data", workers=2, ARCHIVE_ADMIN_TOKEN=TOKEN, ARCHIVE_LOG_FORMAT="text") as (server, _):
        until(lambda: call(server + "/healthz")[1]["model"] == "loaded")
        until(lambda: len(loaded_by()) == 2)  # each worker, on its own
        assert b"POST" not in log.read_bytes()  # nothing asked for an extraction
        assert all(call(server + "/healthz")[1]["model"] == "loaded" for _ in range(6))
        status, _body = call(server + "/api/v1/articles", {"body": "The mayor of Lyon opened the bridge on Monday."},
                             TOKEN)
        assert status == 201
        assert len(LOADED.findall(log.read_bytes())) == 2  # the ingest used a worker's copy, loaded no other
    assert b"Traceback" not in log.read_bytes()
