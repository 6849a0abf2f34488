"""Request arguments -> parsed state -> Whoosh query -> facets -> result.

parser.py parses and clamps, query.py builds Whoosh queries, facets.py counts,
result.py runs the search and shapes the page of results.
"""
from archive.search.parser import SearchParams, parse_args
from archive.search.result import SearchResult, run_search

__all__ = ["SearchParams", "SearchResult", "parse_args", "run_search"]
