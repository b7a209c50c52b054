"""What the grader and a sandbox agree on: frames, the operations, the limits and the settings.

A message is a dict of plain values (``feedback/plain.py`` turns it into bytes and back); on a pipe each
message is one frame: an 8-byte big-endian length, then that many bytes.  Both sides read this module:
the grader imports it, the sandbox loads it by path (``_inside/shared.py``), so it imports nothing but
the standard library.  Every constant the two sides share lives here, once.
"""
from __future__ import annotations

import json
import struct
from dataclasses import asdict, dataclass, field
from typing import BinaryIO

HEADER = struct.Struct(">Q")
MAX_FRAME = 64 * 1024 * 1024   # bytes in a request; a request is the grader's and may carry a source file
MAX_REPLY = 4 * 1024 * 1024    # bytes in a reply: an answer is a few arrays (kilobytes); more is a student flooding
MARK_ROOM = 2048               # room in a fork server's command line for the folder of each sandbox it forks
HELLO = 0                      # the id of the first frame a sandbox sends: its protections

# The requests a sandbox answers (``op`` of a request; ``Server.op_<name>`` inside).
OPS = ("load", "new", "bare", "seed", "signature", "call", "get", "set", "get_many", "set_many", "repeat")


class WireError(Exception):
    """Bytes on the pipe that are not a well-formed frame."""


def frame(body: bytes) -> bytes:
    if len(body) > MAX_FRAME:
        raise WireError(f"message of {len(body)} bytes exceeds the {MAX_FRAME}-byte limit")
    return HEADER.pack(len(body)) + body


def read_exact(stream: BinaryIO, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> bytes:
    """The body of the next frame (blocking: the sandbox's side, where the grader is the writer)."""
    (length,) = HEADER.unpack(read_exact(stream, HEADER.size))
    if length > MAX_FRAME:
        raise WireError(f"frame of {length} bytes exceeds the limit")
    return read_exact(stream, length)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandbox, from the assignment's ``[limits]``; these are the defaults.

    A call's time limit (``call_timeout``, the assignment's ``load_timeout``, a training run's own) is
    **CPU time**: what the student's processes burn, every thread and every child included, measured by
    the grader from ``/proc`` (``client.py``).  A busy machine makes a call slower, never longer in CPU
    time, so it does not change a grade.  Code that does not compute (``time.sleep``, a blocking read, a
    lock that is never released) never uses up CPU time; ``wall_seconds`` bounds it in real time.
    """

    call_timeout: float = 5.0
    memory_mb: int = 1024
    file_size_mb: int = 16
    open_files: int = 64
    processes: int = 16
    output_kb: int = 64
    wall_factor: float = 4.0   # the real-time bound of a call: wall_factor x its CPU limit,
    wall_slack: float = 10.0   # and never less than the CPU limit + wall_slack seconds (see wall_seconds)

    def wall_seconds(self, cpu_seconds: float) -> float:
        """The real-time bound of a call whose CPU limit is ``cpu_seconds``: ``max(4 x limit, limit + 10 s)``.

        Only a call that is not computing should meet it.  A CPU-bound call reaches its CPU limit first
        as long as it gets more than a quarter of a core (1 / ``wall_factor``), that is with three other
        busy processes per core; ``wall_slack`` keeps short limits (a 0.5 s call: 10.5 s) clear of the
        pauses of a loaded machine, where a start-up or a page-in can stall a process for seconds.
        """
        return max(self.wall_factor * cpu_seconds, cpu_seconds + self.wall_slack)

    @property
    def cpu_seconds(self) -> int:
        """The RLIMIT_CPU backstop: far above any call's time limit, so only a runaway meets it."""
        return int(max(300, 20 * self.call_timeout))

    @property
    def quota_mb(self) -> int:
        """The private tmpfs (or the sampled quota without one): room for a few files of the size limit."""
        return max(64, 4 * self.file_size_mb)


@dataclass(frozen=True)
class Settings:
    """What the grader tells a new sandbox, on its command line (a fresh interpreter) or in the spawn
    request (a fork of the fork server)."""

    tmp: str                                   # the sandbox's private folder
    limits: Limits = field(default_factory=Limits)
    confine: bool = True                       # harden the process (False: the tests' unconfined child)
    forbid: tuple[str, ...] = ()               # folders never readable, even under a wider Landlock rule
    disable: tuple[str, ...] = ()              # layers a TA turned off (GRADER_SANDBOX_DISABLE)
    lifeline: int | None = None                # the fd whose end-of-file says the grader is gone

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @staticmethod
    def from_json(text: str) -> "Settings":
        raw = json.loads(text)
        return Settings(tmp=raw["tmp"], limits=Limits(**raw.get("limits", {})), confine=bool(raw.get("confine", True)),
                        forbid=tuple(raw.get("forbid", ())), disable=tuple(raw.get("disable", ())),
                        lifeline=raw.get("lifeline"))

    def with_lifeline(self, fd: int) -> "Settings":
        return Settings(self.tmp, self.limits, self.confine, self.forbid, self.disable, fd)
