"""Character shingles and MinHash signatures of article bodies, for finding copies.

The body is normalized first (traditional → simplified with opencc t2s, NFKC, lower case, only
letters and digits kept), so a reprint with other punctuation, spacing or script shingles the same.
Shingles are hashed to 32 bits with a vectorized polynomial hash; the MinHash applies datasketch's
"legacy" affine permutations ((a·h + b) mod 2^61−1, seeded RandomState) in numpy. The arithmetic
is written out here, not delegated, because signatures are stored: datasketch 2.0 changed its
default scheme, and a stored index must not change meaning with a library upgrade. A test checks
that datasketch (scheme="legacy") computes the same signature from the same shingle hashes.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

import numpy as np

from ..record import Record, input_key
from ..text.nfkc import nfkc

SHINGLE = 5  # characters per shingle (DEPENDENCIES.md: 5-shingles separate copies from other articles)
NUM_PERM = 128
SEED = 1
# LSH: 64 bands of 2 values; a stored article is a candidate when it shares at least MIN_BANDS bands.
# Candidate probability (binomial over bands, q = J^2): J 0.02 → 0.0003, 0.05 → 0.011, 0.2 → 0.73,
# 0.27 → 0.95, 0.35 → 0.998. A cut reprint (first half, J ≈ 0.3–0.5, containment ≈ 1) is found; one
# band of 3 rows over 42 bands found only 57 % at J 0.27 for the same false-candidate rate at J 0.02.
BANDS = 64
ROWS = 2
MIN_BANDS = 2
PARAMS = f"k{SHINGLE}p{NUM_PERM}s{SEED}b{BANDS}r{ROWS}"  # stored with every signature

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_POLY = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Simplified script, NFKC, lower case, letters and digits only: the form that is shingled."""
    text = _NOT_ALNUM.sub("", text or "")  # first, so NFKC and t2s see a shorter string
    return _NOT_ALNUM.sub("", _t2s().convert(nfkc(text)).lower())


def shingle_hashes(norm: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the k-character shingles of normalized text (as uint32: half the memory of
    the stored candidates a batch keeps)."""
    if not norm:
        return np.zeros(0, dtype=np.uint32)
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < k:
        k = len(codes)
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):  # polynomial hash, wrapping in 64 bits
            h = h * _POLY + codes[j:j + n]
        h = (h * _MIX) >> np.uint64(32)
    h &= _MAX_HASH
    h.sort()  # sorted distinct values, as np.unique gives them (its hash-based path is ~10x slower here)
    keep = np.empty(len(h), dtype=bool)
    keep[0] = True
    np.not_equal(h[1:], h[:-1], out=keep[1:])
    return h[keep].astype(np.uint32)


@functools.lru_cache(maxsize=4)
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations (a, b) of datasketch's legacy MinHash for this seed."""
    gen = np.random.RandomState(seed)
    pairs = [(gen.randint(1, _MERSENNE, dtype=np.uint64), gen.randint(0, _MERSENNE, dtype=np.uint64))
             for _ in range(num_perm)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (num_perm uint32 values) of a set of shingle hashes."""
    if len(hashes) == 0:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64).astype(np.uint32)
    a, b = permutations(num_perm, seed)
    out = np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    shift = np.uint64(61)
    with np.errstate(over="ignore"):
        for start in range(0, len(hashes), 256):  # chunks that stay in cache
            x = hashes[start:start + 256].reshape(-1, 1) * a
            x += b
            # x mod (2**61 - 1) without a division: x = q * 2**61 + r with q < 8, so x ≡ r + q
            q = x >> shift
            x &= _MERSENNE
            x += q
            x[x >= _MERSENNE] -= _MERSENNE
            x &= _MAX_HASH
            np.minimum(out, x.min(axis=0), out=out)
    return out.astype(np.uint32)


def band_keys(signature: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in, so bands share one table)."""
    v = signature[: bands * rows].astype(np.uint64).reshape(bands, rows)
    with np.errstate(over="ignore"):
        k = np.arange(1, bands + 1, dtype=np.uint64) * _MIX
        for j in range(rows):  # splitmix64-style mixing of each value into the band's key
            k = (k ^ v[:, j]) * np.uint64(0xBF58476D1CE4E5B9)
            k ^= k >> np.uint64(31)
    return [int(x) for x in k.view(np.int64)]


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.mean(sig_a == sig_b))


@dataclass(frozen=True)
class Shingled:
    """What a direct comparison of two bodies needs: normalized length, shingle hashes, exact hash."""

    chars: int
    shingles: np.ndarray
    body_hash: str


@dataclass(frozen=True)
class Fingerprint(Shingled):
    """What dedupe keeps of one body: a ``Shingled`` body with its MinHash signature and LSH band keys."""

    signature: np.ndarray
    bands: tuple[int, ...]


def shingled(text: str) -> Shingled:
    """Normalize and shingle one body (no signature: what a stored candidate is verified with)."""
    norm = normalize(text)
    return Shingled(len(norm), shingle_hashes(norm), hashlib.sha256(norm.encode("utf-8")).hexdigest())


def fingerprint(text: str) -> Fingerprint:
    """Normalize, shingle and sign one body."""
    body = shingled(text)
    sig = minhash(body.shingles)
    return Fingerprint(body.chars, body.shingles, body.body_hash, sig, tuple(band_keys(sig)))


def record_fingerprint(record: Record) -> Fingerprint:
    """``fingerprint`` of a record's body, computed once per body (a worker may have sent it: ``zhiku.prepare``)."""
    return record.derived("fingerprint", input_key(PARAMS, record.text), lambda: fingerprint(record.text))


def overlap(a: np.ndarray, b: np.ndarray) -> int:
    """Number of values two sorted, duplicate-free hash arrays share (binary search of the smaller in the larger)."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 0:
        return 0
    idx = np.searchsorted(b, a)
    idx[idx == len(b)] = 0
    return int(np.count_nonzero(b[idx] == a))


def similarities(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment) of two sorted shingle-hash sets, from one intersection."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = overlap(a, b)
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))
