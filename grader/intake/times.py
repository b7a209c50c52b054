"""When each student submitted: Moodle's grading worksheet, or a plain ``student,submitted_at`` CSV.

A Moodle download holds no times (its folder names carry only the participant id), so lateness comes
from the assignment's offline grading worksheet ("Download grading worksheet"), whose column "Last
modified (submission)" Moodle fills in ``mod/assign/gradingtable.php``::``col_timesubmitted`` with
``userdate($timemodified)``, or "-" when there is no submission. ``userdate`` with no format uses the
language's ``strftimedaydatetime`` (``calendar/type/gregorian/classes/structure.php``,
``timestamp_to_date_string``), with the leading zeros of the day and of the hour removed:

    lang/en/langconfig.php     '%A, %d %B %Y, %I:%M %p'   -> "Monday, 7 December 2026, 11:41 PM"
    lang/en_us/langconfig.php  '%A, %B %d, %Y, %I:%M %p'  -> "Monday, December 7, 2026, 11:41 PM"
    ko langpack (4.4)          '%A, %d %B %Y, %I:%M %p'   -> "월요일, 7 12월 2026, 11:41 오후" in the ko_KR locale

So the worksheet's times have **no seconds** (a file sent at 23:59:40 reads "11:59 PM", in the student's
favour) and **no time zone**: they are in the Moodle time zone of the user who downloaded the worksheet
(the site's, unless that user changed it). They come back naive; late.lateness reads them in the due's
zone. The headers are Moodle's lang strings: ``recordid`` "Identifier" (ko: "식별자") and
``lastmodifiedsubmission`` "Last modified (submission)" (ko: "마지막 수정됨(제출)"); the identifier is
``hiddenuser`` "Participant " (ko: "참가자") followed by the participant id, the number in the download's
folder names.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from ..feedback.text import Text
from . import IntakeError
from .lms import clean
from .roster import DELIMITERS, read_table, table_rows


class TimesError(IntakeError):
    """A times file that cannot be used."""


def _key(header: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFC", header)).casefold()


# The worksheet's headers as Moodle's language packs write them (normalised by _key).
IDENTIFIER = {_key("Identifier"), _key("식별자")}
SUBMITTED = {_key("Last modified (submission)"), _key("마지막 수정됨(제출)")}

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTHS |= {m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9}
_TIME = re.compile(r"(?:(?P<pre>am|pm|오전|오후)\s*)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
                   r"(?:\s*(?P<post>am|pm|오전|오후))?", re.IGNORECASE)
EXAMPLE = "Monday, 7 December 2026, 11:41 PM"


def parse_moodle_time(value: str) -> datetime | None:
    """A worksheet time as Moodle writes it (see the module's docstring), or an ISO 8601 time (a sheet
    re-saved by a tool that rewrote the dates); None when it is neither. The weekday is not checked."""
    value = clean(value)
    iso = _iso(value)
    if iso is not None:
        return iso
    m = _TIME.search(value)
    if m is None or value[m.end():].strip():
        return None
    date = value[:m.start()].strip().rstrip(",")
    parts = [p.strip() for p in date.split(",")]
    if len(parts) > 1 and not re.search(r"\d", parts[0]):
        parts = parts[1:]                     # the weekday: "Monday", "월요일"
    day = month = year = None
    for token in re.findall(r"\d+월|\d+|[^\W\d_]+", " ".join(parts)):
        if token.endswith("월") and token[:-1].isdigit():
            number, is_month = int(token[:-1]), True
        elif token.isdigit():
            number, is_month = int(token), False
        elif token.casefold() in _MONTHS:
            number, is_month = _MONTHS[token.casefold()], True
        elif token in ("년", "일"):           # "2026년 12월 7일"
            continue
        else:
            return None
        if is_month:
            if month is not None:
                return None
            month = number
        elif len(token) == 4:
            if year is not None:
                return None
            year = number
        else:
            if day is not None:
                return None
            day = number
    if None in (day, month, year):
        return None
    hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    marker = (m["pre"] or m["post"] or "").casefold()
    if marker:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker in ("pm", "오후") else 0)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def load_worksheet(path: Path, expected_ids: set[str] | None = None) -> dict[str, datetime]:
    """Moodle's grading worksheet -> participant id -> "Last modified (submission)" (naive: the downloading
    user's Moodle time zone, see above). Rows without a submission ("-" or empty) are left out.

    ``expected_ids``: the participant ids of the download being graded. Moodle numbers participants per
    assignment, so when none of the worksheet's ids is among them the worksheet is another assignment's:
    TimesError, rather than a class graded as "no time known"."""
    name = path.name
    text = read_table(path, TimesError)
    found = None
    for delimiter in DELIMITERS:
        rows = [r for r in table_rows(text, delimiter) if any(r[1])]
        for k, (_, cells) in enumerate(rows[:5]):
            keys = [_key(c) for c in cells]
            ident = next((i for i, c in enumerate(keys) if c in IDENTIFIER), None)
            when = next((i for i, c in enumerate(keys) if c in SUBMITTED), None)
            if ident is not None and when is not None:
                found = ident, when, rows[k + 1:]
                break
        if found:
            break
    if found is None:
        first = next((cells for _, cells in table_rows(text, ",") if any(cells)), [])
        keys = {_key(c) for c in first}
        missing = [h for h, names in (("Identifier", IDENTIFIER), ("Last modified (submission)", SUBMITTED))
                   if not keys & names]
        seen = ", ".join(c for c in first if c) or "-"
        cols = " and ".join(f'"{m}"' for m in missing)
        raise TimesError(Text(
            f"{name}: not a Moodle grading worksheet: no {cols} column (its first row has: {seen})",
            f"{name}: 무들 채점 워크시트가 아닙니다. {cols} 열이 없습니다 (첫 행의 열: {seen})"))
    ident, when, body = found
    times: dict[str, datetime] = {}
    ids: dict[str, int] = {}
    for line, cells in body:
        label = cells[ident] if ident < len(cells) else ""
        value = cells[when] if when < len(cells) else ""
        number = re.search(r"(\d+)$", label)
        if number is None:
            raise TimesError(Text(
                f"{name}, line {line}: the identifier {label!r} holds no participant number "
                "(Moodle writes 'Participant 1234567')",
                f"{name} {line}행: 식별자 '{label}'에 참가자 번호가 없습니다 (무들은 'Participant 1234567'처럼 씁니다)"))
        pid = number[1]
        if pid in ids:
            raise TimesError(Text(f"{name}: lines {ids[pid]} and {line} are both participant {pid}",
                                  f"{name}: {ids[pid]}행과 {line}행이 모두 참가자 {pid}입니다"))
        ids[pid] = line
        if value in ("", "-"):
            continue
        moment = parse_moodle_time(value)
        if moment is None:
            raise TimesError(Text(
                f"{name}, line {line}: cannot read the submission time {value!r} (Moodle writes '{EXAMPLE}')",
                f"{name} {line}행: 제출 시각을 읽을 수 없습니다: '{value}' (무들은 '{EXAMPLE}'처럼 씁니다)"))
        times[pid] = moment
    if expected_ids and ids and not ids.keys() & expected_ids:
        raise TimesError(Text(
            f"{name}: a worksheet from another assignment: none of its {len(ids)} participant ids is in this "
            "download (Moodle numbers participants anew for every assignment; download this assignment's "
            "worksheet)",
            f"{name}: 다른 과제의 워크시트입니다. 참가자 번호 {len(ids)}개 중 이 다운로드에 있는 번호가 하나도 "
            "없습니다 (무들은 과제마다 참가자 번호를 새로 매깁니다. 이 과제의 워크시트를 내려받아 주세요)"))
    return times


ISO_EXAMPLE = "2026-12-07T23:41:00+09:00"
_HEADER_WORDS = {"student", "학생", "name", "이름", "학번", "id", "key"}


def _iso(value: str) -> datetime | None:
    """An ISO 8601 date and time (a date alone is not a time of submission)."""
    if ":" not in value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def load_times(path: Path) -> dict[str, datetime]:
    """A plain CSV ``student,submitted_at`` (a header row is optional) -> key -> time (ISO 8601, with a
    zone or naive; a naive time is read in the due's zone). The key is whatever the TA wrote: the CLI
    matches it against a submission's student, name and LMS id. A line without a key, with a time that
    is not ISO 8601, or a key given twice is a TimesError naming the line."""
    name = path.name
    text = read_table(path, TimesError)
    rows = [r for r in table_rows(text, ",") if any(r[1])]
    if rows and rows[0][1] and _key(rows[0][1][0]) in _HEADER_WORDS:
        rows = rows[1:]   # a header row ("student,submitted_at"); any other first line is data
    times: dict[str, datetime] = {}
    lines: dict[str, int] = {}
    for line, cells in rows:
        key = cells[0] if cells else ""
        value = cells[1] if len(cells) > 1 else ""
        if not key:
            raise TimesError(Text(f"{name}, line {line}: no student before the time",
                                  f"{name} {line}행: 시각 앞에 학생이 없습니다"))
        if not value:
            raise TimesError(Text(f"{name}, line {line}: no submission time for {key}",
                                  f"{name} {line}행: {key}의 제출 시각이 없습니다"))
        moment = _iso(value)
        if moment is None:
            raise TimesError(Text(
                f"{name}, line {line}: cannot read the time {value!r}; write ISO 8601, e.g. {ISO_EXAMPLE}",
                f"{name} {line}행: 시각을 읽을 수 없습니다: '{value}'. {ISO_EXAMPLE}처럼 ISO 8601로 써 주세요"))
        key = clean(key)
        if key in lines:
            raise TimesError(Text(f"{name}: lines {lines[key]} and {line} both give a time for {key}",
                                  f"{name}: {lines[key]}행과 {line}행 모두 {key}의 시각입니다"))
        lines[key] = line
        times[key] = moment
    return times
