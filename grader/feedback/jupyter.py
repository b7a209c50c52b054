"""The public checks run inside a notebook (Jupyter, Colab, VS Code): its last cell, or ``%run -i check.py``.

A notebook's code exists twice, and the two can differ: in its kernel (the cells as run, in the order run,
with cells since edited or deleted still defined) and in the saved file, which is what the student submits
and what the grader reads, from the first cell to the last.

- Where the kernel can tell which file it runs (Jupyter sets ``JPY_SESSION_NAME`` and ``__session__`` to the
  notebook's path, VS Code ``__vsc_ipynb_file__``), the saved file is checked in a process of its own, as
  ``python check.py FILE`` would (its cells' prints, plots and ``input()`` stay there), and the kernel's code
  at the same time in this process.  The saved file's results are shown; a last line says whether the
  kernel's code gives the same, or names the checks it judges otherwise and says what to do.
- Elsewhere (Colab, nbconvert, an older Jupyter), the kernel's code is checked, and the first line says so,
  with the way to run every cell again from the top.

The kernel's random state is left as it was: the checks seed numpy's generator, the student's next cell
should not notice.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from .local import LocalModule
from .selfcheck import Verdict, check_source, from_json
from .source import Source
from .text import Text

KERNEL = Text("Checked: the code your notebook's kernel holds now (the cells you have run). After editing cells, "
              "use Kernel → Restart & Run All (Colab: Runtime → Restart session and run all) to run them all again "
              "from the top, as the grader reads the notebook.",
              "검사한 코드: 지금 노트북 커널에 있는 코드(지금까지 실행한 셀)입니다. 셀을 고친 뒤에는 Kernel → "
              "Restart & Run All(Colab: 런타임 → 다시 시작 및 모두 실행)로 모든 셀을 처음부터 다시 실행하세요. "
              "채점기도 노트북을 처음부터 차례로 읽습니다.")
SAVED = Text("Checked: the saved file {file} (saved {when}), run from the first cell to the last as the grader "
             "reads it. Changes you have not saved are not in it.",
             "검사한 코드: 저장된 파일 {file}({when} 저장)를 채점기처럼 첫 셀부터 마지막 셀까지 차례로 실행했습니다. "
             "저장하지 않은 변경 내용은 들어 있지 않습니다.")
SAME = Text("The code your kernel holds now (the cells you have run) gives the same results.",
            "지금 커널에 있는 코드(지금까지 실행한 셀)로 검사해도 결과가 같습니다.")
DIFFERENT = Text("The code your kernel holds now (the cells you have run) gives other results: {checks}. The saved "
                 "file is what you submit: save the notebook (Ctrl+S) and run this cell again; if they still differ, "
                 "use Kernel → Restart & Run All.",
                 "지금 커널에 있는 코드(지금까지 실행한 셀)로 검사하면 결과가 다릅니다: {checks}. 제출하는 것은 저장된 "
                 "파일입니다. 노트북을 저장(Ctrl+S)한 뒤 이 셀을 다시 실행하고, 그래도 다르면 Kernel → Restart & Run "
                 "All로 모든 셀을 처음부터 다시 실행하세요.")
NOT_RUN = Text("Your kernel holds no {names} yet: run the cells above first (Kernel → Restart & Run All runs them "
               "all), then this cell again.",
               "지금 커널에는 아직 {names}가 없습니다. 위의 셀을 먼저 실행한 뒤(Kernel → Restart & Run All로 모두 실행할 "
               "수 있습니다) 이 셀을 다시 실행하세요.")
NOT_RUN_SUMMARY = Text("The kernel's code could not be checked.", "커널에 있는 코드를 검사하지 못했습니다.")
NOT_SAVED_CHECK = Text("({file} itself could not be checked here: {why}.)",
                       "({file} 파일 자체는 여기서 검사할 수 없었습니다: {why}.)")
NO_NBFORMAT = Text("reading a notebook file needs nbformat, which this kernel's Python lacks",
                   "노트북 파일을 읽으려면 nbformat이 필요한데 이 커널의 파이썬에는 없습니다")
TOO_LONG = Text("checking it took longer than {seconds:g} s", "검사가 {seconds:g}초 안에 끝나지 않았습니다")
FAILED = Text("{error}", "{error}")
SAVED_TIMEOUT = 600.0  # seconds for the saved file's check as a whole (each call has its own limits inside)


# -- which notebook --------------------------------------------------------------------------------
def saved_notebook(namespace: dict) -> Path | None:
    """The notebook file this kernel runs, where the front end tells: VS Code's ``__vsc_ipynb_file__``,
    ipykernel's ``__session__`` or Jupyter Server's ``JPY_SESSION_NAME`` (a full path in recent versions,
    relative to the server's folder in older ones); None when none names an existing ``.ipynb``."""
    for value in (namespace.get("__vsc_ipynb_file__"), namespace.get("__session__"),
                  os.environ.get("JPY_SESSION_NAME")):
        if not isinstance(value, str) or not value.lower().endswith(".ipynb"):
            continue
        path = Path(value).expanduser()
        for candidate in ([path] if path.is_absolute() else [Path.cwd() / path, Path.cwd() / path.name]):
            if candidate.is_file():
                return candidate
    return None


def _shown(path: Path) -> str:
    """The file's name when it is in the kernel's folder, else its full path."""
    try:
        return path.name if path.resolve().parent == Path.cwd().resolve() else str(path)
    except OSError:
        return str(path)


def _when(path: Path) -> str:
    mtime = path.stat().st_mtime
    fmt = "%H:%M:%S" if time.localtime(mtime)[:3] == time.localtime()[:3] else "%Y-%m-%d %H:%M"
    return time.strftime(fmt, time.localtime(mtime))


# -- checking -------------------------------------------------------------------------------------
def _check_kernel(namespace: dict, checks: list[Callable], limits: dict) -> Verdict:
    """The checks on the classes and functions the namespace holds, leaving the kernel's random state as it was;
    none while a required name is not there (the cells above not run yet: a kernel just started, say)."""
    missing = [name for name in limits.get("required", ()) if name not in namespace]
    if missing:
        return Verdict("notebook", problem=NOT_RUN.format(names=", ".join(missing)), problem_label=None,
                       problem_summary=NOT_RUN_SUMMARY)
    states = np.random.get_state(), random.getstate()
    try:
        verdict = check_source(Source("", "notebook", ""), checks, lambda s: LocalModule(namespace=namespace, **limits))
    finally:
        np.random.set_state(states[0])
        random.setstate(states[1])
    return verdict


def _start_saved(path: Path) -> subprocess.Popen:
    """``python check.py FILE --json`` with this package, in a process of its own (so the file's top-level code,
    its prints, plots and input(), stay out of the notebook)."""
    package = __package__ or "_feedback"
    root = Path(__file__).resolve().parents[package.count(".") + 1]
    code = (f"import sys; sys.path.insert(0, sys.argv.pop(1)); from {package}.selfcheck import main; "
            "sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-c", code, str(root), str(path), "--json"], cwd=str(path.parent),
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish_saved(process: subprocess.Popen, path: Path) -> Verdict | Text:
    """The saved file's verdict, or why there is none."""
    try:
        out, err = process.communicate(timeout=SAVED_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return TOO_LONG.format(seconds=SAVED_TIMEOUT)
    except BaseException:
        process.kill()
        raise
    try:
        return from_json(json.loads(out.decode("utf-8")))
    except (ValueError, KeyError, TypeError):
        said = err.decode("utf-8", "replace").strip().splitlines()
        if any("nbformat" in line for line in said):
            return NO_NBFORMAT
        return FAILED.format(error=(said or [f"exit status {process.returncode}"])[-1][:300])


def _fill(template: Text, **values: Text | str) -> Text:
    """``template`` with each value in its own language (a ``Text``) or the same in both (a ``str``)."""
    def pick(lang: str) -> dict:
        return {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}
    return Text(template.en.format(**pick("en")), template.ko.format(**pick("ko")))


def _differences(saved: Verdict, kernel: Verdict) -> list[str]:
    """The checks the kernel's code judges otherwise than the saved file, as the kernel judges them
    ('{ok} id', '{bad} id'); every check, when the saved file could not be checked at all."""
    if saved.problem is not None:
        return [("{ok} " if r.passed else "{bad} ") + r.check_id for r in kernel.results]
    passed = {r.check_id: r.passed for r in kernel.results}
    return [("{ok} " if passed.get(r.check_id) else "{bad} ") + r.check_id for r in saved.results
            if passed.get(r.check_id, False) != r.passed]


def check_notebook(namespace: dict, checks: list[Callable], limits: dict) -> tuple[Verdict, list[Text]]:
    """The verdict to show for the notebook this namespace belongs to, and the lines to add after its summary."""
    path = saved_notebook(namespace)
    if path is None:
        verdict = _check_kernel(namespace, checks, limits)
        verdict.note = KERNEL
        return verdict, []
    process, apart = None, NO_NBFORMAT
    if importlib.util.find_spec("nbformat") is not None:
        try:
            process = _start_saved(path)
        except OSError as exc:  # no way to start a process here (a browser's Python, say)
            apart = FAILED.format(error=str(exc))
    kernel = _check_kernel(namespace, checks, limits)  # meanwhile
    if process is not None:
        apart = _finish_saved(process, path)
    if not isinstance(apart, Verdict):
        kernel.note = KERNEL
        return kernel, [_fill(NOT_SAVED_CHECK, file=_shown(path), why=apart)]
    apart.note = SAVED.format(file=_shown(path), when=_when(path))
    if kernel.problem is not None:  # the saved file's results stand; the kernel has not run the cells
        return apart, [kernel.problem]
    differ = _differences(apart, kernel)
    return apart, [DIFFERENT.format(checks=", ".join(differ)) if differ else SAME]
