"""Fetching pages and feeds by URL from a real HTTP server on 127.0.0.1: redirects, limits, refusals."""
import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archive.ingest.fetch import FetchError, FetchSettings, fetch, is_public, read_url

FIXTURES = Path(__file__).parent / "fixtures"
LOCAL = {"FETCH_ALLOW_PRIVATE": True, "FETCH_TIMEOUT": 1, "FETCH_MAX_BYTES": 100_000, "FETCH_MAX_REDIRECTS": 3,
         "FETCH_USER_AGENT": "archive-test/1.0"}


class Site(BaseHTTPRequestHandler):
    """A page, feeds, redirect chains, an oversized body, a slow server, an image."""

    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("User-Agent")))
        path = self.path
        if path == "/news/ink":
            self.answer(200, "text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes())
        elif path == "/feeds/business.rss":
            self.answer(200, "application/rss+xml", (FIXTURES / "feed.rss").read_bytes())
        elif path == "/feeds/politics.atom":
            self.answer(200, "application/atom+xml; charset=utf-8", (FIXTURES / "feed.atom").read_bytes())
        elif path.startswith("/hop/"):  # /hop/N: N redirects, then the page
            hops = int(path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{hops - 1}" if hops > 1 else "/news/ink")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/big-declared":
            self.answer(200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>")
        elif path == "/big-streamed":
            self.stream_big()
        elif path == "/slow":
            self.server.release.wait(5)  # longer than the 1 s timeout; set free when the test ends
            try:
                self.answer(200, "text/html", b"<p>late</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the fetcher gave up at its timeout, as the test wants: nobody left to answer
        elif path == "/drip":
            self.drip()
        elif path.startswith("/wire/"):  # /wire/<fixture>?<content type>: a wire document, read by its content
            name, content_type = path.removeprefix("/wire/").split("?", 1)
            self.answer(200, content_type.replace("%2B", "+"), (FIXTURES / "wire" / name).read_bytes())
        elif path == "/logo.png":
            self.answer(200, "image/png", b"\x89PNG\r\n\x1a\n")
        else:
            self.answer(404, "text/html", b"<h1>Not found</h1>")

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_big(self):
        """No Content-Length: the body goes on until the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"y" * 10_000)
        except OSError:
            pass  # the client stopped reading, as it should

    def drip(self):
        """A byte every 0.3 s: each wait is short, the whole answer longer than the 1 s timeout."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "10")
        self.end_headers()
        try:
            for _ in range(10):
                self.wfile.write(b"z")
                self.wfile.flush()
                self.server.release.wait(0.3)
        except OSError:
            pass

    def log_message(self, format, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.seen, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server
    server.release.set()
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_page_becomes_one_article_and_sends_the_user_agent(site):
    base, server = site
    [item] = read_url(f"{base}/news/ink", LOCAL)
    assert item.origin == f"{base}/news/ink"
    assert item.data["title"] == "Ink helps drive democracy in Asia"
    assert item.data["url"] == "https://news.example.org/world/asia/ink-helps-drive-democracy-in-asia"
    assert "Related stories" not in item.data["body"]
    assert server.seen == [("/news/ink", "archive-test/1.0")]


def test_feeds_become_one_article_per_entry(site):
    base, _ = site
    rss = list(read_url(f"{base}/feeds/business.rss", LOCAL))
    atom = list(read_url(f"{base}/feeds/politics.atom", LOCAL))
    assert [item.data["title"] for item in rss] == ["Ad sales boost Time Warner profit",
                                                    "Dollar gains on Greenspan speech",
                                                    "Microsoft seeking spyware trojan"]
    assert [item.origin for item in atom] == [f"{base}/feeds/politics.atom[{n}]" for n in (1, 2, 3)]
    assert all(item.data["source"] == "Politics Example" for item in atom)


def test_wire_documents_are_read_by_their_content(site):
    base, _ = site
    titles = {}
    for name, content_type in (("story.nitf.xml", "text/plain"), ("item-v1.xml", "application/xml"),
                               ("item-v2.xml", "application/vnd.iptc.g2.newsitem%2Bxml"),
                               ("story.ninjs.json", "application/octet-stream"),
                               ("feed.json", "application/feed%2Bjson")):
        titles[name] = [item.data["title"] for item in read_url(f"{base}/wire/{name}?{content_type}", LOCAL)]
    assert titles == {"story.nitf.xml": ["Dock workers strike, halting ferries across the Channel"],
                      "item-v1.xml": ["Fire damages maritime museum"],
                      "item-v2.xml": ["Fire damages maritime museum, astrolabes saved"],
                      "story.ninjs.json": ["Glacier survey finds faster melting"],
                      "feed.json": ["Old stone bridge to reopen", "Saturday market moves indoors"]}
    [bomb] = read_url(f"{base}/wire/bomb.xml?text/xml", LOCAL)
    assert bomb.error == "the document declares entities in its DOCTYPE; refused (entity expansion is not allowed)"


def test_redirects_are_followed_up_to_the_limit(site):
    base, _ = site
    fetched = fetch(f"{base}/hop/3", FetchSettings.from_config(LOCAL))
    assert fetched.url_final == f"{base}/news/ink"
    assert fetched.content_type == "text/html"
    [item] = read_url(f"{base}/hop/4", LOCAL)
    assert item.data is None and item.error.endswith("more than 3 redirects; stopped")


def test_every_redirect_is_checked(site):
    base, _ = site
    [item] = read_url(f"{base}/to-file", LOCAL)
    assert item.data is None
    assert item.error == "file:///etc/passwd: only http and https URLs can be fetched, not file"


def test_a_body_over_the_size_limit_is_refused(site):
    base, _ = site
    for path in ("/big-declared", "/big-streamed"):
        with pytest.raises(FetchError, match="larger than the limit of 100000 bytes"):
            fetch(base + path, FetchSettings.from_config(LOCAL))


def test_a_slow_server_times_out(site):
    base, _ = site
    [item] = read_url(f"{base}/slow", LOCAL)
    assert item.data is None and item.error == f"{base}/slow: no answer within 1 s"
    with pytest.raises(FetchError, match="took longer than 1 s; stopped"):
        fetch(f"{base}/drip", FetchSettings.from_config(LOCAL))


def test_other_content_and_http_errors_are_readable_errors(site):
    base, _ = site
    [image] = read_url(f"{base}/logo.png", LOCAL)
    assert image.error == f"{base}/logo.png is image/png, neither a web page nor a feed"
    [missing] = read_url(f"{base}/nowhere", LOCAL)
    assert missing.error == f"{base}/nowhere: the server answered 404 Not Found"


def test_other_schemes_and_private_addresses_are_refused(site):
    base, server = site
    [file_item] = read_url("file:///etc/passwd", LOCAL)
    [ftp_item] = read_url("ftp://ftp.example.org/news.html", LOCAL)
    assert file_item.error == "file:///etc/passwd: only http and https URLs can be fetched, not file"
    assert ftp_item.error == "ftp://ftp.example.org/news.html: only http and https URLs can be fetched, not ftp"
    [item] = read_url(f"{base}/news/ink", {**LOCAL, "FETCH_ALLOW_PRIVATE": False})
    assert item.data is None
    assert item.error.startswith("refused 127.0.0.1: 127.0.0.1 is a private, loopback, link-local or reserved")
    assert server.seen == []  # refused before connecting
    with pytest.raises(FetchError, match="refused localhost"):
        fetch("http://localhost/", FetchSettings())


@pytest.mark.parametrize("address, public", [
    ("93.184.215.14", True), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False), ("100.64.0.1", False),
    ("127.0.0.1", False), ("169.254.169.254", False), ("0.0.0.0", False), ("240.0.0.1", False),
    ("224.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
    ("::ffff:10.0.0.1", False), ("2002:a00:1::", False),
])
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public
