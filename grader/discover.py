"""A folder of submissions as a list of (student, file) pairs.

``NAME.py`` or ``NAME.ipynb`` (any case: ``NAME.PY`` from Windows) is student NAME; so is a folder
``NAME/`` holding such a file at any depth (the assignment's entry file preferred when it holds several).
Anything else is reported, not guessed at.  Symbolic links are never followed: a link in an unpacked
archive could point at any file the TA can read (the solutions, /etc/passwd) and show it in a report.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .results import Text

SUFFIXES = (".py", ".ipynb")
JUNK_DIRS = {".ipynb_checkpoints", "__pycache__", "__MACOSX"}


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path | None          # None when the student's folder holds no gradable file
    problem: str | None = None  # why it could not be found, for the report


def gradable_name(name: str) -> bool:
    return Path(name).suffix.lower() in SUFFIXES and not name.startswith(("._", "."))


def _files(folder: Path) -> list[Path]:
    """The gradable files under ``folder``: no symbolic link followed, no editor or OS junk."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in JUNK_DIRS and not d.startswith(".")
                         and not os.path.islink(os.path.join(root, d)))
        for name in sorted(files):
            path = Path(root, name)
            if gradable_name(name) and not path.is_symlink():
                found.append(path)
    return sorted(found)


def _pick(folder: Path, entry: str) -> tuple[Path | None, str | None]:
    files = _files(folder)
    if not files:
        return None, f"the folder {folder.name}/ holds no .py or .ipynb file"
    stem = Path(entry).stem.lower()
    for preferred in (entry.lower(), stem + ".ipynb"):
        for f in files:
            if f.name.lower() == preferred:
                return f, None
    if len(files) == 1:
        return files[0], None
    names = ", ".join(f.name for f in files[:5])
    return None, f"the folder {folder.name}/ holds several files ({names}) and none is named {entry}"


def _is_student_folder(item: Path, entry: str) -> bool:
    """A folder is a student, unless it is a link or a folder named like a file that holds no code."""
    if item.is_symlink():
        return False
    return not (gradable_name(item.name) and _pick(item, entry)[0] is None)


def discover(folder: Path, entry: str) -> list[Submission]:
    """Every student in ``folder``, sorted by name."""
    found: dict[str, Submission] = {}
    for item in sorted(folder.iterdir()):
        if item.name.startswith((".", "_")) or item.is_symlink():
            continue
        if item.is_dir():
            if _is_student_folder(item, entry):
                path, problem = _pick(item, entry)
                found[item.name] = Submission(item.name, path, problem)
        elif gradable_name(item.name):
            stem = Path(item.name).stem
            if stem in found and found[stem].path is not None:
                continue  # NAME.py beside NAME.ipynb: the first in sorted order is graded
            found[stem] = Submission(stem, item)
    return [found[k] for k in sorted(found)]


def skipped(folder: Path, entry: str = "") -> list[Text]:
    """What in ``folder`` is not graded, and why: said to the TA (console and overview), so nothing is
    lost silently."""
    notes, seen = [], {}
    for item in sorted(folder.iterdir()):
        name = item.name
        if name.startswith(".") or name in ("__pycache__",):
            continue
        if item.is_symlink():
            notes.append(Text(f"{name}: a symbolic link, not followed (it could point anywhere on this machine)",
                              f"{name}: 심볼릭 링크라서 따라가지 않았습니다 (이 컴퓨터의 어느 파일이든 가리킬 수 있습니다)"))
        elif name.startswith("_"):
            notes.append(Text(f"{name}: names starting with _ are not students (rename it to grade it)",
                              f"{name}: 이름이 _로 시작하면 학생으로 보지 않습니다 (채점하려면 이름을 바꾸세요)"))
        elif item.is_dir():
            if not _is_student_folder(item, entry):
                notes.append(Text(f"{name}/: a folder named like a file, with no .py or .ipynb file in it",
                                  f"{name}/: 파일 이름 같은 폴더인데 안에 .py나 .ipynb 파일이 없습니다"))
                continue
            chosen, _ = _pick(item, entry)
            for other in _files(item):
                if chosen is not None and other != chosen:
                    rel, kept = other.relative_to(folder), chosen.relative_to(folder)
                    notes.append(Text(f"{rel}: {name} also has {kept}, which is the one graded",
                                      f"{rel}: {name} 학생은 {kept}도 제출했고, 채점한 것은 {kept}입니다"))
        elif not gradable_name(name):
            notes.append(Text(f"{name}: not a .py or .ipynb file (unzip archives first)",
                              f"{name}: .py나 .ipynb 파일이 아닙니다 (압축 파일은 먼저 풀어 주세요)"))
        else:
            stem = Path(name).stem
            if stem in seen:
                notes.append(Text(f"{name}: {stem} also has {seen[stem]}, which is the one graded",
                                  f"{name}: {stem} 학생은 {seen[stem]}도 제출했고, 채점한 것은 {seen[stem]}입니다"))
            else:
                seen[stem] = name
    return notes
