"""`python -m bench.extraction --model NAME` (issue 15, item 8): our extraction, the archive the GUM and
BBC checks ingest into, and the bare model all run the pipeline named, not the shipped one.

The pipeline is a real spaCy one saved to a folder: a blank English pipeline whose entity ruler
knows one name only, so any other name found (say, 'Boris Johnson', which the shipped model
finds) could only come from another model."""
import json

import pytest
import spacy

from bench.extraction import bbc
from bench.extraction.__main__ import main
from bench.extraction.archive_run import stored_mentions

TEXT = "Zanzibar Qwerty met Boris Johnson on Monday to talk about the budget."
ZANZIBAR = (0, len("Zanzibar Qwerty"))


@pytest.fixture(scope="module")
def ruler_model(tmp_path_factory) -> str:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Zanzibar Qwerty"}])
    folder = tmp_path_factory.mktemp("model") / "ruler"
    nlp.to_disk(folder)
    return str(folder)


def test_the_archive_run_extracts_with_the_model_named(ruler_model):
    [stored] = stored_mentions([(TEXT, "A meeting", None)], ruler_model)
    assert [(m.start, m.end, m.kind) for m in stored] == [(*ZANZIBAR, "person")]


def test_the_bbc_check_ingests_and_compares_with_the_model_named(ruler_model, tmp_path):
    docs = [("A meeting", TEXT)]
    [article] = bbc.ingest(docs, str(tmp_path), ruler_model)
    assert [actor["name"] for actor in article["actors"]] == ["Zanzibar Qwerty"]
    assert bbc.baseline(docs, ruler_model)["actors"] == [("Zanzibar Qwerty", 1)]


def test_the_whole_bench_runs_the_model_named(ruler_model, tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert main(["--only", "timeml", "--limit", "2", "--model", ruler_model, "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["model"] == ruler_model
    # The ruler labels no date: the bare side finds none (the shipped model finds most of them).
    bare = {row["metric"]: row["baseline"] for row in figures["rows"] if row["dataset"] == "timeml"}
    assert bare["date extent F1"] == bare["date value F1"] == 0
    assert f"model: {ruler_model}" in capsys.readouterr().err
