"""Runs a notebook's code cells, top to bottom, as Jupyter's "Run All" would, and prints what each showed as JSON.

    python run_notebook.py NOTEBOOK --kernel     # for real: an IPython kernel (needs nbclient and ipykernel)
    python run_notebook.py NOTEBOOK --stand-in   # without IPython: see below

Prints a list with one entry per code cell: {"cell": its index among all cells, "text": what it printed
(stdout, stderr, displayed text), "errors": ["Name: message\\ntraceback", ...]}.  Run it in the folder the
notebook should see as its own (the kernel's working directory is the notebook's folder).

The stand-in does what the kernel does for plain Python cells: one namespace for every cell, seeded as
IPython seeds its user namespace (``__name__`` "__main__", ``get_ipython``, ``In``/``Out``, ``exit``, and
``__session__`` from ``JPY_SESSION_NAME`` as ipykernel does), each cell compiled under a file name of its
own, what it prints captured, and any exception it raises, ``SystemExit`` included, shown as an error
instead of ending the run; ``IPython.get_ipython()`` answers the shell.  Of IPython's syntax it runs
``%run [-i] SCRIPT ARGS`` lines as IPython's %run does (the script's folder first on sys.path, sys.argv set,
``__name__`` "__main__"; with -i in the notebook's namespace, keeping its ``__file__``; without, in a fresh
one whose names are then copied into the notebook's; SystemExit shown only for a non-zero code); any other
(``%magic``, ``!shell``) is an error that says so.
"""
import builtins
import contextlib
import io
import json
import linecache
import os
import re
import shlex
import sys
import traceback
import types

import nbformat

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def with_kernel(nb) -> list:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": os.getcwd()}})
    client.execute()
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        text, errors = [], []
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                text.append(o.text)
            elif o.output_type in ("display_data", "execute_result"):
                text.append(o.get("data", {}).get("text/plain", "") + "\n")
            elif o.output_type == "error":
                errors.append(f"{o.ename}: {o.evalue}\n" + ANSI.sub("", "\n".join(o.traceback)))
        out.append({"cell": index, "text": "".join(text), "errors": errors})
    return out


class Shell:
    """What ``get_ipython()`` returns in the stand-in: enough to be told apart from None."""

    user_ns: dict


def run_magic(line: str, namespace: dict) -> None:
    """``%run [-i] SCRIPT ARGS`` as IPython runs it (IPython/core/magics/execution.py)."""
    words = shlex.split(line.strip()[len("%run"):])
    interactive = words[:1] == ["-i"]
    script, args = (words[1:] if interactive else words)[0], (words[1:] if interactive else words)[1:]
    filename = os.path.abspath(script)
    saved_argv, saved_path = sys.argv, list(sys.path)
    sys.argv = [filename, *args]
    sys.path.insert(0, os.path.dirname(filename))
    if interactive:
        ns, saved_name, saved_file = namespace, namespace["__name__"], namespace.get("__file__")
        ns.update(__name__="__main__", __file__=filename)
    else:
        ns = {"__name__": "__main__", "__file__": filename, "__builtins__": builtins}
    try:
        with open(filename, encoding="utf-8") as f:
            exec(compile(f.read(), filename, "exec"), ns)
    except SystemExit as status:
        if status.code:
            raise
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
        if interactive:
            ns["__name__"] = saved_name
            if saved_file is None:
                ns.pop("__file__", None)
            else:
                ns["__file__"] = saved_file
        else:
            namespace.update({k: v for k, v in ns.items() if k not in ("__name__", "__file__")})


def stand_in(nb) -> list:
    shell = Shell()
    sys.modules["IPython"] = types.ModuleType("IPython")
    sys.modules["IPython"].get_ipython = lambda: shell
    inputs = [""]
    namespace = {"__name__": "__main__", "__builtins__": builtins, "__doc__": None, "get_ipython": lambda: shell,
                 "In": inputs, "_ih": inputs, "Out": {}, "_oh": {}, "exit": sys.exit, "quit": sys.exit}
    if os.environ.get("JPY_SESSION_NAME"):
        namespace["__session__"] = os.environ["JPY_SESSION_NAME"]
    shell.user_ns = namespace
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        inputs.append(cell.source)
        filename = f"<ipython-input-{len(inputs) - 1}>"
        linecache.cache[filename] = (len(cell.source), None, cell.source.splitlines(True), filename)
        captured, errors = io.StringIO(), []
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            try:
                lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
                if lines and all(line.startswith("%run ") for line in lines):
                    for line in lines:
                        run_magic(line, namespace)
                elif any(line.lstrip().startswith(("%", "!")) for line in cell.source.splitlines()):
                    raise RuntimeError("the stand-in cannot run this IPython syntax (only %run lines)")
                else:
                    exec(compile(cell.source, filename, "exec"), namespace)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - IPython shows any exception of a cell, SystemExit too
                errors.append(f"{type(exc).__name__}: {exc}\n" + "".join(traceback.format_exception(
                    type(exc), exc, exc.__traceback__)))
        out.append({"cell": index, "text": captured.getvalue(), "errors": errors})
    return out


def main() -> None:
    path, how = sys.argv[1], sys.argv[2]
    nb = nbformat.read(path, as_version=4)
    cells = with_kernel(nb) if how == "--kernel" else stand_in(nb)
    sys.stdout.write(json.dumps(cells, ensure_ascii=False))


if __name__ == "__main__":
    main()
