"""``python -m grader.gradescope build|run``: make the autograder zip; grade one submission as Gradescope does."""
from __future__ import annotations

import sys

from . import package, run

if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "build":
        sys.exit(package.main(rest))
    if command == "run":
        sys.exit(run.main(rest))
    print("usage: python -m grader.gradescope build --assignment assignments/NAME [--out dist] [--lang ko|en]\n"
          "       python -m grader.gradescope run --assignment assignments/NAME [--lang ko|en]", file=sys.stderr)
    sys.exit(2)
