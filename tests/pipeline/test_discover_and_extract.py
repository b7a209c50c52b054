"""Submission files as Python source: notebooks with IPython syntax, cell numbers for tracebacks."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader.discover import discover, skipped
from grader.feedback.source import ExtractError, cell_labels, extract
from helpers import ROOT

DATA = ROOT / "tests" / "data"


def test_notebook_magics_and_shell_lines_become_comments():
    src = extract(DATA / "magics.ipynb")
    ast.parse(src.text)  # IPython syntax must not break the parser
    assert "import numpy as np" in src.text
    assert "# (notebook) %matplotlib inline" in src.text
    assert "# (notebook) !pip install numpy" in src.text
    assert "# (notebook) x = 1 +" in src.text  # a %%cell magic: the whole cell is not Python
    assert "pass  # (notebook) %time y = 2" in src.text  # indented magic keeps the block valid


def test_lines_map_back_to_cells():
    src = extract(DATA / "magics.ipynb")
    lines = src.text.splitlines()
    n = next(i for i, line in enumerate(lines, 1) if "return x / 0" in line)
    assert src.cell_of(n) == (4, 3)  # the notebook's own index: the markdown cell 1 counts
    # Jupyter shows no cell numbers (its [n] counts runs): a cell is named by the line it starts with
    assert src.locate(n) == "line 3 of the cell that starts with `def f(x):`"
    assert src.locate_ko(n) == "`def f(x):`(으)로 시작하는 셀의 3번째 줄"
    assert src.locate(1) == "line 1 of the cell that starts with `%matplotlib inline`"


def test_cells_that_start_alike_are_told_apart_and_long_first_lines_are_shortened():
    labels = cell_labels(["\n\nimport numpy as np\nx = 1", None, "import numpy as np", "",
                          "# " + "a long comment that goes on and on past forty characters"])
    assert labels[0] == ("the cell that starts with `import numpy as np`", "`import numpy as np`(으)로 시작하는 셀")
    assert labels[1] == ("", "")  # a markdown cell: never named
    assert labels[2] == ("the 2nd cell that starts with `import numpy as np`",
                         "`import numpy as np`(으)로 시작하는 두 번째 셀")
    assert labels[3] == ("an empty cell", "빈 셀")
    assert labels[4][0] == "the cell that starts with `# a long comment that goes on and on pa…`"


def test_python_file_lines_are_plain_line_numbers(tmp_path):
    p = tmp_path / "a.py"
    p.write_bytes(b"\xef\xbb\xbfx = 1\r\ny = 2\r\n")
    src = extract(p)
    assert src.text == "x = 1\ny = 2\n" and src.locate(2) == "line 2"
    assert len(src.sha256) == 64


def test_cp949_file_is_read(tmp_path):
    p = tmp_path / "a.py"
    p.write_bytes("# 한글 주석\nx = 1\n".encode("cp949"))
    assert "한글" in extract(p).text


@pytest.mark.parametrize("name,content", [("broken.ipynb", None), ("huge.py", b"x" * (3 * 1024 * 1024))])
def test_unreadable_files_raise_extract_error(tmp_path, name, content):
    path = DATA / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExtractError):
        extract(path)


def test_discover_names_students_by_file_or_folder(tmp_path):
    (tmp_path / "kim.py").write_text("x = 1")
    (tmp_path / "lee.ipynb").write_text("{}")
    (tmp_path / "park").mkdir()
    (tmp_path / "park" / "neural_network.py").write_text("x = 1")
    (tmp_path / "park" / "scratch.py").write_text("x = 1")
    (tmp_path / "choi").mkdir()
    (tmp_path / "choi" / "my_answer.ipynb").write_text("{}")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a submission")
    (tmp_path / ".hidden.py").write_text("x = 1")
    subs = {s.student: s for s in discover(tmp_path, "neural_network.py")}
    assert sorted(subs) == ["choi", "empty", "kim", "lee", "park"]
    assert subs["park"].path.name == "neural_network.py"
    assert subs["choi"].path.name == "my_answer.ipynb"
    assert subs["empty"].path is None and "no .py or .ipynb" in subs["empty"].problem.en and "파일이 없습니다" in subs["empty"].problem.ko
    (tmp_path / "kim.ipynb").write_text("{}")
    (tmp_path / "class.zip").write_bytes(b"PK")
    (tmp_path / "_draft.py").write_text("x = 1")
    notes = [n.en for n in skipped(tmp_path, "neural_network.py")]
    assert any(n.startswith("_draft.py: names starting with _") for n in notes)
    assert any(n.startswith("class.zip: not a .py or .ipynb") for n in notes)
    assert any(n.startswith("kim.py: kim also has kim.ipynb") for n in notes)
    assert any(n.startswith("park/scratch.py: park also has park/neural_network.py") for n in notes)
    assert discover(tmp_path, "neural_network.py")[2].path.name == "kim.ipynb"


def test_links_are_never_followed_and_odd_names_are_handled(tmp_path):
    """An unpacked archive may hold links to any file the TA can read: they are named, never read. An
    upper-case extension (Windows) is a submission; a folder named like a file with no code is not."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "neural_network.py").write_text("SECRET = 1\n")
    subs_dir = tmp_path / "subs"
    subs_dir.mkdir()
    (subs_dir / "leak.py").symlink_to("/etc/passwd")
    (subs_dir / "cheat").symlink_to(outside)
    (subs_dir / "kang.PY").write_text("x = 1\n")
    (subs_dir / "yoon.IPYNB").write_text("{}")
    (subs_dir / "neural_network.py").mkdir()
    (subs_dir / "neural_network.py" / "README.txt").write_text("notes")
    (subs_dir / "lim").mkdir()
    (subs_dir / "lim" / "neural_network.py").symlink_to(outside / "neural_network.py")
    (subs_dir / "lim" / "week9").mkdir()
    (subs_dir / "lim" / "week9" / "neural_network.py").write_text("x = 2\n")
    (subs_dir / "lim" / "._neural_network.py").write_bytes(b"\x00\x05\x16\x07")
    subs = {s.student: s for s in discover(subs_dir, "neural_network.py")}
    assert sorted(subs) == ["kang", "lim", "yoon"]
    assert subs["lim"].path == subs_dir / "lim" / "week9" / "neural_network.py"
    notes = [n.en for n in skipped(subs_dir, "neural_network.py")]
    assert any(n.startswith("leak.py: a symbolic link, not followed") for n in notes)
    assert any(n.startswith("cheat: a symbolic link, not followed") for n in notes)
    assert any(n.startswith("neural_network.py/: a folder named like a file") for n in notes)
    assert all("kang" not in n and "yoon" not in n for n in notes)
    with pytest.raises(ExtractError, match="symbolic link"):
        extract(subs_dir / "leak.py")


@pytest.mark.parametrize("content,words", [
    (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"), (b"PK\x03\x04\x14\x00", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"", "empty"), (b"  \n\n", "empty"),
    (b"x = 1\x00\x00\x00\xff\xfe", "not text"),
], ids=["pdf", "docx or zip", "png", "empty", "blank", "binary"])
def test_a_file_that_is_not_code_is_named_for_what_it_is(tmp_path, content, words):
    path = tmp_path / "kim.py"
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=words) as info:
        extract(path)
    assert info.value.text.ko and info.value.text.ko != info.value.text.en


def test_utf16_with_a_bom_is_read(tmp_path):
    path = tmp_path / "oh.py"
    path.write_bytes("# 메모장에서 유니코드로 저장\nx = 1\n".encode("utf-16"))
    assert "x = 1" in extract(path).text and "메모장" in extract(path).text


def test_an_unreadable_or_huge_file_says_so_in_both_languages(tmp_path, monkeypatch):
    path = tmp_path / "jang.py"
    path.write_text("x = 1\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ExtractError, match="permission denied") as info:
        extract(path)
    assert "권한" in info.value.text.ko
    monkeypatch.undo()
    big = tmp_path / "hwang.py"
    big.write_bytes(b"# " + b"x" * (3 * 1024 * 1024))
    with pytest.raises(ExtractError, match="3.0 MB; at most 2 MB") as info:
        extract(big)
    assert "MB" in info.value.text.ko and info.value.sha256 == ""


def test_a_canvas_export_gives_names_and_user_ids(tmp_path):
    """Canvas's "Download Submissions" names files name_[LATE_]userid_submissionid_file[-N]: the student
    is the name, the user id goes to the Canvas gradebook, a re-upload (-1) is graded over the first, and
    two people of the same name stay apart."""
    for name in ("kimminji_12345_67890_neural_network.py", "kimminji_54321_67891_neural_network.py",
                 "leejiho_LATE_23456_78901_neural_network.py", "parkseojun_34567_78902_neural_network.py",
                 "parkseojun_34567_78903_neural_network-1.py", "이민준_과제9.py"):
        (tmp_path / name).write_text("x = 1\n")
    subs = {s.student: s for s in discover(tmp_path, "neural_network.py")}
    assert sorted(subs) == ["kimminji_12345", "kimminji_54321", "leejiho", "parkseojun", "이민준_과제9"]
    assert subs["leejiho"].lms_id == "23456" and subs["이민준_과제9"].lms_id == ""
    assert subs["parkseojun"].path.name.endswith("-1.py")
    notes = [n.en for n in skipped(tmp_path, "neural_network.py")]
    assert any(n.startswith("parkseojun_34567_78902_neural_network.py: parkseojun also has") for n in notes)
