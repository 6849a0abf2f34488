"""The bench's side-by-side table (issue 20): a measure named with the archive's size is one row."""
import json

from bench.search import table


def test_rows_named_with_a_size_line_up_at_every_size(tmp_path, capsys):
    paths = []
    for articles in (9_828, 979_895):
        path = tmp_path / f"{articles}.json"
        path.write_text(json.dumps({"articles": articles, "rows": [
            [f"  the same, into the {articles:,}-article archive", f"{articles // 100:,}"],
            [f"export of {min(articles, 100_000):,} rows, CSV over HTTP (rows/s)", "3,000"]]}))
        paths.append(str(path))
    table.main(paths)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # the heading and one line per measure
    assert lines[1].split() == ["the", "same,", "into", "the", "N-article", "archive", "98", "9,798"]
    assert lines[2].split()[-2:] == ["3,000", "3,000"]
