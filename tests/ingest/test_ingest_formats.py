"""A folder of an HTML page, an RSS feed and a WARC archive, ingested through the real CLI."""
import io
import shutil
from pathlib import Path

from archive.ingest.files import read_upload
from tests.ingest.test_warc import PAGE_URL, write_warc

FIXTURES = Path(__file__).parent / "fixtures"


def test_cli_ingests_html_rss_and_warc(app, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(FIXTURES / "article.html", folder / "ink.html")
    shutil.copy(FIXTURES / "feed.rss", folder / "business.rss")
    with (folder / "capture.warc.gz").open("wb") as stream:
        write_warc(stream, compress=True)
    result = app.test_cli_runner().invoke(args=["archive", "ingest", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "ingested 5," in result.output
    client = app.test_client()
    for query, url in (("Kyrgyz ultraviolet", "https://news.example.org/world/asia/ink-helps-drive-democracy-in-asia"),
                       ("TimeWarner AOL", "https://news.example.org/business/ad-sales-boost-time-warner-profit"),
                       ("Greenspan", "https://news.example.org/business/dollar-gains-on-greenspan-speech"),
                       ("spyware trojan", "https://news.example.org/technology/microsoft-seeking-spyware-trojan"),
                       ("net cafes", PAGE_URL)):
        results = client.get("/api/v1/search", query_string={"q": query}).get_json()["results"]
        assert [hit["url"] for hit in results] == [url], query


def test_uploads_take_the_same_formats():
    warc = io.BytesIO()
    write_warc(warc, compress=False)
    uploads = {"ink.HTM": (FIXTURES / "article.html").read_bytes(), "politics.atom": (FIXTURES / "feed.atom").read_bytes(),
               "business.xml": (FIXTURES / "feed.rss").read_bytes(), "capture.warc": warc.getvalue()}
    counts = {name: len([item for item in read_upload(name, content) if item.data]) for name, content in uploads.items()}
    assert counts == {"ink.HTM": 1, "politics.atom": 3, "business.xml": 3, "capture.warc": 1}
    [item] = read_upload("notes.pdf", b"%PDF-1.4")
    assert item.error.startswith("unsupported file type .pdf: use .txt, .json, .jsonl, .html")
