"""Log records as JSON lines or text, each carrying the id of the request that emitted it.

Every request gets an id: the client's `X-Request-ID` when it is short and plain,
else a new one. It is sent back in the response's `X-Request-ID`, added to every
record logged while the request runs (RequestIdFilter) and to one access line
per request. Bodies and headers (Authorization included) are never logged.
gunicorn.conf.py installs `logging_config()` for the app and gunicorn alike.
"""
from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from flask import g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a few separators, at most 200 of them: nothing that can break a log line.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,200}")
access_log = logging.getLogger("archive.access")
# Attributes every LogRecord has; anything else on a record came from `extra=` and is shown.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def request_id_from(supplied: str | None) -> str:
    """The client's request id when it is safe to log, else a new random one."""
    if supplied and SAFE_REQUEST_ID.fullmatch(supplied):
        return supplied
    return uuid.uuid4().hex


def access(endpoint: str, status: int, seconds: float) -> None:
    """One line per request: method, path (no query string), endpoint, status, duration."""
    duration_ms = round(seconds * 1000, 1)
    path = quote(request.path, safe="/:@!$&'()*+,;=-._~")  # percent-encoded again: no newline gets in
    access_log.info("%s %s %s %.1f ms", request.method, path, status, duration_ms,
                    extra={"method": request.method, "path": path, "endpoint": endpoint,
                           "status": status, "duration_ms": duration_ms})


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record: the current request's id, or None outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "process": record.process,
            "message": self.message(record),
        }
        if getattr(record, "request_id", None):
            entry["request_id"] = record.request_id
        entry.update(self.fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

    def message(self, record: logging.LogRecord) -> str:
        return record.getMessage()

    def fields(self, record: logging.LogRecord) -> dict[str, Any]:
        return {key: value for key, value in vars(record).items()
                if key not in _STANDARD and not key.startswith("_")}


class GunicornAccessJsonFormatter(JsonFormatter):
    """gunicorn's access lines as JSON: its atoms (record.args) become fields."""

    def message(self, record: logging.LogRecord) -> str:
        atoms = _atoms(record)
        return f"{atoms['r']} {atoms['s']}" if atoms else record.getMessage()

    def fields(self, record: logging.LogRecord) -> dict[str, Any]:
        atoms = _atoms(record)
        if not atoms:
            return super().fields(record)
        request_id = atoms["{x-request-id}o"]
        return {"remote_addr": atoms["h"], "request": atoms["r"], "status": int(atoms["s"]), "bytes": atoms["B"],
                "duration_ms": round(int(atoms["D"]) / 1000, 1), "referer": atoms["f"], "user_agent": atoms["a"],
                "request_id": None if request_id == "-" else request_id}


def _atoms(record: logging.LogRecord) -> Mapping | None:
    return record.args if isinstance(record.args, Mapping) and "r" in record.args else None


class TextFormatter(logging.Formatter):
    """gunicorn's look, with the logger's name and the request id."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
                         "[%Y-%m-%d %H:%M:%S %z]")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        return f"{line} [request_id={request_id}]" if request_id else line


# gunicorn's access line in text mode: its default format with the response's request id.
GUNICORN_ACCESS_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'


def logging_config(log_format: str) -> dict[str, Any]:
    """A logging.config.dictConfig mapping (gunicorn's logconfig_dict): the app's records and
    gunicorn's error log on stderr, gunicorn's access log on stdout, all as JSON lines or all
    as text (`log_format`)."""
    json_lines = log_format == "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "records": {"()": JsonFormatter} if json_lines else {"()": TextFormatter},
            "access": {"()": GunicornAccessJsonFormatter} if json_lines else {"format": "%(message)s"},
        },
        "handlers": {
            "records": {"class": "logging.StreamHandler", "formatter": "records", "filters": ["request_id"],
                        "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
        },
        # Our records from INFO up; other libraries' (alembic's plugin chatter...) from WARNING up.
        "root": {"level": "WARNING", "handlers": ["records"]},
        "loggers": {
            "archive": {"level": "INFO"},
            "gunicorn.error": {"level": "INFO", "handlers": ["records"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }
