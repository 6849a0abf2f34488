"""gunicorn settings, from the same ARCHIVE_* environment as the app."""
import logging
import os

from archive.settings import from_environment, log_format, metrics_dir

_config = from_environment()
_metrics_dir = metrics_dir(_config)
# Each worker writes its metrics to files in this folder and /metrics sums them all.
# prometheus_client picks that mode once, when it is first imported, so this must be set
# before anything imports it (the imports below, the workers' app): keep it first.
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_metrics_dir)

from archive.observe.logs import GUNICORN_ACCESS_FORMAT, logging_config  # after the line above

bind = f"{_config['HOST']}:{_config['PORT']}"
workers = max(2, _config["WORKERS"])
# A worker loads the spaCy model in the background (or on its first ingest); give it time.
timeout = 120
graceful_timeout = 30
accesslog = "-"
errorlog = "-"
access_log_format = GUNICORN_ACCESS_FORMAT
# gunicorn's logs and the app's, as JSON lines or text (ARCHIVE_LOG_FORMAT); Python warnings too.
logconfig_dict = logging_config(log_format(_config))
logging.captureWarnings(True)


def on_starting(server) -> None:
    """Start with no metric files: an earlier run's would be added to this one's."""
    _metrics_dir.mkdir(parents=True, exist_ok=True)
    for path in _metrics_dir.glob("*.db"):
        path.unlink()


def child_exit(server, worker) -> None:
    """A worker is gone: drop its live gauges (its counters and histograms keep counting in the sum)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, str(_metrics_dir))


def post_worker_init(worker) -> None:
    """Build this worker's searcher and facet arrays before it accepts a request, then load the
    spaCy model in the background while it serves (the first ingest no longer waits ~5 s for it)."""
    from archive.background import preload_model
    from archive.search.warm import warm

    warm(worker.wsgi)
    preload_model(worker.wsgi)
