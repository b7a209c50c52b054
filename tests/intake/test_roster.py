"""The roster: read as TAs' files really come (Korean Excel's CP949, a BOM, a title line, Korean or English
headers), and matched to submissions without guessing: what is not certain is said, not decided."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

import pytest

from grader import discover
from grader.intake.roster import Person, RosterError, Row, load_roster, match, problems

DATA = Path(__file__).parent.parent / "data" / "intake" / "course"

if {"name", "lms", "submitted_at", "late_flag"} <= {f.name for f in fields(discover.Submission)}:
    Submission = discover.Submission
else:   # discover.py is being extended; the fields match() reads, as they will be there
    @dataclass(frozen=True)
    class Submission:  # type: ignore[no-redef]
        student: str
        path: Path | None
        problem: object = None
        lms_id: str = ""
        name: str = ""
        lms: str = ""
        submitted_at: datetime | None = None
        late_flag: bool = False
        others: tuple[str, ...] = ()


def sub(student: str, **kw) -> Submission:
    return Submission(student, Path(f"{student}.py"), **kw)


# ------------------------------------------------------------------------------------------- reading

@pytest.mark.parametrize("file, people", [
    ("roster_ko.csv", [   # Excel "CSV UTF-8": a BOM, Korean headers 학번/이름/이메일/분반/연장, CRLF
        ("2024123456", "김민지", "minji.kim@univ.example.ac.kr", "", "01", ""),
        ("2024123457", "이서준", "seojun.lee@univ.example.ac.kr", "", "01", "2"),
        ("2024123458", "박지호", "jiho.park@univ.example.ac.kr", "", "02", "2026-12-09T23:59"),
        ("2024123459", "최유나", "yuna.choi@univ.example.ac.kr", "", "02", "1.5"),
        ("2024123460", "김민지", "minji.kim2@univ.example.ac.kr", "", "02", "")]),
    ("roster_en.csv", [   # plain UTF-8, English headers, Moodle participant ids; a double space collapsed
        ("2024100001", "Minji Kim", "mkim@example.edu", "1234567", "A", ""),
        ("2024100002", "Seo-jun Lee", "slee@example.edu", "1234568", "A", "1.5"),
        ("2024100003", "José Álvarez", "jalvarez@example.edu", "1234569", "B", ""),
        ("2024100004", "Hannah O'Brien", "hobrien@example.edu", "", "B", "2026-12-10T12:00+09:00")]),
    ("roster_portal_cp949.csv", [   # CP949, a title line above the header, 성명, a count line below
        ("2023150012", "정하늘", "haneul@example.ac.kr", "", "", ""),
        ("2024150033", "한지민", "jimin.han@example.ac.kr", "", "", ""),
        ("2022150101", "오세훈", "sehoon.oh@example.ac.kr", "", "", "")]),
])
def test_a_roster_is_read_by_its_header_names_in_any_encoding_tas_have(file, people):
    assert [(p.student_id, p.name, p.email, p.lms_id, p.section, p.extension)
            for p in load_roster(DATA / file)] == people


@pytest.mark.parametrize("header", [
    "  STUDENT_ID , Full Name ,E-Mail,User ID,SECTION,Extension (days)",
    "Student Number,Name,email,Canvas ID,section,extension",
    "학번,성명,이메일 주소,LMS_ID,분반,연장 (일)",
    "ID,이름,Email,Participant ID,분반,연장",
])
def test_header_names_match_whatever_their_case_spaces_and_notes(tmp_path, header):
    path = tmp_path / "roster.csv"
    path.write_text(f"{header}\n2024000001,김 민지,a@b.kr,77,03,2\n", encoding="utf-8")
    assert load_roster(path) == [Person("2024000001", "김 민지", "a@b.kr", "77", "03", "2")]


def test_the_specific_student_id_header_wins_over_a_bare_id(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("ID,Student ID,Name\n1,2024000001,Minji Kim\n", encoding="utf-8")
    assert [p.student_id for p in load_roster(path)] == ["2024000001"]


def test_a_tab_separated_utf16_export_is_read(tmp_path):
    path = tmp_path / "roster.txt"   # Excel's "Unicode text"
    path.write_bytes("학번\t이름\r\n2024000001\t김민지\r\n".encode("utf-16"))
    assert load_roster(path) == [Person("2024000001", "김민지")]


def test_names_are_stored_nfc_with_spaces_collapsed(tmp_path):
    path = tmp_path / "roster.csv"   # written on a Mac: Hangul decomposed (NFD), a full-width space
    path.write_text("학번,이름\n2024000001," + unicodedata.normalize("NFD", "김\u3000 민지 ") + "\n",
                    encoding="utf-8")
    (person,) = load_roster(path)
    assert person.name == "김 민지" and unicodedata.is_normalized("NFC", person.name)


@pytest.mark.parametrize("file_text, said", [
    ("학번,이메일,분반\n2024123456,a@b.kr,01\n", ["no name column", "학번, 이메일, 분반", "이름 열"]),
    ("이름,이메일\n김민지,a@b.kr\n", ["no student id column", "이름, 이메일", "학번 열"]),
    ("번호,학과\n1,수학과\n", ["no student id column", "and no name column", "번호, 학과", "학번 열(",
                             "과 이름 열("]),
])
def test_a_missing_required_column_is_one_line_naming_the_headers_seen(tmp_path, file_text, said):
    path = tmp_path / "명단.csv"
    path.write_text(file_text, encoding="utf-8-sig")
    with pytest.raises(RosterError) as exc:
        load_roster(path)
    line = exc.value.text.en + " / " + exc.value.text.ko
    assert "\n" not in line and all(s in line for s in said), line


def test_the_roster_shipped_without_a_name_column_is_refused():
    with pytest.raises(RosterError, match="no name column"):
        load_roster(DATA / "roster_no_name.csv")


def test_a_duplicate_student_id_names_both_rows():
    with pytest.raises(RosterError) as exc:
        load_roster(DATA / "roster_duplicate_id.csv")
    assert exc.value.text.en == ("roster_duplicate_id.csv: lines 2 and 4 have the same student id 2024123456 "
                                 "(김민지, 박지호)")
    assert exc.value.text.ko == "roster_duplicate_id.csv: 2행과 4행의 학번이 같습니다: 2024123456 (김민지, 박지호)"


def test_a_duplicate_lms_id_names_both_rows(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("학번,이름,Participant ID\n1,김민지,55\n2,이서준,56\n3,박지호,55\n", encoding="utf-8")
    with pytest.raises(RosterError, match="lines 2 and 4 have the same LMS id 55"):
        load_roster(path)


def test_blank_rows_and_a_count_in_another_column_are_skipped(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("번호,학번,이름\n1,1,김민지\n,,\n총 1명,,\n", encoding="utf-8")
    assert [p.name for p in load_roster(path)] == ["김민지"]


@pytest.mark.parametrize("row, said", [
    (",이서준", "roster.csv 3행: 이서준 학생의 학번이 비어 있습니다"),
    ("2024000002,", "roster.csv 3행: 학번 2024000002에 이름이 없습니다"),
    ("총 2명,", "roster.csv 3행: 학번 총 2명에 이름이 없습니다"),
])
def test_a_row_with_a_name_or_an_id_but_not_both_is_an_error_naming_its_line(tmp_path, row, said):
    path = tmp_path / "roster.csv"
    path.write_text(f"학번,이름\n2024000001,김민지\n{row}\n", encoding="utf-8")
    with pytest.raises(RosterError) as exc:
        load_roster(path)
    assert exc.value.text.ko == said


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\xfa\x80\x81")
    with pytest.raises(RosterError, match="not a CSV text file"):
        load_roster(path)


# ------------------------------------------------------------------------------------------ matching

KO = load_roster(DATA / "roster_ko.csv")
EN = load_roster(DATA / "roster_en.csv")


def matched(rows: list[Row]) -> dict[str, tuple[str, str]]:
    """student id -> (submission's student, how) of every matched row."""
    return {r.person.student_id: (r.submission.student, r.how) for r in rows if r.person and r.submission}


@pytest.mark.parametrize("people, s, student_id, how", [
    # NFD (a Mac's unzip) against the roster's NFC
    (KO, sub("이서준", name=unicodedata.normalize("NFD", "이서준"), lms="moodle", lms_id="9001"), "2024123457", "name"),
    (EN, sub("jose", name=unicodedata.normalize("NFD", "José Álvarez")), "2024100003", "name"),
    # case and spaces
    (EN, sub("hannah", name="HANNAH   o'brien"), "2024100004", "name"),
    # the LMS id beats the name: the roster says whose participant 1234567 is, whatever Moodle's name
    (EN, sub("Kim Minji", name="Kim Minji", lms="moodle", lms_id="1234567"), "2024100001", "lms_id"),
    (EN, sub("x", name="Seo-jun Lee", lms="moodle", lms_id="1234567"), "2024100001", "lms_id"),
    # e-mail: the roster's e-mail as the LMS id or the name (case-insensitive), a Blackboard username
    (EN, sub("mk", lms_id="MKim@Example.EDU", lms="canvas"), "2024100001", "email"),
    (EN, sub("slee", lms_id="slee", lms="blackboard"), "2024100002", "email"),
    # a Canvas file name squeezes the sortable name "Kim, Minji" to "kimminji"
    (load_roster(DATA / "roster_portal_cp949.csv"), sub("정하늘", name="정하늘", lms="canvas", lms_id="12"),
     "2023150012", "name"),
])
def test_a_submission_is_matched_by_lms_id_then_name_then_email(people, s, student_id, how):
    assert matched(match(people, [s])) == {student_id: (s.student, how)}


def test_a_canvas_name_without_spaces_matches_the_same_words_in_the_same_order_only(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student ID,Name\n1,Kim Minji\n2,Seojun Lee\n", encoding="utf-8")
    people = load_roster(path)
    rows = match(people, [sub("kimminji", name="kimminji", lms="canvas", lms_id="12345"),
                          sub("leeseojun", name="leeseojun", lms="canvas", lms_id="12346")])
    assert matched(rows) == {"1": ("kimminji", "name")}   # "Seojun Lee" is not "leeseojun": no guessing


def test_word_order_is_not_guessed():
    rows = match(EN, [sub("Kim Minji", name="Kim Minji", lms="moodle", lms_id="7777777")])
    assert matched(rows) == {}
    assert rows[-1] == Row(None, rows[-1].submission, "")


def test_every_person_once_in_roster_order_then_unmatched_submissions_sorted():
    subs = [sub("zed", name="Zed Unknown"), sub("hannah", name="Hannah O'Brien"), sub("amy", name="Amy Nobody")]
    rows = match(EN, subs)
    assert [(r.person.student_id if r.person else None, r.submission.student if r.submission else None)
            for r in rows] == [("2024100001", None), ("2024100002", None), ("2024100003", None),
                               ("2024100004", "hannah"), (None, "amy"), (None, "zed")]
    assert rows[0] == Row(EN[0], None, "")   # missing: no submission, no problem line


def test_a_submission_matching_nobody_is_said_to_be_not_on_the_roster():
    rows = match(KO, [sub("홍길동", name="홍길동", lms="moodle", lms_id="1234999")])
    assert rows[-1].person is None and rows[-1].candidates == ()
    assert [(t.en, t.ko) for t in problems(rows)] == [(
        "홍길동 (Moodle participant 1234999): not on the roster; graded, but matched to no student",
        "홍길동(무들 참가자 1234999): 명단에 없는 제출입니다. 채점은 했지만 어느 학생과도 연결하지 않았습니다")]


def test_two_people_with_one_name_match_neither_and_the_ta_is_told():
    s = sub("김민지", name="김민지", lms="moodle", lms_id="1234571")
    rows = match(KO, [s])
    assert matched(rows) == {}
    assert rows[-1] == Row(None, s, "", candidates=(KO[0], KO[4]), ambiguous="name")
    (line,) = problems(rows)
    assert "2 students on the roster have this name (2024123456, 2024123460)" in line.en
    assert "명단에 이름이 같은 학생이 2명(2024123456, 2024123460) 있어서 누구와도 연결하지 않았습니다" in line.ko


def test_an_email_tells_two_people_of_one_name_apart():
    rows = match(KO, [sub("minji.kim2", name="김민지", lms="blackboard", lms_id="minji.kim2")])
    assert matched(rows) == {"2024123460": ("minji.kim2", "email")}
    assert problems(rows) == []


@pytest.mark.parametrize("first, second, kept", [
    (datetime(2026, 12, 7, 21, 10), datetime(2026, 12, 7, 23, 41), "second"),
    (datetime(2026, 12, 7, 23, 41), datetime(2026, 12, 7, 21, 10), "first"),   # the time, not the order
    (None, None, "second"),                                                     # no times: the later in the list
])
def test_two_submissions_for_one_person_keep_the_newer(first, second, kept):
    a = sub("jiho_attempt_1", name="박지호", lms="blackboard", lms_id="jiho.p", submitted_at=first)
    b = sub("jiho_attempt_2", name="박지호", lms="blackboard", lms_id="jiho.p", submitted_at=second)
    rows = match(KO, [a, b])
    (row,) = [r for r in rows if r.person is KO[2]]
    newer, older = (b, a) if kept == "second" else (a, b)
    assert (row.submission, row.dropped, row.how) == (newer, (older,), "name")
    (line,) = problems(rows)
    assert line.en.startswith(f"박지호 (2024123458): also submitted {older.student} (박지호, Blackboard user jiho.p)")
    if first is not None:
        assert "at 2026-12-07 21:10; the newer one" in line.en and "더 최근인 2026-12-07 23:41에 제출한" in line.ko
    else:
        assert "later in the download, is graded" in line.en and "다운로드에서 뒤에 있는" in line.ko


def test_matched_by_id_and_by_name_to_one_person_is_still_one_submission_kept():
    by_id = sub("a", name="Minji K.", lms="moodle", lms_id="1234567", submitted_at=datetime(2026, 12, 7, 22, 0))
    by_name = sub("b", name="Minji Kim", submitted_at=datetime(2026, 12, 7, 23, 0))
    (row,) = [r for r in match(EN, [by_id, by_name]) if r.person is EN[0]]
    assert (row.submission, row.dropped, row.how) == (by_name, (by_id,), "name")
