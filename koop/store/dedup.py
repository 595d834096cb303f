"""Near-duplicate detection: MinHash signatures (datasketch) and LSH banding.

A signature is computed from word 3-shingles of the normalized text. It is
cut into ``BANDS`` bands of ``ROWS`` values; each band's hash is a bucket
stored in the ``lsh_buckets`` table. Articles sharing a bucket are
candidates, and a candidate whose estimated Jaccard similarity reaches
``THRESHOLD`` is a near-duplicate (the same agency story republished with
small edits). Keeping the buckets in the database instead of an in-memory
index means every process and every later run sees the same index.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from .names import words

NUM_PERM = 64
BANDS = 21
ROWS = 3
SHINGLE = 3
THRESHOLD = 0.5
SCHEME = "affine32"


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    return m.permutations


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """Word ``size``-grams of the normalized text (the whole text if shorter)."""
    toks = words(text)
    if len(toks) <= size:
        return [" ".join(toks).encode("utf-8")]
    return list({" ".join(toks[i:i + size]).encode("utf-8")
                 for i in range(len(toks) - size + 1)})


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of ``text``."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    m.update_batch(shingles(text))
    return np.asarray(m.hashvalues, dtype=np.uint32)


def encode(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def decode(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def buckets(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature; buckets are signed 64-bit ints."""
    raw = np.asarray(sig, dtype="<u4")
    out = []
    for band in range(BANDS):
        chunk = raw[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out
