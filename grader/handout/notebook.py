"""The stub as a notebook: the specification, a code cell per function and per method, then the checks."""
from __future__ import annotations

import ast
import textwrap

import nbformat

HOW_TO = {
    "notebook": (
        "---\n\n**이 노트북 사용법 / How to use this notebook**\n\n"
        "- 아래 셀마다 `raise NotImplementedError`를 지우고 코드를 작성하세요. 위에서부터 셀을 차례로 실행한 뒤, "
        "마지막 셀로 공개 검사를 실행합니다 (`check.py`가 이 노트북과 같은 폴더에 있어야 합니다).\n"
        "- Replace each `raise NotImplementedError` below with your code, run the cells from the top, then run "
        "the last cell for the public checks (`check.py` must be in this notebook's folder).\n"),
    "attach": (
        "- 메서드는 셀마다 따로 `def {method}(self, ...):`로 정의한 뒤 `{cls}.{method} = {method}` 줄로 클래스에 "
        "붙입니다. 이 줄은 지우지 마세요.\n"
        "- Each method is defined in its own cell and attached to the class by a line like "
        "`{cls}.{method} = {method}`: keep that line.\n"),
    "submit": "- 제출: 이 노트북 또는 `{entry}` 중 하나. / Submit this notebook or `{entry}`.\n",
    "check": "## 공개 검사 / Public checks\n\n위의 셀을 모두 실행한 뒤 실행하세요. / Run every cell above first.",
    "readme": (
        "\n\n## 제출 전 확인 / Before you submit\n\n"
        "```sh\npython check.py                  # {entry} (없으면 {stem}.ipynb)를 검사합니다 / checks {entry}\n"
        "python check.py {stem}.ipynb --lang en\n```\n\n"
        "노트북에서는 마지막 셀(`%run -i check.py`)이 공개 검사를 실행합니다. 공개 검사 {n}개는 채점 검사 중 일부를 "
        "공개된 입력으로 실행하고, 채점 보고서와 같은 메시지를 보여 줍니다. numpy만 있으면 됩니다 (노트북은 nbformat도 "
        "필요). 채점할 때는 다른 입력과 공개되지 않은 검사도 함께 실행하므로, 모두 통과해도 만점이 보장되지는 않습니다.\n\n"
        "In the notebook, the last cell (`%run -i check.py`) runs them. The {n} public checks run some of the graded "
        "checks on public inputs and print the messages the report would give; they need only numpy (and nbformat "
        "for a notebook). Grading also uses other inputs and checks that are not public, so passing them all does "
        "not guarantee full marks.\n"),
}


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


def notebook(stub: str, readme: str, entry: str) -> nbformat.NotebookNode:
    """The stub as a notebook: the README, then a code cell per top-level function and per method, then the checks.

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
    nb.cells.append(nbformat.v4.new_code_cell("# 영어로 보려면 / in English: %run -i check.py --lang en\n"
                                              "%run -i check.py", id="check"))
    nbformat.validate(nb)
    return nb


def _cell_id(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:64]
