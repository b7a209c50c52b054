"""Fingerprints kept between runs: ``REPORTS/_similarity/fingerprints.json``, keyed by each file's sha256.

A file is tokenized and winnowed once; an incremental regrade (or a second ``make grade`` after one
student resubmitted) reuses every other file's entry. The key of the whole store says how entries were
made (the grader's version, k, w and the specification's names): when any of that changes, the store is
rebuilt. The store also names which student had which file, so that an earlier semester's reports folder
can be given as ``--archive`` and compared against without its submissions.
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..report.files import write_atomic

FOLDER = "_similarity"
FILE = "fingerprints.json"


@dataclass(frozen=True)
class Entry:
    """One file, fingerprinted: what comparing it and showing it on a pair page need."""

    file: str
    text: str
    fingerprints: tuple[tuple[int, int], ...]
    lines: tuple[int, ...]
    gutter: tuple[str, ...] = ()
    complete: bool = True
    stopped_at: int = 0

    def to_json(self) -> dict[str, Any]:
        """Numbers as base64 of fixed-size integers: a class of 300 is a few hundred thousand of them, which
        as JSON lists cost a quarter of a second to write and to read."""
        return {"file": self.file, "text": self.text,
                "hashes": _pack("Q", [h for h, _ in self.fingerprints]),
                "starts": _pack("I", [s for _, s in self.fingerprints]), "lines": _pack("I", self.lines),
                "gutter": list(self.gutter), "complete": self.complete, "stopped_at": self.stopped_at}

    @staticmethod
    def from_json(d: dict[str, Any]) -> "Entry":
        hashes, starts = _unpack("Q", d["hashes"]), _unpack("I", d["starts"])
        if len(hashes) != len(starts):
            raise ValueError("a damaged entry")
        return Entry(str(d["file"]), str(d["text"]), tuple(zip(hashes, starts)), tuple(_unpack("I", d["lines"])),
                     tuple(str(g) for g in d.get("gutter", ())), bool(d.get("complete", True)),
                     int(d.get("stopped_at", 0)))


def _pack(code: str, values) -> str:
    a = array(code, values)
    if sys.byteorder != "little":
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _unpack(code: str, text: str) -> list[int]:
    a = array(code)
    a.frombytes(base64.b64decode(text))
    if sys.byteorder != "little":
        a.byteswap()
    return a.tolist()


def code_hash() -> str:
    """The code that makes an entry (tokenizing, winnowing, reading a file): a change to it makes every
    stored entry stale, whatever the version says."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("canon.py", "tokens.py", "winnow.py", "sources.py", "store.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def key(*parts: object) -> str:
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()[:16]


def path(reports: Path) -> Path:
    return reports / FOLDER / FILE


def load(reports: Path, want_key: str | None) -> tuple[dict[str, Entry], dict[str, str]]:
    """(sha256 -> entry, student -> sha256) from an earlier run; empty when there is none, when it is
    unreadable, or when it was made another way (``want_key``; None accepts any, as for an archive)."""
    try:
        data = json.loads(path(reports).read_text("utf-8"))
        if want_key is not None and data.get("key") != want_key:
            return {}, {}
        return ({sha: Entry.from_json(e) for sha, e in data["files"].items()},
                {str(k): str(v) for k, v in data.get("class", {}).items()})
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}


def save(reports: Path, the_key: str, entries: dict[str, Entry], students: dict[str, str]) -> None:
    """Atomically: a run killed while saving leaves the earlier store whole."""
    data = {"key": the_key, "class": students, "files": {sha: e.to_json() for sha, e in sorted(entries.items())}}
    write_atomic(path(reports), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
