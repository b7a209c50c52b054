"""The handout: what students get (``make handout``), and its public checks run by a TA (``make check``).

``build`` writes ``dist/NAME/`` and ``dist/NAME.zip`` (the same files under ``NAME/``):

    ENTRY.py      the stub, as in the assignment folder
    ENTRY.ipynb   the same stub as a notebook: the specification, one cell per function or method, and a
                  last cell that runs the public checks and carries them: ``_feedback/`` below, zipped, so
                  the notebook checks itself alone (uploaded to Colab, moved to another folder)
    README.md     the specification (plus how to run the checks, when it does not say so itself)
    check.py      ``python check.py [FILE] [--lang ko|en]``: the assignment's ``public/checks.py``
    _feedback/    what check.py needs: the package ``grader/feedback`` whole (it imports nothing else of
                  the grader), the public checks, and their part of the config (with the stub's sha256,
                  so that check.py without FILE can tell an untouched stub from the student's work)

What goes in is chosen, not filtered: the stub, the README, ``public/``, ``grader/feedback/``, and of the
config only the title, the entry file, the time limits and the public checks' own tables.  Nothing under
``hidden/`` or ``solutions/`` is ever opened.  ``check`` runs the same public checks on one student's
file through the sandbox, as grading does, and prints what the student would see.
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import nbformat

from .. import assignment as assignment_mod
from ..assignment import Assignment
from ..feedback.selfcheck import FEEDBACK, load_checks
from ..feedback.selfcheck import main as selfcheck_main
from ..sandbox import StudentModule
from .notebook import HOW_TO, notebook

FEEDBACK_PACKAGE = Path(__file__).resolve().parent.parent / "feedback"
# check.py itself parses and runs on any Python 3 (and 2.7) far enough to say which Python it needs: the rest
# (_feedback) needs 3.9.  It leaves nothing behind in a notebook's namespace (%run -i check.py), and never ends
# in SystemExit inside IPython, where that would show as an exception.
CHECK_PY = '''\
# -*- coding: utf-8 -*-
\"\"\"Public checks of {name}: run them before you submit. / 제출하기 전에 공개 검사를 실행해 보세요.

    python check.py                 # checks {entry}; while it is still the stub handed out, {stem}.ipynb
    python check.py FILE --lang en  # checks FILE (.py or .ipynb), in English

In Jupyter or Colab the notebook's last cell runs them (it needs no other file); %run -i check.py does too.
Jupyter와 Colab에서는 노트북의 마지막 셀이 공개 검사를 실행합니다 (다른 파일이 필요 없습니다). %run -i check.py도 됩니다.
Needs Python 3.9 or later and numpy (and nbformat for a notebook file).
파이썬 3.9 이상과 numpy가 필요합니다 (노트북 파일을 검사하려면 nbformat도 필요합니다).
\"\"\"


def _public_checks(namespace):
    import os
    import sys

    def say(line):
        try:
            print(line)
        except UnicodeEncodeError:  # a console that cannot show Korean: the English half
            print(line.split(" / ")[0])

    if sys.version_info < (3, 9):
        version = "%d.%d.%d" % tuple(sys.version_info[:3])
        say("check.py needs Python 3.9 or later; this is Python " + version + " (" + sys.executable + ")."
            " / check.py는 파이썬 3.9 이상에서 실행됩니다. 지금 실행한 파이썬은 " + version + "입니다.")
        return 2
    try:
        import numpy  # noqa: F401
    except ImportError:
        say("check.py needs numpy: pip install numpy (" + sys.executable + ")."
            " / check.py를 실행하려면 numpy가 필요합니다: pip install numpy")
        return 2
    here = os.path.dirname(os.path.abspath(namespace.get("__file__") or sys.argv[0]))
    mine = os.path.join(here, "{feedback}") + os.sep
    for name in [m for m in sys.modules if m.split(".")[0] == "{feedback}"]:  # one of another folder
        if not (getattr(sys.modules[name], "__file__", None) or "").startswith(mine):
            del sys.modules[name]
    if here not in sys.path:
        sys.path.insert(0, here)
    from {feedback}.selfcheck import main

    return main(sys.argv[1:], namespace)


def _in_ipython():
    import sys

    shell = getattr(sys.modules.get("IPython"), "get_ipython", None)
    return shell is not None and shell() is not None


if __name__ == "__main__":
    _status = _public_checks(globals())
    if _status is not None and not _in_ipython():  # a script; under %run, SystemExit would show as an error
        raise SystemExit(_status)
    del _public_checks, _in_ipython, _status
'''


class BuildError(Exception):
    """The handout cannot be built as asked (a missing file, a public check id the config does not know)."""


def public_config(a: Assignment, ids: list[str]) -> dict:
    """The part of the config the handout carries: nothing of the checks that are not public."""
    specs = {c.id: c for c in a.checks}
    unknown = [i for i in ids if i not in specs]
    if unknown:
        raise BuildError(f"{a.folder}/public/checks.py has checks {unknown} that assignment.toml does not list")
    stub = a.folder / a.entry
    return {"name": a.name, "title": a.title, "title_ko": a.title_ko, "entry": a.entry,
            "stub_sha256": hashlib.sha256(stub.read_bytes()).hexdigest() if stub.is_file() else None,
            "required": list(a.required), "language": a.language, "call_timeout": a.limits.call_timeout,
            "load_timeout": a.load_timeout, "wall_factor": a.limits.wall_factor, "wall_slack": a.limits.wall_slack,
            "checks": {i: {"name": specs[i].name, "name_ko": specs[i].name_ko, "points": specs[i].points}
                       for i in ids}}


def _public_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix != ".pyc" and not p.name.startswith("."))


def build(folder: Path, out: Path) -> Path:
    """Writes ``out/NAME/`` and ``out/NAME.zip``; returns the folder."""
    a = assignment_mod.load(folder)
    public = folder / "public"
    stub, readme = folder / a.entry, folder / "README.md"
    for needed in (public / "checks.py", stub, readme):
        if not needed.is_file():
            raise BuildError(f"{folder.name}: no {needed.relative_to(folder)}, which the handout needs")
    checks = load_checks(public / "checks.py")
    if not checks:
        raise BuildError(f"{public / 'checks.py'} marks no check with @check(id)")
    config = public_config(a, [fn.check_id for fn in checks])

    target = out / a.name
    if target.exists():
        shutil.rmtree(target)
    (target / FEEDBACK / "public").mkdir(parents=True)
    stub_text = stub.read_text("utf-8")
    shutil.copyfile(stub, target / a.entry)
    readme_text = readme.read_text("utf-8")
    if "check.py" not in readme_text:
        readme_text = readme_text.rstrip() + HOW_TO["readme"].format(entry=a.entry, stem=Path(a.entry).stem,
                                                                     n=len(checks))
    (target / "README.md").write_text(readme_text, "utf-8")
    (target / "check.py").write_text(CHECK_PY.format(name=a.name, entry=a.entry, stem=Path(a.entry).stem,
                                                     feedback=FEEDBACK), "utf-8")
    feedback = target / FEEDBACK
    for path in _public_files(FEEDBACK_PACKAGE):  # the student's side of the grader, whole
        shutil.copyfile(path, feedback / path.relative_to(FEEDBACK_PACKAGE))
    (feedback / "assignment.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for path in _public_files(public):
        dest = feedback / "public" / path.relative_to(public)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    # the notebook last: its check cell carries _feedback/ as written above, byte for byte
    nb = notebook(stub_text, readme.read_text("utf-8"), a.entry, checker=checker_zip(target), lang=a.language)
    nbformat.write(nb, str(target / (Path(a.entry).stem + ".ipynb")))
    _zip(target, out / f"{a.name}.zip")
    return target


def checker_zip(handout: Path) -> bytes:
    """``_feedback/`` of a handout as a zip (entries ``_feedback/...``), byte for byte the same for the same files:
    what the notebook's check cell carries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for file in _public_files(handout / FEEDBACK):
            _add(z, f"{FEEDBACK}/{file.relative_to(handout / FEEDBACK).as_posix()}", file.read_bytes())
    return buffer.getvalue()


def _add(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, data)


def _zip(folder: Path, path: Path) -> None:
    """The folder as a zip of ``NAME/...``, byte for byte the same for the same files."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            _add(z, f"{folder.name}/{file.relative_to(folder).as_posix()}", file.read_bytes())


def check(folder: Path, argv: list[str]) -> int:
    """``make check FILE=...``: what the student sees from check.py, with the file run in the sandbox."""
    a = assignment_mod.load(folder)
    path = folder / "public" / "checks.py"
    if not path.is_file():
        raise BuildError(f"{folder.name} has no public/checks.py")
    config = public_config(a, [fn.check_id for fn in load_checks(path)])
    return selfcheck_main(argv, config=config, checks_path=path,
                          make_module=lambda s: StudentModule(s.text, s.filename, a.limits, a.load_timeout,
                                                              a.required))
