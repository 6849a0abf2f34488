"""Decompress within limits, piece by piece: a small compressed input must not unpack into gigabytes.

A gzip stream (any number of members one after another, as a .warc.gz has one a record) is read
through GunzipReader, which stops with DecompressionLimit once its output passes
ARCHIVE_MAX_DECOMPRESSED_BYTES or outgrows its input by more than ARCHIVE_MAX_EXPANSION_RATIO.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
RATIO_FLOOR = 1_000_000  # below this many bytes out, any ratio is fine (a short, very repetitive page)
_CHUNK = 64 * 1024


class DecompressionLimit(ValueError):
    """Compressed input that unpacks to more than the limits allow; the message says which."""


class TooLarge(DecompressionLimit):
    """One piece of input (a page in an archive) larger than its own limit."""


@dataclass(frozen=True)
class UnpackLimits:
    max_bytes: int = 100_000_000  # decompressed bytes from one input
    max_ratio: int = 100          # decompressed bytes per compressed byte
    max_record_bytes: int = 10_000_000  # one page inside an archive, like a page fetched by URL

    @classmethod
    def from_config(cls, config: Mapping) -> UnpackLimits:
        """The limits of an app config; a missing key takes its default."""
        default = cls()
        return cls(max_bytes=config.get("MAX_DECOMPRESSED_BYTES", default.max_bytes),
                   max_ratio=config.get("MAX_EXPANSION_RATIO", default.max_ratio),
                   max_record_bytes=config.get("FETCH_MAX_BYTES", default.max_record_bytes))

    def check(self, produced: int, consumed: int, what: str) -> None:
        """Raise DecompressionLimit when `produced` bytes out of `consumed` bytes in is too much."""
        if produced > self.max_bytes:
            raise DecompressionLimit(f"{what} unpacks to more than {self.max_bytes} bytes "
                                     "(ARCHIVE_MAX_DECOMPRESSED_BYTES); stopped")
        if produced > RATIO_FLOOR and produced > self.max_ratio * max(consumed, 1):
            raise DecompressionLimit(f"{what} unpacks to more than {self.max_ratio} times its compressed size "
                                     "(ARCHIVE_MAX_EXPANSION_RATIO): a decompression bomb; stopped")


class GunzipReader(io.RawIOBase):
    """The decompressed bytes of a gzip stream, read a piece at a time and counted against `limits`.

    `max_input` (optional) caps the compressed bytes read too (a run of empty members gives no output).
    A stream cut short raises EOFError; bytes that are not gzip raise zlib.error.
    """

    def __init__(self, raw: BinaryIO, limits: UnpackLimits, what: str = "the compressed input",
                 max_input: int | None = None):
        super().__init__()
        self._read_raw = getattr(raw, "read1", raw.read)
        self.limits, self.what, self.max_input = limits, what, max_input
        self._inflate = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        self._input = b""
        self.consumed = self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._inflate.eof:  # one member done: another may follow, or the end
                if not self._input and not self._more():
                    return 0
                self._inflate = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            if not self._input and not self._more():
                raise EOFError(f"{self.what} ends in the middle of its compressed data")
            out = self._inflate.decompress(self._input, len(buffer))
            self._input = self._inflate.unused_data if self._inflate.eof else self._inflate.unconsumed_tail
            if out:
                self.produced += len(out)
                self.limits.check(self.produced, self.consumed, self.what)
                buffer[:len(out)] = out
                return len(out)

    def _more(self) -> bool:
        self._input = self._read_raw(_CHUNK)
        self.consumed += len(self._input)
        if self.max_input is not None and self.consumed > self.max_input:
            raise DecompressionLimit(f"{self.what} is larger than the limit of {self.max_input} bytes; stopped")
        return bool(self._input)


def read_at_most(stream: BinaryIO, limit: int, what: str) -> bytes:
    """All of `stream` when it holds at most `limit` bytes, read in pieces; else TooLarge
    (never more than `limit` and one piece in memory)."""
    chunks, size = [], 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"{what} is larger than the limit of {limit} bytes; stopped")
    return b"".join(chunks)
