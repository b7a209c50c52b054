"""Sandboxes forked from the fork server: as isolated from each other as fresh interpreters.

The fork server (``grader/forkserver.py``) saves each sandbox the interpreter and numpy start-up.  What
must hold: a sandbox starts from the same pristine state whatever the previous one did (nothing of one
student's run reaches the next), it carries nothing of the grader, its protections are those of a fresh
interpreter, and a fork server that dies costs nothing but speed.
"""
from __future__ import annotations

import os
import signal

import pytest

from grader.feedback.faults import StudentCrashed
from grader.sandbox import Limits, Sandbox, forkserver

SPOILER = '''
import builtins, os, sys, random
import numpy as np
np.mean = lambda *a, **k: 42.0
np.allclose = lambda *a, **k: True
np.random.seed(7)
builtins.SPOILED = True
sys.modules["json"] = None
os.environ["SPOILED"] = "1"
random.seed(7)
open("left_behind.txt", "w").write("x")
GLOBAL_STATE = [1, 2, 3]
'''

PROBE = '''
import builtins, os, sys
import numpy as np
def probe():
    return {
        "mean": float(np.mean(np.array([1.0, 3.0]))),
        "allclose": bool(np.allclose(np.zeros(2), np.ones(2))),
        "spoiled builtin": hasattr(builtins, "SPOILED"),
        "json module": sys.modules.get("json", "absent") is not None,
        "env": os.environ.get("SPOILED", ""),
        "files": sorted(os.listdir(".")),
        "grader modules": sorted(m for m in sys.modules if m.startswith("grader") or "hidden" in m
                                 or "reference" in m or m in ("pytest", "jinja2", "_pytest")),
        "argv fds": len(sys.argv),
    }
'''


def _started(fork_server: bool = True) -> Sandbox:
    sb = Sandbox(Limits(call_timeout=5), fork_server=fork_server)
    sb.start()
    return sb


def _probe(fork_server: bool = True) -> dict:
    sb = _started(fork_server)
    try:
        sb.request("load", source=PROBE, filename="probe.py")
        return sb.request("call", name="probe")
    finally:
        sb.close()


def test_a_sandbox_forked_after_a_spoiler_starts_pristine():
    """Whatever a submission patched in its process (numpy, builtins, sys.modules, the environment,
    files), the next sandbox from the same fork server sees none of it."""
    before = _probe()
    spoiler = _started()
    assert spoiler.launcher == "fork server"
    try:
        assert spoiler.request("load", source=SPOILER, filename="spoiler.py")["warnings"] == []
    finally:
        spoiler.close()
    after = _probe()
    assert after == before
    assert after["mean"] == 2.0 and after["allclose"] is False
    assert after["spoiled builtin"] is False and after["env"] == "" and after["files"] == []


@pytest.mark.parametrize("fork_server", [True, False], ids=["forked", "fresh"])
def test_a_sandbox_holds_nothing_of_the_grader(fork_server):
    """The fork server imports numpy and the codec, never the grader, pytest or any check."""
    seen = _probe(fork_server)
    assert seen["grader modules"] == []
    assert seen["argv fds"] == 4  # the fork mimics ``_child.py REQUEST_FD REPLY_FD SETTINGS``


def test_forked_and_fresh_sandboxes_have_the_same_protections():
    forked, fresh = _started(True), _started(False)
    try:
        assert forked.launcher == "fork server" and fresh.launcher == "fresh interpreter"
        assert forked.protections == fresh.protections
    finally:
        forked.close()
        fresh.close()


def test_a_dead_fork_server_is_replaced_and_the_sandbox_still_works():
    first = _started()
    server = forkserver.shared({})
    first.close()
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    sb = _started()
    try:
        assert sb.launcher == "fork server"
        assert forkserver.shared({}) is not server
        sb.request("load", source="def f():\n    return 3\n", filename="f.py")
        assert sb.request("call", name="f") == 3
    finally:
        sb.close()


def test_without_a_fork_server_the_sandbox_starts_a_fresh_interpreter(monkeypatch):
    monkeypatch.setenv("GRADER_FORK_SERVER", "0")
    sb = _started()
    try:
        assert sb.launcher == "fresh interpreter"
    finally:
        sb.close()


@pytest.mark.parametrize("fork_server", [True, False], ids=["forked", "fresh"])
def test_the_exit_status_of_a_forked_sandbox_reaches_the_grader(fork_server):
    """A student's process that dies by a signal or exits is named as such, through the fork server."""
    for source, expected in (("import os, signal\ndef f():\n    os.kill(os.getpid(), signal.SIGSEGV)\n", -signal.SIGSEGV),
                             ("import os\ndef f():\n    os._exit(3)\n", 3)):
        sb = _started(fork_server)
        try:
            sb.request("load", source=source, filename="f.py")
            with pytest.raises(StudentCrashed) as info:
                sb.request("call", name="f")
            assert info.value.exit_code == expected
        finally:
            sb.close()
