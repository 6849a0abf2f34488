"""Read articles from .txt (with an optional sidecar .json), .json and .jsonl files and folders.

Each item is (where it came from, the raw article mapping or an error message);
validation happens later, in one place.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (".txt", ".json", ".jsonl")


@dataclass
class RawItem:
    origin: str            # "path" or "path:line"
    data: dict | None      # the article mapping, or None when reading failed
    error: str | None = None


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
    return path.suffix in SUPPORTED and not path.name.startswith(".") and path.name != "README.md"


def read_items(path: Path) -> Iterator[RawItem]:
    """The raw articles in one file."""
    try:
        if path.suffix == ".txt":
            yield _read_txt(path)
        elif path.suffix == ".json":
            yield from _read_json(path)
        elif path.suffix == ".jsonl":
            yield from _read_jsonl(path)
        else:
            yield RawItem(str(path), None, f"unsupported file type {path.suffix or '(none)'}")
    except (OSError, UnicodeDecodeError) as exc:
        yield RawItem(str(path), None, f"cannot read file: {exc}")


def _read_txt(path: Path) -> RawItem:
    data: dict = {}
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            return RawItem(str(path), None, f"sidecar {sidecar.name} is not valid JSON: {exc}")
        if not isinstance(data, dict):
            return RawItem(str(path), None, f"sidecar {sidecar.name} must hold a JSON object")
    data = {**data, "body": path.read_text(encoding="utf-8")}
    return RawItem(str(path), data)


def _read_json(path: Path) -> Iterator[RawItem]:
    yield from parse_json(str(path), path.read_text(encoding="utf-8"))


def _read_jsonl(path: Path) -> Iterator[RawItem]:
    yield from parse_jsonl(str(path), path.read_text(encoding="utf-8"))


def parse_json(origin: str, text: str) -> Iterator[RawItem]:
    """One article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RawItem(origin, None, f"not valid JSON: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        yield _mapping(origin if len(items) == 1 else f"{origin}[{number}]", item)


def parse_jsonl(origin: str, text: str) -> Iterator[RawItem]:
    """One article object a line; a broken line fails alone."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawItem(f"{origin}:{number}", None, f"not valid JSON: {exc}")
            continue
        yield _mapping(f"{origin}:{number}", item)


def read_upload(filename: str, content: bytes) -> Iterator[RawItem]:
    """The raw articles in an uploaded file (.txt, .json, .jsonl)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED:
        yield RawItem(filename, None, f"unsupported file type {suffix or '(none)'}: use .txt, .json or .jsonl")
        return
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        yield RawItem(filename, None, "the file is not UTF-8 text")
        return
    if suffix == ".txt":
        yield RawItem(filename, {"body": text})
    else:
        yield from (parse_json if suffix == ".json" else parse_jsonl)(filename, text)


def _mapping(origin: str, item: object) -> RawItem:
    if not isinstance(item, dict):
        return RawItem(origin, None, "an article must be a JSON object")
    return RawItem(origin, item)
