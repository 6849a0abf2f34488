"""Start a real gunicorn for a test: a free loopback port, its own data folder, readiness by polling."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from archive import ROOT
from tests.databases import database_env

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, data: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    body = json.dumps(data).encode() if data is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def flask_cli(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run([BIN / "flask", "--app", "wsgi", "archive", *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True, input=stdin)
    return result.stdout


@contextmanager
def gunicorn(data_dir: Path, workers: int = 2, **settings: str):
    """Yield (base URL, environment) of a gunicorn serving the archive in `data_dir`
    (and in its own PostgreSQL database when the tests run on PostgreSQL)."""
    port = free_port()
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "ARCHIVE_PORT": str(port),
           "ARCHIVE_WORKERS": str(workers), **database_env(data_dir), **settings}
    flask_cli(env, "migrate")
    log_path = data_dir / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_ready(f"http://127.0.0.1:{port}", process, log_path)
            yield f"http://127.0.0.1:{port}", env
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_ready(base: str, process: subprocess.Popen, log_path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if call(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log_path.read_text())
        time.sleep(0.2)
