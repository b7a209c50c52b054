"""Submission times: Moodle's grading worksheet as Moodle writes it, and a TA's plain times CSV."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from grader.intake.times import TimesError, load_times, load_worksheet, parse_moodle_time

DATA = Path(__file__).parent.parent / "data" / "intake" / "course"
WEEK9 = DATA / "Grades-ANN2026-Week 9 neural network-4121.csv"
WEEK8 = DATA / "Grades-ANN2026-Week 8 activations-4098.csv"
DOWNLOAD_IDS = {"1234567", "1234568", "1234569", "1234570"}   # the folder names of week 9's download
KST = timezone(timedelta(hours=9))


@pytest.mark.parametrize("file", [WEEK9, DATA / "worksheet_without_bom.csv"])
def test_a_worksheet_as_moodle_writes_it_gives_each_participants_submission_time(file):
    assert file.read_bytes().startswith(b"\xef\xbb\xbf") == (file == WEEK9)
    # "-" (José: "No submission") is left out; the times are naive, in the Moodle user's zone
    assert load_worksheet(file, DOWNLOAD_IDS) == {
        "1234567": datetime(2026, 12, 7, 23, 41),
        "1234568": datetime(2026, 12, 9, 2, 5),
        "1234570": datetime(2026, 12, 8, 0, 11),
    }


# Moodle fills "Last modified (submission)" with userdate($submission->timemodified)
# (mod/assign/gradingtable.php, col_timesubmitted); with no format userdate uses the lang string
# strftimedaydatetime (calendar/type/gregorian/classes/structure.php, timestamp_to_date_string), and
# drops the leading zero of %d and %I. moodle/moodle lang/en/langconfig.php: '%A, %d %B %Y, %I:%M %p';
# lang/en_us/langconfig.php: '%A, %B %d, %Y, %I:%M %p'; the ko langpack (4.4, langconfig.php):
# '%A, %d %B %Y, %I:%M %p' with the ko_KR locale's day and month names (that rendering is not verified
# on a live site: the parser also takes AM/PM there).
@pytest.mark.parametrize("written, meant", [
    ("Monday, 7 December 2026, 11:41 PM", datetime(2026, 12, 7, 23, 41)),
    ("Tuesday, 8 December 2026, 12:11 AM", datetime(2026, 12, 8, 0, 11)),
    ("Tuesday, 8 December 2026, 12:05 PM", datetime(2026, 12, 8, 12, 5)),
    ("Wednesday, 9 December 2026, 2:05 AM", datetime(2026, 12, 9, 2, 5)),
    ("Monday, December 7, 2026, 11:41 PM", datetime(2026, 12, 7, 23, 41)),         # en_us
    ("월요일, 7 12월 2026, 11:41 오후", datetime(2026, 12, 7, 23, 41)),                # ko
    ("월요일, 7 12월 2026, 11:41 PM", datetime(2026, 12, 7, 23, 41)),
    ("2026-12-07 23:41", datetime(2026, 12, 7, 23, 41)),                          # a re-saved sheet
    ("2026-12-07T23:41:00+09:00", datetime(2026, 12, 7, 23, 41, tzinfo=KST)),
    ("Montag, 7 Dezember 2026, 23:41", None),                                     # a German site: refused
    ("7 December 2026", None),
    ("Monday, 31 November 2026, 11:41 PM", None),
    ("Monday, 7 December 2026, 13:41 PM", None),
])
def test_moodles_date_format_is_read_and_anything_else_refused(written, meant):
    assert parse_moodle_time(written) == meant


def test_a_worksheet_from_another_assignment_is_refused():
    with pytest.raises(TimesError) as exc:
        load_worksheet(WEEK8, DOWNLOAD_IDS)
    assert "a worksheet from another assignment: none of its 2 participant ids is in this download" in exc.value.text.en
    assert "다른 과제의 워크시트입니다" in exc.value.text.ko


def test_a_worksheet_sharing_some_ids_with_the_download_is_this_assignments():
    assert set(load_worksheet(WEEK9, {"1234567", "7654321"})) == {"1234567", "1234568", "1234570"}


@pytest.mark.parametrize("header, missing", [
    ('"Full name","Email address",Status,Grade,"Last modified (submission)"', '"Identifier"'),
    ('Identifier,"Full name",Status,Grade,"Last modified (grade)"', '"Last modified (submission)"'),
    ("Student,ID,SIS User ID,Section,Week 9 (4121)", '"Identifier" and "Last modified (submission)"'),
])
def test_a_worksheet_without_its_columns_is_refused_naming_them(tmp_path, header, missing):
    path = tmp_path / "grades.csv"
    path.write_text(header + "\n", encoding="utf-8-sig")
    with pytest.raises(TimesError) as exc:
        load_worksheet(path)
    assert f"not a Moodle grading worksheet: no {missing} column (its first row has: " in exc.value.text.en
    assert f"무들 채점 워크시트가 아닙니다. {missing} 열이 없습니다" in exc.value.text.ko


def test_a_worksheet_with_the_korean_language_packs_headers_is_read(tmp_path):
    # lang strings of the ko pack (assign.php, 4.4): recordid 식별자, lastmodifiedsubmission 마지막 수정됨(제출),
    # hiddenuser 참가자
    path = tmp_path / "Grades-ANN2026-9주차-4121.csv"
    path.write_text('식별자,성명,상태,성적,"마지막 수정됨(제출)","마지막 수정됨(성적)"\n'
                    '참가자1234567,김민지,"채점을 위해 제출되었습니다.",,"월요일, 7 12월 2026, 11:41 오후",-\n'
                    '"참가자 1234568",이서준,"제출이 없습니다.",,-,-\n', encoding="utf-8-sig")
    assert load_worksheet(path, DOWNLOAD_IDS) == {"1234567": datetime(2026, 12, 7, 23, 41)}


def test_an_unreadable_time_in_a_worksheet_names_its_line(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text(WEEK9.read_text(encoding="utf-8-sig").replace("Wednesday, 9 December 2026, 2:05 AM",
                                                                  "09/12/2026 02:05"), encoding="utf-8")
    with pytest.raises(TimesError) as exc:
        load_worksheet(path)
    assert exc.value.text.en == ("grades.csv, line 3: cannot read the submission time '09/12/2026 02:05' "
                                 "(Moodle writes 'Monday, 7 December 2026, 11:41 PM')")


def test_the_shipped_times_file_reads_iso_times_with_and_without_a_zone():
    assert load_times(DATA / "times.csv") == {
        "kimminji": datetime(2026, 12, 7, 23, 41, tzinfo=KST),
        "이서준": datetime(2026, 12, 9, 2, 5),
        "jiho.park": datetime(2026, 12, 8, 15, 30, tzinfo=timezone.utc),
    }


def test_a_times_file_without_a_header_is_all_data(tmp_path):
    path = tmp_path / "times.csv"
    path.write_text("kimminji,2026-12-07T23:41:00+09:00\n", encoding="utf-8")
    assert load_times(path) == {"kimminji": datetime(2026, 12, 7, 23, 41, tzinfo=KST)}


@pytest.mark.parametrize("bad, said", [
    ("leeseojun,yesterday", "line 3: cannot read the time 'yesterday'; write ISO 8601, e.g. 2026-12-07T23:41:00+09:00"),
    ("leeseojun,2026-12-09", "line 3: cannot read the time '2026-12-09'"),   # a date is not a time
    ("leeseojun,09/12/2026 02:05", "line 3: cannot read the time '09/12/2026 02:05'"),
    ("leeseojun,", "line 3: no submission time for leeseojun"),
    (",2026-12-09T02:05", "line 3: no student before the time"),
    ("kimminji,2026-12-08T00:00+09:00", "lines 2 and 3 both give a time for kimminji"),
])
def test_a_bad_line_of_a_times_file_is_named(tmp_path, bad, said):
    path = tmp_path / "times.csv"
    path.write_text(f"student,submitted_at\nkimminji,2026-12-07T23:41:00+09:00\n{bad}\n", encoding="utf-8")
    with pytest.raises(TimesError) as exc:
        load_times(path)
    assert said in exc.value.text.en and "\n" not in exc.value.text.en
