"""Reading what a class arrives with from its LMS, before anything is graded.

    archive.py   an LMS's "download all submissions" zip, unpacked safely into a private folder
    lms.py       what Moodle, Canvas and Blackboard call their files and folders
    roster.py    the class list
    times.py     submission times
"""
