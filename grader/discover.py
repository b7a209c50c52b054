"""A folder of submissions as a list of students, each with the one file to grade.

Two kinds of folder arrive.  A plain one: ``NAME.py`` or ``NAME.ipynb`` (any case: ``NAME.PY`` from
Windows) is student NAME; so is a folder ``NAME/`` holding such a file at any depth (the assignment's entry
file preferred when it holds several).  And an LMS's bulk download, unpacked: Moodle's participant folders
(or, in flat mode, files), Canvas's and Blackboard's flat files, whose names say whose they are
(``grader/intake/lms.py`` reads them).  Here the entries of one student are grouped (by the LMS's id, never
by a name, which two people can share), one file is chosen, and the rest is kept in ``others``, so that a
student with two files, an online text and three attempts is one student, not five.

Anything else is reported, not guessed at (``skipped``).  Symbolic links are never followed: a link in an
unpacked archive could point at any file the TA can read (the solutions, /etc/passwd) and show it in a report.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .feedback.text import Text
from .intake import lms
from .intake.lms import BLACKBOARD, CANVAS, FILE, LINK, MOODLE, RECEIPT, TEXT, LmsName

SUFFIXES = (".py", ".ipynb")
JUNK_DIRS = {".ipynb_checkpoints", "__pycache__", "__MACOSX"}


@dataclass(frozen=True)
class Submission:
    student: str                 # unique in the class, the report's file name (NAME.json): NFC, a safe name
    path: Path | None            # None when the student has no gradable file
    problem: Text | None = None  # why there is none, for the report
    lms_id: str = ""             # Moodle participant id, Canvas user id, Blackboard username ("" for a plain folder)
    name: str = ""               # the name as the LMS wrote it (NFC, spaces collapsed); "" when hidden or plain
    lms: str = ""                # "moodle" | "canvas" | "blackboard" | "" (a plain folder of NAME.py / NAME/)
    submitted_at: datetime | None = None  # Blackboard's attempt time (naive: the LMS server's local time)
    late_flag: bool = False      # the LMS marked it late without a time (Canvas's _late_)
    others: tuple[str, ...] = ()  # the student's entries that are not graded (older attempts, a second file,
                                  # online text; in the graded file's folder, its other .py/.ipynb files), as
                                  # paths relative to the folder; all their entries when nothing is graded


# --------------------------------------------------------------------------------------- plain folders

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
    """The file to grade in a student's folder: the entry file, else its notebook, else the only one."""
    cands = [_Cand(f, f.name, (0, 0), folder) for f in _files(folder)]
    chosen = _choose(cands, entry, several="ask")
    return (chosen.path, None) if chosen is not None else (None, _none_in([folder], cands, entry))


# ------------------------------------------------------------------------------------- choosing a file

@dataclass(frozen=True)
class _Cand:
    path: Path                # a gradable file
    own: str                  # the name the student gave it (what the LMS's prefix was added to)
    newness: tuple[int, int]  # Canvas: (attachment id, re-upload n); the highest is the latest
    item: Path                # the top-level entry it is, or is in
    late: bool = False


def _choose(cands: list[_Cand], entry: str, several: str) -> _Cand | None:
    """The entry file (by the student's own name for it), else its notebook, else the only file; of
    several equally good, the latest (Canvas) or the first by path.  With several and none named like the
    entry file: the latest for Canvas (a re-upload under another name), the first for a plain student's
    NAME.py beside NAME.ipynb, and none otherwise (``several="ask"``: the TA decides)."""
    def order(c: _Cand) -> tuple:
        return tuple(-n for n in c.newness), c.path
    stem = Path(entry).stem.lower()
    for wanted in (entry.lower(), stem + ".ipynb"):
        hits = [c for c in cands if wanted and c.own.lower() == wanted]
        if hits:
            return min(hits, key=order)
    if len(cands) == 1:
        return cands[0]
    if cands and several in ("latest", "first"):
        return min(cands, key=order)
    return None


def _none_in(items: list[Path], cands: list[_Cand], entry: str) -> Text:
    """Why nothing was chosen among ``items`` (folders or files of one student)."""
    names = ", ".join(c.own for c in cands[:5])
    if len(items) == 1 and items[0].is_dir():
        where = items[0].name
        if not cands:
            return Text(f"the folder {where}/ holds no .py or .ipynb file",
                        f"{where}/ 폴더에 .py나 .ipynb 파일이 없습니다")
        return Text(f"the folder {where}/ holds several files ({names}) and none is named {entry}",
                    f"{where}/ 폴더에 파일이 여러 개({names}) 있는데 {entry}라는 이름의 파일이 없습니다")
    if not cands:
        what = ", ".join(i.name + ("/" if i.is_dir() else "") for i in items[:5])
        return Text(f"no .py or .ipynb file was submitted (only {what})",
                    f".py나 .ipynb 파일을 제출하지 않았습니다 (제출한 것: {what})")
    return Text(f"several files were submitted ({names}) and none is named {entry}",
                f"파일을 여러 개({names}) 제출했는데 {entry}라는 이름의 파일이 없습니다")


# ------------------------------------------------------------------------------------------ the survey

ONLINE = {TEXT: Text("submitted as online text, not a file", "파일이 아니라 온라인 텍스트로 제출했습니다"),
          LINK: Text("submitted as a web link, not a file", "파일이 아니라 웹 링크로 제출했습니다")}


@dataclass
class _Student:
    """One student's entries, grouped, before their key is final."""
    lms: str
    lms_id: str
    name: str
    key: str                                 # the wanted student key (made unique later)
    chosen: _Cand | None
    problem: Text | None
    others: list[tuple[Path, str]] = field(default_factory=list)  # (entry, why: also | text | link | older | none)
    submitted_at: datetime | None = None
    late: bool = False


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S")


def _receipts(items: list[Path]) -> dict[tuple[str, datetime], lms.Receipt]:
    """Blackboard's receipts in the folder, by (head, attempt time); unreadable ones are left out."""
    found = {}
    for item in items:
        parsed = lms.blackboard(item.name)
        if parsed is None or parsed.kind != RECEIPT or item.is_symlink() or not item.is_file():
            continue
        try:
            found[parsed.head, parsed.attempt] = lms.read_receipt(item)
        except OSError:
            continue
    return found


def _survey(folder: Path, entry: str) -> tuple[list[Submission], list[Text]]:
    """Every student in ``folder`` and what is not graded: one walk for ``discover`` and ``skipped``."""
    strays: list[tuple[str, Text]] = []
    items = sorted(folder.iterdir())
    receipts = _receipts(items)
    users = {head: r.username for (head, _), r in receipts.items() if r.username}
    listed = {zipname: (head, when, original) for (head, when), r in receipts.items()
              for zipname, original in r.files}
    groups: dict[tuple[str, str], list[tuple[Path, LmsName | None]]] = {}
    for item in items:
        name = item.name
        if name.startswith("."):
            continue
        if item.is_symlink():
            strays.append((name, Text(
                f"{name}: a symbolic link, not followed (it could point anywhere on this machine)",
                f"{name}: 심볼릭 링크라서 따라가지 않았습니다 (이 컴퓨터의 어느 파일이든 가리킬 수 있습니다)")))
            continue
        if name.startswith("_"):
            if name != "__pycache__":
                strays.append((name, Text(
                    f"{name}: names starting with _ are not students (rename it to grade it)",
                    f"{name}: 이름이 _로 시작하면 학생으로 보지 않습니다 (채점하려면 이름을 바꾸세요)")))
            continue
        is_dir = item.is_dir()
        parsed = lms.parse(name, is_dir)
        known = listed.get(lms.clean(name))
        if known is not None and not is_dir:
            # A file a Blackboard receipt names: its original name, and for a name Blackboard mangled
            # past reading, its attempt too, from there.
            head, when, original = known
            parsed = LmsName(BLACKBOARD, head.rsplit("_", 1)[-1], "", FILE, filename=original,
                             attempt=when, head=head)
        if parsed is not None:
            if parsed.lms == BLACKBOARD:
                parsed = replace(parsed, lms_id=lms.username(parsed, users.get(parsed.head, "")))
            key = (parsed.lms, parsed.lms_id or "name\0" + parsed.name)
        elif is_dir:
            if _pick(item, entry)[0] is None and gradable_name(name):  # "x.py/" with no code: not a student
                strays.append((name, Text(f"{name}/: a folder named like a file, with no .py or .ipynb file in it",
                                          f"{name}/: 파일 이름 같은 폴더인데 안에 .py나 .ipynb 파일이 없습니다")))
                continue
            key = ("", lms.clean(name))
        elif gradable_name(name):
            key = ("", lms.clean(Path(name).stem))
        else:
            strays.append((name, Text(f"{name}: not a .py or .ipynb file (unzip archives first)",
                                      f"{name}: .py나 .ipynb 파일이 아닙니다 (압축 파일은 먼저 풀어 주세요)")))
            continue
        groups.setdefault(key, []).append((item, parsed))
    students = [_student(key, group, entry, receipts) for key, group in groups.items()]
    _unique(students)
    subs, notes = [], strays
    for s in sorted(students, key=lambda s: s.key):
        kept = s.chosen.path.relative_to(folder).as_posix() if s.chosen is not None else ""
        others = sorted((p.relative_to(folder).as_posix(), why) for p, why in s.others)
        subs.append(Submission(s.key, s.chosen.path if s.chosen else None, s.problem, s.lms_id, s.name, s.lms,
                               s.submitted_at, s.late, tuple(rel for rel, _ in others)))
        notes += [(rel, _other_note(rel, why, s.key, kept)) for rel, why in others if why in ("also", TEXT, LINK)]
    return subs, [note for _, note in sorted(notes, key=lambda n: n[0])]


def _other_note(rel: str, why: str, student: str, kept: str) -> Text:
    if why == TEXT:
        return Text(f"{rel}: {student}'s online text; only files are graded, and {kept} is",
                    f"{rel}: {student} 학생의 온라인 텍스트입니다. 파일만 채점하며, 채점한 파일은 {kept}입니다")
    if why == LINK:
        return Text(f"{rel}: {student}'s web link; only files are graded, and {kept} is",
                    f"{rel}: {student} 학생이 제출한 웹 링크입니다. 파일만 채점하며, 채점한 파일은 {kept}입니다")
    return Text(f"{rel}: {student} also has {kept}, which is the one graded",
                f"{rel}: {student} 학생이 함께 제출한 것입니다. 채점한 파일은 {kept}입니다")


def _student(key: tuple[str, str], group: list[tuple[Path, LmsName | None]], entry: str,
             receipts: dict[tuple[str, datetime], lms.Receipt]) -> _Student:
    """One student from their entries: who they are, the file to grade, and what else they sent."""
    kind, ident = key
    parsed = [p for _, p in group if p is not None]
    current, older = group, []
    newest = receipt = None
    if kind == BLACKBOARD:  # every attempt is in the download: the newest is the submission
        newest = max(p.attempt for p in parsed)
        current = [(i, p) for i, p in group if p.attempt == newest]
        older = [(i, p) for i, p in group if p.attempt != newest and p.kind != RECEIPT]
        receipt = next((receipts[p.head, p.attempt] for _, p in current if (p.head, p.attempt) in receipts), None)
    uploads = [(i, p) for i, p in current if p is None or p.kind == FILE]
    online = [(i, p) for i, p in current if p is not None and p.kind in (TEXT, LINK)]
    expected = (entry, Path(entry).stem + ".ipynb")
    cands: list[_Cand] = []
    for item, p in uploads:
        if item.is_dir():
            cands += [_Cand(f, f.name, (p.attachment if p else 0, 0), item, p is not None and p.late)
                      for f in _files(item)]
        elif gradable_name(item.name):
            if p is None:
                own, again = item.name, 0
            elif p.lms == CANVAS:
                own, again = lms.resubmitted(p.filename, expected)
            else:
                own, again = p.filename, 0
            cands.append(_Cand(item, own, (p.attachment if p else 0, again), item, p is not None and p.late))
    if kind == CANVAS:
        several = "latest"  # every attachment of the submission is there; a re-upload may be renamed
    elif kind == "" and not any(i.is_dir() for i, _ in uploads):
        several = "first"   # NAME.ipynb beside NAME.py: the first by name, as always
    else:
        several = "ask"
    chosen = _choose(cands, entry, several)
    problem = None if chosen is not None else _missing(uploads, online, cands, entry, newest, receipt, len(older))
    lms_id, name, wanted = _identity(kind, ident, group, chosen, receipt, receipts)
    s = _Student(kind, lms_id, name, _safe(wanted), chosen, problem, submitted_at=newest,
                 late=chosen.late if chosen is not None else any(p.late for p in parsed))
    for item, p in group:
        if p is not None and p.kind == RECEIPT:
            continue  # read for the name and the original file names; it is not the student's work
        if chosen is None:
            s.others.append((item, "none"))
        elif item == chosen.item and item.is_dir():
            s.others += [(f, "also") for f in _files(item) if f != chosen.path]
        elif item == chosen.item:
            continue
        elif p is not None and kind == BLACKBOARD and p.attempt != newest:
            s.others.append((item, "older"))
        elif p is not None and p.kind in (TEXT, LINK):
            s.others.append((item, p.kind))
        else:
            s.others.append((item, "also"))
    return s


def _identity(kind: str, ident: str, group: list[tuple[Path, LmsName | None]], chosen: _Cand | None,
              receipt: lms.Receipt | None, receipts: dict[tuple[str, datetime], lms.Receipt]) -> tuple[str, str, str]:
    """(LMS id, name, wanted student key): the name as the LMS wrote it (Canvas: the graded file's; Blackboard:
    the latest receipt's), and as the key the name, else what stands for it when the LMS hides it."""
    if kind == "":
        return "", "", ident
    lms_id = "" if ident.startswith("name\0") else ident
    name = next((p.name for _, p in group if p is not None and p.name), "")
    if kind == CANVAS and chosen is not None:
        name = next((p.name for i, p in group if i == chosen.item and p is not None and p.name), name)
    if kind == BLACKBOARD:
        latest_first = sorted(receipts.items(), key=lambda kv: kv[0][1], reverse=True)
        name = (receipt.name if receipt is not None else "") or next(
            (r.name for _, r in latest_first if r.username == ident and r.name), "")
    if kind == MOODLE and not name and lms_id:
        return lms_id, "", f"Participant_{lms_id}"   # blind marking: stable whatever the teacher's language
    return lms_id, name, name or lms_id


def _missing(uploads: list, online: list, cands: list[_Cand], entry: str, newest: datetime | None,
             receipt: lms.Receipt | None, older: int) -> Text:
    """Why a student who sent something has no file to grade."""
    if cands:
        why = _none_in([i for i, _ in uploads], cands, entry)
    elif not uploads and online:
        why = ONLINE[online[0][1].kind]
    elif not uploads and newest is not None:
        when = _stamp(newest)
        if receipt is not None and receipt.files:
            names = ", ".join(original for _, original in receipt.files[:5])
            why = Text(f"Blackboard's receipt for the latest attempt ({when}) lists {names}, but it is not in "
                       f"the folder", f"최근 시도({when})의 Blackboard 제출 확인서에는 파일({names})이 있는데 "
                       f"폴더에는 없습니다")
        elif receipt is not None and receipt.text:
            why = Text(f"the latest attempt ({when}) is text typed into Blackboard, with no file attached",
                       f"최근 시도({when})는 Blackboard에 직접 입력한 글이며, 첨부한 파일이 없습니다")
        else:
            why = Text(f"no file was attached to the latest attempt ({when})",
                       f"최근 시도({when})에 첨부한 파일이 없습니다")
    else:
        why = _none_in([i for i, _ in uploads], cands, entry)
    if newest is not None and uploads and not cands:
        why = Text(f"the latest attempt ({_stamp(newest)}): ", f"최근 시도({_stamp(newest)}): ") + why
    if older:
        why += Text(f"; {older} file(s) of older attempts are not graded",
                    f". 이전 시도의 파일 {older}개는 채점하지 않습니다")
    return why


# ----------------------------------------------------------------------------------------- student keys

UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]")
KEY_BYTES = 200  # with ".json" still well within a file name's 255 bytes


def _safe(key: str) -> str:
    """A student key that is a safe file name: NFC, one space between words, no "/", "\\", control
    character or leading dot, at most KEY_BYTES bytes of UTF-8."""
    key = UNSAFE.sub("_", lms.clean(key)).lstrip(".")
    while len(key.encode()) > KEY_BYTES:
        key = key[:-1]
    return key or "student"


def _unique(students: list[_Student]) -> None:
    """Two people of one name keep their LMS ids in their keys (``name_<id>``); anything still alike
    (never in a real download) is numbered, in a fixed order, so that no report overwrites another."""
    count = Counter(s.key for s in students)
    for s in students:
        if count[s.key] > 1 and s.lms_id:
            s.key = _safe(f"{s.key}_{s.lms_id}")
    taken: set[str] = set()
    for s in sorted(students, key=lambda s: (s.key, s.lms, s.lms_id)):
        key, n = s.key, 1
        while key in taken:
            n += 1
            key = _safe(f"{s.key}_{n}")
        s.key = key
        taken.add(key)


# ------------------------------------------------------------------------------------------- interface

def discover(folder: Path, entry: str) -> list[Submission]:
    """Every student in ``folder``, sorted by their key (NFC, so Korean names sort as Korean)."""
    return _survey(folder, entry)[0]


def skipped(folder: Path, entry: str = "") -> list[Text]:
    """What in ``folder`` is not graded, and why, once each: said to the TA (console and overview), so
    nothing is lost silently.  Entries of no student (a stray file, a link, ``_draft.py``), and a graded
    student's second file or online text.  Blackboard's older attempts are left to ``Submission.others``:
    every re-submission leaves one, and a line each would bury the strays; so are the entries of a student
    with nothing to grade, whose ``problem`` names them."""
    return _survey(folder, entry)[1]


def lms_of(subs: list[Submission]) -> str:
    """The LMS the class's download came from: the one most submissions came from ("" for a plain folder);
    a tie goes to an LMS over a plain folder, then to Moodle, Canvas, Blackboard in that order."""
    count = Counter(s.lms for s in subs)
    best = max(count.values(), default=0)
    return next((k for k in (MOODLE, CANVAS, BLACKBOARD, "") if best and count[k] == best), "")


def pick(folder: Path, entry: str) -> tuple[Path | None, Text | None, list[Path]]:
    """One student's folder (Gradescope's ``submission/``): the file to grade by the rule of a student's
    ``NAME/`` folder (the entry file, else its notebook, else the only file), or why none was chosen; and
    every gradable file in it (no link followed, no editor or OS junk)."""
    path, problem = _pick(folder, entry)
    return path, problem, _files(folder)
