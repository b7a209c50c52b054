"""Where a class's submissions are graded: in this process, in a pool of local processes, or on a Dask cluster.

Every way runs the same ``cli._grade_one(assignment, submission)`` (the pipeline's ``grade`` behind the
catch that turns a grader bug into a marked result), one submission per task, each in a sandbox of its
own started by the process that runs the task. Only where the task runs changes; the caller gets
``(result, traceback or None)`` as each one ends, in the order they end, and writes the reports itself:
one writer, whatever the number of machines.

A Dask task gets the submission's bytes, not its path (a worker on another machine does not see the TA's
folders), and checks that its own checkout grades with the same checks, config and grader as the TA's
(``checks_fingerprint``): a worker with a stale checkout would otherwise grade with other checks, silently.
``distributed`` is imported only here, inside the Dask path: a run without ``--dask`` never needs it.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import traceback
import uuid
from concurrent.futures import CancelledError, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from . import __version__, scoring
from .assignment import Assignment
from .discover import Submission
from .results import Fault, SubmissionResult, Text

ROOT = Path(__file__).resolve().parent.parent     # the checkout: where a worker finds the assignment again
LOCAL = "local:"                                  # --dask local:N starts a cluster of N worker processes here
WORKER_WAIT = 120                                 # seconds a remote scheduler may take to have its first worker
# A test hook, read on the worker only: the task of this student kills its own worker process, as a grader
# bug that takes its process down would. It is set in a worker's environment, never by a submission.
KILL_WORKER = "GRADER_TEST_KILL_WORKER"


def results(a: Assignment, todo: list[Submission], jobs: int,
            dask: str | None = None) -> Iterator[tuple[SubmissionResult, str | None]]:
    """Each submission of ``todo`` graded, as it ends: here (``jobs == 1`` or a single one), in a local pool
    of ``jobs`` processes, or on the Dask cluster at ``dask`` (``tcp://host:8786``, or ``local:N``)."""
    from .cli import _die_with, _grade_one  # cli owns them and imports this module: resolved at call time

    if not todo:  # an unchanged regrade: no pool to start, no cluster to reach
        return
    if dask:
        yield from _on_dask(a, todo, dask)
    elif jobs == 1 or len(todo) <= 1:
        for sub in todo:
            yield _grade_one(a, sub)
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_grade_one, a, sub): sub for sub in todo}
            for fut in as_completed(futures):
                yield fut.result()


# ----------------------------------------------------------------------------------------------- Dask

class DaskError(Exception):
    """The cluster cannot be used (distributed missing, an address that does not answer, a scheduler lost
    mid-run): said in one line, exit status 2."""


@dataclass(frozen=True)
class Task:
    """What a worker needs to grade one submission: nothing that names a path on the TA's machine."""

    assignment: Assignment          # its folder relative to the checkout when it lies inside it
    submission: Submission          # its path replaced by the file's name
    data: bytes | None              # the file's bytes (None: the student has no file to grade)
    fingerprint: str                # the TA's checks_fingerprint: the worker's must be the same


def _portable(a: Assignment) -> Assignment:
    folder = a.folder.resolve()
    return replace(a, folder=folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else a


def task_for(a: Assignment, sub: Submission, fingerprint: str) -> Task:
    data = sub.path.read_bytes() if sub.path is not None else None
    moved = replace(sub, path=Path(sub.path.name) if sub.path is not None else None)
    return Task(_portable(a), moved, data, fingerprint)


@lru_cache(maxsize=4)
def _fingerprint_here(folder: Path) -> str:
    """This checkout's fingerprint of the assignment (once per worker process: a checkout does not change
    under a running worker, and hashing the grader takes a few milliseconds)."""
    from . import assignment as assignment_mod
    from .cli import checks_fingerprint
    return checks_fingerprint(assignment_mod.load(folder))


def grade_task(task: Task) -> tuple[SubmissionResult, str | None]:
    """Runs on a Dask worker: the submission's file written to a private folder under its own name, then
    graded by ``_grade_one`` exactly as a local run grades it; the folder is removed after."""
    from .cli import _grade_one

    a = task.assignment
    folder = a.folder if a.folder.is_absolute() else ROOT / a.folder
    a = replace(a, folder=folder)
    if os.environ.get(KILL_WORKER) == task.submission.student:
        os.kill(os.getpid(), signal.SIGKILL)
    here = _fingerprint_here(folder)
    if here != task.fingerprint:
        raise RuntimeError(f"the worker on {os.uname().nodename} grades with other checks, config or grader code "
                           f"than the run that sent the task (fingerprint {here[:12]}, not {task.fingerprint[:12]}): "
                           f"update its checkout ({ROOT}) and restart it")
    if task.data is None:
        return _grade_one(a, task.submission)
    home = Path(tempfile.mkdtemp(prefix="grader-dask-"))
    try:
        path = home / task.submission.path.name
        path.write_bytes(task.data)
        return _grade_one(a, replace(task.submission, path=path))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def grader_fault(a: Assignment, sub: Submission) -> SubmissionResult:
    """The record of a submission the grader could not grade: score 0, every check a grader fault, and words
    that tell the student it is not their mistake (here, in ``cli._grade_one`` and for a lost Dask task)."""
    reason = Text("The grader failed on this submission; a TA has been told and will regrade it.",
                  "채점기에 문제가 생겨 이 제출물을 채점하지 못했습니다. 조교에게 알려졌으며 다시 채점할 예정입니다.")
    return SubmissionResult(
        student=sub.student, assignment=a.name, assignment_title=Text(a.title, a.title_ko),
        file=sub.path.name if sub.path else "", sha256="", graded_at="", gradable=False, problem=reason,
        checks=scoring.not_gradable(a, reason, Fault.GRADER),
        concepts={c.id: Text(c.name, c.name_ko) for c in a.concepts}, grader_version=__version__, lms_id=sub.lms_id)


def _connect(address: str):
    """A client of the cluster at ``address``, and the LocalCluster it started (None for a remote one)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskError("--dask needs the 'distributed' package: .venv/bin/pip install -r requirements.txt") from None
    if address.startswith(LOCAL):
        count = address[len(LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise DaskError(f"--dask {address}: write local:N with N worker processes, e.g. local:2")
        # A worker holds only the task it runs (the default, 1.1, sends a thread a second one ahead): a worker
        # that dies then takes no waiting student's task with it, and a task is blamed only for deaths it saw.
        dask.config.set({"distributed.scheduler.worker-saturation": 1.0})
        # One thread per worker process: a process runs one pytest session of the checks at a time.
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
        return Client(cluster), cluster
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    try:  # a scheduler with no worker would take every task and never answer
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        client.close()
        raise DaskError(f"--dask {address}: no worker joined the scheduler in {WORKER_WAIT} s; start them "
                        "(README: A Dask cluster)") from None
    return client, None


def _on_dask(a: Assignment, todo: list[Submission], address: str) -> Iterator[tuple[SubmissionResult, str | None]]:
    """One task per submission on the cluster. A worker lost mid-task costs that task only: the scheduler
    runs it again elsewhere. A task that keeps killing its workers (``distributed.scheduler.allowed-failures``,
    3 by default) ends as KilledWorker; so can a task that only shared a worker with it when it died, so each
    such task is run once more alone on the cluster, after the others: one that still kills its workers is
    that student's grader fault (not retried forever, and nobody else's result waits for it)."""
    from .cli import checks_fingerprint

    client, cluster = _connect(address)
    done = 0

    def lost(exc: Exception) -> DaskError | None:
        """The scheduler gone (its connection lost, every task cancelled): no student's fault. The run stops
        with what it graded kept; the next run grades the rest."""
        if isinstance(exc, CancelledError) or client.status != "running":
            # closing a client whose scheduler is gone logs its reconnect attempt's traceback: not for the TA
            for name in ["distributed", *logging.root.manager.loggerDict]:
                if name.startswith("distributed"):
                    logging.getLogger(name).setLevel(logging.CRITICAL + 1)
            return DaskError(f"--dask {address}: the connection to the scheduler was lost after {done} of "
                             f"{len(todo)} submissions were graded ({type(exc).__name__}); their reports and "
                             "grades are kept, and the next run grades the others")
        return None

    try:
        from distributed import KilledWorker

        def outcome(sub: Submission, fut, alone: bool) -> tuple[SubmissionResult, str | None] | None:
            """The task's result; None for a task that died with its worker among the others (it runs again
            alone after them); a grader fault for one that still kills its worker alone, or that failed on
            the worker (a stale checkout): that student only."""
            try:
                return fut.result()
            except KilledWorker as exc:
                if not alone:
                    return None
                return grader_fault(a, sub), (f"KilledWorker: grading {sub.student} ended the Dask worker "
                                              f"process every time it ran, alone on the cluster too ({exc})")
            except Exception as exc:  # noqa: BLE001
                if (stop := lost(exc)) is not None:
                    raise stop from None
                return grader_fault(a, sub), traceback.format_exc()
            finally:
                fut.release()

        fingerprint = checks_fingerprint(a)
        suspects: list[Submission] = []
        for sub, fut in _run_tasks(client, a, todo, fingerprint):
            got = outcome(sub, fut, alone=False)
            if got is None:
                suspects.append(sub)
                continue
            done += 1
            yield got
        for sub in suspects:
            for _, fut in _run_tasks(client, a, [sub], fingerprint):
                done += 1
                yield outcome(sub, fut, alone=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_tasks(client, a: Assignment, subs: list[Submission], fingerprint: str):
    """(submission, future) for each of ``subs`` as its task ends. pure=False: two identical files (or a rerun)
    are two tasks, never one result shared by two students. The keys share one prefix, so the scheduler sees
    one group of tasks and queues them (a worker then holds only the task it runs) rather than handing every
    worker a pile of them up front."""
    from distributed import as_completed

    futures = {client.submit(grade_task, task_for(a, sub, fingerprint), pure=False,
                             key=f"grade-{uuid.uuid4().hex}"): sub for sub in subs}
    for fut in as_completed(futures):
        yield futures.pop(fut), fut
