"""A real gunicorn on 127.0.0.1 for reliability tests: start, wait until ready, kill hard."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from archive import ROOT
from tests.databases import database_env

BIN = Path(sys.executable).parent
TOKEN = "reliability-test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, data: dict | None = None, method: str | None = None) -> tuple[int, dict]:
    """One JSON request with the admin token; returns (status, body)."""
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else {}


class Gunicorn:
    """gunicorn serving one data folder (and its own PostgreSQL database when the tests run on
    PostgreSQL), in its own process group so it can be killed whole."""

    def __init__(self, data_dir: Path, workers: int):
        self.data_dir, self.workers = data_dir, workers
        self.env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "ARCHIVE_ADMIN_TOKEN": TOKEN,
                    "ARCHIVE_WORKERS": str(workers), **database_env(data_dir)}
        self.process: subprocess.Popen | None = None
        self.logs: list[Path] = []

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([BIN / "flask", "--app", "wsgi", "archive", *args], check=False, cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=300)

    def start(self) -> str:
        port = free_port()
        log = self.data_dir.parent / f"gunicorn-{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "wb") as out:
            self.process = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                                            env={**self.env, "ARCHIVE_PORT": str(port)}, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{port}"
        self.wait_until(lambda health: True)
        return self.base

    def wait_until(self, ready, seconds: float = 120) -> dict:
        """Poll /healthz until ready(health) holds; fail with the log after the deadline."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                status, health = call(self.base + "/healthz")
                if status == 200 and ready(health):
                    return health
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn not ready: {self.log_text()}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the whole process group we started)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)

    def log_text(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs if path.exists())
