"""Fetch a web page or feed by URL, within limits, and read its articles.

Only http and https; a timeout, a size limit and a bounded number of redirects, each hop checked
like the first URL. Unless ARCHIVE_FETCH_ALLOW_PRIVATE is on, a host is refused when any address
it resolves to is private, loopback, link-local or reserved, and the connection goes to the very
addresses that were checked (a second DNS answer cannot swap them). No proxies are used. A
gzip-encoded answer is unpacked as it is read, within the size limit and the unpacking limits.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from archive.ingest.html import read_html
from archive.ingest.items import RawItem
from archive.ingest.sniff import read_json, read_xml
from archive.ingest.unpack import DecompressionLimit, GunzipReader, UnpackLimits

REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/nitf+xml", "application/vnd.iptc.g2.newsitem+xml",
              "application/vnd.iptc.g2.newsmessage+xml", "application/vnd.iptc.g2.packageitem+xml")
JSON_TYPES = ("application/json", "application/feed+json", "application/ninjs+json")
# Servers often send wire documents as text/plain or application/octet-stream: those are read by their content.
SNIFFED_TYPES = ("text/plain", "application/octet-stream")
_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, "
           "application/xml;q=0.9, application/json;q=0.9")
_CHUNK = 64 * 1024
GZIP_ENCODINGS = ("gzip", "x-gzip")


class FetchError(Exception):
    """A URL that could not, or may not, be fetched; the message says why."""


@dataclass(frozen=True)
class FetchSettings:
    timeout: int = 10            # seconds: for each wait on the server, and for the whole fetch
    max_bytes: int = 10_000_000
    user_agent: str = "news-archive/1.0 (+https://example.invalid)"
    allow_private: bool = False
    max_redirects: int = 5
    unpack: UnpackLimits = UnpackLimits()

    @classmethod
    def from_config(cls, config: Mapping) -> FetchSettings:
        """The FETCH_* settings of an app config; a missing key takes its default."""
        default = cls()
        return cls(timeout=config.get("FETCH_TIMEOUT", default.timeout),
                   max_bytes=config.get("FETCH_MAX_BYTES", default.max_bytes),
                   user_agent=config.get("FETCH_USER_AGENT", default.user_agent),
                   allow_private=config.get("FETCH_ALLOW_PRIVATE", default.allow_private),
                   max_redirects=config.get("FETCH_MAX_REDIRECTS", default.max_redirects),
                   unpack=UnpackLimits.from_config(config))


@dataclass(frozen=True)
class Fetched:
    url_final: str         # the URL after redirects
    content_type: str      # lower-case, without parameters: "text/html"
    content: bytes
    status: int = 200      # 304: not modified since the validators sent (no content)
    etag: str | None = None
    last_modified: str | None = None


def read_url(url: str, config: Mapping) -> Iterator[RawItem]:
    """The articles at a URL: one per entry of an RSS or Atom feed or JSON Feed, one per story of a wire
    document (NITF, NewsML-G2, ninjs), or the one article of a web page; told apart by content.

    Call it as `BulkIngest(...).run_items(read_url(url, current_app.config))`; `config` is any
    mapping with the FETCH_* keys of archive/settings.py (missing keys take their defaults). It never
    raises for a bad URL or page: a refused or failed fetch, or content that is neither HTML nor a
    feed nor a wire document, is one RawItem with origin `url`, data None and the reason in `error`.
    """
    try:
        fetched = fetch(url, FetchSettings.from_config(config))
    except FetchError as exc:
        yield RawItem(url, None, str(exc))
        return
    yield from read_fetched(url, fetched)


def read_fetched(url: str, fetched: Fetched) -> Iterator[RawItem]:
    """The articles of a fetched page, feed or wire document (see read_url)."""
    kind = content_kind(fetched.content_type, fetched.content)
    if kind == "xml":
        yield from read_xml(url, fetched.content, url=fetched.url_final)
    elif kind == "json":
        yield from _json(url, fetched.content)
    elif kind == "html":
        yield read_html(url, fetched.content, url=fetched.url_final)
    else:
        yield RawItem(url, None, f"{fetched.url_final} is {fetched.content_type}, neither a web page nor a feed")


def content_kind(content_type: str, content: bytes) -> str | None:
    """'html', 'xml', 'json' or None: by the declared type, and by the first bytes for a type that
    says nothing (text/plain, application/octet-stream) or a JSON type that holds XML (or back)."""
    start = content[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    looks = "json" if start[:1] in (b"{", b"[") else "xml" if start[:1] == b"<" else None
    if content_type in HTML_TYPES:
        return "html"
    if content_type in FEED_TYPES:
        return looks or "xml"
    if content_type in JSON_TYPES:
        return looks or "json"
    return looks if content_type in SNIFFED_TYPES else None


def _json(url: str, content: bytes) -> Iterator[RawItem]:
    try:
        yield from read_json(url, content.decode("utf-8"))
    except UnicodeDecodeError:
        yield RawItem(url, None, f"{url} is not UTF-8 JSON")


def fetch(url: str, settings: FetchSettings, headers: Mapping[str, str] | None = None) -> Fetched:
    """GET `url`, following at most settings.max_redirects redirects; raise FetchError on any failure.
    `headers` are sent too: If-None-Match / If-Modified-Since make a 304 answer a Fetched with status 304."""
    deadline = time.monotonic() + settings.timeout
    opener = _opener(settings.allow_private)
    for _hop in range(settings.max_redirects + 1):
        check_scheme(url)
        with _open(opener, url, settings, deadline, headers or {}) as response:
            if response.status == 304:
                return _answer(response, url, b"")
            if response.status not in REDIRECTS:
                return _answer(response, url, _read(response, url, settings, deadline))
            location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError(f"{url}: a redirect without a Location")
        url = urljoin(url, location)
    raise FetchError(f"{url}: more than {settings.max_redirects} redirects; stopped")


def _answer(response, url: str, content: bytes) -> Fetched:
    return Fetched(url, response.headers.get_content_type(), content, response.status,
                   response.headers.get("ETag"), response.headers.get("Last-Modified"))


def check_scheme(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"{url!r} is not a valid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")


def _open(opener: urllib.request.OpenerDirector, url: str, settings: FetchSettings, deadline: float,
          headers: Mapping[str, str]):
    request = urllib.request.Request(url, headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT,
                                                   "Accept-Encoding": "gzip", **headers})
    try:
        return opener.open(request, timeout=_remaining(url, settings, deadline))
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and headers:
            return exc  # not modified: an answer, not a failure
        exc.close()
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _failure(url, exc.reason, settings) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _failure(url, exc, settings) from None


def _read(response, url: str, settings: FetchSettings, deadline: float) -> bytes:
    """The body (unpacked), stopping as soon as it passes the size limit or the deadline."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise FetchError(f"{url}: {length} bytes, larger than the limit of {settings.max_bytes} bytes")
    read = _decoded(response, url, settings)
    chunks, size = [], 0
    try:
        while chunk := read(_CHUNK):
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError(f"{url}: larger than the limit of {settings.max_bytes} bytes; stopped reading")
            _remaining(url, settings, deadline)
            chunks.append(chunk)
    except DecompressionLimit as exc:
        raise FetchError(str(exc)) from None
    except (zlib.error, EOFError) as exc:
        raise FetchError(f"{url}: the gzip-encoded answer is broken: {exc}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _failure(url, exc, settings) from None
    return b"".join(chunks)


def _decoded(response, url: str, settings: FetchSettings):
    """read(n) of the body as sent, or unpacked piece by piece when it is gzip-encoded
    (the compressed bytes count against the size limit too)."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return response.read1
    if encoding not in GZIP_ENCODINGS:
        raise FetchError(f"{url}: the answer is {encoding}-encoded; only gzip is understood")
    return GunzipReader(response, settings.unpack, url, max_input=settings.max_bytes).read


def _remaining(url: str, settings: FetchSettings, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: took longer than {settings.timeout} s; stopped")
    return left


def _failure(url: str, reason: object, settings: FetchSettings) -> FetchError:
    if isinstance(reason, FetchError):
        return reason
    if isinstance(reason, TimeoutError):
        return FetchError(f"{url}: no answer within {settings.timeout} s")
    return FetchError(f"{url}: {reason.strerror if isinstance(reason, OSError) and reason.strerror else reason}")


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    handlers = [urllib.request.ProxyHandler({}), _HandRedirectsBack()]
    if not allow_private:
        handlers += [_PublicHTTPHandler(), _PublicHTTPSHandler()]
    return urllib.request.build_opener(*handlers)


class _HandRedirectsBack(urllib.request.HTTPRedirectHandler):
    """Return a redirect as the response: fetch() checks the next hop before following it."""

    def http_error_302(self, req, fp, code, msg, headers):
        return fp

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def connect_public(address: tuple[str, int], timeout: float, source_address=None) -> socket.socket:
    """socket.create_connection for public hosts only: every address the host resolves to is checked,
    then one of those same addresses is connected to."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from None
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not is_public(ip):
            raise FetchError(f"refused {host}: {sockaddr[0]} is a private, loopback, link-local or reserved "
                             "address (ARCHIVE_FETCH_ALLOW_PRIVATE allows it)")
    error: OSError = OSError(f"cannot connect to {host}")
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet (IPv4 inside IPv6 is judged as IPv4)."""
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
                                 or ip.is_multicast or ip.is_unspecified)


class _PublicConnection:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_public  # http.client's hook that opens the socket


class _PublicHTTPConnection(_PublicConnection, http.client.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicConnection, http.client.HTTPSConnection):
    pass


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req)
