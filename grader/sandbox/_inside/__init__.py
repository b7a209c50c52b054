"""Inside the sandbox: the code that runs in the processes where student code runs, or that make them.

Started by path (``python -I main.py``, or forked from ``main.py --fork-server``) as the package
``_grader_sandbox``, it imports only the standard library, numpy and the three modules it shares with
the rest of the project (``shared.py``): never the grader itself.  The grader imports ``tree`` from here
to clean up a sandbox from outside.

    main.py      the entry point: one sandbox, or the fork server
    forks.py     the fork server (trusted: forks pristine sandboxes, never runs student code)
    isolate.py   the process tree: namespaces, private tmpfs, supervisor, init, the student's process
    harden.py    the student's process hardened: rlimits, OOM score, privilege drop, then Landlock, seccomp
    landlock.py, seccomp.py, kernel.py   the layers and the system calls behind them
    tree.py      walking and killing a process tree (also used by the grader)
    server.py    the request server, in the student's process
"""
