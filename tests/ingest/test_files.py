"""Reading articles from .txt (+ sidecar .json), .json, .jsonl files and folders."""
import json

from archive.ingest.files import expand, read_items


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
