"""How the reports say things: the words of the pages (``templates/ui.toml``), numbers and times as a TA
writes them, and the sandbox's protections by name and note in either language.

The sandbox reports each protection as data (``True``, ``False``, or a list of notes such as
``{"id": "uid", "uid": 65534}``); this module is the only place that words them.
"""
from __future__ import annotations

import math
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from ..results import Text

TEMPLATES = Path(__file__).with_name("templates")
UI: dict[str, dict[str, str]] = tomllib.loads((TEMPLATES / "ui.toml").read_text("utf-8"))
LANGS = ("en", "ko")


# -- numbers, shapes, times ---------------------------------------------------------------------------
def points(x: Any) -> str:
    """Points as a TA writes them: 13, 7.5, 0.25."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    return f"{x:g}"


def entry(v: Any) -> str:
    """One array entry for a table: four significant digits, nan/inf said as such."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:.4g}"
    return "—" if v is None else str(v)


def err(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def shape_text(dims: Any, ui: dict[str, str]) -> str:
    """[1, 2] -> '(1, 2)', [3] -> '(3,)', [] -> 'scalar'."""
    if not isinstance(dims, (list, tuple)):
        return "—" if dims is None else str(dims)
    if len(dims) == 0:
        return ui["scalar"]
    if len(dims) == 1:
        return f"({dims[0]},)"
    return "(" + ", ".join(str(s) for s in dims) + ")"


def when(iso: str) -> str:
    """'2026-12-01T13:47:40+00:00' -> '2026-12-01 22:47 KST': the grading machine's own time zone (the
    TA's), named."""
    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "—"
    if t.tzinfo is not None:
        t = t.astimezone()
        return t.strftime("%Y-%m-%d %H:%M ") + (t.tzname() or "")
    return t.strftime("%Y-%m-%d %H:%M")


def students(n: int, ui: dict[str, str]) -> str:
    return ui["n_student"] if n == 1 else ui["n_students"].format(n=n)



# -- the sandbox's protections ------------------------------------------------------------------------
PROTECTIONS = {
    "user namespace": "사용자 네임스페이스", "network namespace": "네트워크 격리", "ipc namespace": "IPC 격리",
    "pid namespace": "프로세스 격리", "private tmpfs": "전용 임시 디스크", "process cleanup": "남은 프로세스 정리",
    "oom score": "메모리 부족 시 우선 종료", "rlimits": "자원 제한", "no_new_privs": "권한 상승 차단",
    "landlock": "파일 접근 제한", "landlock network": "네트워크 접속 차단", "landlock scoping": "시그널 범위 제한",
    "privilege drop": "권한 낮추기", "seccomp": "시스템 호출 제한", "output cap": "출력 크기 제한",
}
# A note of a protection, by id: each note's words carry their own separator from the one before.
NOTES = {
    "oom_first": Text("killed first when memory runs out", "메모리가 부족하면 가장 먼저 종료"),
    "limits": Text("memory {memory_mb} MB, files {file_mb} MB, {open_files} open files, {processes} processes, "
                   "CPU {cpu_s} s",
                   "메모리 {memory_mb} MB, 파일 {file_mb} MB, 열린 파일 {open_files}개, 프로세스 {processes}개, CPU {cpu_s}초"),
    "size_mb": Text("{mb} MB", "{mb} MB"),
    "size_kb": Text("{kb} KB", "{kb} KB"),
    "uid": Text("uid {uid}", "uid {uid}"),
    "own_user_namespace": Text(", own user namespace and process count", ", 전용 사용자 네임스페이스와 프로세스 수"),
    "no_capabilities": Text(", no capabilities (grader not root)", ", 특권 없음 (채점기가 root가 아님)"),
    "not_root": Text(" (grader not root)", " (채점기가 root가 아님)"),
    "abi": Text("ABI {abi}", "ABI {abi}"),
    "main_thread_only": Text(" (main thread only: {threads} other threads)", " (주 스레드만: 다른 스레드 {threads}개)"),
    "seccomp_denied": Text("no sockets, ptrace, io_uring, SysV IPC or namespaces",
                           "소켓, ptrace, io_uring, SysV IPC, 네임스페이스 금지"),
    "signals_to_itself": Text(", signals to itself only", ", 자기 자신에게만 시그널"),
    "pid_namespace": Text("pid namespace", "PID 네임스페이스"),
    "subreaper": Text("subreaper", "subreaper"),
    "tree_walk": Text("process tree walk", "프로세스 트리 탐색"),
}


def protection_name(name: str, lang: str) -> str:
    return f"{PROTECTIONS[name]}({name})" if lang == "ko" and name in PROTECTIONS else name


def protection_note(notes: Any, lang: str) -> str:
    """A protection's notes in words; a note the report does not know is shown by its id."""
    if not isinstance(notes, list):
        return ""
    out = []
    for n in notes:
        if not isinstance(n, dict):
            continue
        words = NOTES.get(str(n.get("id")))
        try:
            out.append(words.format(**{k: v for k, v in n.items() if k != "id"}).get(lang) if words else str(n.get("id")))
        except (KeyError, IndexError, ValueError):
            out.append(str(n.get("id")))
    return "".join(out)
