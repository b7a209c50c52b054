"""The three modules the sandbox shares with the rest of the project, loaded by path under private names.

``grader/sandbox/wire.py`` (frames, operations, limits, settings), ``grader/feedback/plain.py`` (what a
value may be) and ``grader/feedback/loading.py`` (how a file's top level runs, how an exception is
recorded).  Each imports only the standard library (and numpy, for ``plain``); loading them by path keeps
every other module of the grader, and the grader's package itself, out of the sandbox.
"""
from __future__ import annotations

import importlib.util
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_SANDBOX = os.path.dirname(_HERE)
_FEEDBACK = os.path.join(os.path.dirname(_SANDBOX), "feedback")


def _load(name: str, path: str):
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


wire = _load("_sandbox_wire", os.path.join(_SANDBOX, "wire.py"))


def plain():
    """The value codec (it imports numpy: loaded by the request server once the tree is built)."""
    return _load("_sandbox_plain", os.path.join(_FEEDBACK, "plain.py"))


def loading():
    return _load("_sandbox_loading", os.path.join(_FEEDBACK, "loading.py"))
