"""The nesting check that runs before JSON is parsed: exact, strings ignored, fast on big documents."""
import json
import time

import pytest

from archive.ingest.jsondepth import MAX_DEPTH, TooDeep, check_depth, loads


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_the_limit_is_exact_and_counts_objects_and_arrays():
    assert loads(nested(MAX_DEPTH)) is not None
    assert loads('{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH) is not None
    with pytest.raises(TooDeep, match=f"nested {MAX_DEPTH + 1} levels deep, more than the limit of {MAX_DEPTH}"):
        loads(nested(MAX_DEPTH + 1))
    with pytest.raises(TooDeep):
        loads('[{"a": ' * 40 + "1" + "}]" * 40)


@pytest.mark.parametrize("document", ["[" * 100_000, '{"title": ' * 50_000 + "1" + "}" * 50_000,
                                      "[{" * 50_000, b"[" * 100_000])
def test_deep_unclosed_or_mismatched_documents_are_refused_before_json_recurses(document):
    with pytest.raises(TooDeep) as caught:
        loads(document)
    assert isinstance(caught.value, json.JSONDecodeError)  # readers that catch bad JSON catch this too


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"body": "[" * 1000 + '"{' * 500, "title": "]]]"})
    assert loads(text)["title"] == "]]]"


def test_a_wide_five_megabyte_document_is_checked_quickly():
    wide = "[" + ",".join(["[]"] * 1_500_000) + "]"
    started = time.perf_counter()
    check_depth(wide)
    assert time.perf_counter() - started < 2.0  # about 0.1 s on a quiet core
