"""Reading WARC archives: HTML responses become articles with their capture URL and time."""
import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.ingest.files import expand, read_items, read_upload

BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "news" / "bbc"
PAGE_URL = "https://news.example.org/technology/china-net-cafe-culture-crackdown"
CAPTURED = "2005-03-03T11:12:13Z"


def news_page() -> bytes:
    """A page with no canonical URL and no date of its own: the capture supplies both."""
    title, _, text = (BBC / "tech" / "002.txt").read_text().partition("\n\n")
    paragraphs = "".join(f"<p>{p.strip()}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/technology'>Technology</a></nav>"
            f"<main><article><h1>{title}</h1>{paragraphs}</article></main>"
            "<footer>Example News - About us - Contact</footer></body></html>").encode()


def write_warc(stream, compress: bool) -> None:
    writer = WARCWriter(stream, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("capture.warc", {"software": "test"}))
    response(writer, PAGE_URL, "200 OK", "text/html; charset=utf-8", news_page())
    response(writer, "https://news.example.org/img/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    response(writer, "https://news.example.org/gone", "404 Not Found", "text/html",
             b"<html><body><h1>Page not found</h1><p>Sorry, we could not find that page anywhere.</p></body></html>")
    request = StatusAndHeaders("GET /technology/china-net-cafe-culture-crackdown HTTP/1.1",
                               [("Host", "news.example.org"), ("User-Agent", "crawler")], is_http_request=True)
    writer.write_record(writer.create_warc_record(PAGE_URL, "request", http_headers=request))


def response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                  http_headers=headers, warc_headers_dict={"WARC-Date": CAPTURED}))


def test_only_the_html_response_becomes_an_article(tmp_path):
    for name, compress in (("capture.warc", False), ("capture.warc.gz", True)):
        path = tmp_path / name
        with path.open("wb") as stream:
            write_warc(stream, compress)
        assert path in expand([tmp_path])
        [item] = read_items(path)
        assert item.origin == f"{path}[{PAGE_URL}]"
        assert item.data["url"] == PAGE_URL
        assert item.data["published_at"] == CAPTURED
        assert item.data["title"] == "China net cafe culture crackdown"
        assert item.data["source"] == "news.example.org"
        assert item.data["body"].startswith("Chinese authorities closed 12,575 net cafes")
        assert "Home |" not in item.data["body"] and "About us" not in item.data["body"]


def test_uploaded_warc_and_files_that_are_not_warc():
    stream = io.BytesIO()
    write_warc(stream, compress=True)
    [item] = read_upload("capture.warc.gz", stream.getvalue())
    assert item.data["url"] == PAGE_URL
    for content in (b"", b"<html><body>not an archive</body></html>", b"hello world this is not a warc"):
        [item] = read_upload("broken.warc", content)
        assert item.data is None and "not a" in item.error and "WARC file" in item.error


def test_a_chunked_gzip_encoded_page_is_undone_and_read(tmp_path):
    """The reader undoes HTTP encodings itself (within limits): chunks, then gzip."""
    packed = gzip.compress(news_page())
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(packed[i:i + 500]), packed[i:i + 500])
                       for i in range(0, len(packed), 500)) + b"0\r\n\r\n"
    path = tmp_path / "encoded.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"),
                                              ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(PAGE_URL, "response", payload=io.BytesIO(chunked),
                                                      length=len(chunked), http_headers=headers))
    [item] = read_items(path)
    assert item.data["title"] == "China net cafe culture crackdown"
