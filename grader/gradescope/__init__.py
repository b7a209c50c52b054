"""The grader as a Gradescope autograder: the zip (``package.py``) and what runs for each submission (``run.py``).

    package.py    make gradescope: dist/NAME-gradescope.zip with setup.sh, run_autograder, the grader, the
                  assignment (hidden checks included: the zip goes to Gradescope only) and a pinned lock
    run.py        run_autograder's Python side: the submission folder -> the same grading as make grade ->
                  results/results.json in Gradescope's format, the late policy applied from its metadata
    templates/    setup.sh and run_autograder, filled in by package.py

No grading happens here that ``make grade`` does not do: run.py hands the file to ``workers.results``
(``cli._grade_one``, ``pipeline.grade``), and only writes what comes back in Gradescope's words.
"""
