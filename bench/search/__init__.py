"""Search benchmark at 100,000 articles (issue 6): python -m bench.search --help."""
