"""Submission files as Python source: notebooks with IPython syntax, cell numbers for tracebacks."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader.discover import discover, skipped
from grader.extract import ExtractError, extract

DATA = Path(__file__).parent / "data"


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
    assert src.locate(n) == "cell 4, line 3"
    assert src.locate_ko(n) == "4번 셀 3번째 줄"
    assert src.locate(1) == "cell 2, line 1"  # the markdown cell 1 is skipped, numbering is the notebook's


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
    assert subs["empty"].path is None and "no .py or .ipynb" in subs["empty"].problem
    (tmp_path / "kim.ipynb").write_text("{}")
    (tmp_path / "class.zip").write_bytes(b"PK")
    (tmp_path / "_draft.py").write_text("x = 1")
    notes = skipped(tmp_path)
    assert any(n.startswith("_draft.py: names starting with _") for n in notes)
    assert any(n.startswith("class.zip: not a .py or .ipynb") for n in notes)
    assert any(n.startswith("kim.py: kim also has kim.ipynb") for n in notes)
    assert discover(tmp_path, "neural_network.py")[2].path.name == "kim.ipynb"
