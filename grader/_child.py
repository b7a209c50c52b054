"""The only grader code that runs inside a sandbox: load the student's source, answer requests.

It imports nothing of the grader but the codec (``wire.py``, loaded from its path), so a submission has
nothing here worth patching: whatever it changes in this process, the verdict is computed elsewhere, on
the plain data this process sends back.

Started as ``python -I _child.py REQUEST_FD REPLY_FD CONFINE_JSON``.
"""
from __future__ import annotations

import ast
import importlib.util
import io
import json
import linecache
import os
import sys
import traceback
import types

STUDENT_FILE = "<student>"  # replaced by the submission's file name at load time
MAX_OUTPUT = 64 * 1024


def _load_wire():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wire.py")
    spec = importlib.util.spec_from_file_location("_grader_wire", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wire = _load_wire()
import numpy  # noqa: E402,F401 - imported before any confinement, so the student's import is cheap


class CappedOutput(io.TextIOBase):
    """Keeps the first MAX_OUTPUT characters a submission prints, and counts the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, s) -> int:
        s = str(s)
        room = MAX_OUTPUT - self.kept
        if room > 0:
            self.parts.append(s[:room])
            self.kept += min(room, len(s))
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def take(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n[... {self.dropped} more characters of output not kept]"
        self.parts, self.kept, self.dropped = [], 0, 0
        return text


def _student_frames(tb) -> list[dict]:
    frames = []
    for fs in traceback.extract_tb(tb):
        if fs.filename == STUDENT_FILE:
            frames.append({"line": fs.lineno, "name": fs.name, "code": fs.line or ""})
    return frames


def _error(exc: BaseException) -> dict:
    message = str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or "")
    error = {
        "type": type(exc).__name__,
        "message": message[:2000],
        "frames": _student_frames(exc.__traceback__),
    }
    if isinstance(exc, SyntaxError):
        error["line"] = exc.lineno
        error["code"] = (exc.text or "").rstrip("\n")
    return error


_KEEP_IN_DEFS_MODE = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _is_definition(node: ast.stmt) -> bool:
    """Statements that define things rather than run things (used when full loading timed out)."""
    if isinstance(node, _KEEP_IN_DEFS_MODE):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return not any(isinstance(n, ast.Call) for n in ast.walk(node))
    return False


class Server:
    def __init__(self) -> None:
        self.module: types.ModuleType | None = None
        self.objects: dict[int, object] = {}
        self.output = CappedOutput()

    # -- operations -----------------------------------------------------------------
    def op_load(self, req: dict) -> dict:
        global STUDENT_FILE
        STUDENT_FILE = req["filename"]
        lines = req["source"].splitlines(keepends=True)
        linecache.cache[STUDENT_FILE] = (len(req["source"]), None, lines, STUDENT_FILE)
        tree = ast.parse(req["source"], filename=STUDENT_FILE)
        module = types.ModuleType("submission")
        module.__file__ = STUDENT_FILE
        sys.modules["submission"] = module
        self.module = module
        warnings = []
        defs_only = req.get("mode") == "defs"
        for node in tree.body:
            if defs_only and not _is_definition(node):
                continue
            code = compile(ast.Module(body=[node], type_ignores=[]), STUDENT_FILE, "exec")
            try:
                exec(code, module.__dict__)
            except (Exception, SystemExit, KeyboardInterrupt) as exc:  # top-level test code may fail
                warnings.append(_error(exc) | {"line": getattr(node, "lineno", None)})
        names = sorted(k for k in module.__dict__ if not k.startswith("__"))
        return {"names": names, "warnings": warnings}

    def _target(self, handle):
        if handle is None:
            return self.module
        return self.objects[handle]

    def op_new(self, req: dict) -> dict:
        cls = getattr(self.module, req["name"])
        obj = cls(*req.get("args", []), **req.get("kwargs", {}))
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"handle": handle}

    def op_bare(self, req: dict) -> dict:
        """An instance made without running __init__, for checks that set every attribute themselves."""
        cls = getattr(self.module, req["name"])
        obj = cls.__new__(cls)
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"handle": handle}

    def op_seed(self, req: dict) -> None:
        import random

        numpy.random.seed(int(req["seed"]))
        random.seed(int(req["seed"]))

    def op_signature(self, req: dict) -> list:
        """Parameter names of a callable, so the grader can name a wrong argument order."""
        import inspect

        fn = getattr(self._target(req.get("handle")), req["name"])
        return [p.name for p in inspect.signature(fn).parameters.values()]

    def op_call(self, req: dict):
        fn = getattr(self._target(req.get("handle")), req["name"])
        return fn(*req.get("args", []), **req.get("kwargs", {}))

    def op_get(self, req: dict):
        return getattr(self._target(req.get("handle")), req["name"])

    def op_set(self, req: dict) -> None:
        setattr(self._target(req.get("handle")), req["name"], req["value"])

    def op_repeat(self, req: dict) -> dict:
        """Runs a sequence of method calls many times (training), keeping some return values.

        One request instead of thousands keeps a 2,000-epoch training run cheap; the grader judges
        what comes back (recorded outputs, final attributes), not anything computed here.
        """
        obj = self._target(req.get("handle"))
        calls = req["calls"]
        every = max(1, int(req.get("record_every", 1)))
        record = req.get("record")  # index into calls whose return value is kept
        kept = []
        for i in range(int(req["times"])):
            for j, (name, args) in enumerate(calls):
                value = getattr(obj, name)(*args)
                if j == record and (i % every == 0 or i == req["times"] - 1):
                    kept.append(numpy.array(value, dtype=float))
        final = {name: getattr(obj, name, None) for name in req.get("collect", [])}
        return {"recorded": kept, "final": final}

    # -- loop -----------------------------------------------------------------------
    def serve(self, rfd: int, wfd: int) -> None:
        rin = os.fdopen(rfd, "rb", buffering=0)
        wout = os.fdopen(wfd, "wb", buffering=0)
        sys.stdout = sys.stderr = self.output
        while True:
            try:
                req = wire.read_frame(rin)
            except EOFError:
                return
            reply = {"id": req.get("id")}
            try:
                reply["value"] = getattr(self, "op_" + req["op"])(req)
                reply["ok"] = True
            except (Exception, SystemExit, KeyboardInterrupt) as exc:
                reply["ok"] = False
                reply["error"] = _error(exc)
            reply["output"] = self.output.take()
            try:
                frame = wire.encode(reply)
            except wire.WireError as exc:
                frame = wire.encode({"id": req.get("id"), "ok": False, "output": reply["output"],
                                     "error": {"type": "UnsendableValue", "message": str(exc), "frames": [],
                                               "value_type": _type_name(reply.get("value"))}})
            wout.write(frame)


def _type_name(value) -> str:
    t = type(value)
    if hasattr(value, "dtype"):
        return f"{t.__module__}.{t.__qualname__} (dtype {getattr(value, 'dtype', '?')})"
    return f"{t.__module__}.{t.__qualname__}"


def main() -> None:
    rfd, wfd = int(sys.argv[1]), int(sys.argv[2])
    settings = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    confine = settings.get("confine_module")
    if confine:  # trusted hardening applied before any student code is read
        spec = importlib.util.spec_from_file_location("_grader_confine", confine)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        report = module.confine(settings)
        os.write(wfd, wire.encode({"id": 0, "ok": True, "value": report, "output": ""}))
    else:
        os.write(wfd, wire.encode({"id": 0, "ok": True, "value": {}, "output": ""}))
    Server().serve(rfd, wfd)


if __name__ == "__main__":
    main()
