"""Benchmarks of the archive against public data sets (run with `python -m bench.<name>`)."""
