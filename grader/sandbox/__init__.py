"""The sandbox: student code in a process of its own, reached only through plain data.

    client.py       ``Sandbox``: start, limit, talk to and kill the process that runs one student's code
    proxy.py        ``StudentModule``: the student's module as the hidden checks call it (restarts included)
    forkserver.py   the grader's side of the fork server (a sandbox for the price of a fork)
    wire.py         frames, operations, limits and settings: what both sides agree on
    _inside/        what runs in the sandbox's processes (loaded by path; never imports the grader)
"""
from .client import Sandbox
from .proxy import MAX_STARTS, StudentModule, StudentObject
from .wire import Limits

__all__ = ["MAX_STARTS", "Limits", "Sandbox", "StudentModule", "StudentObject"]
