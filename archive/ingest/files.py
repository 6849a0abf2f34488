"""Read articles from files, folders and uploads; the reader is chosen by the file's suffix.

.txt (with an optional sidecar .json) is read here; HTML pages and WARC archives by html.py and
warc.py; .json, .jsonl and XML (.xml, .rss, .atom, .nitf) by sniff.py, which tells the format by the
content (article mappings, ninjs, JSON Feed; NITF, NewsML-G2, RSS, Atom). Each item is (where it came
from, the raw article mapping or an error message); validation happens later, in one place.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from archive.ingest.html import read_html
from archive.ingest.items import RawItem
from archive.ingest.jsondepth import loads
from archive.ingest.plaintext import split_title
from archive.ingest.sniff import read_json, read_json_lines, read_xml
from archive.ingest.unpack import UnpackLimits
from archive.ingest.warc import read_warc

__all__ = ["READERS", "RawItem", "expand", "file_type", "read_items", "read_upload", "text_article", "with_source"]


def file_type(name: str) -> str:
    """The suffix that picks the reader: ".warc.gz", else the last suffix, lower-cased."""
    lower = name.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else Path(lower).suffix


def expand(paths: list[Path]) -> list[Path]:
    """Files to read: the given files, and every supported file below the given folders."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p)))
        else:
            files.append(path)
    return files


def _is_article_file(path: Path) -> bool:
    if path.suffix == ".json" and path.with_suffix(".txt").exists():
        return False  # a sidecar: read together with its .txt
    return file_type(path.name) in READERS and not path.name.startswith(".")


def read_items(path: Path, limits: UnpackLimits = UnpackLimits()) -> Iterator[RawItem]:
    """The raw articles in one file; compressed input is unpacked within `limits`."""
    kind = file_type(path.name)
    try:
        if kind == ".txt":
            yield _read_txt(path)
        elif kind in READERS:
            with path.open("rb") as stream:
                yield from READERS[kind](str(path), stream, limits)
        else:
            yield RawItem(str(path), None, f"unsupported file type {kind or '(none)'}")
    except (OSError, UnicodeDecodeError) as exc:
        yield RawItem(str(path), None, f"cannot read file: {exc}")


def _read_txt(path: Path) -> RawItem:
    data: dict = {}
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        try:
            data = loads(sidecar.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:  # TooDeep is one too
            return RawItem(str(path), None, f"sidecar {sidecar.name} is not valid JSON: {exc}")
        if not isinstance(data, dict):
            return RawItem(str(path), None, f"sidecar {sidecar.name} must hold a JSON object")
    return RawItem(str(path), {**data, **text_article(path.read_text(encoding="utf-8"), data.get("title"))})


def text_article(text: str, title: object = None) -> dict:
    """The article in a plain-text file: its first line is the title when a blank line follows it
    (dropped from the body, so that snippets do not repeat it) or when it is the given title."""
    first_line, body = split_title(text)
    given = " ".join(title.split()) if isinstance(title, str) else title
    if first_line is None or (given and given != first_line):
        return {"body": text}
    return {"title": first_line, "body": body}


def with_source(items: Iterable[RawItem], source: str | None) -> Iterator[RawItem]:
    """The items, with `source` for those that do not name their own (a .txt without a sidecar)."""
    for item in items:
        if source and item.data is not None and not item.data.get("source"):
            item = RawItem(item.origin, {**item.data, "source": source})
        yield item


def read_upload(filename: str, content: bytes, limits: UnpackLimits = UnpackLimits()) -> Iterator[RawItem]:
    """The raw articles in an uploaded file (any type in READERS; a .txt has no sidecar)."""
    kind = file_type(filename)
    if kind not in READERS:
        yield RawItem(filename, None, f"unsupported file type {kind or '(none)'}: use {', '.join(READERS)}")
        return
    try:
        yield from READERS[kind](filename, io.BytesIO(content), limits)
    except UnicodeDecodeError:
        yield RawItem(filename, None, "the file is not UTF-8 text")


def _txt(origin: str, stream: BinaryIO, _limits: UnpackLimits) -> Iterator[RawItem]:
    yield RawItem(origin, text_article(stream.read().decode("utf-8")))


def _json(origin: str, stream: BinaryIO, _limits: UnpackLimits) -> Iterator[RawItem]:
    yield from read_json(origin, stream.read().decode("utf-8"))


def _jsonl(origin: str, stream: BinaryIO, _limits: UnpackLimits) -> Iterator[RawItem]:
    yield from read_json_lines(origin, stream.read().decode("utf-8"))


def _html(origin: str, stream: BinaryIO, _limits: UnpackLimits) -> Iterator[RawItem]:
    yield read_html(origin, stream.read())


def _xml(origin: str, stream: BinaryIO, _limits: UnpackLimits) -> Iterator[RawItem]:
    yield from read_xml(origin, stream.read())


# File type -> reader of (origin, binary stream, limits); read_items reads a .txt with its sidecar.
READERS: dict[str, Callable[[str, BinaryIO, UnpackLimits], Iterator[RawItem]]] = {
    ".txt": _txt, ".json": _json, ".jsonl": _jsonl,
    ".html": _html, ".htm": _html,
    ".xml": _xml, ".rss": _xml, ".atom": _xml, ".nitf": _xml,
    ".warc": read_warc, ".warc.gz": read_warc,
}
