"""Near-duplicate fingerprints: MinHash signatures over word shingles, and their LSH bands.

Pure functions, no database. Two articles whose 5-word shingle sets have a Jaccard
similarity s share at least one of the BANDS band hashes with probability
1 - (1 - s**ROWS)**BANDS: 0.92 at s = 0.7, 0.998 at s = 0.8, 0.27 at s = 0.5, under 2 %
at s = 0.3; candidates are then verified on the whole signature.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS, ROWS = 20, 6  # the first 120 of the 128 values, in 20 bands of 6
SCHEME = "affine32"  # named, so a later datasketch default cannot change stored signatures
SIGNATURE_BYTES = NUM_PERM * 4
_WORD = re.compile(r"\w+")


def shingles(body: str) -> set[bytes]:
    """Overlapping runs of SHINGLE_WORDS words, case and punctuation folded (a shorter text is one run)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", body).casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(body: str) -> bytes | None:
    """The MinHash signature of a body as NUM_PERM little-endian uint32 values; None for a text without words."""
    found = shingles(body)
    if not found:
        return None
    # datasketch's default hash of each shingle (sha1_hash32: the first 4 bytes of its SHA-1, little-endian), read
    # in one pass rather than by a call and a struct.unpack per shingle; no sort, since a signature is a minimum.
    hashed = np.frombuffer(b"".join([hashlib.sha1(shingle).digest()[:4] for shingle in found]), "<u4")
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations(), hashfunc=_as_hashed)
    minhash.update_batch(hashed.tolist())
    return minhash.hashvalues.astype("<u4").tobytes()


def _as_hashed(value: int) -> int:
    return value


@cache
def _permutations() -> np.ndarray:
    """The seed's permutation parameters, drawn once (datasketch draws them for every MinHash)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype="<u4")


def jaccard(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (the share of equal MinHash values)."""
    return float(np.mean(_values(first) == _values(second)))


def band_hashes(sig: bytes) -> list[tuple[int, int]]:
    """(band number, signed 64-bit hash of the band's values) for each LSH band of a signature."""
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS * 4:(band + 1) * ROWS * 4], digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def best_match(sig: bytes, candidates: dict[int, bytes], threshold: float) -> tuple[int, float] | None:
    """The candidate (id, similarity) most similar to `sig` at or above `threshold`; ties go to the oldest id."""
    scored = [(jaccard(sig, other), -key) for key, other in candidates.items() if other is not None]
    if not scored:
        return None
    similarity, negative_id = max(scored)
    return (-negative_id, similarity) if similarity >= threshold else None
