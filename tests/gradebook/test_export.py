"""Grades and feedback back to the LMS from the gradebook: Moodle's own worksheet filled in with its
headers, identifiers and times untouched; the feedback zip named so that Moodle's importer gives each file
to its student; Canvas, Blackboard and per-check CSV; the course page across two assignments."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from gradebook_helpers import grader
from helpers import ROOT
from moodle_class import ROSTER, WORKSHEET, moodle_zip


@pytest.fixture
def moodle_graded(tmp_path):
    download = moodle_zip(tmp_path / "NN101-Week9 NeuralNetwork-1234.zip")
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    worksheet = tmp_path / "Grades-NN101-Week9 NeuralNetwork-1234.csv"
    worksheet.write_text(WORKSHEET, "utf-8")
    reports = tmp_path / "reports"
    grader("--assignment", str(ROOT / "assignments" / "neural_network"), "--submissions", str(download),
           "--reports", str(reports), "--roster", str(tmp_path / "roster.csv"), "--worksheet", str(worksheet),
           "--quiet")
    return tmp_path, reports, worksheet


def gb(reports):
    return ("--reports", str(reports), "--assignment", "neural_network")


def moodle_accepts(name: str, participants: set[str]) -> str | None:
    """mod/assign/feedback/file/importziplib.php, is_valid_filename_for_import: the first path part that,
    split at "_" into at most 5 pieces, has a numeric current participant id as piece 2 and a plugin
    (assignsubmission_file) as pieces 3-4; names starting with "." or "~" are ignored. The participant."""
    for part in name.split("/"):
        if part.startswith((".", "~")):
            return None
        pieces = part.split("_", 4)
        if len(pieces) >= 4 and pieces[1].isdigit() and pieces[1] in participants \
                and f"{pieces[2]}_{pieces[3]}" == "assignsubmission_file":
            return pieces[1]
    return None


def test_the_moodle_worksheet_is_filled_in_with_its_headers_and_identifiers_untouched(moodle_graded):
    tmp_path, reports, worksheet = moodle_graded
    grader("override", *gb(reports), "--student", "Lee Jiwoo", "--points", "-1", "--reason", "late code review")
    out = tmp_path / "upload.csv"
    said = grader("export", *gb(reports), "--format", "moodle", "--worksheet", str(worksheet), "--out", str(out))
    assert "4 of 4 worksheet rows graded" in said.stdout
    before, after = worksheet.read_text("utf-8"), out.read_text("utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]                   # the header, byte for byte (BOM too)
    old, new = (list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")))) for text in (before, after))
    assert list(new[0]) == list(old[0])
    for o, n in zip(old, new):
        for column in o:
            if column not in ("Grade", "Feedback comments"):
                assert n[column] == o[column], column                          # Identifier, Last modified (grade), ...
    grades = {n["Identifier"]: n for n in new}
    by_id = {r["student"]: r for r in csv.DictReader((reports / "grades.csv").open(encoding="utf-8-sig"))}
    assert grades["Participant 1234568"]["Grade"] == f"{float(by_id['Kim Minji']['score']):.2f}" == "13.00"
    assert grades["Participant 1234574"]["Grade"] == "12.00"                  # the adjustment applies
    assert "late code review" in grades["Participant 1234574"]["Feedback comments"]
    assert grades["Participant 1234571"]["Feedback comments"].startswith("13/13: 11 of 11 checks passed")


def test_a_worksheet_of_another_assignment_is_refused(moodle_graded):
    tmp_path, reports, worksheet = moodle_graded
    other = tmp_path / "other.csv"
    other.write_text(re.sub(r"Participant 12345(\d\d)", r"Participant 99999\1", worksheet.read_text("utf-8")), "utf-8")
    p = grader("export", *gb(reports), "--format", "moodle", "--worksheet", str(other), "--out", str(tmp_path / "o.csv"),
               check=False)
    assert p.returncode == 2 and "none of its 4 participants" in p.stderr and not (tmp_path / "o.csv").exists()
    not_moodle = tmp_path / "roster_as_worksheet.csv"
    not_moodle.write_text(ROSTER, "utf-8")
    p = grader("export", *gb(reports), "--format", "moodle", "--worksheet", str(not_moodle), "--out",
               str(tmp_path / "o.csv"), check=False)
    assert p.returncode == 2 and "no 'Identifier' column" in p.stderr


def test_the_feedback_zip_gives_each_report_to_its_student_as_moodle_reads_it(moodle_graded):
    tmp_path, reports, _ = moodle_graded
    out = tmp_path / "feedback.zip"
    said = grader("feedback", *gb(reports), "--format", "moodle", "--out", str(out))
    participants = {"1234568", "1234571", "1234572", "1234573", "1234574"}
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        owners = {moodle_accepts(n, participants) for n in names}
        assert owners == participants and len(names) == 5                   # one file each, none ignored
        kim = next(n for n in names if "_1234568_" in n)
        assert kim == "Kim Minji_1234568_assignsubmission_file_feedback.html"
        assert z.read(kim) == (reports / "Kim Minji.html").read_bytes()
        assert any(n.startswith("박지훈_1234571_") for n in names)           # NFC, as the roster
    assert "5 reports" in said.stdout
    folder = tmp_path / "plain"
    grader("feedback", *gb(reports), "--format", "dir", "--out", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == [f"202600000{k}.html" for k in (1, 3, 4, 6, 7)]


def test_canvas_blackboard_and_per_check_exports(moodle_graded):
    tmp_path, reports, _ = moodle_graded
    grader("export", *gb(reports), "--format", "csv", "--out", str(tmp_path / "all.csv"))
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 7 and "update.hidden_deltas" in rows[0] and rows[1]["status"] == "missing"
    grader("export", *gb(reports), "--format", "canvas", "--out", str(tmp_path / "canvas.csv"))
    canvas = (tmp_path / "canvas.csv").read_text("utf-8-sig").splitlines()
    assert canvas[0].startswith("Student,ID,SIS User ID,SIS Login ID,Section,") and canvas[1].startswith("Points Possible")
    p = grader("export", *gb(reports), "--format", "blackboard", "--column", "Week 9 [Total Pts: 13 Score] |664617",
               "--out", str(tmp_path / "bb.csv"), check=False)
    assert p.returncode == 2 and "Blackboard username" in p.stderr       # this class came from Moodle
    p = grader("export", *gb(reports), "--format", "blackboard", "--out", str(tmp_path / "bb.csv"), check=False)
    assert p.returncode == 2 and "COLUMN=" in p.stderr


def test_the_course_page_has_every_student_against_every_assignment(tmp_path):
    reports = tmp_path / "reports"
    for name in ("neural_network", "activations"):
        grader("--assignment", str(ROOT / "assignments" / name), "--submissions",
               str(ROOT / "solutions" / name / "demo_class"), "--reports", str(reports / name), "--quiet")
    grader("book", "--reports", str(reports / "neural_network"))
    rows = list(csv.DictReader((reports / "book.csv").open(encoding="utf-8-sig")))
    assert list(rows[0])[3:6] == ["neural_network", "activations", "total"]
    kim = next(r for r in rows if r["student"] == "kim_minji")
    assert float(kim["total"]) == pytest.approx(float(kim["neural_network"]) + float(kim["activations"]))
    only_one = [r for r in rows if not r["activations"] or not r["neural_network"]]
    assert only_one and all(r["missing"] for r in only_one)                  # a student absent from one is shown so
    assert "<table id=\"book\"" in (reports / "book.html").read_text("utf-8")
