"""The class roster, and which submission belongs to which student on it.

A TA gets the roster from the university's portal or the LMS as a CSV file: saved by Korean Excel (CP949),
by an LMS (UTF-8 with a byte-order mark) or by hand (UTF-8), with Korean or English headers, sometimes
under a title line. The header row is found by its names, never by its position, and every doubt is said
to the TA (``problems``) rather than guessed: a submission matched to the wrong student is a wrong grade
that nobody sees.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..feedback.text import Text
from . import IntakeError
from .lms import clean as clean_name

if TYPE_CHECKING:  # the fields used are listed in match(); discover.py is not imported at run time
    from ..discover import Submission


class RosterError(IntakeError):
    """The roster cannot be used as it is."""


@dataclass(frozen=True)
class Person:
    student_id: str
    name: str              # NFC, spaces collapsed
    email: str = ""
    lms_id: str = ""       # Moodle participant id / Canvas user id / Blackboard username
    section: str = ""
    extension: str = ""    # raw text, read by late.due_for: "", days ("2", "1.5") or a time


@dataclass(frozen=True)
class Row:
    person: Person | None            # None: a submission that matches nobody on the roster
    submission: Submission | None    # None: a roster student with no submission ("missing")
    how: str                         # "lms_id" | "name" | "email" | "": how they matched
    dropped: tuple[Submission, ...] = ()   # other submissions that matched the same person (the older ones)
    candidates: tuple[Person, ...] = ()    # an unmatched submission: the people it could equally be
    ambiguous: str = ""                    # ... and by what they tie: "lms_id" | "name" | "email"


# ---------------------------------------------------------------------------------------------- reading

# Header names, normalised (``_key``), in order of preference: 학번 beats a bare "id".
COLUMNS: dict[str, tuple[str, ...]] = {
    "student_id": ("학번", "학생번호", "studentid", "studentnumber", "id"),
    "name": ("이름", "성명", "학생이름", "name", "fullname", "studentname"),
    "email": ("이메일", "이메일주소", "email", "emailaddress"),
    "lms_id": ("lmsid", "participantid", "canvasid", "canvasuserid", "userid", "username"),
    "section": ("분반", "section"),
    "extension": ("연장", "extension"),
}
# What a missing required column is called, in the error (Korean, English, its accepted headers).
REQUIRED = {"student_id": ("학번", "student id", "학번, student_id, id, student number"),
            "name": ("이름", "name", "이름, 성명, name, full name")}


def _key(header: str) -> str:
    """A header as compared: NFC, lower case, without spaces, '_', '-' or '.'."""
    return re.sub(r"[\s_\-.]", "", unicodedata.normalize("NFC", header)).casefold()


def _role_of(header: str) -> tuple[str, int] | None:
    """(column role, preference) of a header; a trailing note in brackets is ignored ("연장 (일)")."""
    for key in (_key(header), _key(re.sub(r"\s*[(\[].*[)\]]\s*$", "", header))):
        for role, aliases in COLUMNS.items():
            if key in aliases:
                return role, aliases.index(key)
    return None


def decode_table(data: bytes) -> str:
    """CSV bytes as text: UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 with or without a BOM, else
    CP949 (what Korean Excel saves as "CSV"). Raises UnicodeDecodeError when none fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949")


def read_table(path: Path, error: type[IntakeError]) -> str:
    """A CSV file the TA gave, as text; ``error`` (the caller's kind) with one line when it cannot be read."""
    try:
        return decode_table(path.read_bytes())
    except OSError as exc:
        raise error(Text(f"{path.name}: cannot be read ({exc.strerror})",
                         f"{path.name}: 파일을 읽을 수 없습니다 ({exc.strerror})")) from None
    except UnicodeDecodeError:
        raise error(Text(f"{path.name}: not a CSV text file in UTF-8 or CP949 (save it from Excel as CSV)",
                         f"{path.name}: UTF-8이나 CP949로 된 CSV 파일이 아닙니다 (Excel에서 CSV로 저장해 주세요)")) from None


def table_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every CSV record, cells stripped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(reader.line_num, [c.strip() for c in cells]) for cells in reader]


DELIMITERS = (",", "\t", ";")


def _columns(cells: list[str]) -> dict[str, int]:
    """Role -> column index for one header row, the most specific header winning each role."""
    best: dict[str, tuple[int, int]] = {}
    for i, cell in enumerate(cells):
        found = _role_of(cell) if cell else None
        if found is not None and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], i)
    return {role: i for role, (_, i) in best.items()}


def load_roster(path: Path) -> list[Person]:
    """Every person on the roster, in its order. Raises RosterError for an unreadable file, a missing name
    or student id column (naming the headers it did see), a row with a name and no student id or the
    reverse, or a student id or LMS id on two rows. Rows with neither (blank lines, a count below the
    table in another column) are skipped."""
    name = path.name
    text = read_table(path, RosterError)
    found = None
    for delimiter in DELIMITERS:   # the header is one of the first rows (a title line may come first)
        rows = [r for r in table_rows(text, delimiter) if any(r[1])]
        for k, (_, cells) in enumerate(rows[:10]):
            cols = _columns(cells)
            if REQUIRED.keys() <= cols.keys():
                found = cols, rows[k + 1:]
                break
        if found:
            break
    if found is None:
        first = next((cells for _, cells in table_rows(text, ",") if any(cells)), [])
        seen = ", ".join(c for c in first if c) or "-"
        cols = _columns(first)
        missing = [REQUIRED[r] for r in REQUIRED if r not in cols]
        what_en = " and no ".join(f"{en} column ({heads})" for _, en, heads in missing)
        what_ko = "과 ".join(f"{ko} 열({heads})" for ko, _, heads in missing)
        raise RosterError(Text(f"{name}: no {what_en}; its first row has: {seen}",
                               f"{name}: {what_ko}이 없습니다. 첫 행의 열: {seen}"))
    cols, body = found
    people: list[Person] = []
    where: dict[tuple[str, str], tuple[int, Person]] = {}
    for line, cells in body:
        def cell(role: str) -> str:
            i = cols.get(role)
            return cells[i] if i is not None and i < len(cells) else ""
        sid, pname = cell("student_id"), clean_name(cell("name"))
        if not sid:
            if pname:
                raise RosterError(Text(f"{name}, line {line}: {pname} has no student id",
                                       f"{name} {line}행: {pname} 학생의 학번이 비어 있습니다"))
            continue   # a footer or a note in another column ("총 32명"): not a person
        if not pname:
            raise RosterError(Text(f"{name}, line {line}: student id {sid} has no name",
                                   f"{name} {line}행: 학번 {sid}에 이름이 없습니다"))
        person = Person(sid, pname, cell("email"), cell("lms_id"), cell("section"), cell("extension"))
        for field, label_en, label_ko in (("student_id", "student id", "학번이"), ("lms_id", "LMS id", "LMS ID가")):
            value = getattr(person, field)
            if not value:
                continue
            if (field, value) in where:
                first_line, other = where[(field, value)]
                raise RosterError(Text(
                    f"{name}: lines {first_line} and {line} have the same {label_en} {value} "
                    f"({other.name}, {person.name})",
                    f"{name}: {first_line}행과 {line}행의 {label_ko} 같습니다: {value} "
                    f"({other.name}, {person.name})"))
            where[(field, value)] = (line, person)
        people.append(person)
    return people


# --------------------------------------------------------------------------------------------- matching

def _name_key(name: str) -> str:
    """Names compare NFC, spaces collapsed, case-insensitive (Hangul has no case: casefold keeps it)."""
    return clean_name(name).casefold()


def _squeezed(name: str) -> str:
    """A name as Canvas writes it in file names: its sortable name ("Kim, Minji") without anything but
    letters and digits, lower case ("kimminji"). Undoing that sanitiser is not guessing word order:
    "Minji Kim" squeezes to "minjikim", which is not "kimminji"."""
    return re.sub(r"[\W_]", "", clean_name(name)).casefold()


def _email_keys(sub: Submission) -> set[str]:
    keys = {k.casefold() for k in (sub.lms_id, sub.name) if k and "@" in k}
    return keys


def _local_part(email: str) -> str:
    return email.split("@", 1)[0].casefold() if "@" in email else ""


def _newest(subs: list[tuple[int, Submission]]) -> tuple[int, Submission]:
    """Of one person's submissions: the latest submitted_at when every one has it, else the later in the
    list (a download lists attempts in order)."""
    if all(s.submitted_at is not None for _, s in subs):
        try:
            return max(subs, key=lambda p: (p[1].submitted_at, p[0]))
        except TypeError:   # naive beside aware: not comparable, fall back on the order
            pass
    return max(subs, key=lambda p: p[0])


def match(people: list[Person], subs: list[Submission]) -> list[Row]:
    """Every person once, in roster order (with their submission, or None), then every submission that
    matches nobody, sorted by student.

    Matching order, each step only for what is still unmatched: the LMS id (roster lms_id ==
    submission.lms_id); the name (NFC, spaces collapsed, case-insensitive; for a Canvas file also without
    the spaces and punctuation Canvas's file names drop); the e-mail (the roster's e-mail equal to the
    submission's LMS id or name, or its local part equal to a Blackboard username). A key shared by two
    roster people matches neither (the row keeps them as ``candidates``). Two submissions for one person:
    the newer is kept and the other goes to ``dropped``.

    Fields used of a Submission: student, lms_id, name, lms, submitted_at.
    """
    by_lms: dict[str, list[Person]] = {}
    by_name: dict[str, list[Person]] = {}
    by_squeezed: dict[str, list[Person]] = {}
    by_email: dict[str, list[Person]] = {}
    by_local: dict[str, list[Person]] = {}
    for p in people:
        if p.lms_id:
            by_lms.setdefault(p.lms_id, []).append(p)
        if p.name:
            by_name.setdefault(_name_key(p.name), []).append(p)
            by_squeezed.setdefault(_squeezed(p.name), []).append(p)
        if p.email:
            by_email.setdefault(p.email.casefold(), []).append(p)
            by_local.setdefault(_local_part(p.email), []).append(p)

    matched: dict[int, tuple[Person, str]] = {}           # submission index -> (person, how)
    tied: dict[int, tuple[tuple[Person, ...], str]] = {}   # submission index -> (candidates, key kind)

    def unique(found: list[Person], i: int, how: str) -> bool:
        """One person: matched. Several: a tie, remembered (a later step may still find one person)."""
        found = list(dict.fromkeys(found))
        if len(found) == 1:
            matched[i] = (found[0], how)
            tied.pop(i, None)
            return True
        if len(found) > 1 and i not in tied:
            tied[i] = (tuple(found), how)
        return False

    steps = (
        ("lms_id", lambda s: by_lms.get(s.lms_id, []) if s.lms_id else []),
        ("name", lambda s: (by_name.get(_name_key(s.name), []) if s.name else [])
         or (by_squeezed.get(_squeezed(s.name), []) if s.name and s.lms == "canvas" else [])),
        ("email", lambda s: [p for k in _email_keys(s) for p in by_email.get(k, [])]
         or (by_local.get(s.lms_id.casefold(), []) if s.lms == "blackboard" and s.lms_id else [])),
    )
    for how, candidates in steps:
        for i, sub in enumerate(subs):
            if i not in matched:
                unique(candidates(sub), i, how)

    per_person: dict[int, list[tuple[int, Submission]]] = {}
    index_of = {id(p): k for k, p in enumerate(people)}
    for i, (person, _) in matched.items():
        per_person.setdefault(index_of[id(person)], []).append((i, subs[i]))

    rows: list[Row] = []
    for k, person in enumerate(people):
        mine = per_person.get(k, [])
        if not mine:
            rows.append(Row(person, None, ""))
            continue
        i, kept = _newest(mine)
        dropped = tuple(s for j, s in sorted(mine, key=lambda p: p[0]) if j != i)
        rows.append(Row(person, kept, matched[i][1], dropped))
    loose = sorted((i for i in range(len(subs)) if i not in matched), key=lambda i: (subs[i].student, i))
    for i in loose:
        candidates, kind = tied.get(i, ((), ""))
        rows.append(Row(None, subs[i], "", candidates=candidates, ambiguous=kind))
    return rows


# --------------------------------------------------------------------------------------- what to tell

_LMS_LABEL = {"moodle": "Moodle participant", "canvas": "Canvas user", "blackboard": "Blackboard user"}
_LMS_LABEL_KO = {"moodle": "무들 참가자", "canvas": "Canvas 사용자", "blackboard": "Blackboard 사용자"}


def _who(sub: Submission) -> Text:
    """A submission as a TA finds it: its student key, and the name and LMS id when they add something."""
    en, ko = [], []
    if sub.name and sub.name != sub.student:
        en.append(sub.name)
        ko.append(sub.name)
    if sub.lms_id and sub.lms_id != sub.student:
        en.append(f"{_LMS_LABEL.get(sub.lms, 'LMS')} {sub.lms_id}")
        ko.append(f"{_LMS_LABEL_KO.get(sub.lms, 'LMS')} {sub.lms_id}")
    if not en:
        return Text.same(sub.student)
    return Text(f"{sub.student} ({', '.join(en)})", f"{sub.student}({', '.join(ko)})")


def _person(p: Person) -> Text:
    return Text(f"{p.name} ({p.student_id})", f"{p.name}({p.student_id})")


def _when(sub: Submission) -> str:
    t = sub.submitted_at
    return t.strftime("%Y-%m-%d %H:%M") if t is not None else ""


_KEY_LABEL = {"lms_id": ("LMS id", "LMS ID가"), "name": ("name", "이름이"), "email": ("e-mail", "이메일이")}


def problems(rows: list[Row]) -> list[Text]:
    """What a TA must be told, one line each: submissions on nobody's row ("not on the roster"), names
    (or ids) shared by several roster people, and the older submissions of a person that are not graded.
    A roster student with no submission is not listed: the overview shows them as missing."""
    lines: list[Text] = []
    for row in rows:
        sub = row.submission
        if row.person is None and sub is not None:
            who = _who(sub)
            if row.candidates:
                key_en, key_ko = _KEY_LABEL.get(row.ambiguous, ("name", "이름이"))
                ids = ", ".join(p.student_id for p in row.candidates)
                n = len(row.candidates)
                lines.append(Text(
                    f"{who.en}: {n} students on the roster have this {key_en} ({ids}), so it was matched to "
                    "none of them; add an LMS id or e-mail column to the roster to tell them apart",
                    f"{who.ko}: 명단에 {key_ko} 같은 학생이 {n}명({ids}) 있어서 누구와도 연결하지 않았습니다. "
                    "명단에 LMS ID나 이메일 열을 넣으면 구별할 수 있습니다"))
            else:
                lines.append(Text(
                    f"{who.en}: not on the roster; graded, but matched to no student",
                    f"{who.ko}: 명단에 없는 제출입니다. 채점은 했지만 어느 학생과도 연결하지 않았습니다"))
        for old in row.dropped:
            assert row.person is not None and sub is not None
            person, kept = _person(row.person), _who(sub)
            if _when(old) and _when(sub):
                lines.append(Text(
                    f"{person.en}: also submitted {_who(old).en} at {_when(old)}; the newer one, "
                    f"{kept.en} at {_when(sub)}, is graded",
                    f"{person.ko} 학생은 {_who(old).ko}도 {_when(old)}에 제출했고, 채점한 것은 더 최근인 "
                    f"{_when(sub)}에 제출한 {kept.ko}입니다"))
            else:
                lines.append(Text(
                    f"{person.en}: also submitted {_who(old).en}; {kept.en}, later in the download, is graded",
                    f"{person.ko} 학생은 {_who(old).ko}도 제출했고, 채점한 것은 다운로드에서 뒤에 있는 "
                    f"{kept.ko}입니다"))
    return lines
