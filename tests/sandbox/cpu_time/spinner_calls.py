"""Student code for tests/sandbox/test_cpu_time.py: calls that need a known amount of CPU time, or none.

``time.process_time()`` is this process's own CPU time (all its threads), so ``spin(s)`` needs ``s``
seconds of CPU however busy the machine is; only the real time it takes changes.
"""
import os
import time


def spin(seconds):
    """Burns ``seconds`` of CPU time; returns the CPU and the real time it took."""
    t0, w0 = time.process_time(), time.monotonic()
    while time.process_time() - t0 < seconds:
        pass
    return [time.process_time() - t0, time.monotonic() - w0]


def forever():
    while True:
        pass


def sleep():
    time.sleep(1000)


def _child(seconds):
    """Runs in a forked child: spins, then ends without running any of the parent's clean-up."""
    try:
        spin(seconds)
    finally:
        os._exit(0)


def children_waited(n, seconds):
    """``n`` short-lived children one after the other, each reaped by this process (its cutime), then
    sleeps: only the children's CPU time can end the call before the real-time bound."""
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            _child(seconds)
        os.waitpid(pid, 0)
    time.sleep(1000)


def children_orphaned(n, seconds):
    """``n`` grandchildren one after the other, each orphaned at once (its parent exits), so the
    sandbox's init or the supervisor (their subreaper) reaps it, never this process; then sleeps."""
    for _ in range(n):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            if os.fork() == 0:
                os.close(r)
                _child(seconds)   # the write end closes when the grandchild ends
            os._exit(0)
        os.close(w)
        os.waitpid(pid, 0)
        os.read(r, 1)              # end of file: the grandchild is gone
        os.close(r)
    time.sleep(1000)


def children_never_waited(n, seconds):
    """``n`` children one after the other that spin and end but are never reaped (zombies: their time is
    in no one's cutime yet), then sleeps."""
    for _ in range(n):
        r, w = os.pipe()
        if os.fork() == 0:
            os.close(r)
            _child(seconds)
        os.close(w)
        os.read(r, 1)              # end of file: the child has ended
        os.close(r)
    time.sleep(1000)


def fork_bomb():
    """Children that fork again and spin, as many as the process limit allows; the parent sleeps."""
    for _ in range(32):
        try:
            if os.fork() == 0:
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                    spin(0.01)
        except OSError:
            break
    time.sleep(1000)


class Trainer:
    """For the training loop (``repeat``): one step needs ``step`` seconds of CPU time."""

    def __init__(self, step):
        self.step = step
        self.steps = 0

    def train_step(self):
        spin(self.step)
        self.steps += 1
