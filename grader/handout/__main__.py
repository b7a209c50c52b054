"""``python -m grader.handout``: build the handout (make handout) or run its public checks on one file (make check).

    python -m grader.handout build --assignment assignments/NAME [--out dist]
    python -m grader.handout check --assignment assignments/NAME FILE [--lang en]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..assignment import ConfigError
from .build import BuildError, build, check


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.handout",
                                description="The student's side of an assignment: the handout to release, and its "
                                            "public checks for a TA to run.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write dist/NAME/ and dist/NAME.zip")
    b.add_argument("--assignment", required=True, type=Path)
    b.add_argument("--out", type=Path, default=Path("dist"))
    c = sub.add_parser("check", help="run the public checks on one file (in the sandbox)", add_help=False)
    c.add_argument("--assignment", required=True, type=Path)
    args, rest = p.parse_known_args(argv)
    try:
        if args.command == "build":
            if rest:
                p.error(f"unrecognized arguments: {' '.join(rest)}")
            target = build(args.assignment, args.out)
            print(f"wrote {target}/ and {target}.zip")
            return 0
        return check(args.assignment, rest) or 0
    except (BuildError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
