"""The request server: the only code that runs in the same process as the student's.

It loads the submission and answers the grader's requests (create an object, call a method, read an
attribute...) with plain data.  It imports nothing of the grader but the three shared modules
(``shared.py``), so a submission finds nothing here worth patching: whatever it changes in this
process, the verdict is computed elsewhere, on the plain data this process sends back.
"""
from __future__ import annotations

import io
import os
import sys
import time
import types
import warnings as _warnings

from . import shared

wire = shared.wire
plain = loading = np = None  # imported in ``prepare``, after the process tree is built


def prepare() -> None:
    """numpy and what the server uses, imported while every path is still readable (the student's own
    imports of anything else go through the import path the confinement keeps readable).  A fork of the
    fork server finds them imported already."""
    global plain, loading, np
    if np is not None:
        return
    plain, loading = shared.plain(), shared.loading()
    import inspect  # noqa: F401 - used by op_signature
    import random  # noqa: F401 - used by op_seed

    import numpy
    import numpy.random  # noqa: F401 - numpy 2 imports it on first use (~10 ms), which every student makes
    np = numpy


class Missing(Exception):
    """The grader asked for a name the student's module or object does not have."""

    def __init__(self, name: str, owner: str) -> None:
        super().__init__(name)
        self.name, self.owner = name, owner


class CappedOutput(io.TextIOBase):
    """Keeps the first ``cap`` characters a submission prints, and counts the rest.

    What is kept also goes to fd 1, where the supervisor keeps it (capped again), so the output printed
    before a crash or a time-out still reaches the report.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, s) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        s = str.__str__(s)  # a str subclass's own __str__ is not consulted
        room = self.cap - self.kept
        if room > 0:
            part = s[:room]
            self.parts.append(part)
            self.kept += len(part)
            try:
                os.write(1, part.encode("utf-8", "replace"))
            except OSError:
                pass
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def flush(self) -> None:
        pass

    def take(self) -> tuple[str, int]:
        """What was kept since the last call, and how many characters beyond the cap were not."""
        text = "".join(self.parts).encode("utf-8", "replace").decode("utf-8")  # no lone surrogates
        taken = text, self.dropped
        self.parts, self.kept, self.dropped = [], 0, 0
        return taken


class Server:
    def __init__(self, limits) -> None:
        self.limits = limits
        self.module: types.ModuleType | None = None
        self.objects: dict[int, object] = {}
        self.output = CappedOutput(limits.output_kb * 1024)
        self.files: frozenset[str] = frozenset()   # the student's file name, as its tracebacks show it

    def error(self, exc: BaseException) -> dict:
        return loading.error_record(exc, self.files, self.limits.memory_mb)

    # -- operations -----------------------------------------------------------------
    def op_load(self, req: dict) -> dict:
        self.files = frozenset([req["filename"]])
        warnings: list[dict] = []

        def noted(exc: BaseException, node) -> None:  # top-level test code may fail, even exit
            if len(warnings) < loading.MAX_WARNINGS:
                warnings.append(self.error(exc) | {"line": getattr(node, "lineno", None)})

        self.module = loading.run_top_level(req["source"], req["filename"], req.get("mode") == "defs", noted)
        return {"names": loading.defined_names(self.module), "warnings": warnings}

    def _target(self, handle):
        if handle is None:
            return self.module
        return self.objects[handle]

    def _lookup(self, handle, name: str):
        """The function or method the grader asked for; a name the student's code lacks is said as such
        (not as an AttributeError of the grader's own lookup)."""
        target = self._target(handle)
        try:
            return getattr(target, name)
        except AttributeError:
            if name in dir(target):
                raise  # defined, but its lookup raised (a property, a __getattr__): the student's own error
            raise Missing(name, "module" if handle is None else type(target).__name__) from None

    def op_new(self, req: dict) -> dict:
        cls = self._lookup(None, req["name"])
        obj = cls(*req.get("args", []), **req.get("kwargs", {}))
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"handle": handle}

    def op_bare(self, req: dict) -> dict:
        """An instance made without running __init__, for checks that set every attribute themselves."""
        cls = self._lookup(None, req["name"])
        obj = cls.__new__(cls)
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"handle": handle}

    def op_seed(self, req: dict) -> None:
        import random

        np.random.seed(int(req["seed"]))
        random.seed(int(req["seed"]))

    def op_signature(self, req: dict) -> list:
        """Parameter names of a callable, so the grader can name a wrong argument order."""
        import inspect

        fn = self._lookup(req.get("handle"), req["name"])
        return [p.name for p in inspect.signature(fn).parameters.values()]

    def op_call(self, req: dict):
        fn = self._lookup(req.get("handle"), req["name"])
        args = req.get("args", [])
        if req.get("numpy_defaults"):  # numpy's own floating-point handling, not what the file set at import
            with np.errstate(**loading.NUMPY_DEFAULTS):
                value = fn(*args, **req.get("kwargs", {}))
        else:
            value = fn(*args, **req.get("kwargs", {}))
        if req.get("discard"):  # the grader ignores what this call returns (update may return self)
            return None
        if req.get("echo_args"):  # the arguments as the call left them: did it change its input in place?
            return {"value": value, "args": args}
        return value

    def op_get(self, req: dict):
        return getattr(self._target(req.get("handle")), req["name"])

    def op_set(self, req: dict) -> None:
        setattr(self._target(req.get("handle")), req["name"], req["value"])

    def op_get_many(self, req: dict) -> dict:
        """Several attributes in one round trip (a check reads all six weights after a step)."""
        target = self._target(req.get("handle"))
        return {name: getattr(target, name) for name in req["names"]}

    def op_set_many(self, req: dict) -> None:
        """Several attributes in one round trip, in order; the first that fails raises."""
        target = self._target(req.get("handle"))
        for name, value in req["values"]:
            setattr(target, name, value)

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
                    kept.append(np.array(value, dtype=float))
        final = {name: getattr(obj, name, None) for name in req.get("collect", [])}
        return {"recorded": kept, "final": final}

    # -- loop -----------------------------------------------------------------------
    def serve(self, rfd: int, wfd: int) -> None:
        rin = os.fdopen(rfd, "rb", buffering=0)
        sys.stdout = sys.stderr = self.output
        while True:
            try:
                req = plain.loads(wire.read_frame(rin))
            except BaseException:  # noqa: BLE001 - EOF, or the student's code consumed or closed the pipe
                return
            reply = {"id": req.get("id")}
            caught: list = []
            try:
                with _warnings.catch_warnings(record=True) as caught:
                    _warnings.simplefilter("always")  # every call says its own warnings, repeats included
                    op = str(req["op"])
                    if op not in wire.OPS:
                        raise ValueError(f"unknown request {op[:50]!r}")
                    reply["value"] = getattr(self, "op_" + op)(req)
                reply["ok"] = True
            except Missing as exc:
                reply["ok"] = False
                reply["error"] = {"type": "AttributeError", "message": f"no {exc.name}", "frames": [],
                                  "missing": exc.name, "missing_in": exc.owner}
            except BaseException as exc:  # noqa: BLE001 - whatever the student's code raised, even SystemExit
                reply["ok"] = False
                reply["error"] = self.error(exc)
            reply["warnings"] = _warning_texts(caught, self.output)
            try:
                reply["output"], reply["dropped"] = self.output.take()
            except BaseException:  # noqa: BLE001
                reply["output"], reply["dropped"] = "", 0
            try:
                frame = wire.frame(plain.dumps(reply))
            except BaseException as exc:  # noqa: BLE001 - any value that is not plain data, however it fails
                frame = wire.frame(plain.dumps({
                    "id": req.get("id"), "ok": False, "output": reply["output"],
                    "error": {"type": "UnsendableValue", "message": loading.text_of(exc)[:500], "frames": [],
                              "value_type": plain.type_name(reply.get("value"))}}))
            try:
                _write_all(wfd, frame)
            except OSError:  # the student's code closed the reply pipe: nobody can hear us any more
                try:
                    os.write(2, b"\n[sandbox: the submission's code closed the pipe the answers go through]\n")
                except OSError:
                    pass
                return


def _warning_texts(caught, output) -> list:
    """The warnings a call raised, as "Category: message" (also printed, as Python would have)."""
    texts: list[str] = []
    try:
        for w in list(caught)[:loading.MAX_WARNINGS]:
            try:
                text = f"{w.category.__name__}: {_text_of(w.message)}"[:300]
            except BaseException:  # noqa: BLE001
                continue
            texts.append(text)
            output.write(text + "\n")
    except BaseException:  # noqa: BLE001 - a hostile list or category
        pass
    return texts


def _text_of(obj) -> str:
    try:
        return str(obj)
    except BaseException:  # noqa: BLE001
        return "a warning that could not be shown"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def run(rfd: int, wfd: int, settings) -> None:
    """One sandbox: build the tree and harden (``isolate``, ``harden``), import, say hello with the
    protections, answer requests.  Never returns."""
    report: dict = {"protections": {}, "notes": {}, "ms": {}}
    if settings.confine:  # trusted hardening applied before any student code is read
        from . import harden, isolate

        layers = isolate.isolate(settings, (rfd, wfd))  # returns in the student's process only
    t = time.perf_counter()
    prepare()
    imports_ms = round((time.perf_counter() - t) * 1000, 2)
    if settings.confine:
        report = harden.harden(settings, layers)
    report.setdefault("ms", {})["imports"] = imports_ms
    try:
        os.write(wfd, wire.frame(plain.dumps({"id": wire.HELLO, "ok": True, "value": report, "output": ""})))
    except OSError:
        os._exit(70)
    Server(settings.limits).serve(rfd, wfd)
    os._exit(0)
