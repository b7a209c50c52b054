# Student code whose top level waits forever without computing: only the real-time bound ends the load,
# and the grader then loads its definitions only.
import time


def answer():
    return 42


time.sleep(1000)
