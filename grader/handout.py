"""The student's side of an assignment: the handout to release, and its public checks for a TA to run.

    python -m grader.handout build --assignment assignments/NAME [--out dist]     (make handout)
    python -m grader.handout check --assignment assignments/NAME FILE [--lang en]  (make check)

``build`` writes ``dist/NAME/`` and ``dist/NAME.zip`` (the same files under ``NAME/``):

    ENTRY.py      the stub, as in the assignment folder
    ENTRY.ipynb   the same stub as a notebook: the specification, one cell per function or method, and a
                  last cell that runs the public checks on what the student has run
    README.md     the specification (plus how to run the checks, when it does not say so itself)
    check.py      ``python check.py [FILE] [--lang ko|en]``: the assignment's ``public/checks.py``
    _feedback/    what check.py needs: the public checks with their part of the config, and the grader's
                  feedback code (``selfcheck.py`` and what it imports), cut down to the definitions used

What goes in is chosen, not filtered: the stub, the README, ``public/``, named grader definitions, and
of the config only the title, the entry file, the time limits and the public checks' own tables.
Nothing under ``hidden/`` or ``solutions/`` is ever opened.  ``check`` runs the same public checks on
one student's file through the sandbox, as grading does, and prints what the student would see.
"""
from __future__ import annotations

import argparse
import ast
import builtins
import json
import shutil
import sys
import symtable
import textwrap
import zipfile
from pathlib import Path

import nbformat

from . import assignment as assignment_mod
from . import selfcheck
from .assignment import Assignment, ConfigError
from .proxy import StudentModule

GRADER = Path(__file__).resolve().parent
FEEDBACK = selfcheck.FEEDBACK

# The grader modules the handout's check.py runs, and which of their definitions (None: the whole file).
# Each partial module gets the named definitions, the module-level definitions they use, and the imports
# those need; the build fails if a vendored name is missing or something else would have to come along.
VENDOR: dict[str, tuple[str, ...] | None] = {
    "selfcheck": None,
    "checks": None,          # the diagnosis ladder: compare, Mistake, require, CheckFailed
    "extract": None,         # .py and .ipynb read exactly as the grader reads them
    "wire": None,            # values cross the same codec as from the sandbox
    "results": ("Text", "Fault"),
    "sandbox": ("StudentFault", "StudentError", "StudentTimeout", "StudentCrashed", "StudentBadValue",
                "describe_exit", "_SIGNAL_REASONS"),
    "proxy": ("LoadReport", "NotGradable", "describe_args", "_naming", "_calling", "_once_hung"),
    "runner": ("Outcome", "describe_fault"),
    "pipeline": ("_load_problem", "_warning"),
    "_child": ("_is_definition", "_type_name"),
}
THIRD_PARTY = {"numpy", "nbformat"}   # what a student installs; everything else must be the standard library
COMPAT = {  # an import line of the grader -> what the handout says instead
    "from enum import StrEnum": (
        "try:\n    from enum import StrEnum\nexcept ImportError:  # Python < 3.11 on a student's machine\n"
        "    from enum import Enum\n\n    class StrEnum(str, Enum):\n        __str__ = str.__str__"),
    "import nbformat": (
        "try:\n    import nbformat\nexcept ImportError:  # only notebooks need it; check.py says so when one is given\n"
        "    nbformat = None"),
}
CHECK_PY = '''\
"""Public checks of {name}: run them before you submit. / 제출하기 전에 공개 검사를 실행해 보세요.

    python check.py                   # checks {entry} (else {stem}.ipynb) in this folder
    python check.py {stem}.ipynb --lang en

In the notebook, the last cell runs them on the cells you have run: %run -i check.py
노트북에서는 마지막 셀(%run -i check.py)이 지금까지 실행한 셀의 코드를 검사합니다.
Needs numpy (and nbformat for a notebook). / numpy가 필요합니다 (노트북은 nbformat도 필요).
"""


def _public_checks(namespace):
    import os
    import sys

    here = os.path.dirname(os.path.abspath(namespace.get("__file__") or sys.argv[0]))
    if here not in sys.path:
        sys.path.insert(0, here)
    from {feedback}.selfcheck import main

    return main(sys.argv[1:], namespace)


if __name__ == "__main__":
    _status = _public_checks(globals())
    del _public_checks
    if _status is not None:  # run as a script, not with %run -i from the notebook
        raise SystemExit(_status)
    del _status
'''
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


class BuildError(Exception):
    """The handout cannot be built as asked (a missing file, a public check id the config does not know)."""


# -- vendoring the grader's feedback code -----------------------------------------------------------
def _compat(import_line: str) -> str:
    return COMPAT.get(import_line, import_line)


def _top_names(node: ast.stmt) -> list[str]:
    """The module-level names a statement defines."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _import_names(node: ast.stmt) -> list[str]:
    return [(a.asname or a.name).split(".")[0] for a in node.names] if isinstance(node, (ast.Import, ast.ImportFrom)) else []


def _check_import(node: ast.stmt, module: str, exported: dict[str, set[str]]) -> None:
    if isinstance(node, ast.ImportFrom) and node.level:
        target = node.module or ""
        if target and target not in VENDOR:
            raise BuildError(f"grader/{module}.py imports .{target}, which the handout does not carry (VENDOR)")
        names = {a.name for a in node.names}
        if not target:  # from . import wire
            missing = names - set(VENDOR)
        else:
            missing = names - exported[target] if target in exported else set()
        if missing:
            raise BuildError(f"grader/{module}.py needs {sorted(missing)} from .{target or ''}: add them to VENDOR")
        return
    roots = [a.name.split(".")[0] for a in node.names] if isinstance(node, ast.Import) else [(node.module or "").split(".")[0]]
    for root in roots:
        if root != "__future__" and root not in sys.stdlib_module_names and root not in THIRD_PARTY:
            raise BuildError(f"grader/{module}.py imports {root}, which a student does not have")


def _partial(module: str, text: str, wanted: tuple[str, ...]) -> tuple[str, set[str]]:
    """The named definitions of a module, the module-level definitions they use, and the imports they need."""
    tree = ast.parse(text)
    defs = {name: node for node in tree.body for name in _top_names(node)}
    imports = {name: node for node in tree.body for name in _import_names(node)}
    missing = [n for n in wanted if n not in defs]
    if missing:
        raise BuildError(f"grader/{module}.py defines no {missing}")
    keep, todo, used_imports = set(), list(wanted), set()
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        for n in ast.walk(defs[name]):
            if isinstance(n, ast.Name):
                if n.id in defs and n.id not in keep:
                    todo.append(n.id)
                elif n.id in imports:
                    used_imports.add(n.id)
    lines = text.splitlines()
    out = [f'"""Part of grader/{module}.py ({", ".join(sorted(wanted))}), copied by `make handout`."""',
           "from __future__ import annotations", ""]
    absolute, relative = [], []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (isinstance(node, ast.ImportFrom)
                                                                    and node.module == "__future__"):
            names = [a for a in node.names if (a.asname or a.name).split(".")[0] in used_imports]
            if names:
                node = type(node)(**{**{f: getattr(node, f) for f in node._fields}, "names": names})
                (relative if getattr(node, "level", 0) else absolute).append(_compat(ast.unparse(node)))
    out += absolute + ([""] if absolute and relative else []) + relative
    for node in tree.body:
        if set(_top_names(node)) & keep:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            out += ["", ""] + lines[start - 1:node.end_lineno]
    return "\n".join(out) + "\n", keep


def vendored() -> dict[str, str]:
    """``_feedback/NAME.py`` for every module in VENDOR: file name -> text."""
    texts, exported = {}, {}
    for module, wanted in VENDOR.items():
        text = (GRADER / f"{module}.py").read_text("utf-8")
        if wanted is None:
            lines = [_compat(line) if line in COMPAT else line for line in text.splitlines()]
            texts[module] = (f"# Copied from grader/{module}.py by `make handout`: edit the original, not this copy.\n"
                             + "\n".join(lines) + "\n")
            exported[module] = {n for node in ast.parse(text).body for n in _top_names(node) + _import_names(node)}
        else:
            texts[module], exported[module] = _partial(module, text, wanted)
    for module, text in texts.items():
        for node in ast.parse(text).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                _check_import(node, module, exported)
        undefined = _undefined_globals(text)
        if undefined:
            raise BuildError(f"the handout's copy of grader/{module}.py would use undefined {sorted(undefined)}")
    return {f"{module}.py": text for module, text in texts.items()}


def _undefined_globals(text: str) -> set[str]:
    top = symtable.symtable(text, "<vendored>", "exec")
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    used: set[str] = set()

    def walk(table) -> None:
        for s in table.get_symbols():
            if s.is_referenced() and (table is top or s.is_global()):
                used.add(s.get_name())
        for child in table.get_children():
            walk(child)

    walk(top)
    return used - defined - set(dir(builtins)) - {"__file__", "__name__", "__package__"}


# -- the notebook -----------------------------------------------------------------------------------
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


# -- the handout --------------------------------------------------------------------------------------
def public_config(a: Assignment, ids: list[str]) -> dict:
    """The part of the config the handout carries: nothing of the checks that are not public."""
    specs = {c.id: c for c in a.checks}
    unknown = [i for i in ids if i not in specs]
    if unknown:
        raise BuildError(f"{a.folder}/public/checks.py has checks {unknown} that assignment.toml does not list")
    return {"name": a.name, "title": a.title, "title_ko": a.title_ko, "entry": a.entry,
            "required": list(a.required), "language": a.language, "call_timeout": a.limits.call_timeout,
            "load_timeout": a.load_timeout,
            "checks": {i: {"name": specs[i].name, "name_ko": specs[i].name_ko, "points": specs[i].points}
                       for i in ids}}


def _public_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix != ".pyc" and not p.name.startswith("."))


def build(folder: Path, out: Path) -> Path:
    """Writes ``out/NAME/`` and ``out/NAME.zip``; returns the folder."""
    a = assignment_mod.load(folder)
    public = folder / "public"
    stub, readme = folder / a.entry, folder / "README.md"
    for needed in (public / "checks.py", stub, readme):
        if not needed.is_file():
            raise BuildError(f"{folder.name}: no {needed.relative_to(folder)}, which the handout needs")
    checks = selfcheck.load_checks(public / "checks.py")
    if not checks:
        raise BuildError(f"{public / 'checks.py'} marks no check with @check(id)")
    config = public_config(a, [fn.check_id for fn in checks])

    target = out / a.name
    if target.exists():
        shutil.rmtree(target)
    (target / FEEDBACK / "public").mkdir(parents=True)
    stub_text = stub.read_text("utf-8")
    shutil.copyfile(stub, target / a.entry)
    readme_text = readme.read_text("utf-8")
    if "check.py" not in readme_text:
        readme_text = readme_text.rstrip() + HOW_TO["readme"].format(entry=a.entry, stem=Path(a.entry).stem,
                                                                     n=len(checks))
    (target / "README.md").write_text(readme_text, "utf-8")
    nb = notebook(stub_text, readme.read_text("utf-8"), a.entry)
    nbformat.write(nb, str(target / (Path(a.entry).stem + ".ipynb")))
    (target / "check.py").write_text(CHECK_PY.format(name=a.name, entry=a.entry, stem=Path(a.entry).stem,
                                                     feedback=FEEDBACK), "utf-8")
    feedback = target / FEEDBACK
    (feedback / "__init__.py").write_text(
        f'"""What check.py runs: the public checks of {a.name} and the grader\'s feedback code, copied by '
        '`make handout`."""\n', "utf-8")
    for name, text in vendored().items():
        (feedback / name).write_text(text, "utf-8")
    (feedback / "assignment.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for path in _public_files(public):
        dest = feedback / "public" / path.relative_to(public)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    _zip(target, out / f"{a.name}.zip")
    return target


def _zip(folder: Path, path: Path) -> None:
    """The folder as a zip of ``NAME/...``, byte for byte the same for the same files."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            info = zipfile.ZipInfo(f"{folder.name}/{file.relative_to(folder).as_posix()}", (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, file.read_bytes())


# -- the TA's side: the public checks on one file, sandboxed ------------------------------------------
def check(folder: Path, argv: list[str]) -> int:
    """``make check FILE=...``: what the student sees from check.py, with the file run in the sandbox."""
    a = assignment_mod.load(folder)
    path = folder / "public" / "checks.py"
    if not path.is_file():
        raise BuildError(f"{folder.name} has no public/checks.py")
    config = public_config(a, [fn.check_id for fn in selfcheck.load_checks(path)])
    return selfcheck.main(argv, config=config, checks_path=path,
                          make_module=lambda s: StudentModule(s.text, s.filename, a.limits, a.load_timeout,
                                                              a.required))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.handout", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write dist/NAME/ and dist/NAME.zip")
    b.add_argument("--assignment", required=True, type=Path)
    b.add_argument("--out", type=Path, default=Path("dist"))
    c = sub.add_parser("check", help="run the public checks on one file (in the sandbox)", add_help=False)
    c.add_argument("--assignment", required=True, type=Path)
    args, rest = p.parse_known_args(argv)
    try:
        if args.command == "build":
            if rest:
                p.error(f"unrecognized arguments: {' '.join(rest)}")
            target = build(args.assignment, args.out)
            print(f"wrote {target}/ and {target}.zip")
            return 0
        return check(args.assignment, rest) or 0
    except (BuildError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
