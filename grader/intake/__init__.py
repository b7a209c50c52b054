"""Reading what a class arrives with from its LMS, before anything is graded.

    archive.py   an LMS's "download all submissions" zip, unpacked safely into a private folder
    lms.py       what Moodle, Canvas and Blackboard call their files and folders
    roster.py    the class list
    times.py     submission times
"""
from __future__ import annotations

from ..feedback.text import Text


class IntakeError(Exception):
    """An input the TA gave (a roster, a times file, a late policy) cannot be used as it is: one line in
    both languages, which the CLI prints before exiting with status 2."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text

