"""A folder of submissions as a list of (student, file) pairs.

``NAME.py`` or ``NAME.ipynb`` is student NAME; so is a folder ``NAME/`` holding one such file (the
assignment's entry file preferred when it holds several).  Anything else is reported, not guessed at.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".py", ".ipynb")


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path | None          # None when the student's folder holds no gradable file
    problem: str | None = None  # why it could not be found, for the report


def _pick(folder: Path, entry: str) -> tuple[Path | None, str | None]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                   and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts)
    if not files:
        return None, f"the folder {folder.name}/ holds no .py or .ipynb file"
    stem = Path(entry).stem
    for preferred in (entry, stem + ".ipynb"):
        for f in files:
            if f.name == preferred:
                return f, None
    if len(files) == 1:
        return files[0], None
    names = ", ".join(f.name for f in files[:5])
    return None, f"the folder {folder.name}/ holds several files ({names}) and none is named {entry}"


def discover(folder: Path, entry: str) -> list[Submission]:
    """Every student in ``folder``, sorted by name."""
    found: dict[str, Submission] = {}
    for item in sorted(folder.iterdir()):
        if item.name.startswith((".", "_")):
            continue
        if item.is_dir():
            path, problem = _pick(item, entry)
            found[item.name] = Submission(item.name, path, problem)
        elif item.suffix in SUFFIXES:
            if item.stem in found and found[item.stem].path is not None:
                continue  # NAME.py beside NAME.ipynb: sorted order keeps .ipynb second; keep the first
            found[item.stem] = Submission(item.stem, item)
    return [found[k] for k in sorted(found)]


def skipped(folder: Path) -> list[str]:
    """What in ``folder`` is not graded, and why: said to the TA so nothing is lost silently."""
    notes, seen = [], {}
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.name.startswith("_") and item.name != "__pycache__":
            notes.append(f"{item.name}: names starting with _ are not students (rename it to grade it)")
            continue
        if item.is_dir():
            continue
        if item.suffix not in SUFFIXES:
            notes.append(f"{item.name}: not a .py or .ipynb file (unzip archives first)")
        elif item.stem in seen:
            notes.append(f"{item.name}: {item.stem} also has {seen[item.stem]}, which is the one graded")
        else:
            seen[item.stem] = item.name
    return notes
