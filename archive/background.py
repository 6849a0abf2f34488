"""Background threads of a web process: the index follower, the job runner (which polls due followed
sources too) and the model loader.

The follower and the runner start on a worker's first request, the model loader in
gunicorn's post_worker_init (threads do not survive gunicorn's fork, and CLI commands
need none of them). Each thread has its own database session.
"""
from __future__ import annotations

import logging
import threading
import weakref

from flask import Flask

log = logging.getLogger(__name__)
JOB_POLL = 2.0  # seconds between looks at an empty job queue
# Seconds of source polls a round starts before it runs the queued jobs: a round with many due sources
# (or sitemap polls waiting on host delays) must not hold up jobs queued meanwhile for long.
POLL_BUDGET = 10.0
_ALL: weakref.WeakSet = weakref.WeakSet()


class Background:
    def __init__(self, app: Flask):
        self.app = app
        self.stop = threading.Event()
        self.job_wakeup = threading.Event()
        self._started = False
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        _ALL.add(self)

    def start(self) -> None:
        with self._lock:
            if self._started or self.stop.is_set():
                return
            self._started = True
        interval = self.app.config.get("INDEX_FOLLOW_INTERVAL") or 0
        if interval > 0:
            self._threads.append(threading.Thread(target=self._follow, args=(interval,), name="index-follower",
                                                  daemon=True))
        if self.app.config.get("JOB_WORKER") == "thread":
            self._threads.append(threading.Thread(target=self._run_jobs, name="job-runner", daemon=True))
        for thread in self._threads:
            thread.start()

    def close(self, timeout: float = 30) -> None:
        """Stop the threads and wait for them (a batch being ingested is finished first)."""
        self.stop.set()
        self.job_wakeup.set()
        for thread in self._threads:
            thread.join(timeout)

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
        from archive.logic.polling import poll_due

        with self.app.app_context():
            while not self.stop.is_set():
                self.job_wakeup.wait(JOB_POLL)
                self.job_wakeup.clear()
                if self.stop.is_set():
                    break
                session = db.new_session()
                try:
                    poll_due(session, self.app.config, _name(self.app), budget=POLL_BUDGET)  # news queues a job
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


def close_all() -> None:
    """Stop the background threads of every app of this process (tests, between tests)."""
    for each in list(_ALL):
        each.close()


def preload_model(app: Flask) -> bool:
    """Load the spaCy model in a thread of this (web) process unless ARCHIVE_PRELOAD_MODEL is off;
    returns whether it started."""
    from archive.extract.nlp import load_in_background

    if not app.config.get("PRELOAD_MODEL"):
        return False
    load_in_background(app.config["SPACY_MODEL"])
    return True


def init_app(app: Flask) -> None:
    app.extensions["archive.background"] = Background(app)


def background(app: Flask) -> Background:
    return app.extensions["archive.background"]
