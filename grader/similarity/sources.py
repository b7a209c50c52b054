"""Which files are compared, and each one fingerprinted once: the class's submissions, the files every
submission starts from (the stub, and lecture files in ``assignments/NAME/lecture/``), and the archive of
earlier semesters (a folder of .py/.ipynb files at any depth, or an earlier run's reports folder, whose
``_similarity/`` store holds the code it compared)."""
from __future__ import annotations

import ast
import hashlib
import os
import re
from pathlib import Path
from typing import Iterator

from ..assignment import Assignment
from ..feedback.source import ExtractError, Source, extract
from ..results import SimilarFile, Text
from . import store
from .canon import spellings
from .tokens import normalise, spec_names
from .winnow import kgram_hashes, winnow

MAX_TOKENS = 30_000     # ten times a long honest solution; a file of more is compared on its first 30,000


def base_texts(a: Assignment) -> list[str]:
    """The handed-out code every submission may contain: the stub, lecture files if the course put them in
    ``assignments/NAME/lecture/``, and the code the assignment's README shows (see ``readme_code``)."""
    texts = []
    for path in [a.folder / a.entry, *sorted((a.folder / "lecture").glob("*"))]:
        if path.is_file() and path.suffix.lower() in (".py", ".ipynb"):
            try:
                texts.append(extract(path).text)
            except ExtractError:
                continue
    for path in sorted(a.folder.glob("*.md")):
        try:
            texts += readme_code(path.read_text("utf-8", errors="replace"), attributes(texts))
        except OSError:
            continue
    return texts


_FENCE = re.compile(r"^ {0,3}(```|~~~)[^\n]*\n(.*?)^ {0,3}\1", re.M | re.S)
_INLINE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_SELF_ATTR = re.compile(r"\bself\.([A-Za-z_]\w*)")
_STATEMENTS = re.compile(r" {3,}(?=[A-Za-z_][\w.]*\s*[-+*/@]?=[^=])")   # "dW3 = ...     db3 = ..." on one line


def attributes(texts: list[str]) -> frozenset[str]:
    """The names the handed-out code uses as attributes of ``self`` (``w1``, ``a2``, ``sigmoid``)."""
    return frozenset(n for t in texts for n in _SELF_ATTR.findall(t))


def _parses(statement: str) -> bool:
    try:
        ast.parse(statement)
        return True
    except (SyntaxError, ValueError):
        return False


def readme_code(markdown: str, attrs: frozenset[str]) -> list[str]:
    """The code a README shows students: its fenced blocks and the inline spans that are an assignment
    (``z1 = w1 @ X + b1``), each as written and as a method would write it (``self.z1 = self.w1 @ X +
    self.b1``). A student who types in the README's formulas has copied nobody."""
    blocks = [m.group(2) for m in _FENCE.finditer(markdown)]
    outside = _FENCE.sub("", markdown)
    blocks += [s for s in _INLINE.findall(outside) if re.search(r"[^=!<>]=[^=]", s)]
    out = []
    for block in blocks:
        statements = [part.strip() for line in block.split("\n") for part in _STATEMENTS.split(line)]
        text = "\n".join(st for st in statements if st and _parses(st))   # prose and ``...`` left out
        if not text:
            continue
        out.append(text)
        if attrs:
            out.append(re.sub(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(attrs))) + r")\b", r"self.\1", text))
    return out


def keep_names(texts: list[str]) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for t in texts:
        out |= spec_names(t)
    return out


def base_hashes(texts: list[str], keep: frozenset[str]) -> set[int]:
    """Every k-gram of the handed-out files (window 1, as MOSS's ``-b``), in every spelling of their matrix
    products and sums (canon.spellings): none of them is evidence."""
    out: set[int] = set()
    for spelled in dict.fromkeys(v for t in texts for v in [t, *spellings(t)]):
        out.update(kgram_hashes(normalise(spelled, keep).words))
    return out


def entry_of(source: Source, keep: frozenset[str]) -> store.Entry:
    t = normalise(source.text, keep)
    words, lines = t.words[:MAX_TOKENS], t.lines[:MAX_TOKENS]
    fps = tuple((f.hash, f.start) for f in winnow(kgram_hashes(words)))
    gutter = tuple(f"{cell}·{line}" for cell, line in source.cells) if source.cells else ()
    return store.Entry(source.filename, source.text, fps, lines, gutter, t.complete, t.stopped_at)


def fingerprint_file(path: Path, keep: frozenset[str], cached: dict[str, store.Entry]
                     ) -> tuple[str, store.Entry] | Text:
    """(sha256, entry), from the cache when the bytes are unchanged; a Text saying why not when the file
    cannot be read (the batch goes on)."""
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return Text(f"not compared: {exc.strerror or exc}", f"비교하지 못했습니다: {exc.strerror or exc}")
    if sha in cached:
        return sha, cached[sha]
    try:
        return sha, entry_of(extract(path), keep)
    except ExtractError as exc:
        return Text("not compared: ", "비교하지 못했습니다: ") + exc.text
    except Exception as exc:  # noqa: BLE001 - one file the tokenizer chokes on must not cost the class its check
        return Text(f"not compared: the file could not be tokenized ({type(exc).__name__})",
                    f"비교하지 못했습니다: 파일을 토큰으로 나누지 못했습니다 ({type(exc).__name__})")


PARALLEL_FROM = 48      # files to fingerprint before a second process pays for its start


def fingerprint_all(paths: list[Path], keep: frozenset[str], cached: dict[str, store.Entry]
                    ) -> dict[Path, tuple[str, store.Entry] | Text]:
    """``fingerprint_file`` for each path: in this process from the cache, new files on every core when
    there are many (a first run of a class of 300: tokenizing is most of its cost)."""
    out: dict[Path, tuple[str, store.Entry] | Text] = {}
    todo = []
    for path in paths:
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            sha = ""
        if sha in cached:
            out[path] = sha, cached[sha]
        else:
            todo.append(path)
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_FROM and workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            got = pool.map(fingerprint_file, todo, [keep] * len(todo), [{}] * len(todo),
                           chunksize=max(1, len(todo) // (4 * workers)))
            out.update(zip(todo, got))
    else:
        out.update((path, fingerprint_file(path, keep, {})) for path in todo)
    return out


def shown(name: str, entry: store.Entry, archived: bool = False) -> SimilarFile:
    return SimilarFile(name, entry.file, entry.text, entry.gutter, archived)


def archive_folder(text: str) -> Path:
    """``--archive``'s type: a folder that exists (a typo must stop the run before anything is graded)."""
    import argparse

    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"the archive {text} is not a folder")
    return path


def archived(folder: Path, a: Assignment, keep: frozenset[str], cached: dict[str, store.Entry],
             reports: Path) -> Iterator[tuple[str, str, store.Entry]]:
    """Each archived file as (name, sha256, entry); names start with the archive folder's name
    (``2025-fall/kim``).
    An earlier reports folder's store is read for its code (fingerprinted again here, so that the two
    runs' settings need not match); this run's own reports folder is never its own archive."""
    folder = Path(folder)
    label = folder.name or "archive"
    for root, dirs, names in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and not (here / d).is_symlink()
                         and d != store.FOLDER)
        if (here / store.FOLDER / store.FILE).is_file() and here.resolve() != reports.resolve():
            entries, students = store.load(here, None)
            for student, sha in sorted(students.items()):
                e = entries.get(sha)
                if e is None:
                    continue
                if sha in cached:
                    yield _name(label, here, folder, student), sha, cached[sha]
                    continue
                try:
                    fresh = entry_of(Source(e.text, e.file, sha, ()), keep)
                except Exception:  # noqa: BLE001 - as for a class's file
                    continue
                yield _name(label, here, folder, student), sha, store.Entry(
                    e.file, e.text, fresh.fingerprints, fresh.lines, e.gutter, fresh.complete, fresh.stopped_at)
        for n in sorted(names):
            path = here / n
            if path.suffix.lower() not in (".py", ".ipynb") or n.startswith((".", "_")) or path.is_symlink():
                continue
            got = fingerprint_file(path, keep, cached)
            if not isinstance(got, Text):
                yield _name(label, path.parent, folder, path.stem), got[0], got[1]


def _name(label: str, where: Path, top: Path, stem: str) -> str:
    rel = where.relative_to(top).as_posix()
    return "/".join(x for x in (label, "" if rel == "." else rel, stem) if x)
