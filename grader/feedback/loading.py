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
import re
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


_DOTTED = re.compile(r"(?<![\w.'\"])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
MAX_SHAPES = 8          # arrays named on the failing line whose shapes are kept


def _array_shape(value) -> "tuple | None":
    """A numpy array's shape, read without running anything of the student's (no numpy import here)."""
    kind = type(value)
    if kind.__name__ == "ndarray" and kind.__module__ == "numpy":
        shape = value.shape
        return tuple(int(n) for n in shape) if type(shape) is tuple else None
    return None


def _resolve(frame, dotted: str):
    """``a1``, ``self.w2`` or ``self.w3.T`` as the failing line saw it: locals first, attributes only from an
    object's own __dict__ (no property or __getattr__ of the student's runs), ``.T`` of an array."""
    first, *rest = dotted.split(".")
    if first in frame.f_locals:
        value = frame.f_locals[first]
    elif first in frame.f_globals:
        value = frame.f_globals[first]
    else:
        return None
    for attr in rest:
        if _array_shape(value) is not None:
            if attr != "T":
                return None
            value = value.T
            continue
        try:
            own = object.__getattribute__(value, "__dict__")
        except AttributeError:
            return None
        if type(own) is not dict or attr not in own:
            return None
        value = own[attr]
    return value


def operand_shapes(frame, code: str) -> list[dict]:
    """The shapes of the arrays named on the line that failed, in the order written: what a student needs to
    see for a product or a broadcast that does not fit (``self.w2 @ a1`` with a1 the wrong layer's)."""
    out, seen = [], set()
    for dotted in _DOTTED.findall(code):
        if dotted in seen or len(out) >= MAX_SHAPES:
            continue
        seen.add(dotted)
        shape = _array_shape(_resolve(frame, dotted))
        if shape is not None:
            out.append({"name": dotted[:100], "shape": list(shape)})
    return out


def student_frames(tb, files: "set[str] | frozenset[str]", shapes: bool = False) -> list[dict]:
    """The traceback's frames in the student's own code (a file of ``files``), capped; with ``shapes``, the
    last one also has the shapes of the arrays its line names (see operand_shapes)."""
    frames, last = [], None
    for fs, (frame, _) in zip(traceback.extract_tb(tb), traceback.walk_tb(tb)):
        if fs.filename in files:
            frames.append({"line": fs.lineno, "name": str(fs.name)[:100], "code": (fs.line or "")[:300]})
            last = frame
    if shapes and frames and last is not None:
        try:
            found = operand_shapes(last, frames[-1]["code"])
        except Exception:  # noqa: BLE001 - a hostile object on the line: no shapes, the rest stays
            found = []
        if found:
            frames[-1]["shapes"] = found
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
        shapes = isinstance(exc, (ValueError, TypeError))  # a product, a broadcast, an argument that does not fit
        error = {"type": str(type(exc).__name__)[:200], "message": message[:MAX_MESSAGE],
                 "frames": student_frames(exc.__traceback__, files, shapes)}
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
