# Student code whose top level never ends (a training loop left at module level): loading it runs out of
# CPU time, so the grader loads its definitions only.
def answer():
    return 42


while True:
    pass
