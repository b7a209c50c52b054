"""The stub as a notebook: the specification, a code cell per function and per method, then the checks.

The last cell runs the public checks and carries them: ``_feedback/`` of the handout as a zip in one base64
line (``CHECK_CELL``), so the notebook checks itself wherever it is opened, with nothing beside it (uploaded
to Colab alone, moved to another folder) and numpy as the only requirement.  Each run writes the package to
a new private folder of the temporary directory (``mkdtemp``: nobody else's files are ever imported), imports
it from there, runs ``_feedback.selfcheck.main`` on the notebook's own namespace, unloads it and removes the
folder.  When the grader, or check.py, reads a submitted notebook as a file, the cell only defines two names:
its last line runs the checks only inside IPython (Jupyter, Colab, VS Code), where ``get_ipython`` is in the
namespace.
"""
from __future__ import annotations

import ast
import base64
import io
import re
import textwrap
import zipfile

import nbformat

HOW_TO = {
    "notebook": (
        "---\n\n**이 노트북 사용법 / How to use this notebook**\n\n"
        "- 아래 셀마다 `raise NotImplementedError`를 지우고 코드를 작성하세요. 위에서부터 셀을 차례로 실행한 뒤, "
        "마지막 셀로 공개 검사를 실행합니다. 검사 도구가 마지막 셀 안에 들어 있어서 이 노트북 파일 하나만 있으면 "
        "됩니다 (Colab에 이 파일만 올려도 됩니다). 셀을 고친 뒤에는 Kernel → Restart & Run All "
        "(Colab: 런타임 → 다시 시작 및 모두 실행)로 처음부터 다시 실행해 보세요.\n"
        "- Replace each `raise NotImplementedError` below with your code, run the cells from the top, then run "
        "the last cell for the public checks. The checker is inside that cell, so this notebook needs no other "
        "file (upload it to Colab alone, say). After editing cells, use Kernel → Restart & Run All (Colab: "
        "Runtime → Restart session and run all).\n"),
    "attach": (
        "- 메서드는 셀마다 따로 `def {method}(self, ...):`로 정의한 뒤 `{cls}.{method} = {method}` 줄로 클래스에 "
        "붙입니다. 이 줄은 지우지 마세요.\n"
        "- Each method is defined in its own cell and attached to the class by a line like "
        "`{cls}.{method} = {method}`: keep that line.\n"),
    "submit": "- 제출: 이 노트북 또는 `{entry}` 중 하나. / Submit this notebook or `{entry}`.\n",
    "check": ("## 공개 검사 / Public checks\n\n"
              "위의 셀을 모두 실행한 뒤 실행하세요. 공개 검사를 모두 통과해도 만점이 보장되지는 않습니다: 채점할 때는 "
              "다른 입력과 공개되지 않은 검사도 함께 실행합니다.\n\n"
              "Run every cell above first. Passing every public check does not guarantee full marks: grading also "
              "uses other inputs, and checks that are not public."),
    "readme": (
        "\n\n## 제출 전 확인 / Before you submit\n\n"
        "- Jupyter, Colab: 노트북의 마지막 셀을 실행합니다 (검사 도구가 그 셀 안에 있어 다른 파일이 필요 없습니다). "
        "/ run the notebook's last cell (the checker is inside it: no other file needed).\n"
        "- 터미널 / a terminal:\n\n"
        "```sh\npython check.py                  # {entry} (받은 스텁 그대로이면 {stem}.ipynb) / {entry}, or "
        "{stem}.ipynb while {entry} is the stub\n"
        "python check.py {stem}.ipynb --lang en\n```\n\n"
        "공개 검사 {n}개는 채점 검사 중 일부를 공개된 입력으로 실행하고, 채점 보고서와 같은 메시지를 보여 줍니다. "
        "채점할 때는 다른 입력과 공개되지 않은 검사도 함께 실행하므로, 모두 통과해도 만점이 보장되지는 않습니다. "
        "파이썬 3.9 이상과 numpy만 있으면 됩니다.\n\n"
        "The {n} public checks run some of the graded checks on public inputs and print the messages the report "
        "would give. Grading also uses other inputs and checks that are not public, so passing them all does not "
        "guarantee full marks. They need Python 3.9 or later and numpy.\n"),
}

# The last code cell.  Python 3.9 (and any older Python 3, far enough to say so); it leaves nothing in the
# notebook's namespace but its two underscored names.  {payload}: _feedback/ zipped, base64, one line.
CHECK_CELL = '''\
# 공개 검사: 위에서 실행한 셀의 코드를 검사합니다. 검사 도구(_feedback)가 아래 _CHECKER 한 줄에 압축되어
# 들어 있으므로 다른 파일 없이 이 노트북만 있으면 됩니다 (numpy만 필요). 맨 아래 줄의 lang: "ko" 한국어, "en" 영어.
# Public checks of the code of the cells you have run. The checker (_feedback) is packed into the _CHECKER
# line below, so this notebook needs no other file, only numpy. In the last line, lang="en" is English.
_CHECKER = "{payload}"


def _public_checks(lang):
    import sys

    if sys.version_info < (3, 9):
        version = "%d.%d.%d" % tuple(sys.version_info[:3])
        print("The public checks need Python 3.9 or later; this kernel is Python " + version + ". / 공개 검사는 "
              "파이썬 3.9 이상에서 실행됩니다. 이 커널의 파이썬은 " + version + "입니다.")
        return
    import base64, io, shutil, tempfile, zipfile

    def unload():  # _feedback as imported before (check.py's), or by this run: gone with its folder
        for name in [m for m in sys.modules if m.split(".")[0] == "_feedback"]:
            del sys.modules[name]

    home = tempfile.mkdtemp(prefix="public_checks_")  # private to this user, removed afterwards
    try:
        zipfile.ZipFile(io.BytesIO(base64.b64decode(_CHECKER))).extractall(home)
        unload()
        sys.path.insert(0, home)
        try:
            from _feedback.selfcheck import main
        finally:
            sys.path.remove(home)
        main(["--lang", lang], globals())
    finally:
        unload()
        shutil.rmtree(home, ignore_errors=True)


if "get_ipython" in globals():  # in Jupyter, Colab or VS Code (not when the grader reads the notebook)
    _public_checks(lang="{lang}")
'''
_PAYLOAD = re.compile(r'^_CHECKER = "([A-Za-z0-9+/=]*)"$', re.M)


def check_cell(checker: bytes, lang: str = "ko") -> str:
    """The last cell's source, carrying ``checker`` (the zip of ``_feedback/``); its feedback in ``lang``."""
    return CHECK_CELL.replace("{lang}", lang).replace("{payload}", base64.b64encode(checker).decode("ascii"))


def embedded_files(nb: nbformat.NotebookNode) -> dict[str, bytes]:
    """What the notebook's check cell carries: path in the zip (``_feedback/...``) -> bytes; {} if nothing."""
    found = {}
    for cell in nb.cells:
        match = _PAYLOAD.search(cell.source) if cell.cell_type == "code" else None
        if match:
            with zipfile.ZipFile(io.BytesIO(base64.b64decode(match.group(1)))) as z:
                found.update({name: z.read(name) for name in z.namelist()})
    return found


def _segment(lines: list[str], node: ast.stmt, floor: int) -> tuple[int, str]:
    """A statement's source lines with its decorators and the comments just above it (not above ``floor``)."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    while start - 1 > floor and lines[start - 2].strip().startswith("#"):
        start -= 1
    return start, "\n".join(lines[start - 1:node.end_lineno])


def _signature(node: ast.FunctionDef) -> str:
    return f"{node.name}({ast.unparse(node.args)})"


def _splittable(cls: ast.ClassDef) -> bool:
    """Whether each method after the first can live in its own cell (defined outside, then attached)."""
    methods = [n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if len(methods) < 2:
        return False
    first = cls.body.index(methods[0])
    if any(not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in cls.body[first:]):
        return False  # a class attribute between methods: keep the class whole
    for m in methods[1:]:
        for n in ast.walk(m):
            if isinstance(n, ast.Name) and n.id in ("super", "__class__"):
                return False  # super() needs the class body around it
            if isinstance(n, ast.Attribute) and n.attr.startswith("__") and not n.attr.endswith("__"):
                return False  # name mangling needs it too
    return True


def _is_main_block(node: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` (in a notebook it would run, and stop "Run All" on the stub)."""
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__" and len(test.comparators) == 1
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == "__main__")


def notebook(stub: str, readme: str, entry: str, checker: bytes | None = None,
             lang: str = "ko") -> nbformat.NotebookNode:
    """The stub as a notebook: the README, then a code cell per top-level function and per method, then the checks.

    ``checker``: the zip of ``_feedback/`` the last cell carries (``build.checker_zip``), which gives its
    feedback in ``lang``; without it the last cell is ``%run -i check.py``, which needs the handout's check.py
    beside the notebook.

    A class's header and first method share a cell; each later method is written as a function and attached
    with ``Cls.name = name``, which the grader reads like a method written in the class.  Other top-level
    statements (the imports) keep their order, each run of them in one cell; an ``if __name__ ==
    "__main__":`` block is left out.
    """
    tree = ast.parse(stub)
    lines = stub.splitlines()
    cells: list[tuple[str, str, str]] = []  # (kind, id, source)
    pending: list[str] = []
    attach: tuple[str, str] | None = None
    floor = 0

    def flush() -> None:
        if pending:
            cells.append(("code", f"top-{len(cells)}", "\n\n".join(pending).strip("\n")))
            pending.clear()

    for node in tree.body:
        start, text = _segment(lines, node, floor)
        floor = node.end_lineno
        if _is_main_block(node):
            continue  # a notebook has no __main__ block: its last cell runs the checks instead
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            flush()
            cells.append(("markdown", f"doc-{node.name}", f"### `{_signature(node)}`"))
            cells.append(("code", node.name, text))
        elif isinstance(node, ast.ClassDef) and _splittable(node):
            flush()
            methods = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            head_end = methods[0].end_lineno
            cells.append(("markdown", f"doc-{node.name}", f"### `{node.name}`: `{_signature(methods[0])}`"))
            cells.append(("code", node.name, "\n".join(lines[start - 1:head_end])))
            inner = head_end
            for m in methods[1:]:
                _, body = _segment(lines, m, inner)
                inner = m.end_lineno
                cells.append(("markdown", f"doc-{node.name}-{m.name}", f"### `{node.name}.{_signature(m)}`"))
                cells.append(("code", f"{node.name}-{m.name}",
                              textwrap.dedent(body) + f"\n\n\n{node.name}.{m.name} = {m.name}"))
                attach = attach or (node.name, m.name)
        else:
            pending.append(text)
    flush()

    how = HOW_TO["notebook"]
    if attach:
        how += HOW_TO["attach"].format(cls=attach[0], method=attach[1])
    how += HOW_TO["submit"].format(entry=entry)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.cells.append(nbformat.v4.new_markdown_cell(readme.rstrip() + "\n\n" + how, id="spec"))
    for kind, cid, src in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(src, id=_cell_id(cid)))
    nb.cells.append(nbformat.v4.new_markdown_cell(HOW_TO["check"], id="check-doc"))
    if checker is not None:
        nb.cells.append(nbformat.v4.new_code_cell(check_cell(checker, lang), id="check"))
    else:
        nb.cells.append(nbformat.v4.new_code_cell("# 영어로 보려면 / in English: %run -i check.py --lang en\n"
                                                  "%run -i check.py", id="check"))
    nbformat.validate(nb)
    return nb


def _cell_id(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:64]
