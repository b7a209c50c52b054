"""How a submission's file is run and how what it raises is recorded: the same in the sandbox (whose
request server loads this module by path) and in the handout's check.py (which runs the student's code
in its own process).  Standard library only.

The file runs one top-level statement at a time, so that test code at the bottom that fails is a note,
not the end of grading; when running the whole file takes too long, the grader loads it again with its
definitions only (imports, functions, classes and constant assignments).
"""
from __future__ import annotations

import ast
import linecache
import sys
import traceback
import types
from typing import Callable

MAX_TRACEBACK = 25      # student frames kept per exception: the first five and the last twenty (a recursion
                        # bomb has a thousand)
MAX_MESSAGE = 2000      # characters of an exception message kept
MAX_WARNINGS = 50       # top-level errors (or warnings of one call) kept
# numpy's own floating-point handling, for a call judged on its warnings whatever the file set with np.seterr
NUMPY_DEFAULTS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}
_KEEP_IN_DEFS_MODE = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def is_definition(node: ast.stmt) -> bool:
    """Statements that define things rather than run things (kept when full loading timed out)."""
    if isinstance(node, _KEEP_IN_DEFS_MODE):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return not any(isinstance(n, ast.Call) for n in ast.walk(node))
    return False


def text_of(exc: BaseException) -> str:
    """str(exc), which runs the student's __str__: it may raise, or return something that is not a str."""
    try:
        text = str(exc)
        return text if type(text) is str else "<unprintable message>"
    except BaseException:  # noqa: BLE001
        return "<unprintable message>"


def student_frames(tb, files: "set[str] | frozenset[str]") -> list[dict]:
    """The traceback's frames in the student's own code (a file of ``files``), capped."""
    frames = []
    for fs in traceback.extract_tb(tb):
        if fs.filename in files:
            frames.append({"line": fs.lineno, "name": str(fs.name)[:100], "code": (fs.line or "")[:300]})
    if len(frames) > MAX_TRACEBACK:
        frames = frames[:5] + frames[-(MAX_TRACEBACK - 5):]
    return frames


def error_record(exc: BaseException, files: "set[str] | frozenset[str]", memory_mb: int | None = None) -> dict:
    """An exception as plain data: type, message, the student's frames; a SyntaxError's line and code."""
    try:
        message = text_of(exc) if not isinstance(exc, SyntaxError) else str(exc.msg or "")
        if isinstance(exc, MemoryError):
            message = (message + "; " if message else "") + (
                f"the memory limit of {memory_mb} MB was reached" if memory_mb else "out of memory")
        error = {"type": str(type(exc).__name__)[:200], "message": message[:MAX_MESSAGE],
                 "frames": student_frames(exc.__traceback__, files)}
        if isinstance(exc, SyntaxError):
            error["line"] = exc.lineno if isinstance(exc.lineno, int) else None
            error["code"] = str(exc.text or "").rstrip("\n")[:300]
        return error
    except BaseException:  # noqa: BLE001 - describing a hostile exception must not end the caller
        return {"type": "Exception", "message": "an exception that could not be described", "frames": []}


def run_top_level(text: str, filename: str, defs_only: bool,
                  on_error: Callable[[BaseException, ast.stmt], None],
                  caught: "type[BaseException] | tuple[type[BaseException], ...]" = BaseException) -> types.ModuleType:
    """Runs the file as module ``submission``, statement by statement; a statement that raises one of
    ``caught`` is reported to ``on_error`` and the rest still runs.  A SyntaxError raises."""
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    tree = ast.parse(text, filename=filename)
    module = types.ModuleType("submission")
    module.__file__ = filename
    sys.modules["submission"] = module
    for node in tree.body:
        if defs_only and not is_definition(node):
            continue
        code = compile(ast.Module(body=[node], type_ignores=[]), filename, "exec")
        try:
            exec(code, module.__dict__)
        except caught as exc:  # top-level test code may fail, even exit: noted, not fatal
            on_error(exc, node)
    return module


def defined_names(module: types.ModuleType) -> list[str]:
    return sorted(k for k in module.__dict__ if type(k) is str and not k.startswith("__"))
