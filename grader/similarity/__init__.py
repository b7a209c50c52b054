"""Similar submissions (issue 16): the class's files compared with each other and with earlier semesters'
files (``--archive``), for a person to look at. Nothing here runs student code: files are only tokenized.

    tokens.py    source -> normalised tokens (Python's tokenizer; names, literals, comments, layout out)
    winnow.py    tokens -> fingerprints (k-grams, winnowing)
    compare.py   fingerprints -> scored pairs, the discounting, the flagging against the class, clusters
    store.py     fingerprints cached by sha256 in REPORTS/_similarity/
    sources.py   which files: the class's submissions, the stub and lecture files, the archive

``run`` is the one entry point: submissions in, a ``SimilarityReport`` (grader/results.py) out.
"""
from __future__ import annotations

import sys
import time
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..assignment import Assignment
from ..discover import Submission
from ..results import SimilarityReport, Text
from . import sources, store, winnow
from .compare import Document, Settings, compare
from .winnow import K, W

__all__ = ["run", "settings_of", "summary", "Settings"]


TUNABLE = ("common_fraction", "common_min", "z", "min_similarity", "min_tokens", "long_run", "long_run_min",
           "max_threshold")


def settings_of(a: Assignment) -> tuple[Settings, list[Text]]:
    """The assignment's ``[similarity]`` table over the defaults (``common_fraction``, ``common_min``, ``z``,
    ``min_similarity``, ``min_tokens``); a key or value that does not fit is named and the default kept, so a
    typo costs the TA a note, not the grading run that already happened."""
    try:
        table = tomllib.loads(a.config_bytes.decode("utf-8")).get("similarity", {}) if a.config_bytes else {}
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        table = {}
    settings, notes = Settings(), []
    for key, value in (table.items() if isinstance(table, dict) else ()):
        kind = type(getattr(settings, key, None))
        ok = key in TUNABLE and isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 \
            and (kind is float or isinstance(value, int))
        if ok:
            settings = replace(settings, **{key: kind(value)})
        else:
            keys = ", ".join(TUNABLE)
            notes.append(Text(f"assignment.toml [similarity] {key} = {value!r} is not used (keys: {keys}; "
                              "numbers of 0 or more, whole numbers for common_min and min_tokens)",
                              f"assignment.toml의 [similarity] {key} = {value!r} 설정은 쓰지 않았습니다 (쓸 수 있는 키: "
                              f"{keys}; 0 이상의 수, common_min과 min_tokens는 정수)"))
    return settings, notes


def run(a: Assignment, subs: Sequence[Submission], reports: Path, archive: Path | None = None,
        settings: Settings | None = None) -> SimilarityReport:
    """Compares every submission with every other (and with ``archive``'s files); caches fingerprints in
    ``reports/_similarity/``. ``settings``: the assignment's ``[similarity]`` table when not given."""
    start = time.monotonic()
    notes: list[Text] = []
    if settings is None:
        settings, notes = settings_of(a)
    base_texts = sources.base_texts(a)
    keep = sources.keep_names(base_texts)
    the_key = store.key(__version__, K, W, sorted(keep), store.code_hash(), sys.version_info[:2],
                        sys.hash_info.width, winnow.SALT.hex())
    cached, was = store.load(reports, the_key)
    entries: dict[str, store.Entry] = {}
    docs: list[Document] = []
    files = {}
    students: dict[str, str] = {}
    fresh = sources.fingerprint_all([s.path for s in subs if s.path is not None], keep, cached)
    for sub in subs:
        if sub.path is None:
            continue
        got = fresh[sub.path]
        if isinstance(got, Text):
            notes.append(Text(f"{sub.student}: ", f"{sub.student}: ") + got)
            continue
        sha, entry = got
        entries[sha], students[sub.student] = entry, sha
        docs.append(Document(sub.student, entry.fingerprints, entry.lines))
        files[sub.student] = sources.shown(sub.student, entry)
        if not entry.complete:
            notes.append(Text(f"{sub.student}: Python's tokenizer stopped at line {entry.stopped_at}; the rest was "
                              "compared as plain words",
                              f"{sub.student}: {entry.stopped_at}번째 줄에서 파이썬 토큰 분석이 멈춰, 나머지는 "
                              "단순한 단어 단위로 비교했습니다"))
    if archive is not None:
        for name, sha, entry in sources.archived(archive, a, keep, cached, reports):
            docs.append(Document(name, entry.fingerprints, entry.lines, archived=True))
            files[name] = sources.shown(name, entry, archived=True)
            entries.setdefault(sha, entry)
    out = compare(docs, sources.base_hashes(base_texts, keep), settings)
    if entries.keys() != cached.keys() or students != was:   # an unchanged class: nothing to write
        store.save(reports, the_key, entries, students)
    shown = {n for p in out.pairs if p.flagged for n in (p.a, p.b)}
    return SimilarityReport(out.pairs, out.clusters, {n: f for n, f in files.items() if n in shown},
                            students=sum(not d.archived for d in docs), archived=sum(d.archived for d in docs),
                            compared=out.compared, median=out.median, threshold=out.threshold,
                            common_students=out.common_students, notes=tuple(notes),
                            seconds=round(time.monotonic() - start, 3))


def summary(r: SimilarityReport, lang: str) -> str:
    """One console line: how many pairs were flagged, where to look, how long it took."""
    n = len(r.flagged)
    t = Text(f"similarity: {n} pair{'s' if n != 1 else ''} flagged of {r.compared} compared"
             + (f", {len(r.clusters)} group{'s' if len(r.clusters) != 1 else ''} of 3 or more" if r.clusters else "")
             + f" (similarity.csv; a reason to look, not a verdict), {r.seconds:.2f} s",
             f"similarity: {r.compared}쌍을 비교해 {n}쌍을 표시했습니다"
             + (f", 3명 이상 묶음 {len(r.clusters)}개" if r.clusters else "")
             + f" (similarity.csv; 살펴볼 이유일 뿐 판정이 아닙니다), {r.seconds:.2f}초")
    return t.get(lang)
