"""k-gram hashing and winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: Local Algorithms for Document
Fingerprinting", SIGMOD 2003), over normalised tokens.

Every run of ``k`` tokens is hashed; of each window of ``w`` consecutive hashes the smallest is kept (the
rightmost one on ties), once. The paper's two guarantees are why this is enough: a shared passage shorter
than ``k`` tokens (the noise threshold) is never evidence, and a shared passage of at least
``t = w + k - 1`` tokens (the guarantee threshold) always yields at least one shared fingerprint, however
the rest of the two files differ. About 2 / (w + 1) of the hashes are kept.

Hashes are blake2b, not Python's ``hash()`` (salted per process), so fingerprints can be cached between runs.
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
    """The hash of every run of ``k`` tokens, in order (none when the file is shorter than ``k``)."""
    out = []
    for i in range(len(words) - k + 1):
        gram = "\x1f".join(words[i:i + k]).encode("utf-8")
        out.append(int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big"))
    return out


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
