"""``python -m grader ARGS``, plus its resource usage written to a JSON file when it ends.

    python bench/run_grader.py USAGE.json ROOT ARGS...

RUSAGE_SELF is the grader's main process; RUSAGE_CHILDREN covers every process it waited for (the
pool's workers, and through them the sandboxes they waited for).
"""
import json
import resource
import runpy
import sys


def main() -> None:
    usage_file, root, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, root)
    sys.argv = ["grader"] + args
    code = 0
    try:
        runpy.run_module("grader", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(usage_file, "w") as f:
        json.dump({"self_maxrss_kb": me.ru_maxrss, "children_maxrss_kb": kids.ru_maxrss,
                   "self_cpu_s": me.ru_utime + me.ru_stime, "children_cpu_s": kids.ru_utime + kids.ru_stime}, f)
    sys.exit(code)


if __name__ == "__main__":
    main()
