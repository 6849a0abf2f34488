"""gunicorn settings, from the same ARCHIVE_* environment as the app."""
from archive.settings import from_environment

_config = from_environment()

bind = f"{_config['HOST']}:{_config['PORT']}"
workers = max(2, _config["WORKERS"])
# The first ingest in a worker loads the spaCy model; give it time.
timeout = 120
graceful_timeout = 30
accesslog = "-"
errorlog = "-"
