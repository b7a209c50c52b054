"""A submission file as Python source, with a map from source lines back to notebook cells.

Notebooks are read with nbformat.  IPython syntax (``%magic``, ``%%cell magic``, ``!shell``, ``x?``)
is turned into comments of the same line count, so line numbers still point into the right cell and
nothing a notebook needs for Jupyter breaks the Python parser.  The grader and the handout's check.py
read a file with this same code, so a student's file means the same thing to both; nbformat is imported
only for a notebook (a student checking a .py file needs nothing but numpy).
"""
from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from .text import Text


@dataclass(frozen=True)
class Source:
    text: str
    filename: str                      # the name the student's tracebacks show
    sha256: str                        # of the file's bytes, as submitted
    cells: tuple[tuple[int, int], ...] = ()   # per source line (1-based index - 1): (cell number, line in cell)
    labels: tuple[tuple[str, str], ...] = ()  # per cell number - 1: how to name the cell, (English, Korean)

    def cell_of(self, line: int) -> tuple[int | None, int]:
        """(cell number, line in the cell) for a notebook, (None, line) for a .py file."""
        if self.cells and 1 <= line <= len(self.cells):
            return self.cells[line - 1]
        return None, line

    def cell_label(self, cell: int) -> Text:
        """A notebook cell named as the student finds it: Jupyter numbers no cell (its [n] counts runs), so by
        the line it starts with ("the cell that starts with `def forward(self, X):`")."""
        if 1 <= cell <= len(self.labels):
            return Text(*self.labels[cell - 1])
        return Text(f"cell {cell}", f"{cell}번 셀")

    def locate(self, line: int) -> str:
        """'line 12', or 'line 4 of the cell that starts with `...`' for a notebook."""
        if self.cells and 1 <= line <= len(self.cells):
            cell, in_cell = self.cells[line - 1]
            return f"line {in_cell} of {self.cell_label(cell).en}"
        return f"line {line}"

    def locate_ko(self, line: int) -> str:
        if self.cells and 1 <= line <= len(self.cells):
            cell, in_cell = self.cells[line - 1]
            return f"{self.cell_label(cell).ko}의 {in_cell}번째 줄"
        return f"{line}번째 줄"


_ORDINALS = {2: ("2nd", "두 번째"), 3: ("3rd", "세 번째")}


def cell_labels(sources: list[str | None]) -> tuple[tuple[str, str], ...]:
    """For each cell (None: not a code cell), its label: the first line that is not blank, shortened; a
    second cell that starts the same is "the 2nd cell that starts with ..."."""
    labels, seen = [], {}
    for text in sources:
        head = next((line.strip() for line in (text or "").split("\n") if line.strip()), "")
        head = head if len(head) <= 40 else head[:39] + "…"
        if text is None:
            labels.append(("", ""))
            continue
        if not head:
            labels.append(("an empty cell", "빈 셀"))
            continue
        seen[head] = k = seen.get(head, 0) + 1
        en, ko = _ORDINALS.get(k, (f"{k}th", f"{k}번째")) if k > 1 else ("", "")
        labels.append((f"the {en + ' ' if en else ''}cell that starts with `{head}`",
                       f"`{head}`(으)로 시작하는 {ko + ' ' if ko else ''}셀"))
    return tuple(labels)


class ExtractError(Exception):
    """The file cannot be read as a submission (not text, not a notebook, ...); ``sha256`` is the hash of
    the bytes when they could be read (so the verdict can be reused)."""

    def __init__(self, text: Text, sha256: str = "") -> None:
        super().__init__(text.en)
        self.text, self.sha256 = text, sha256


# What students upload by mistake, by the first bytes of the file.
_NOT_CODE = ((b"%PDF", "a PDF document", "PDF 문서"),
             (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/PowerPoint file, which is one)",
              "ZIP 압축 파일(또는 ZIP 형식인 Word/Excel/PowerPoint 파일)"),
             (b"\xd0\xcf\x11\xe0", "an old Word/Excel/HWP document", "예전 형식의 Word/Excel/한글(HWP) 문서"),
             (b"\x89PNG", "a PNG image", "PNG 이미지"), (b"\xff\xd8\xff", "a JPEG image", "JPEG 이미지"),
             (b"\x7fELF", "a program (ELF binary)", "실행 파일(ELF)"), (b"Rar!", "a RAR archive", "RAR 압축 파일"),
             (b"\x1f\x8b", "a gzip archive", "gzip 압축 파일"), (b"7z\xbc\xaf", "a 7z archive", "7z 압축 파일"))


_MAGIC = re.compile(r"^(\s*)([%!]|\?\?|\?)(.*)$")
_HELP_SUFFIX = re.compile(r"^(\s*)([\w.]+)\?\??\s*$")
_SHELL_ASSIGN = re.compile(r"^(\s*)[\w.]+\s*=\s*[%!].*$")


def _neutralise(line: str) -> str:
    """IPython-only syntax as a comment; ordinary Python unchanged."""
    if _MAGIC.match(line) or _HELP_SUFFIX.match(line) or _SHELL_ASSIGN.match(line):
        indent = line[: len(line) - len(line.lstrip())]
        return f"{indent}pass  # (notebook) {line.strip()}" if indent else f"# (notebook) {line.strip()}"
    return line


def _cell_lines(cell_source: str) -> list[str]:
    lines = cell_source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        return ["# (notebook) " + line for line in lines]  # a cell magic: the whole cell is not Python
    return [_neutralise(line) for line in lines]


def from_notebook(data: bytes, filename: str) -> Source:
    import nbformat

    sha = hashlib.sha256(data).hexdigest()
    try:
        with warnings.catch_warnings():  # "cell is missing an id field": the TA can do nothing about it
            warnings.simplefilter("ignore")
            nb = nbformat.reads(_decode(data, sha), as_version=4)
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a broken file
        raise ExtractError(Text(f"not a readable Jupyter notebook: {type(exc).__name__}: {exc}",
                                f"Jupyter 노트북으로 읽을 수 없습니다: {type(exc).__name__}: {exc}"), sha) from None
    out: list[str] = []
    cells: list[tuple[int, int]] = []
    labels = cell_labels([c.get("source", "") if c.get("cell_type") == "code" else None for c in nb.cells])
    for number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        lines = _cell_lines(cell.get("source", ""))
        for i, line in enumerate(lines, start=1):
            out.append(line)
            cells.append((number, i))
        out.append("")  # a blank line between cells keeps a cell's last statement from running on
        cells.append((number, len(lines) + 1))
    return Source("\n".join(out) + "\n", filename, hashlib.sha256(data).hexdigest(), tuple(cells), labels)


def from_python(data: bytes, filename: str) -> Source:
    sha = hashlib.sha256(data).hexdigest()
    return Source(_decode(data, sha).replace("\r\n", "\n"), filename, sha)


def _decode(data: bytes, sha: str) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Windows Notepad's "Unicode"),
    or cp949 (what Korean Windows editors still save); anything else is named for what it is."""
    for magic, en, ko in _NOT_CODE:
        if data.startswith(magic):
            raise ExtractError(Text(f"the file is {en}, not Python code: submit the .py or .ipynb file itself",
                                    f"이 파일은 {ko}이며 파이썬 코드가 아닙니다. .py 또는 .ipynb 파일 자체를 제출해야 합니다"), sha)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ExtractError(Text("the file is not text (not UTF-8, UTF-16 or cp949): save it again as UTF-8 text",
                            "텍스트 파일이 아닙니다 (UTF-8, UTF-16, cp949 어느 것도 아님). UTF-8 텍스트로 다시 저장해 주세요"), sha)


def extract(path: Path, max_bytes: int = 2 * 1024 * 1024) -> Source:
    if path.is_symlink():
        raise ExtractError(Text("the file is a symbolic link, which is not followed (it could point anywhere)",
                                "심볼릭 링크는 따라가지 않습니다 (어디든 가리킬 수 있기 때문입니다)"))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ExtractError(Text(
                f"the file is {size / 2**20:.1f} MB; at most {max_bytes / 2**20:.0f} MB is read (a submission is code: "
                "leave out data, saved outputs and pasted logs)",
                f"파일 크기가 {size / 2**20:.1f} MB입니다. 최대 {max_bytes / 2**20:.0f} MB까지만 읽습니다 (코드만 제출하고 "
                "데이터, 저장된 출력, 붙여 넣은 로그는 빼 주세요)"))
        data = path.read_bytes()
    except PermissionError:
        raise ExtractError(Text("the file cannot be read: permission denied (the grader's user may not open it)",
                                "파일을 읽을 권한이 없습니다 (채점기를 실행한 사용자가 열 수 없는 파일입니다)")) from None
    except OSError as exc:
        raise ExtractError(Text(f"the file cannot be read: {exc.strerror or exc}",
                                f"파일을 읽을 수 없습니다: {exc.strerror or exc}")) from None
    if not data.strip():
        raise ExtractError(Text("the file is empty", "빈 파일입니다 (내용이 없습니다)"), hashlib.sha256(data).hexdigest())
    if path.suffix.lower() == ".ipynb":
        return from_notebook(data, path.name)
    return from_python(data, path.name)
