"""A real gunicorn with several workers: concurrent ingests never fail and lose nothing."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from archive import ROOT

BIN = Path(sys.executable).parent
TOKEN = "gunicorn-test-token"
CITIES = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon",
          "Dublin", "Oslo", "Athens", "Budapest"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, data: dict | None = None) -> tuple[int, dict]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path / "data"), "ARCHIVE_PORT": str(port),
           "ARCHIVE_ADMIN_TOKEN": TOKEN, "ARCHIVE_WORKERS": "4"}
    subprocess.run([BIN / "flask", "--app", "wsgi", "archive", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    log = open(tmp_path / "gunicorn.log", "wb")
    process = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # wait until it answers (readiness, not timing)
        try:
            if call(base + "/healthz")[0] == 200:
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "gunicorn.log").read_text()) from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()
    assert b"Traceback" not in (tmp_path / "gunicorn.log").read_bytes()


def test_concurrent_ingests_across_workers(server):
    articles = [{"body": f"Council meeting number {n} in {city} approved the transport budget.",
                 "published_at": f"2024-02-{n + 1:02d}"} for n, city in enumerate(CITIES)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda a: call(server + "/api/v1/articles", a), articles + articles))
    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == len(articles)  # each article created exactly once
    assert statuses.count(200) == len(articles)  # and its second copy answered as a duplicate
    assert all(not body.get("error") for _, body in results)
    status, found = call(server + "/api/v1/search?q=transport+budget&per_page=100")
    assert status == 200 and found["total"] == len(articles)
    health = call(server + "/healthz")[1]
    assert health["articles"] == health["indexed"] == len(articles) and health["index_lag"] == 0
