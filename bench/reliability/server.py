"""gunicorn on a data folder, in its own process group: start, kill whole (SIGKILL), restart on the same port."""
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

BIN = Path(sys.executable).parent
TOKEN = "bench-reliability-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(base: str, timeout: float = 30) -> dict | None:
    """The /healthz document, or None when the server does not answer 200."""
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=timeout) as response:
            return json.loads(response.read()) if response.status == 200 else None
    except (OSError, ValueError, urllib.error.HTTPError):
        return None


def in_step(doc: dict | None) -> bool:
    return bool(doc) and doc["index_lag"] == 0 and doc["indexed"] == doc["articles"]


class Server:
    def __init__(self, data_dir: Path, workers: int):
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
        self.env = {**env, "ARCHIVE_ENV": "development", "ARCHIVE_DATA_DIR": str(data_dir),
                    "ARCHIVE_HOST": "127.0.0.1", "ARCHIVE_PORT": str(self.port),
                    "ARCHIVE_WORKERS": str(workers), "ARCHIVE_ADMIN_TOKEN": TOKEN,
                    "ARCHIVE_FETCH_ALLOW_PRIVATE": "true"}  # the hostile clients' bomb site is on 127.0.0.1
        self.process: subprocess.Popen | None = None
        self.logs: list[Path] = []

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([BIN / "flask", "--app", "wsgi", "archive", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=600, check=False)

    def start(self) -> None:
        """Start gunicorn (master and workers in a new session, so one killpg reaches them all)."""
        log = self.data_dir.parent / f"gunicorn-{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "wb") as out:
            self.process = subprocess.Popen([BIN / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                                            env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def wait(self, ready=lambda doc: doc is not None, seconds: float = 120, every: float = 0.1) -> dict | None:
        """Poll /healthz until ready(doc); None after `seconds` or if gunicorn exited."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            doc = health(self.base)
            if ready(doc):
                return doc
            time.sleep(every)
        return None

    def kill(self) -> None:
        """SIGKILL the master and every worker at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()

    def worker_peak_rss(self) -> dict[int, int]:
        """The most resident memory (bytes) each gunicorn worker (a child of the master) has held
        so far: the kernel's high-water mark (VmHWM), so no spike between two looks is missed."""
        peaks = {}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:
                continue  # a process that just ended
            if int(fields["PPid"]) == self.process.pid and "VmHWM" in fields:
                peaks[int(status.parent.name)] = int(fields["VmHWM"].split()[0]) * 1024  # "123456 kB"
        return peaks

    def log_text(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs if path.exists())
