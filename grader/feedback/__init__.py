"""The student's side: everything a student may see and run, shipped whole in every handout as ``_feedback``.

It holds the words and the judgement a student meets before and after the deadline: the fault types
(``faults``), the diagnosis ladder (``compare``), the wording of load and call problems (``wording``),
the interface the checks see the student's code through (``protocol``), the plain-data rule for values
(``plain``), how a file is read (``source``) and run (``loading``), and the in-process implementation
behind ``check.py`` (``local``, ``selfcheck``).  It imports only the standard library and numpy
(nbformat only for a notebook): nothing of the grader, so nothing secret can ride along into a handout.

A public check imports what it needs from here (``from _feedback import check, compare, Text``); a
hidden check takes the same names from ``grader.checks``.
"""
from .compare import CheckFailed, Mistake, as_array, close, compare, diagnosis, require
from .faults import StudentBadValue, StudentCrashed, StudentError, StudentFault, StudentTimeout
from .selfcheck import check
from .text import Text

__all__ = ["CheckFailed", "Mistake", "StudentBadValue", "StudentCrashed", "StudentError", "StudentFault",
           "StudentTimeout", "Text", "as_array", "check", "close", "compare", "diagnosis", "require"]
