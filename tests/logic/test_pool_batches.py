"""The extraction pool (logic/pool.py) with the real model: small batches and one process stay in this
process (no workers are started), an uneven batch comes back whole and in order, closing twice is harmless."""
from archive.extract import extract_many
from archive.logic.pool import MIN_PARALLEL, ExtractionPool
from archive.settings import SETTINGS

MODEL = next(s.default for s in SETTINGS if s.key == "SPACY_MODEL")
TEXTS = ["Olaf Scholz met Emmanuel Macron in Berlin on Monday.", "Floods reach Porto.",
         "The WFP sent aid to Sudan on 4 March 2024.", "Snow shuts the airport in Oslo."]


def test_one_process_or_a_small_batch_is_extracted_here_without_starting_workers():
    items = [(text, None) for text in TEXTS * 3]
    single, zero = ExtractionPool(MODEL, processes=1), ExtractionPool(MODEL, processes=0)
    assert single(items) == extract_many(items, MODEL) and zero.processes == 1  # at least one
    small = ExtractionPool(MODEL, processes=2)
    assert small(items[:MIN_PARALLEL - 1]) == extract_many(items[:MIN_PARALLEL - 1], MODEL)
    assert (single._executor, small._executor) == (None, None)


def test_an_uneven_batch_comes_back_whole_and_in_order_and_closing_twice_is_harmless():
    items = [(text, None) for text in TEXTS * 2]  # 8 items over 3 processes: 3 + 3 + 2
    pool = ExtractionPool(MODEL, processes=3)
    try:
        pending = pool.start(items)
        assert pending.result() == extract_many(items, MODEL)
    finally:
        pool.close()
        pool.close()
    assert pool._executor is None
