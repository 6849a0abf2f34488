"""Reading articles from .txt (+ sidecar .json), .json, .jsonl files and folders."""
import json
from pathlib import Path

from archive.ingest.files import expand, read_items, read_upload


def test_txt_with_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Body text")
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "source": "S"}))
    assert expand([tmp_path]) == [tmp_path / "a.txt"]
    [item] = read_items(tmp_path / "a.txt")
    assert item.data == {"title": "T", "source": "S", "body": "Body text"}


def test_json_list_and_jsonl_with_a_broken_line(tmp_path):
    (tmp_path / "many.json").write_text(json.dumps([{"body": "one"}, {"body": "two"}]))
    (tmp_path / "lines.jsonl").write_text('{"body": "three"}\n{broken\n\n"just a string"\n')
    items = [i for p in expand([tmp_path]) for i in read_items(p)]
    good = [i.data["body"] for i in items if i.data]
    bad = {i.origin.rsplit("/", 1)[-1]: i.error for i in items if i.data is None}
    assert sorted(good) == ["one", "three", "two"]
    assert set(bad) == {"lines.jsonl:2", "lines.jsonl:4"}
    assert "not valid JSON" in bad["lines.jsonl:2"]


def test_unreadable_encoding_is_reported(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    [item] = read_items(tmp_path / "bad.txt")
    assert item.data is None and "cannot read" in item.error


BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "news" / "bbc" / "business" / "001.txt"


def test_a_first_line_then_a_blank_line_is_the_title_and_not_the_body(tmp_path):
    (tmp_path / "bbc.txt").write_bytes(BBC.read_bytes())
    [item] = read_items(tmp_path / "bbc.txt")
    assert item.data["title"] == "Ad sales boost Time Warner profit"
    assert item.data["body"].startswith("Quarterly profits at US media giant TimeWarner jumped 76%")
    [upload] = read_upload("bbc.txt", BBC.read_bytes())
    assert upload.data == item.data


def test_a_first_line_without_a_blank_line_after_it_stays_in_the_body(tmp_path):
    (tmp_path / "a.txt").write_text("Snow shut the airport.\nFlights resume on Monday.\n\nMore later.")
    [item] = read_items(tmp_path / "a.txt")
    assert item.data == {"body": "Snow shut the airport.\nFlights resume on Monday.\n\nMore later."}


def test_a_sidecar_title_keeps_a_different_first_line_in_the_body(tmp_path):
    (tmp_path / "a.txt").write_text("Oslo, Monday\n\nSnow shut the airport.")
    (tmp_path / "a.json").write_text(json.dumps({"title": "Snow in Oslo"}))
    [item] = read_items(tmp_path / "a.txt")
    assert item.data == {"title": "Snow in Oslo", "body": "Oslo, Monday\n\nSnow shut the airport."}
    (tmp_path / "a.json").write_text(json.dumps({"title": "Oslo,  Monday", "source": "S"}))
    [item] = read_items(tmp_path / "a.txt")
    assert item.data == {"title": "Oslo, Monday", "source": "S", "body": "Snow shut the airport."}
