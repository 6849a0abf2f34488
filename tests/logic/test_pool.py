"""The extraction pool (logic/pool.py) returns what extract_many returns, in order, from two
real worker processes with the real spaCy model."""
from archive.extract import extract_many
from archive.logic.pool import MIN_PARALLEL, ExtractionPool
from archive.settings import SETTINGS

MODEL = next(s.default for s in SETTINGS if s.key == "SPACY_MODEL")
TEXTS = ["Olaf Scholz met Emmanuel Macron in Berlin on Monday.", "Floods reach Porto.",
         "The WFP sent aid to Sudan on 4 March 2024.", "Snow shuts the airport in Oslo."]


def test_the_workers_return_the_extractions_in_order():
    items = [(text, None) for text in TEXTS * 3]
    assert len(items) >= MIN_PARALLEL
    pool = ExtractionPool(MODEL, processes=2)
    try:
        assert pool(items) == extract_many(items, MODEL)
        assert pool.start([]).result() == []
    finally:
        pool.close()
