"""Load and fault run: ingest and search clients against gunicorn, one SIGKILL, then checks (`python -m bench.reliability`)."""
