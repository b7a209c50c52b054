"""Pairs of documents scored on the code that is their own, and flagged against the class's own spread.

On this assignment honest solutions look alike: the specification fixes the class, the names and the
formulas. So what every submission shares is taken out before anything is scored:

- the stub handed out (and any lecture file given as a base): all its k-grams, window 1, as MOSS's ``-b``;
- any fingerprint found in more than ``common_fraction`` of the class (more than ``common_min``
  submissions at least), as MOSS's ``-m``: a passage that many students have is how the assignment is
  solved, not who copied whom. Copies of one source count once here (see ``compare``).

A pair's similarity is the larger of the two shares of own code (the tokens a file's remaining
fingerprints cover) that the other file has too: a copy that was padded with code of the copier's own (a
test block, dead code) still holds nearly all of its source. Whether it is flagged is decided against
the class: the median pair and the median absolute deviation (MAD) give a robust z-score, and a pair is
flagged only when it is an outlier (z >= ``z``), above an absolute floor (``min_similarity``) and long
enough (``min_tokens`` matched tokens), so a class of honest students, however alike, flags nobody. A pair
below the floor is flagged too when it still shares ``long_run_min`` and holds one passage of ``long_run``
tokens in a row (what a copy rewritten here and there keeps), and any pair sharing ``max_threshold``.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Iterable, Sequence

from ..results import SimilarPair, Text
from .winnow import K


@dataclass(frozen=True)
class Document:
    """One file's fingerprints: (hash, first token) pairs, and the source line of every token."""

    name: str
    fingerprints: tuple[tuple[int, int], ...]
    lines: tuple[int, ...]
    archived: bool = False


@dataclass(frozen=True)
class Settings:
    """Why each number: see the module's docstring; bench/similarity.py measured them (bench/RESULTS.md)."""

    k: int = K
    common_fraction: float = 0.25      # a passage in more than a quarter of the class is common knowledge
    common_min: int = 3                # ... and in a small class, when more than 3 have it
    z: float = 3.5                     # robust z-score a flagged pair must reach
    min_similarity: float = 0.60       # and at least this share of one file's own code is in the other
    min_tokens: int = 40               # and this many matched tokens (about three statements)
    long_run: int = 70                 # or: a passage of this many tokens in a row (about six statements) ...
    long_run_min: float = 0.45         # ... in a pair sharing this much, standing out as above. In the bench,
                                       # the copies it finds keep runs of 75; honest pairs that follow the
                                       # README run to 50-68 tokens (76 once), so 50 flagged 239 of them
    max_threshold: float = 0.90        # a pair sharing this much of its own code is flagged whatever the class:
                                       # a class whose typical pair shares more (all from one source) must not
                                       # hide its copies behind its own median; honest pairs reach 0.81
    scale_floor: float = 0.05          # the MAD is never taken as less than this (a class of many zeros)
    listed_from: float = 0.10          # pairs below this share a statement or two: counted, not listed
    duplicate: float = 0.6             # files this alike (Jaccard, stub aside) count once for the cut; honest
                                       # pairs in bench/similarity_corpus reach 0.38


@dataclass(frozen=True)
class Outcome:
    pairs: tuple[SimilarPair, ...]
    clusters: tuple[tuple[str, ...], ...]
    compared: int
    median: float
    threshold: float
    common_students: int


def common_cutoff(n_class: int, s: Settings) -> int:
    """A fingerprint held by more than this many class submissions is discounted."""
    return max(s.common_min, int(s.common_fraction * n_class))


def compare(docs: Sequence[Document], base: Iterable[int] = (), s: Settings = Settings()) -> Outcome:
    """Every pair of class documents (and each class document with each archived one) that shares own code,
    scored, flagged against the class's distribution and explained; clusters of flagged pairs.

    Copies of one source must not make its passages look like common knowledge: five students who hand in
    one file hold each of its passages five times. So the frequency cut counts holders by group, not by file:
    files that are near-duplicates (``duplicate``: the share of all their fingerprints, stub aside, they
    have in common) are one group from the start; and once a pass has flagged pairs, the files they join
    are one group, and the pairs are scored again with what is common to the rest of the class."""
    base = set(base)
    holders: dict[int, set[int]] = defaultdict(set)
    for i, d in enumerate(docs):
        if not d.archived:
            for h, _ in d.fingerprints:
                if h not in base:
                    holders[h].add(i)
    group = _near_duplicates(docs, holders, s.duplicate)
    names = {d.name: i for i, d in enumerate(docs)}

    def cut() -> tuple[set[int], int]:
        keys = [group.get(i, i) for i in range(len(docs))]
        cutoff = common_cutoff(len({keys[i] for i, d in enumerate(docs) if not d.archived}), s)
        return {h for h, who in holders.items() if len({keys[i] for i in who}) > cutoff}, cutoff

    common, cutoff = cut()
    scored = _shares(docs, base, common, s)
    for _ in range(2):   # bare passes until the flagged groups stop changing what is common (usually twice)
        for p in _judge(docs, scored, cutoff, s, detail=False).pairs:
            _join(group, names[p.a], names[p.b])
        again, cutoff = cut()
        if again == common:
            break            # the shares stand as they are: the pass that explains them reuses them
        scored = _shares(docs, base, again, s, before=(common, scored))
        common = again
    return _judge(docs, scored, cutoff, s)


def _join(group: dict[int, int], i: int, j: int) -> None:
    """Puts i and j (and their groups) in one group, named by its smallest member."""
    gi, gj = group.get(i, i), group.get(j, j)
    if gi == gj:
        return
    new, old = min(gi, gj), max(gi, gj)
    for x, g in list(group.items()):
        if g == old:
            group[x] = new
    group[i] = group[j] = new


def _near_duplicates(docs: Sequence[Document], holders: dict[int, set[int]], at: float) -> dict[int, int]:
    """Groups of class files whose fingerprints (stub aside) are at least ``at`` the same (Jaccard), as
    index -> group. Each file's set as bits of one integer: every pair is an AND and a popcount."""
    ids = {h: n for n, h in enumerate(holders)}
    bits = [0] * len(docs)
    for h, who in holders.items():
        for i in who:
            bits[i] |= 1 << ids[h]
    sizes = [b.bit_count() for b in bits]
    group: dict[int, int] = {}
    for i in range(len(docs)):
        if not sizes[i]:
            continue
        for j in range(i + 1, len(docs)):
            if sizes[j] and min(sizes[i], sizes[j]) >= at * max(sizes[i], sizes[j]):
                inter = (bits[i] & bits[j]).bit_count()
                if inter >= at * (sizes[i] + sizes[j] - inter):
                    _join(group, i, j)
    return group


@dataclass(frozen=True)
class _Scored:
    """Each document's own fingerprints, and every pair that shares some: (i, j, similarity, covered token
    positions in i, in j, share of i, share of j)."""

    own: list[list[tuple[int, int]]]
    pairs: list[tuple[int, int, float, int, int, float, float]]


def _shares(docs: Sequence[Document], base: set[int], common: set[int], s: Settings,
            before: tuple[set[int], _Scored] | None = None) -> _Scored:
    """Every pair's shares of own code, with ``base`` and ``common`` fingerprints taken out. ``before``: an
    earlier pass's common set and shares; a pair of files that hold none of the fingerprints whose
    commonness changed keeps its shares from there."""
    own = [[(h, start) for h, start in d.fingerprints if h not in base and h not in common] for d in docs]
    # Token positions as bits of one integer: a k-gram at ``start`` is k bits; a union is an OR, a count a
    # popcount. This is what keeps a class of 300 (44,850 pairs) well under a second.
    masks = [_masks(fps, s.k) for fps in own]
    own_tokens = [_or(m.values()).bit_count() for m in masks]

    index: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(masks):
        for h in m:
            index[h].append(i)
    if before is None:
        todo, scored = range(len(docs)), []
    else:
        changed = before[0] ^ common
        todo = [i for i, d in enumerate(docs) if any(h in changed for h, _ in d.fingerprints)]
        again = set(todo)
        scored = [x for x in before[1].pairs if x[0] not in again and x[1] not in again]
    redo = set(todo)
    candidates: list[tuple[int, int]] = []
    for i in todo:                      # each document's partners, found through the index (set unions in C)
        m = masks[i]
        partners = set().union(*(index[h] for h in m)) if m else set()
        candidates += [(i, j) for j in sorted(partners) if (j > i or j not in redo) and j != i
                       and not (docs[i].archived and docs[j].archived)]

    for i, j in candidates:
        if i > j:
            i, j = j, i
        mi, mj = masks[i], masks[j]
        shared = mi.keys() & mj.keys()
        ci = reduce(or_, map(mi.__getitem__, shared), 0)
        cj = reduce(or_, map(mj.__getitem__, shared), 0)
        share_i = ci.bit_count() / own_tokens[i] if own_tokens[i] else 0.0
        share_j = cj.bit_count() / own_tokens[j] if own_tokens[j] else 0.0
        if docs[i].archived:  # the student first, the archived file second
            i, j, ci, cj, share_i, share_j = j, i, cj, ci, share_j, share_i
        scored.append((i, j, min(max(share_i, share_j), 1.0), ci, cj, share_i, share_j))
    return _Scored(own, scored)


def _judge(docs: Sequence[Document], shares: _Scored, cutoff: int, s: Settings, detail: bool = True) -> Outcome:
    """The pairs flagged against the class's spread, and why. Without ``detail``, only the flagged pairs,
    bare (what the next pass needs to know)."""
    n = sum(not d.archived for d in docs)
    own, scored = shares.own, shares.pairs
    class_pairs = n * (n - 1) // 2
    archived = len(docs) - n
    in_class = sorted(x[2] for x in scored if not docs[x[1]].archived)
    values = [0.0] * (class_pairs - len(in_class)) + in_class    # pairs sharing nothing of their own: 0
    median = statistics.median(values) if values else 0.0
    mad = statistics.median(abs(v - median) for v in values) if values else 0.0
    scale = max(1.4826 * mad, s.scale_floor)
    threshold = min(max(s.min_similarity, median + s.z * scale), max(s.max_threshold, s.min_similarity))

    def stands_out(sim: float, matched: int, ci: int) -> bool:
        """Flagged: enough matched tokens, and a share above the threshold, or a long passage in a row in a
        pair that shares much and stands out of the class (a copy whose loops were rewritten and that was
        padded keeps its long passages; honest pairs that share much share short ones)."""
        if matched < s.min_tokens:
            return False
        if sim >= threshold:
            return True
        return sim >= max(s.long_run_min, median + s.z * scale) \
            and max((n for _, n in _runs(ci)), default=0) >= s.long_run

    pairs = []
    for i, j, sim, ci, cj, share_a, share_b in scored:
        if sim < s.listed_from:
            continue
        matched = min(ci.bit_count(), cj.bit_count())
        if not detail:
            if stands_out(sim, matched, ci):
                pairs.append(SimilarPair(docs[i].name, docs[j].name, sim, True, (), (), matched, 0))
            continue
        runs = _runs(ci)
        longest = max((n for _, n in runs), default=0)
        flagged = stands_out(sim, matched, ci)
        a, b = docs[i], docs[j]
        ra, rb = _ranges(runs, a.lines), _ranges(_runs(cj), b.lines)
        links = _links(own[i], own[j], a.lines, b.lines, ra, s.k) if flagged else ()
        z = (sim - median) / scale
        reason = _reason(share_a, share_b, matched, longest, len(ra), median, threshold, z, b.archived,
                         capped=z < s.z, long_run=sim < threshold) if flagged else None
        pairs.append(SimilarPair(a.name, b.name, round(sim, 4), flagged, ra, rb, matched, longest, reason,
                                 b.archived, round(share_a, 4), round(share_b, 4), links))
    pairs.sort(key=lambda p: (-p.similarity, p.a, p.b))
    return Outcome(tuple(pairs), clusters(p for p in pairs if p.flagged), class_pairs + n * archived,
                   round(median, 4), round(threshold, 4), cutoff)


def clusters(flagged: Iterable[SimilarPair], flagged_only: bool = False, smallest: int = 3
             ) -> tuple[tuple[str, ...], ...]:
    """Groups of three or more joined by flagged pairs (connected components): several students sharing one
    source, which a list of pairs shows only as three separate lines."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in flagged:
        if p.flagged or not flagged_only:
            parent[find(p.a)] = find(p.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return tuple(sorted((tuple(sorted(g)) for g in groups.values() if len(g) >= smallest),
                        key=lambda g: (-len(g), g)))


def _masks(fps: Iterable[tuple[int, int]], k: int) -> dict[int, int]:
    """hash -> the token positions its k-grams cover in this file, as bits."""
    out: dict[int, int] = {}
    block = (1 << k) - 1
    for h, start in fps:
        out[h] = out.get(h, 0) | (block << start)
    return out


def _or(masks: Iterable[int]) -> int:
    return reduce(or_, masks, 0)


def _runs(bits: int) -> list[tuple[int, int]]:
    """(first position, length) of each run of covered tokens, in order (the integer shifted as it is read,
    so each step costs what is left of it)."""
    out = []
    pos = 0
    while bits:
        low = (bits & -bits).bit_length() - 1
        bits >>= low
        n = (~bits & (bits + 1)).bit_length() - 1
        out.append((pos + low, n))
        bits >>= n
        pos += low + n
    return out


def _ranges(runs: Iterable[tuple[int, int]], lines: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Runs of covered tokens as (first line, last line), runs on touching lines merged."""
    out: list[list[int]] = []
    for start, n in runs:
        last = min(start + n, len(lines)) - 1
        if start > last:
            continue
        a, b = lines[start], lines[last]
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def _links(fa: list[tuple[int, int]], fb: list[tuple[int, int]], lines_a: Sequence[int], lines_b: Sequence[int],
           ranges_a: tuple[tuple[int, int], ...], k: int) -> tuple[tuple[int, int, int, int], ...]:
    """For each matching passage of the first file, the lines of the second file it matches: what a reader
    needs to put the two side by side. The passages can be in another order in each file, and one passage of
    the first file (two helpers written one after the other) can match two places of the second: it is
    split where its matches jump. A k-gram found in one place of the second file decides; one found in
    several (a line both files repeat) only extends what the others decided, or, alone, goes to the
    place most of its passage's matches are near."""
    starts_b: dict[int, list[int]] = defaultdict(list)
    for h, start in fb:
        starts_b[h].append(start)
    end_a, end_b = len(lines_a) - 1, len(lines_b) - 1
    hits: list[tuple[int, int, list[tuple[int, int]]]] = []     # (a's first line, a's last, b's spans)
    for h, start in fa:
        sbs = starts_b.get(h)
        if sbs and start <= end_a:
            hits.append((lines_a[start], lines_a[min(start + k - 1, end_a)],
                         [(lines_b[min(sb, end_b)], lines_b[min(sb + k - 1, end_b)]) for sb in sbs]))
    hits.sort(key=lambda x: (x[0], x[1]))
    out: list[tuple[int, int, int, int]] = []
    for first, last in ranges_a:
        inside = [x for x in hits if first <= x[0] <= last]
        groups: list[list[int]] = []                             # [a first, a last, b first, b last]
        for a1, a2, spans in inside:
            if len(spans) > 1:
                continue
            b1, b2 = spans[0]
            g = groups[-1] if groups else None
            if g is not None and b1 <= g[3] + _NEAR and b2 >= g[2] - _NEAR:
                g[1], g[2], g[3] = max(g[1], a2), min(g[2], b1), max(g[3], b2)
            else:
                groups.append([a1, a2, b1, b2])
        for a1, a2, spans in inside:                             # the ambiguous ones: extend, never start
            for g in groups:
                if g[0] - _NEAR <= a1 <= g[1] + _NEAR and any(g[2] - _NEAR <= b1 <= g[3] + _NEAR for b1, _ in spans):
                    g[0], g[1] = min(g[0], a1), max(g[1], a2)
                    break
        if not groups and inside:
            out.append((first, last, *_densest([sp for _, _, spans in inside for sp in spans])))
            continue
        groups.sort()
        for n, g in enumerate(groups):                          # each group's lines of a within the passage
            a1 = first if n == 0 else g[0]
            a2 = last if n == len(groups) - 1 else min(g[1], groups[n + 1][0] - 1)
            out.append((max(first, a1), min(last, max(a1, a2)), g[2], g[3]))
    return tuple(out)


_NEAR = 2       # lines: matches this close in the second file are one place


def _densest(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Of the line spans a passage matched, the group of touching spans with the most matches: a short
    k-gram that also occurs elsewhere must not stretch the answer over the whole file."""
    groups: list[list[int]] = []            # [first, last, count]
    for a, b in sorted(spans):
        if groups and a <= groups[-1][1] + 1:
            groups[-1][1] = max(groups[-1][1], b)
            groups[-1][2] += 1
        else:
            groups.append([a, b, 1])
    best = max(groups, key=lambda g: (g[2], -g[0]))
    return best[0], best[1]


def _reason(share_a: float, share_b: float, matched: int, longest: int, passages: int, median: float,
            threshold: float, z: float, archived: bool, capped: bool = False, long_run: bool = False) -> Text:
    """Why a pair was flagged, with the numbers a TA can check on the pair page; ``capped``: it does not
    stand out of its class, but it shares more than any honest pair does (``max_threshold``)."""
    pa, pb = f"{100 * share_a:.0f}%", f"{100 * share_b:.0f}%"
    med, thr = f"{100 * median:.0f}%", f"{100 * threshold:.0f}%"
    source = Text(" (the second file is from an earlier semester)", " (두 번째 파일은 이전 학기 제출물입니다)") \
        if archived else Text("", "")
    return Text(
        f"{pa} of the first file's own code (not the stub, not what much of the class wrote) is in the second, "
        f"and {pb} of the second's in the first: "
        f"{matched} tokens in {passages} passage{'s' if passages != 1 else ''} (the longest {longest} tokens); "
        + (f"below the {thr} that flags a pair on its share alone, but one passage of {longest} tokens in a row is "
           f"in both, and the pair stands out of a class whose typical pair shares {med} (robust z = {z:.1f})"
           if long_run else
           f"a typical pair in this class shares {med}, so hardly any pair stands out of it (robust z = {z:.1f}); "
           f"a pair sharing {thr} or more is flagged whatever the class" if capped else
           f"a typical pair in this class shares {med}, and {thr} is where a pair stands out (robust z = {z:.1f})"),
        f"첫 번째 파일에서 직접 쓴 코드(제공된 뼈대 코드와 반 학생 여럿이 똑같이 쓴 부분을 뺀 코드)의 {pa}가 두 번째 "
        f"파일에도 있고, 두 번째 파일의 {pb}가 첫 번째 파일에도 있습니다. "
        f"{passages}곳, {matched}토큰이 일치하고 가장 긴 부분은 {longest}토큰입니다. "
        + (f"겹치는 비율만으로 표시하는 기준({thr})보다는 낮지만, {longest}토큰이 끊기지 않고 이어지는 부분이 두 파일에 "
           f"모두 있고, 보통 쌍이 {med} 같은 이 반에서 눈에 띄게 많이 겹칩니다 (robust z = {z:.1f})"
           if long_run else
           f"이 반은 보통 쌍도 {med}가 같아서 반 안에서 눈에 띄는 쌍이 거의 없지만 (robust z = {z:.1f}), "
           f"{thr} 이상 같은 쌍은 반과 상관없이 표시합니다" if capped else
           f"이 반의 보통 쌍은 {med}가 같고, {thr} 이상이면 눈에 띄는 쌍으로 봅니다 (robust z = {z:.1f})")) + source

