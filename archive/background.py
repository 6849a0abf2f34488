"""Background threads of a web process: the index follower and the job runner.

Started on a worker's first request (threads do not survive gunicorn's fork, and
CLI commands need neither). Each thread has its own database session.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask

log = logging.getLogger(__name__)
JOB_POLL = 2.0  # seconds between looks at an empty job queue


class Background:
    def __init__(self, app: Flask):
        self.app = app
        self.stop = threading.Event()
        self.job_wakeup = threading.Event()
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        interval = self.app.config.get("INDEX_FOLLOW_INTERVAL") or 0
        if interval > 0:
            threading.Thread(target=self._follow, args=(interval,), name="index-follower", daemon=True).start()
        if self.app.config.get("JOB_WORKER") == "thread":
            threading.Thread(target=self._run_jobs, name="job-runner", daemon=True).start()

    def notify_job(self) -> None:
        """A job was queued by this process: start on it now rather than at the next poll."""
        self.job_wakeup.set()

    def _follow(self, interval: float) -> None:
        from archive import db, services
        from archive.index.follow import follow

        with self.app.app_context():
            store = services.index_store()
            while not self.stop.wait(interval):
                session = db.new_session()
                try:
                    follow(session, store)
                except Exception:
                    log.exception("index follower: will try again")
                finally:
                    session.close()

    def _run_jobs(self) -> None:
        from archive import db, services
        from archive.logic.jobs import JobRunner, pending_count

        with self.app.app_context():
            while not self.stop.is_set():
                self.job_wakeup.wait(JOB_POLL)
                self.job_wakeup.clear()
                session = db.new_session()
                try:
                    if pending_count(session):
                        JobRunner(session, services.index_store(), services.model_name(),
                                  services.max_article_chars(), name=_name(self.app)).run()
                except Exception:
                    log.exception("job runner: will try again")
                finally:
                    session.close()


def _name(app: Flask) -> str:
    import os
    import socket

    return f"{app.config.get('NODE_NAME') or socket.gethostname()}:{os.getpid()}"


def init_app(app: Flask) -> None:
    app.extensions["archive.background"] = Background(app)


def background(app: Flask) -> Background:
    return app.extensions["archive.background"]
