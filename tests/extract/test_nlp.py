"""The background load of the spaCy model (archive/extract/nlp.py)."""
import gc
import subprocess
import sys

from archive import ROOT
from archive.extract import DEFAULT_MODEL
from archive.extract.nlp import load_in_background


def test_a_background_load_puts_the_model_out_of_the_collectors_reach():
    """A serving worker's full garbage collections must not walk the model's objects: with them
    tracked, search throughput over HTTP fell from 201 to 159 req/s at 98,003 articles."""
    gc.unfreeze()
    try:
        load_in_background(DEFAULT_MODEL).join(120)
        assert gc.get_freeze_count() > 100_000  # the model's objects (and whatever lived before them)
    finally:
        gc.unfreeze()


def test_loading_the_model_for_extraction_puts_it_out_of_the_collectors_reach():
    """A bulk ingest's parent and its forked extraction processes load the model through load(), not
    in the background: their full collections walked its objects (a quarter second each in the parent)."""
    code = ("import gc; from archive.extract.nlp import load; from archive.extract import DEFAULT_MODEL; "
            "load(DEFAULT_MODEL); print(gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(out.stdout.split()[-1]) > 50_000  # about 90,000 in a fresh process; none without the freeze
