"""k-gram hashing and winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: Local Algorithms for Document
Fingerprinting", SIGMOD 2003), over normalised tokens.

Every run of ``k`` tokens is hashed; of each window of ``w`` consecutive hashes the smallest is kept (the
rightmost one on ties), once. The paper's two guarantees are why this is enough: a shared passage shorter
than ``k`` tokens (the noise threshold) is never evidence, and a shared passage of at least
``t = w + k - 1`` tokens (the guarantee threshold) always yields at least one shared fingerprint, however
the rest of the two files differ. About 2 / (w + 1) of the hashes are kept.

Each token is a blake2b integer and each k-gram Python's ``hash()`` of the tuple of its tokens' integers:
a string's ``hash()`` is salted per process, an integer tuple's is not (it depends only on the Python
version and word size, which the store's key holds), so fingerprints can be cached between runs.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Sequence

K = 8           # noise threshold, in tokens: most of a statement (``self . a1 = self . sigmoid ( self . z1``)
W = 6           # window: any shared passage of K + W - 1 = 13 tokens (about a statement) is always found
# Measured on bench/similarity_corpus (bench/RESULTS.md): with 12 tokens, copies whose independent statements
# were shuffled lost too many k-grams that span two statements (4 of 616 copy pairs missed); with 8 none is.


@dataclass(frozen=True)
class Fingerprint:
    """A selected k-gram: its hash and the index of its first token (it covers tokens start .. start + k - 1)."""

    hash: int
    start: int


def kgram_hashes(words: Sequence[str], k: int = K) -> list[int]:
    """The hash of every run of ``k`` tokens, in order (none when the file is shorter than ``k``): each token
    an integer once (blake2b), each run the hash of its tuple of integers, kept to 64 bits."""
    ids = [_token_id(w) for w in words]
    return [hash(tuple(ids[i:i + k])) & _BITS for i in range(len(ids) - k + 1)]


_BITS = (1 << 64) - 1
_IDS: dict[str, int] = {}
SALT = b""      # another salt is another hash function: bench/similarity.py measures how much results move


def set_salt(salt: bytes) -> None:
    global SALT
    SALT = salt
    _IDS.clear()


def _token_id(word: str) -> int:
    """A token as a 64-bit integer, the same in every process (unlike ``hash(word)``, which is salted)."""
    got = _IDS.get(word)
    if got is None:
        got = _IDS[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8, key=SALT).digest(), "big")
    return got


def winnow(hashes: Sequence[int], w: int = W) -> list[Fingerprint]:
    """The paper's rule: the minimum of each window of ``w`` hashes (rightmost on ties), each selection
    recorded once. A sequence shorter than one window still gives its minimum."""
    if not hashes:
        return []
    if len(hashes) <= w:
        i = min(range(len(hashes)), key=lambda j: (hashes[j], -j))
        return [Fingerprint(hashes[i], i)]
    out: list[Fingerprint] = []
    chosen = -1
    for left in range(len(hashes) - w + 1):
        right = left + w - 1
        if chosen < left:          # the previous minimum left the window: scan it all (rightmost minimum)
            chosen = right
            for j in range(right - 1, left - 1, -1):
                if hashes[j] < hashes[chosen]:
                    chosen = j
            out.append(Fingerprint(hashes[chosen], chosen))
        elif hashes[right] <= hashes[chosen]:  # the new hash is as small: the rightmost minimum moves to it
            chosen = right
            out.append(Fingerprint(hashes[chosen], chosen))
    return out


def fingerprints(words: Sequence[str], k: int = K, w: int = W) -> list[Fingerprint]:
    return winnow(kgram_hashes(words, k), w)
