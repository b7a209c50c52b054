"""A folder of submissions as a list of (student, file) pairs.

``NAME.py`` or ``NAME.ipynb`` (any case: ``NAME.PY`` from Windows) is student NAME; so is a folder
``NAME/`` holding such a file at any depth (the assignment's entry file preferred when it holds several).
Anything else is reported, not guessed at.  Symbolic links are never followed: a link in an unpacked
archive could point at any file the TA can read (the solutions, /etc/passwd) and show it in a report.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .feedback.text import Text

SUFFIXES = (".py", ".ipynb")
JUNK_DIRS = {".ipynb_checkpoints", "__pycache__", "__MACOSX"}


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path | None          # None when the student's folder holds no gradable file
    problem: Text | None = None  # why it could not be found, for the report
    lms_id: str = ""           # the LMS's user id when the file name carries one (a Canvas export)


# Canvas's "Download Submissions": name_[LATE_]userid_submissionid_original-file[-N].py
CANVAS = re.compile(r"^(?P<name>[^_]+)_(?:LATE_)?(?P<uid>\d+)_(?P<sid>\d+)_.+$")


def _student_of(stem: str) -> tuple[str, str]:
    """(student, LMS id) from a file name: a Canvas export's name and user id, else the name itself."""
    m = CANVAS.match(stem)
    return (m["name"], m["uid"]) if m else (stem, "")


def _newness(path: Path) -> tuple[int, int]:
    """Of one student's Canvas files, the latest: the highest submission id, then the highest -N."""
    m = CANVAS.match(Path(path.name).stem)
    if not m:
        return (0, 0)
    again = re.search(r"-(\d+)$", Path(path.name).stem)
    return int(m["sid"]), int(again[1]) if again else 0


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


def _pick(folder: Path, entry: str) -> tuple[Path | None, Text | None]:
    files = _files(folder)
    if not files:
        return None, Text(f"the folder {folder.name}/ holds no .py or .ipynb file",
                          f"{folder.name}/ 폴더에 .py나 .ipynb 파일이 없습니다")
    stem = Path(entry).stem.lower()
    for preferred in (entry.lower(), stem + ".ipynb"):
        for f in files:
            if f.name.lower() == preferred:
                return f, None
    if len(files) == 1:
        return files[0], None
    names = ", ".join(f.name for f in files[:5])
    return None, Text(f"the folder {folder.name}/ holds several files ({names}) and none is named {entry}",
                      f"{folder.name}/ 폴더에 파일이 여러 개({names}) 있는데 {entry}라는 이름의 파일이 없습니다")


def discover(folder: Path, entry: str) -> list[Submission]:
    """Every student in ``folder``, sorted by name."""
    found: dict[str, Submission] = {}
    for item in sorted(folder.iterdir()):
        if item.name.startswith((".", "_")) or item.is_symlink():
            continue
        if item.is_dir():
            path, problem = _pick(item, entry)
            if path is not None or not gradable_name(item.name):  # not a folder named like a file, empty
                found[f"{item.name}\0"] = Submission(item.name, path, problem)
        elif gradable_name(item.name):
            student, lms_id = _student_of(Path(item.name).stem)
            key = f"{student}\0{lms_id}"
            earlier = found.get(key)
            if earlier is not None and earlier.path is not None and _newness(item) <= _newness(earlier.path):
                continue  # NAME.py beside NAME.ipynb: the first in sorted order; in an export, the latest
            found[key] = Submission(student, item, lms_id=lms_id)
    subs = list(found.values())
    names = [s.student for s in subs]
    # Two people of the same name (Canvas ids differ) keep their ids in their names.
    subs = [replace(s, student=f"{s.student}_{s.lms_id}") if s.lms_id and names.count(s.student) > 1 else s
            for s in subs]
    return sorted(subs, key=lambda s: s.student)


def skipped(folder: Path, entry: str = "") -> list[Text]:
    """What in ``folder`` is not graded, and why: said to the TA (console and overview), so nothing is
    lost silently."""
    notes = []
    top_level = [s.path for s in discover(folder, entry) if s.path is not None and s.path.parent == folder]
    graded_of = {_student_of(Path(p.name).stem): p.name for p in top_level}  # (student, LMS id) -> file
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
            chosen, _ = _pick(item, entry)
            if chosen is None and gradable_name(name):  # as discover() decides: not a student
                notes.append(Text(f"{name}/: a folder named like a file, with no .py or .ipynb file in it",
                                  f"{name}/: 파일 이름 같은 폴더인데 안에 .py나 .ipynb 파일이 없습니다"))
                continue
            for other in _files(item):
                if chosen is not None and other != chosen:
                    rel, kept = other.relative_to(folder), chosen.relative_to(folder)
                    notes.append(Text(f"{rel}: {name} also has {kept}, which is the one graded",
                                      f"{rel}: {name} 학생은 {kept}도 제출했고, 채점한 것은 {kept}입니다"))
        elif not gradable_name(name):
            notes.append(Text(f"{name}: not a .py or .ipynb file (unzip archives first)",
                              f"{name}: .py나 .ipynb 파일이 아닙니다 (압축 파일은 먼저 풀어 주세요)"))
        elif item not in top_level:
            who = _student_of(Path(name).stem)
            kept = graded_of.get(who)
            if kept is not None:
                notes.append(Text(f"{name}: {who[0]} also has {kept}, which is the one graded",
                                  f"{name}: {who[0]} 학생은 {kept}도 제출했고, 채점한 것은 {kept}입니다"))
    return notes
