"""The sandbox's entry point, started by path with ``python -I``:

    main.py REQUEST_FD REPLY_FD SETTINGS_JSON     one sandbox (a fresh interpreter)
    main.py --fork-server SOCKET_FD PADDING       the fork server (``forks.py``)

Nothing of the grader is importable here (``-I``, and the grader's folder is not on ``sys.path``):
this folder is loaded as the package ``_grader_sandbox`` and its modules import each other relatively.
"""
import importlib.util
import os
import sys


def _package():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("_grader_sandbox", os.path.join(here, "__init__.py"),
                                                  submodule_search_locations=[here])
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package
    spec.loader.exec_module(package)
    return package


def main(argv: list) -> None:
    _package()
    if len(argv) > 1 and argv[0] == "--fork-server":
        from _grader_sandbox import forks

        forks.serve_forks(int(argv[1]))
    from _grader_sandbox import server
    from _grader_sandbox.shared import wire

    server.run(int(argv[0]), int(argv[1]), wire.Settings.from_json(argv[2]))


if __name__ == "__main__":
    main(sys.argv[1:])
