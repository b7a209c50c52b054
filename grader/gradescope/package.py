"""``make gradescope ASSIGNMENT=NAME``: ``dist/NAME-gradescope.zip``, the autograder Gradescope takes.

At the zip's root, as Gradescope requires: ``setup.sh`` (run once when Gradescope builds the image: a
virtual environment with the pinned packages of ``requirements.lock``) and ``run_autograder`` (run for
every submission). Beside them: the grader package, the assignment's folder with its hidden checks and its
config (this zip goes to Gradescope only, never to students), and the lock.

The lock pins what this machine's environment runs: every package of ``requirements.txt`` (but those
that only a class graded elsewhere needs) and everything they need, at the versions installed here, so
the image grades with the versions the tests passed with. ``--check`` (run by setup.sh) says whether an
environment has them.
"""
from __future__ import annotations

import argparse
import re
import stat
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from .. import assignment as assignment_mod
from ..assignment import ConfigError

GRADER = Path(__file__).resolve().parent.parent
ROOT = GRADER.parent
TEMPLATES = Path(__file__).with_name("templates")
NOT_SHIPPED = {"distributed"}      # grading on a Dask cluster: no use inside Gradescope's container
JUNK = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock(requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """``name==version`` for every package the grader needs here, its dependencies included (markers
    evaluated for this interpreter; extras not followed), sorted."""
    from packaging.requirements import Requirement  # pytest's own dependency: always in the environment

    wanted = [_name(line) for line in requirements.read_text("utf-8").splitlines()
              if line.strip() and not line.lstrip().startswith("#")]
    pinned: dict[str, str] = {}
    todo = [n for n in wanted if _canonical(n) not in NOT_SHIPPED]
    while todo:
        name = todo.pop()
        key = _canonical(name)
        if key in pinned:
            continue
        dist = metadata.distribution(name)
        pinned[key] = f"{dist.metadata['Name']}=={dist.version}"
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return sorted(pinned.values(), key=str.lower)


def check(lock_file: Path) -> list[str]:
    """What an environment lacks of a lock: one line per package missing or at another version."""
    wrong = []
    for line in lock_file.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, version = line.partition("==")
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed (requirements.lock pins {version})")
            continue
        if have != version:
            wrong.append(f"{name}: {have} installed, requirements.lock pins {version}")
    if sys.version_info < (3, 11):
        wrong.append(f"Python {sys.version.split()[0]}: the grader needs 3.11 or later")
    return wrong


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not JUNK & set(p.parts)
                  and p.suffix not in (".pyc", ".pyo"))


def _add(z: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))   # a fixed date: the same input, the same zip
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    z.writestr(info, data)


def build(assignment: Path, out: Path, lang: str | None = None) -> Path:
    """Writes ``out/NAME-gradescope.zip`` and returns its path; ConfigError when the assignment is not one."""
    a = assignment_mod.load(assignment)
    folder = a.folder.resolve()
    rel = folder.relative_to(ROOT).as_posix() if folder.is_relative_to(ROOT) else f"assignments/{a.name}"
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    setup = (TEMPLATES / "setup.sh").read_text("utf-8").replace("@PYTHON_VERSION@", version)
    runner = (TEMPLATES / "run_autograder").read_text("utf-8").replace("@ASSIGNMENT@", rel)
    runner = runner.replace("@LANG_ARGS@", f" --lang {lang}" if lang else "")
    pins = "\n".join(lock()) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{a.name}-gradescope.zip"
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        _add(z, "setup.sh", setup.encode(), executable=True)
        _add(z, "run_autograder", runner.encode(), executable=True)
        _add(z, "requirements.lock", (f"# Python {version}; written by make gradescope from the build machine's "
                                      f"environment\n" + pins).encode())
        for path in _files(GRADER):
            _add(z, path.relative_to(ROOT).as_posix(), path.read_bytes())
        for path in _files(folder):
            _add(z, f"{rel}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    tmp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.gradescope build",
                                description="Write dist/NAME-gradescope.zip, the autograder to upload to Gradescope.")
    p.add_argument("--assignment", type=Path, help="the assignment folder (with assignment.toml)")
    p.add_argument("--out", type=Path, default=Path("dist"), help="where the zip goes (default: dist)")
    p.add_argument("--lang", choices=("en", "ko"), help="feedback language (default: the assignment's config)")
    p.add_argument("--check", type=Path, metavar="LOCK", help="only check this environment against a lock file")
    args = p.parse_args(argv)
    if args.check:
        wrong = check(args.check)
        for line in wrong:
            print(f"setup.sh: {line}", file=sys.stderr)
        return 1 if wrong else 0
    if args.assignment is None:
        p.error("--assignment is required")
    try:
        target = build(args.assignment, args.out, args.lang)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {target} ({target.stat().st_size // 1024} KB): upload it as the assignment's autograder "
          f"(Configure Autograder > Zip file upload)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
