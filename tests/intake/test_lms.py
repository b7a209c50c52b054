"""LMS downloads as they really arrive: Moodle's folders and flat files (blind marking, online text, team
names), Canvas's sanitised names (lower-case ``late``, anonymous grading, ``-1`` re-uploads, text entries),
Blackboard's attempts and receipts (a username with "_", a mangled file name, an attempt with no file);
Korean names, one of them decomposed (NFD) as macOS writes it.  Every folder is built here from a list of
real-shaped names, and every entry of it must end up graded, kept in a student's ``others``, read (a
receipt) or named in ``skipped()``: nothing vanishes, and nothing is said twice."""
from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from grader.discover import Submission, discover, lms_of, skipped
from grader.intake import lms
from grader.intake.lms import BLACKBOARD, CANVAS, FILE, LINK, MOODLE, RECEIPT, TEXT, LmsName

ENTRY = "neural_network.py"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def receipt_text(name: str, user: str, files: list[tuple[str, str]] = (), typed: str = "") -> str:
    """A Blackboard receipt, in the shape quoted by parsers of real downloads (see lms.py)."""
    listed = "".join(f"\tOriginal filename: {original}\n\tFilename: {zipname}\n" for original, zipname in files)
    return (f"Name: {name} ({user})\nAssignment: Week 9\nDate Submitted: Monday, 3 November 2025 23:41:07 "
            f"o'clock KST\nCurrent Grade: Needs Grading\n\nSubmission Field:\n"
            f"{typed or 'There is no student submission text data for this assignment.'}\n\n"
            f"Comments:\nThere are no student comments for this assignment.\n\n"
            f"Files:\n{listed or 'No files were attached to this submission.'}\n")


def build(root: Path, entries: list[str] | dict[str, str]) -> Path:
    """A download, unpacked: every path (``a/b.py`` makes the folder ``a``), with its text."""
    items = entries.items() if isinstance(entries, dict) else ((e, None) for e in entries)
    for rel, text in items:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" if text is None else text, "utf-8")
    return root


# --------------------------------------------------------------------------------------------- one name

@pytest.mark.parametrize("name, is_dir, want", [
    # Moodle >= 3.1, "download as folders" (the default)
    ("Kim Minji_1234568_assignsubmission_file", True, LmsName(MOODLE, "1234568", "Kim Minji", FILE)),
    ("김민지_1234569_assignsubmission_file", True, LmsName(MOODLE, "1234569", "김민지", FILE)),
    (nfd("김민지_1234569_assignsubmission_file"), True, LmsName(MOODLE, "1234569", "김민지", FILE)),
    ("Kim  Minji_1234568_assignsubmission_onlinetext", True, LmsName(MOODLE, "1234568", "Kim Minji", TEXT)),
    ("Kim Minji_1234568_assignsubmission_file_", True, LmsName(MOODLE, "1234568", "Kim Minji", FILE)),
    # flat mode (older Moodle, or the preference off)
    ("Kim Minji_1234568_assignsubmission_file_neural_network.py", False,
     LmsName(MOODLE, "1234568", "Kim Minji", FILE, filename="neural_network.py")),
    ("Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html", False,
     LmsName(MOODLE, "1234568", "Kim Minji", TEXT, filename="onlinetext.html")),
    # blind marking: "Participant" in the teacher's language; team submissions
    ("Participant_1234570_assignsubmission_file", True, LmsName(MOODLE, "1234570", "", FILE)),
    ("참가자_1234571_assignsubmission_file_neural_network.py", False,
     LmsName(MOODLE, "1234571", "", FILE, filename="neural_network.py")),
    ("Teilnehmerin_1234572_assignsubmission_file", True, LmsName(MOODLE, "1234572", "", FILE)),
    ("Team Alpha_42_assignsubmission_file", True, LmsName(MOODLE, "42", "Team Alpha", FILE)),
    ("Default group_assignsubmission_file", True, LmsName(MOODLE, "", "Default group", FILE)),
    # Canvas: lower-case late as the sanitiser leaves it, LATE, Korean, anonymous, text and link entries
    ("kimminji_12345_67890_neural_network.py", False,
     LmsName(CANVAS, "12345", "kimminji", FILE, filename="neural_network.py", attachment=67890)),
    ("kimminji_late_12345_67890_neural_network-1.py", False,
     LmsName(CANVAS, "12345", "kimminji", FILE, filename="neural_network-1.py", late=True, attachment=67890)),
    ("leejiho_LATE_23456_78901_neural_network.py", False,
     LmsName(CANVAS, "23456", "leejiho", FILE, filename="neural_network.py", late=True, attachment=78901)),
    ("김민지_34567_67893_neural_network.ipynb", False,
     LmsName(CANVAS, "34567", "김민지", FILE, filename="neural_network.ipynb", attachment=67893)),
    ("kim_minji_12345_67890_hw_1_2.py", False,
     LmsName(CANVAS, "12345", "kim_minji", FILE, filename="hw_1_2.py", attachment=67890)),
    ("12345_67890_neural_network.py", False,
     LmsName(CANVAS, "12345", "", FILE, filename="neural_network.py", attachment=67890)),
    ("late_12345_67890_neural_network.py", False,
     LmsName(CANVAS, "12345", "", FILE, filename="neural_network.py", late=True, attachment=67890)),
    ("kimminji_late_12345_text.html", False, LmsName(CANVAS, "12345", "kimminji", TEXT, late=True)),
    ("kimminji_12345_link.html", False, LmsName(CANVAS, "12345", "kimminji", LINK)),
    ("12345_text.html", False, LmsName(CANVAS, "12345", "", TEXT)),
    ("kimminji_12345_67890_text.html", False,  # a file the student called text.html: an upload
     LmsName(CANVAS, "12345", "kimminji", FILE, filename="text.html", attachment=67890)),
    # Blackboard: a file of an attempt, its receipt, Dutch "poging"
    ("Week 9_kim.minji_attempt_2025-11-03-23-41-07_neural_network.py", False,
     LmsName(BLACKBOARD, "kim.minji", "", FILE, filename="neural_network.py",
             attempt=datetime(2025, 11, 3, 23, 41, 7), head="Week 9_kim.minji")),
    ("Week 9_kim.minji_attempt_2025-11-03-23-41-07.txt", False,
     LmsName(BLACKBOARD, "kim.minji", "", RECEIPT, attempt=datetime(2025, 11, 3, 23, 41, 7), head="Week 9_kim.minji")),
    ("Opdracht_s123456_poging_2025-11-03-09-05-00_nn.ipynb", False,
     LmsName(BLACKBOARD, "s123456", "", FILE, filename="nn.ipynb", attempt=datetime(2025, 11, 3, 9, 5),
             head="Opdracht_s123456")),
    # no LMS wrote these
    ("kim.py", False, None), ("이민준_과제9.py", False, None), ("notes.txt", False, None), ("park", True, None),
    ("Week 9_kim_attempt_2025-13-03-23-41-07.txt", False, None),  # month 13: not a time
])
def test_an_lms_name_is_read_into_who_and_what(name, is_dir, want):
    assert lms.parse(name, is_dir) == want


@pytest.mark.parametrize("filename, want", [
    ("neural_network-1.py", ("neural_network.py", 1)),
    ("neural_network-12.ipynb", ("neural_network.ipynb", 12)),
    ("Neural_Network-2.PY", ("Neural_Network.PY", 2)),
    ("lab-1.py", ("lab-1.py", 0)),                  # the student's own name: left alone
    ("neural_network.py", ("neural_network.py", 0)),
])
def test_a_canvas_reupload_suffix_is_taken_off_only_to_reach_the_entry_file(filename, want):
    assert lms.resubmitted(filename, (ENTRY, "neural_network.ipynb")) == want


@pytest.mark.parametrize("raw, want", [
    (nfd("김민지"), "김민지"), ("Kim  Minji ", "Kim Minji"), ("Kim\u00a0Minji", "Kim Minji"),
    ("김\u3000민지", "김 민지"), ("Kim\tMinji\n", "Kim Minji"),
])
def test_names_compare_in_nfc_with_spaces_collapsed(raw, want):
    assert lms.clean(raw) == want


def test_a_blackboard_receipt_gives_name_username_files_and_typed_text():
    text = receipt_text("Minji  Kim", "kim.minji",
                        [("신경망.py", "Week 9_kim.minji_attempt_2025-11-03-23-41-07_.py"),
                         ("notes.txt", "Week 9_kim.minji_attempt_2025-11-03-23-41-07_notes.txt")],
                        typed="see attached")
    r = lms.receipt(text)
    assert (r.name, r.username, r.text) == ("Minji Kim", "kim.minji", True)
    assert r.files == (("Week 9_kim.minji_attempt_2025-11-03-23-41-07_.py", "신경망.py"),
                       ("Week 9_kim.minji_attempt_2025-11-03-23-41-07_notes.txt", "notes.txt"))
    bare = lms.receipt(receipt_text("이지호", "lee_jiho"))
    assert (bare.name, bare.username, bare.files, bare.text) == ("이지호", "lee_jiho", (), False)
    dutch = lms.receipt("Naam: Jan de Vries (s123456)\nBestanden:\n\tBestandsnaam: Opdracht_s123456_poging_"
                        "2025-11-03-09-05-00_nn.py\n")
    assert (dutch.username, dutch.files[0][1]) == ("s123456", "Opdracht_s123456_poging_2025-11-03-09-05-00_nn.py")


@pytest.mark.parametrize("head, known, want", [
    ("Week 9_lee_jiho", "lee_jiho", "lee_jiho"),   # the receipt knows the whole username
    ("Week 9_lee_jiho", "", "jiho"),               # no receipt: the head's last part
    ("Week 9_lee_jiho", "park", "jiho"),           # a receipt that does not fit the name is not believed
])
def test_a_blackboard_username_with_underscores_comes_from_the_receipt(head, known, want):
    parsed = lms.blackboard(f"{head}_attempt_2025-11-03-23-41-07.txt")
    assert lms.username(parsed, known) == want


# ------------------------------------------------------------------------------------- whole downloads

BB = "Week 9_{}_attempt_{}"
KIM_OLD, KIM_NEW = "2025-11-03-20-00-00", "2025-11-03-23-41-07"

# Each scenario: the download's entries, and per student (student, lms, lms_id, name, graded entry or None,
# others, late_flag, submitted_at).
SCENARIOS = {
    "moodle folders": ([
        "Kim Minji_1234568_assignsubmission_file/neural_network.py",
        "Kim Minji_1234568_assignsubmission_onlinetext/onlinetext.html",
        "김민지_1234569_assignsubmission_file/week9/neural_network.ipynb",
        "Lee Jiho_1234570_assignsubmission_onlinetext/onlinetext.html",
        "Park Seojun_1234571_assignsubmission_file/scratch.py",
        "Park Seojun_1234571_assignsubmission_file/neural_network.py",
        "Park Seojun_1234571_assignsubmission_file/README.md",
        "Team Alpha_42_assignsubmission_file/neural_network.py",
    ], [
        ("Kim Minji", MOODLE, "1234568", "Kim Minji", "Kim Minji_1234568_assignsubmission_file/neural_network.py",
         ("Kim Minji_1234568_assignsubmission_onlinetext",), False, None),
        ("Lee Jiho", MOODLE, "1234570", "Lee Jiho", None,
         ("Lee Jiho_1234570_assignsubmission_onlinetext",), False, None),
        ("Park Seojun", MOODLE, "1234571", "Park Seojun",
         "Park Seojun_1234571_assignsubmission_file/neural_network.py",
         ("Park Seojun_1234571_assignsubmission_file/scratch.py",), False, None),
        ("Team Alpha", MOODLE, "42", "Team Alpha", "Team Alpha_42_assignsubmission_file/neural_network.py", (),
         False, None),
        ("김민지", MOODLE, "1234569", "김민지", "김민지_1234569_assignsubmission_file/week9/neural_network.ipynb",
         (), False, None),
    ]),
    "moodle flat": ([
        "Kim Minji_1234568_assignsubmission_file_neural_network.py",
        "Kim Minji_1234568_assignsubmission_file_helpers.py",
        "Kim Minji_1234568_assignsubmission_file_report.pdf",
        "Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html",
        "김민지_1234569_assignsubmission_file_neural_network.ipynb",
        "Lee Jiho_1234570_assignsubmission_onlinetext_onlinetext.html",
        "Choi Yuna_1234572_assignsubmission_file_answer.py",
        "Choi Yuna_1234572_assignsubmission_file_notes.py",
        "Jung Hyunwoo_1234573_assignsubmission_file_my_answer.py",
    ], [
        ("Choi Yuna", MOODLE, "1234572", "Choi Yuna", None,
         ("Choi Yuna_1234572_assignsubmission_file_answer.py", "Choi Yuna_1234572_assignsubmission_file_notes.py"),
         False, None),
        ("Jung Hyunwoo", MOODLE, "1234573", "Jung Hyunwoo", "Jung Hyunwoo_1234573_assignsubmission_file_my_answer.py",
         (), False, None),
        ("Kim Minji", MOODLE, "1234568", "Kim Minji", "Kim Minji_1234568_assignsubmission_file_neural_network.py",
         ("Kim Minji_1234568_assignsubmission_file_helpers.py", "Kim Minji_1234568_assignsubmission_file_report.pdf",
          "Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html"), False, None),
        ("Lee Jiho", MOODLE, "1234570", "Lee Jiho", None,
         ("Lee Jiho_1234570_assignsubmission_onlinetext_onlinetext.html",), False, None),
        ("김민지", MOODLE, "1234569", "김민지", "김민지_1234569_assignsubmission_file_neural_network.ipynb", (),
         False, None),
    ]),
    "moodle blind marking and namesakes": ([
        "Participant_1234568_assignsubmission_file/neural_network.py",
        "참가자_1234569_assignsubmission_file_neural_network.py",
        "Kim Minji_1234570_assignsubmission_file/neural_network.py",
        "Kim Minji_1234571_assignsubmission_file/neural_network.py",
    ], [
        ("Kim Minji_1234570", MOODLE, "1234570", "Kim Minji",
         "Kim Minji_1234570_assignsubmission_file/neural_network.py", (), False, None),
        ("Kim Minji_1234571", MOODLE, "1234571", "Kim Minji",
         "Kim Minji_1234571_assignsubmission_file/neural_network.py", (), False, None),
        ("Participant_1234568", MOODLE, "1234568", "", "Participant_1234568_assignsubmission_file/neural_network.py",
         (), False, None),
        ("Participant_1234569", MOODLE, "1234569", "", "참가자_1234569_assignsubmission_file_neural_network.py",
         (), False, None),
    ]),
    "moodle nfd and nfc spellings of one participant": ([
        nfd("김민지_1234569_assignsubmission_file/neural_network.py"),
        "김민지_1234569_assignsubmission_onlinetext/onlinetext.html",
    ], [
        ("김민지", MOODLE, "1234569", "김민지", nfd("김민지_1234569_assignsubmission_file/neural_network.py"),
         ("김민지_1234569_assignsubmission_onlinetext",), False, None),
    ]),
    "canvas": ([
        "kimminji_late_12345_67890_neural_network.py",
        "kimminji_late_12345_67891_neural_network-1.py",
        "minjikim_23456_67892_neural_network.py",
        "김민지_34567_67893_neural_network.ipynb",
        "leejiho_45678_text.html",
        "parkseojun_LATE_56789_67894_neural_network.py",
        "56790_67895_neural_network.py",
        "late_56791_67896_neural_network.py",
        "choiyuna_56792_67897_lab-1.py",
        "jungsoyeon_56793_67898_neural_network.py",
        "jungsoyeon_56793_67899_helpers.py",
        "hanjimin_56794_100_neural_network.py",
        "hanjimin_56794_99_neural_network-1.py",
        "yoonseo_56795_67900_draft.py",
        "yoonseo_56795_67901_final.py",
    ], [
        ("56790", CANVAS, "56790", "", "56790_67895_neural_network.py", (), False, None),
        ("56791", CANVAS, "56791", "", "late_56791_67896_neural_network.py", (), True, None),
        ("choiyuna", CANVAS, "56792", "choiyuna", "choiyuna_56792_67897_lab-1.py", (), False, None),
        ("hanjimin", CANVAS, "56794", "hanjimin", "hanjimin_56794_100_neural_network.py",
         ("hanjimin_56794_99_neural_network-1.py",), False, None),
        ("jungsoyeon", CANVAS, "56793", "jungsoyeon", "jungsoyeon_56793_67898_neural_network.py",
         ("jungsoyeon_56793_67899_helpers.py",), False, None),
        ("kimminji", CANVAS, "12345", "kimminji", "kimminji_late_12345_67891_neural_network-1.py",
         ("kimminji_late_12345_67890_neural_network.py",), True, None),
        ("leejiho", CANVAS, "45678", "leejiho", None, ("leejiho_45678_text.html",), False, None),
        ("minjikim", CANVAS, "23456", "minjikim", "minjikim_23456_67892_neural_network.py", (), False, None),
        ("parkseojun", CANVAS, "56789", "parkseojun", "parkseojun_LATE_56789_67894_neural_network.py", (), True, None),
        ("yoonseo", CANVAS, "56795", "yoonseo", "yoonseo_56795_67901_final.py",
         ("yoonseo_56795_67900_draft.py",), False, None),
        ("김민지", CANVAS, "34567", "김민지", "김민지_34567_67893_neural_network.ipynb", (), False, None),
    ]),
    "blackboard": ({
        BB.format("kim.minji", KIM_OLD) + "_neural_network.py": None,
        BB.format("kim.minji", KIM_OLD) + ".txt": receipt_text(
            "Minji Kim", "kim.minji", [("neural_network.py", BB.format("kim.minji", KIM_OLD) + "_neural_network.py")]),
        BB.format("kim.minji", KIM_NEW) + "_neural_network.py": None,
        BB.format("kim.minji", KIM_NEW) + "_notes.txt": "my notes",
        BB.format("kim.minji", KIM_NEW) + ".txt": receipt_text(
            "Minji Kim", "kim.minji", [("neural_network.py", BB.format("kim.minji", KIM_NEW) + "_neural_network.py"),
                                       ("notes.txt", BB.format("kim.minji", KIM_NEW) + "_notes.txt")]),
        BB.format("lee_jiho", "2025-11-02-10-00-00") + "_neural_network.ipynb": "{}",
        BB.format("lee_jiho", "2025-11-02-10-00-00") + ".txt": receipt_text(
            "이지호", "lee_jiho", [("neural_network.ipynb", BB.format("lee_jiho", "2025-11-02-10-00-00")
                                   + "_neural_network.ipynb")]),
        BB.format("park.seojun", "2025-11-01-09-00-00") + "_neural_network.py": None,
        BB.format("park.seojun", "2025-11-04-09-00-00") + ".txt": receipt_text("박서준", "park.seojun"),
        "choi_upload_1.py": None,   # a name Blackboard mangled past reading; its receipt says what it was
        BB.format("choi.yuna", "2025-11-04-09-30-00") + "_helpers.py": None,
        BB.format("choi.yuna", "2025-11-04-09-30-00") + ".txt": receipt_text(
            "최유나", "choi.yuna", [("neural_network.py", "choi_upload_1.py"),
                                   ("helpers.py", BB.format("choi.yuna", "2025-11-04-09-30-00") + "_helpers.py")]),
        BB.format("s2025001", "2025-11-05-08-00-00") + "_neural_network.py": None,   # no receipt at all
    }, [
        ("Minji Kim", BLACKBOARD, "kim.minji", "Minji Kim", BB.format("kim.minji", KIM_NEW) + "_neural_network.py",
         (BB.format("kim.minji", KIM_OLD) + "_neural_network.py", BB.format("kim.minji", KIM_NEW) + "_notes.txt"),
         False, datetime(2025, 11, 3, 23, 41, 7)),
        ("s2025001", BLACKBOARD, "s2025001", "", BB.format("s2025001", "2025-11-05-08-00-00") + "_neural_network.py",
         (), False, datetime(2025, 11, 5, 8)),
        ("박서준", BLACKBOARD, "park.seojun", "박서준", None,
         (BB.format("park.seojun", "2025-11-01-09-00-00") + "_neural_network.py",), False, datetime(2025, 11, 4, 9)),
        ("이지호", BLACKBOARD, "lee_jiho", "이지호", BB.format("lee_jiho", "2025-11-02-10-00-00") + "_neural_network.ipynb",
         (), False, datetime(2025, 11, 2, 10)),
        ("최유나", BLACKBOARD, "choi.yuna", "최유나", "choi_upload_1.py",
         (BB.format("choi.yuna", "2025-11-04-09-30-00") + "_helpers.py",), False, datetime(2025, 11, 4, 9, 30)),
    ]),
    "plain folder, korean names decomposed": ([
        nfd("박서준.py"), "김민지.py", nfd("이지호.ipynb"), "이지호.py", "kang.py",
    ], [
        ("kang", "", "", "", "kang.py", (), False, None),
        ("김민지", "", "", "", "김민지.py", (), False, None),
        ("박서준", "", "", "", nfd("박서준.py"), (), False, None),
        ("이지호", "", "", "", nfd("이지호.ipynb"), ("이지호.py",), False, None),
    ]),
}


def rows(subs: list[Submission], folder: Path) -> list[tuple]:
    return [(s.student, s.lms, s.lms_id, s.name, s.path.relative_to(folder).as_posix() if s.path else None,
             s.others, s.late_flag, s.submitted_at) for s in subs]


@pytest.mark.parametrize("entries, want", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_each_student_of_a_download_is_one_submission_with_the_right_file(tmp_path, entries, want):
    folder = build(tmp_path, entries)
    subs = discover(folder, ENTRY)
    assert rows(subs, folder) == want
    assert all(s.student == unicodedata.normalize("NFC", s.student) for s in subs)
    assert [s.student for s in subs] == sorted(s.student for s in subs)


@pytest.mark.parametrize("entries", [e for e, _ in SCENARIOS.values()], ids=SCENARIOS.keys())
def test_every_entry_is_graded_kept_read_or_named_and_none_twice(tmp_path, entries):
    """Nothing vanishes: each entry at the top of the download is a graded file's, in a student's
    ``others``, a Blackboard receipt, the subject of a student's problem, or named by ``skipped()`` -- and
    ``skipped()`` names none twice, nor anything in ``others`` of a student it says nothing about."""
    folder = build(tmp_path, entries)
    subs = discover(folder, ENTRY)
    notes = [n.en for n in skipped(folder, ENTRY)]
    assert len(notes) == len(set(notes)) and all(n.count(": ") >= 1 for n in notes)
    noted = [n.split(": ", 1)[0] for n in notes]
    assert len(noted) == len(set(noted))
    for item in folder.iterdir():
        rel = item.name
        graded = [s for s in subs if s.path is not None and s.path.relative_to(folder).parts[0] == rel]
        kept = [s for s in subs if any(o.split("/")[0] == rel for o in s.others)]
        receipt = (p := lms.parse(item.name)) is not None and p.kind == RECEIPT
        assert graded or kept or receipt or any(n.split("/")[0] == rel for n in noted), rel
    for s in subs:   # skipped() speaks of a student's entries only beside a graded file (else: the problem)
        assert s.path is not None or not set(noted) & set(s.others)


def test_the_bugs_of_the_old_naming_are_gone(tmp_path):
    """Before: a second file in Moodle's flat mode was a second student, Moodle's online text a phantom
    student scored 0, and Canvas's lower-case ``late`` lost the name and the id and split one student."""
    moodle = build(tmp_path / "m", ["Kim Minji_1234568_assignsubmission_file_neural_network.py",
                                    "Kim Minji_1234568_assignsubmission_file_helpers.py",
                                    "Lee Jiho_1234570_assignsubmission_onlinetext/onlinetext.html",
                                    "Lee Jiho_1234570_assignsubmission_file/neural_network.py"])
    assert [(s.student, s.lms_id) for s in discover(moodle, ENTRY)] == [("Kim Minji", "1234568"),
                                                                        ("Lee Jiho", "1234570")]
    canvas = build(tmp_path / "c", ["kimminji_late_12345_67890_neural_network.py",
                                    "kimminji_late_12345_67891_neural_network-1.py"])
    (sub,) = discover(canvas, ENTRY)
    assert (sub.student, sub.lms_id, sub.late_flag) == ("kimminji", "12345", True)


@pytest.mark.parametrize("entries, student, words", [
    (["Lee Jiho_1234570_assignsubmission_onlinetext/onlinetext.html"], "Lee Jiho",
     ("submitted as online text, not a file", "온라인 텍스트로 제출")),
    (["leejiho_45678_link.html"], "leejiho", ("submitted as a web link, not a file", "웹 링크로 제출")),
    (["Choi Yuna_1234572_assignsubmission_file_answer.py", "Choi Yuna_1234572_assignsubmission_file_notes.py"],
     "Choi Yuna", ("several files were submitted (answer.py, notes.py) and none is named neural_network.py",
                   "파일을 여러 개(answer.py, notes.py) 제출했는데 neural_network.py라는 이름의 파일이 없습니다")),
    (["Choi Yuna_1234572_assignsubmission_file/answer.py", "Choi Yuna_1234572_assignsubmission_file/notes.py"],
     "Choi Yuna", ("the folder Choi Yuna_1234572_assignsubmission_file/ holds several files", "폴더에 파일이 여러 개")),
    (["kimminji_12345_67890_report.pdf"], "kimminji",
     ("no .py or .ipynb file was submitted (only kimminji_12345_67890_report.pdf)", "제출하지 않았습니다")),
    ({BB.format("park.seojun", "2025-11-04-09-00-00") + ".txt": receipt_text("박서준", "park.seojun")}, "박서준",
     ("no file was attached to the latest attempt (2025-11-04 09:00:00)", "첨부한 파일이 없습니다")),
    ({BB.format("park.seojun", "2025-11-04-09-00-00") + ".txt": receipt_text("박서준", "park.seojun", typed="def f()"),
      BB.format("park.seojun", "2025-11-01-09-00-00") + "_neural_network.py": None}, "박서준",
     ("text typed into Blackboard, with no file attached; 1 file(s) of older attempts are not graded",
      "이전 시도의 파일 1개는 채점하지 않습니다")),
    ({BB.format("park.seojun", "2025-11-04-09-00-00") + ".txt":
      receipt_text("박서준", "park.seojun", [("nn.py", BB.format("park.seojun", "2025-11-04-09-00-00") + "_nn.py")])},
     "박서준", ("receipt for the latest attempt (2025-11-04 09:00:00) lists nn.py, but it is not in the folder",
               "폴더에는 없습니다")),
    ({BB.format("park.seojun", "2025-11-04-09-00-00") + "_report.pdf": None}, "park.seojun",
     ("the latest attempt (2025-11-04 09:00:00): no .py or .ipynb file was submitted", "최근 시도")),
], ids=["moodle online text", "canvas link", "moodle flat several", "moodle folder several", "canvas only a pdf",
        "blackboard receipt alone", "blackboard typed text", "blackboard file missing", "blackboard only a pdf"])
def test_a_student_with_nothing_to_grade_is_told_why_in_both_languages(tmp_path, entries, student, words):
    (sub,) = discover(build(tmp_path, entries), ENTRY)
    assert sub.student == student and sub.path is None
    assert words[0] in sub.problem.en and words[1] in sub.problem.ko
    assert sub.problem.en != sub.problem.ko
    tops = {Path(e).parts[0] for e in entries}
    assert set(sub.others) == {t for t in tops if getattr(lms.parse(t), "kind", "") != RECEIPT}
    assert skipped(tmp_path, ENTRY) == []   # the problem names them; the overview is not told twice


def test_what_is_not_graded_is_said_once_with_its_reason_and_older_attempts_only_in_others(tmp_path):
    folder = build(tmp_path, {**dict.fromkeys([
        "Kim Minji_1234568_assignsubmission_file_neural_network.py",
        "Kim Minji_1234568_assignsubmission_file_helpers.py",
        "Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html",
        "kimminji_12345_67890_neural_network.py", "kimminji_12345_link.html",
        BB.format("kim.minji", KIM_OLD) + "_neural_network.py", BB.format("kim.minji", KIM_NEW) + "_neural_network.py",
        "notes.txt", "_draft.py"]), ".DS_Store": ""})
    (folder / "leak.py").symlink_to("/etc/passwd")
    notes = {n.en.split(": ", 1)[0]: n for n in skipped(folder, ENTRY)}
    assert sorted(notes) == ["Kim Minji_1234568_assignsubmission_file_helpers.py",
                             "Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html",
                             "_draft.py", "kimminji_12345_link.html", "leak.py", "notes.txt"]
    assert notes["Kim Minji_1234568_assignsubmission_file_helpers.py"].en.endswith(
        "Kim Minji also has Kim Minji_1234568_assignsubmission_file_neural_network.py, which is the one graded")
    text = notes["Kim Minji_1234568_assignsubmission_onlinetext_onlinetext.html"]
    assert "online text; only files are graded" in text.en and "온라인 텍스트" in text.ko
    assert "web link" in notes["kimminji_12345_link.html"].en and "웹 링크" in notes["kimminji_12345_link.html"].ko
    assert "symbolic link" in notes["leak.py"].en and "not a .py" in notes["notes.txt"].en
    bb = next(s for s in discover(folder, ENTRY) if s.lms == BLACKBOARD)
    assert bb.others == (BB.format("kim.minji", KIM_OLD) + "_neural_network.py",)


@pytest.mark.parametrize("name, student", [
    ("../../etc/passwd", "_.._etc_passwd"),     # "/" never reaches a report's path; no leading dot
    ("..\\evil", "_evil"),
    (".hidden", "hidden"),
    ("A\x07B  C", "A_B C"),
    ("김" * 100, "김" * 66),                      # at most 200 bytes of UTF-8
])
def test_a_student_key_is_a_safe_file_name_whatever_the_lms_wrote(tmp_path, name, student):
    ts = "2025-11-03-23-41-07"
    build(tmp_path, {BB.format("x", ts) + "_neural_network.py": None,
                     BB.format("x", ts) + ".txt": receipt_text(name, "x")})
    (sub,) = discover(tmp_path, ENTRY)
    assert sub.student == student and len(sub.student.encode()) <= 200


def test_two_people_of_one_name_in_two_lms_shapes_stay_apart(tmp_path):
    build(tmp_path, ["kim.py", "kim_12345_67890_neural_network.py", "kim_23456_67891_neural_network.py"])
    assert [(s.student, s.lms_id) for s in discover(tmp_path, ENTRY)] == [
        ("kim", ""), ("kim_12345", "12345"), ("kim_23456", "23456")]


@pytest.mark.parametrize("kinds, want", [
    ([MOODLE, MOODLE, ""], MOODLE), ([CANVAS, CANVAS, BLACKBOARD], CANVAS), (["", "", CANVAS], ""),
    ([BLACKBOARD, ""], BLACKBOARD), ([CANVAS, MOODLE], MOODLE), ([], ""),
])
def test_the_class_lms_is_the_one_most_submissions_came_from(kinds, want):
    assert lms_of([Submission(f"s{i}", None, lms=k) for i, k in enumerate(kinds)]) == want
