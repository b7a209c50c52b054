"""What Gradescope runs for each submission (through ``run_autograder``): the student's file graded exactly as
``make grade`` grades it, written as ``results/results.json`` in Gradescope's format.

The folder Gradescope lays out is ``/autograder`` (``AUTOGRADER_ROOT`` when set, so a TA or a test can run
the package in any folder exactly as Gradescope does)::

    source/                  the zip, unpacked (this package, the assignment, .venv made by setup.sh)
    submission/              the student's files, under the names Gradescope kept
    submission_metadata.json when it was submitted, the due dates (the student's own, extensions included)
    results/results.json     what this writes: always, a grader failure included

Gradescope's format (its ``docs/specs.md``): ``score`` (overrides the tests' sum: the late penalty is taken
off here), ``execution_time`` (seconds), ``output``, ``tests[]`` with ``name``, ``number`` (the check id),
``score``, ``max_score``, ``status``, ``output``, ``output_format``, ``visibility``. A check's visibility is
its ``visibility`` in assignment.toml (default ``visible``) and, when it failed, its ``failed_visibility``
(default: ``after_published`` for a check students cannot run themselves, one that is not in
``public/checks.py``, so a failed hidden check shows its inputs only once grades are published; else as
when passed).
"""
from __future__ import annotations

import argparse
import ast
import json
import math
import os
import re
import sys
import time
import traceback
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import assignment as assignment_mod
from .. import late as late_mod
from .. import workers
from ..assignment import Assignment
from ..discover import Submission, pick
from ..feedback.source import ExtractError, extract
from ..intake import IntakeError
from ..report.files import strict_json, write_atomic
from ..report.words import protection_name, protection_note
from ..results import NOT_GRADABLE, Late, Status, SubmissionResult, Text

DEFAULT_ROOT = "/autograder"
HIDDEN_FAILED = "after_published"

GRADER_FAILED = Text(
    "The autograder failed on this submission (not your code). The course staff can see what happened and will "
    "regrade it; you need not resubmit.",
    "자동 채점기에 문제가 생겨 이 제출물을 채점하지 못했습니다 (학생 코드의 문제가 아닙니다). 조교가 원인을 확인하고 "
    "다시 채점할 예정이니 다시 제출하지 않아도 됩니다.")


# ------------------------------------------------------------------------------------------ the file

def _defines(path: Path, names: tuple[str, ...]) -> bool:
    """Whether the file's code defines every required name (a class, a function or an assignment at the
    top): how a file among several is recognised when none has the entry file's name."""
    try:
        text = extract(path).text
    except ExtractError:
        return False
    return all(re.search(rf"^(?:class|def)\s+{re.escape(n)}\b|^{re.escape(n)}\s*=", text, re.MULTILINE)
               for n in names)


def submission(folder: Path, a: Assignment, student: str) -> tuple[Submission, list[str]]:
    """The file to grade in Gradescope's submission folder, and the names of the files not graded.

    The rule of a student's folder in ``make grade`` first (the entry file at any depth, else its notebook,
    else the only file); of several others, the one whose code defines the required names (the first by
    path when several do), since Gradescope keeps whatever name the student's upload had."""
    if not folder.is_dir():
        return Submission(student, None, Text("nothing was submitted", "제출한 파일이 없습니다")), []
    path, problem, files = pick(folder, a.entry)
    if path is None and len(files) > 1 and a.required:
        defining = [f for f in files if _defines(f, a.required)]
        if defining:
            path, problem = defining[0], None
    others = [f.relative_to(folder).as_posix() for f in files if f != path]
    if path is None and problem is None:
        problem = Text("nothing was submitted", "제출한 파일이 없습니다")
    return Submission(student, path, problem), others


# ---------------------------------------------------------------------------------------- lateness

def _moment(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise IntakeError(Text(f"submission_metadata.json: {what} {value!r} is not a time",
                               f"submission_metadata.json: {what} {value!r}은(는) 시각이 아닙니다")) from None
    if moment.tzinfo is None:
        raise IntakeError(Text(f"submission_metadata.json: {what} {value!r} has no time zone",
                               f"submission_metadata.json: {what} {value!r}에 시간대가 없습니다"))
    return moment


def lateness(policy: late_mod.LatePolicy, metadata: dict, raw_score: float) -> Late:
    """What the late policy of assignment.toml deducts, from Gradescope's metadata: ``created_at`` against the
    policy's due, moved by the student's extension (how much later the student's own ``due_date`` in
    ``users[].assignment`` is than the assignment's; the latest of a group's)."""
    if "created_at" not in metadata:
        found = late_mod.lateness(policy, policy.due, None, False, "none")
    else:
        at = _moment(metadata["created_at"], "created_at")
        extension = ""
        course_due = (metadata.get("assignment") or {}).get("due_date")
        own = [(u.get("assignment") or {}).get("due_date") for u in metadata.get("users") or []]
        own = [d for d in own if d]
        if course_due and own:
            days = (max(_moment(d, "users[].assignment.due_date") for d in own)
                    - _moment(course_due, "assignment.due_date")).total_seconds() / 86400
            extension = f"{days:.6f}" if days > 0 else ""
        due = late_mod.due_for(policy, extension)
        found = late_mod.lateness(policy, due, at, False, "gradescope")
    return late_mod.record(found, policy, raw_score)


def _late_text(late: Late) -> Text:
    if not late.known:
        return Text("The submission time is unknown, so no late penalty was applied.",
                    "제출 시각을 알 수 없어 지각 감점을 적용하지 않았습니다.")
    if late.days <= 0:
        return Text(f"Submitted on time (due {late.due}).", f"기한 내 제출 (마감 {late.due}).")
    return Text(f"Submitted {late.days} day(s) late (due {late.due}): {late.percent:g}% of the earned score, "
                f"{late.penalty:g} point(s), is deducted.",
                f"마감({late.due})보다 {late.days}일 늦게 제출했습니다: 얻은 점수의 {late.percent:g}%인 "
                f"{late.penalty:g}점을 감점합니다.")


# ------------------------------------------------------------------------------------------ results

def public_checks(a: Assignment) -> set[str]:
    """The ids of the checks students can run themselves (``@check("id")`` in ``public/checks.py``), read
    without running the file."""
    path = a.folder / "public" / "checks.py"
    if not path.is_file():
        return set()
    ids = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            ids.add(node.args[0].value)
    return ids


def visibility(a: Assignment, check_id: str, passed: bool, public: set[str]) -> str:
    spec = next((c for c in a.checks if c.id == check_id), None)
    shown = (spec.visibility if spec else "") or "visible"
    if passed:
        return shown
    if spec is not None and spec.failed_visibility:
        return spec.failed_visibility
    return shown if check_id in public else HIDDEN_FAILED


def _protections(result: SubmissionResult, lang: str) -> str:
    """The sandbox's layers on this run, as the HTML report lists them: which held, which were not available."""
    if not result.protections:
        return ""
    on = [protection_name(k, lang) + (f" ({protection_note(v, lang)})" if protection_note(v, lang) else "")
          for k, v in result.protections.items() if v]
    off = [protection_name(k, lang) for k, v in result.protections.items() if not v]
    words = Text("Sandbox protections active: ", "적용된 샌드박스 보호: ").get(lang) + ", ".join(on)
    if off:
        words += Text("; not available here: ", "; 이 환경에서 쓸 수 없는 보호: ").get(lang) + ", ".join(off)
    return words


def results_json(a: Assignment, result: SubmissionResult, late: Late | None, lang: str, seconds: float,
                 others: list[str] = (), fault: bool = False) -> dict[str, Any]:
    """Gradescope's results.json for one graded submission."""
    public = public_checks(a)
    tests = []
    for c in result.checks:
        passed = c.status == Status.PASSED
        tests.append({"name": c.name.get(lang), "number": c.id, "score": c.score, "max_score": c.max_score,
                      "status": "passed" if passed else "failed", "output": c.full_message.get(lang),
                      "output_format": "text", "tags": [c.concept],
                      "visibility": visibility(a, c.id, passed, public)})
    lines = []
    if result.file:
        lines.append(Text(f"Graded file: {result.file}", f"채점한 파일: {result.file}").get(lang))
    if others:
        names = ", ".join(others[:10])
        lines.append(Text(f"Not graded: {names}", f"채점하지 않은 파일: {names}").get(lang))
    if fault:
        lines.append(GRADER_FAILED.get(lang))
    elif result.problem is not None:
        problem = NOT_GRADABLE + result.problem if result.status == "load_error" else result.problem
        lines.append(problem.get(lang))
    lines += [w.get(lang) for w in result.load_warnings]
    penalty = late.penalty if late is not None else 0.0
    if late is not None:
        lines.append(_late_text(late).get(lang))
    lines.append(Text(f"Score: {max(0.0, result.score - penalty):g} / {result.max_score:g}",
                      f"점수: {max(0.0, result.score - penalty):g} / {result.max_score:g}").get(lang))
    later = sum(t["visibility"] in ("after_due_date", "after_published") for t in tests)
    if later:  # the score counts them already: say why some points have no check beside them yet
        lines.append(Text(f"{later} check(s) are not shown yet: they appear after the due date or once the grades "
                          f"are published.",
                          f"아직 보이지 않는 검사가 {later}개 있습니다. 마감 뒤나 성적이 공개된 뒤에 보입니다.").get(lang))
    protections = _protections(result, lang)
    if protections:
        lines.append(protections)
    return {
        "score": round(max(0.0, result.score - penalty), 6),
        "execution_time": max(1, math.ceil(seconds)),
        "output": "\n".join(lines),
        "output_format": "text",
        "stdout_visibility": "hidden",   # stdout holds the grader's own tracebacks, for the course staff
        "tests": tests,
        "extra_data": {"raw_score": result.score, "max_score": result.max_score, "penalty": penalty,
                       "late": asdict(late) if late is not None else None, "status": result.status,
                       "file": result.file, "sha256": result.sha256, "grader_version": result.grader_version,
                       "protections": result.protections},
    }


def failure_json(lang: str | None, seconds: float, detail: str = "") -> dict[str, Any]:
    """results.json when the grader itself failed before a result existed: it says so (in both languages when
    the config that names one could not be read), and scores nothing."""
    words = GRADER_FAILED.get(lang) if lang else f"{GRADER_FAILED.ko}\n{GRADER_FAILED.en}"
    return {"score": 0.0, "execution_time": max(1, math.ceil(seconds)), "output": words,
            "output_format": "text", "stdout_visibility": "hidden", "tests": [],
            "extra_data": {"grader_error": detail[-2000:]}}


# ---------------------------------------------------------------------------------------------- run

def _student(metadata: dict) -> str:
    users = metadata.get("users") or []
    names = [str(u.get("name") or u.get("email") or "") for u in users if isinstance(u, dict)]
    return ", ".join(n for n in names if n) or "submission"


def grade_here(root: Path, assignment_folder: Path, lang: str | None) -> dict[str, Any]:
    """The whole run, from Gradescope's folder to results.json's content; raises only on a grader failure."""
    started = time.monotonic()
    a = assignment_mod.load(assignment_folder)
    lang = lang or a.language
    meta_path = root / "submission_metadata.json"
    metadata = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
    sub, others = submission(root / "submission", a, _student(metadata))
    result, tb = next(workers.results(a, [sub], jobs=1))
    if tb is not None:
        print(f"grader fault on {sub.path}:\n{tb}")
    late = lateness(a.late, metadata, result.score) if a.late is not None else None
    return results_json(a, result, late, lang, time.monotonic() - started, others, fault=tb is not None)


def write(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, strict_json(data))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.gradescope run",
                                description="Grade $AUTOGRADER_ROOT/submission (default /autograder) into "
                                            "results/results.json, as Gradescope's run_autograder does.")
    p.add_argument("--assignment", required=True, type=Path, help="the assignment folder (inside source/)")
    p.add_argument("--lang", choices=("en", "ko"), help="feedback language (default: the assignment's config)")
    args = p.parse_args(argv)
    root = Path(os.environ.get("AUTOGRADER_ROOT") or DEFAULT_ROOT)
    started = time.monotonic()
    try:
        data = grade_here(root, args.assignment, args.lang)
    except Exception:  # noqa: BLE001 - whatever failed, Gradescope must get a results file that says so
        tb = traceback.format_exc()
        print(tb)
        data = failure_json(args.lang, time.monotonic() - started, tb)
    write(root / "results" / "results.json", data)
    sys.stdout.flush()
    return 0
