"""A submission file as Python source, with a map from source lines back to notebook cells.

Notebooks are read with nbformat.  IPython syntax (``%magic``, ``%%cell magic``, ``!shell``, ``x?``)
is turned into comments of the same line count, so line numbers still point into the right cell and
nothing a notebook needs for Jupyter breaks the Python parser.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass(frozen=True)
class Source:
    text: str
    filename: str                      # the name the student's tracebacks show
    sha256: str                        # of the file's bytes, as submitted
    cells: tuple[tuple[int, int], ...] = ()   # per source line (1-based index - 1): (cell number, line in cell)

    def cell_of(self, line: int) -> tuple[int | None, int]:
        """(cell number, line in the cell) for a notebook, (None, line) for a .py file."""
        if self.cells and 1 <= line <= len(self.cells):
            return self.cells[line - 1]
        return None, line

    def locate(self, line: int) -> str:
        """'line 12', or 'cell 3, line 4' for a notebook."""
        if self.cells and 1 <= line <= len(self.cells):
            cell, in_cell = self.cells[line - 1]
            return f"cell {cell}, line {in_cell}"
        return f"line {line}"

    def locate_ko(self, line: int) -> str:
        if self.cells and 1 <= line <= len(self.cells):
            cell, in_cell = self.cells[line - 1]
            return f"{cell}번 셀 {in_cell}번째 줄"
        return f"{line}번째 줄"


class ExtractError(Exception):
    """The file cannot be read as a submission (not UTF-8, not a notebook, ...)."""


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
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a broken file
        raise ExtractError(f"not a readable Jupyter notebook: {type(exc).__name__}: {exc}") from None
    out: list[str] = []
    cells: list[tuple[int, int]] = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        lines = _cell_lines(cell.get("source", ""))
        for i, line in enumerate(lines, start=1):
            out.append(line)
            cells.append((number, i))
        out.append("")  # a blank line between cells keeps a cell's last statement from running on
        cells.append((number, len(lines) + 1))
    return Source("\n".join(out) + "\n", filename, hashlib.sha256(data).hexdigest(), tuple(cells))


def from_python(data: bytes, filename: str) -> Source:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp949")  # Korean Windows editors still save in this encoding
        except UnicodeDecodeError as exc:
            raise ExtractError(f"the file is not UTF-8 text: {exc}") from None
    return Source(text.replace("\r\n", "\n"), filename, hashlib.sha256(data).hexdigest())


def extract(path: Path, max_bytes: int = 2 * 1024 * 1024) -> Source:
    size = path.stat().st_size
    if size > max_bytes:
        raise ExtractError(f"the file is {size} bytes, more than the {max_bytes}-byte limit")
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        return from_notebook(data, path.name)
    return from_python(data, path.name)
