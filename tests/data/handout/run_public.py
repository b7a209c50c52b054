"""Runs a handout's check.py code on several files in one process and prints the verdicts as JSON.

    python -I run_public.py [--without a,b] HANDOUT_DIR FILE...

``--without``: those modules cannot be imported (as on a student's machine that lacks them).  Also
reports which top-level modules check.py's code imported besides numpy, so a test can tell the
handout needs nothing else.  Run it from outside the repository.
"""
import contextlib
import importlib.abc
import io
import json
import sys

import numpy.random  # noqa: F401 - the one thing the handout needs: what it imports does not count

args = sys.argv[1:]
if args[0] == "--without":
    missing = set(args[1].split(","))
    args = args[2:]

    class Missing(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in missing:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Missing())

sys.path.insert(0, args[0])
before = {name.split(".")[0] for name in sys.modules}
from _feedback import selfcheck  # noqa: E402

verdicts = {}
for path in args[1:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = selfcheck.main([path, "--json"])
    verdicts[path] = dict(json.loads(out.getvalue()), status=status)
imported = sorted({name.split(".")[0] for name in sys.modules} - before)
print(json.dumps({"verdicts": verdicts, "imported": imported}, ensure_ascii=False))
