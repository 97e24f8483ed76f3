"""The service floor: grade one source (a Python file or a notebook's cells) for one exercise,
owning the learner process's life. Every front end comes through here: check, watch, the
Python API, grade workers and the Gradescope autograder all call ``grade.grade``; the
launcher is the one place outside the sandbox that starts learner processes, the session
restarts them and words what the sandbox reports.

May import: render, grading, spec, sandbox, the bottom modules.
"""
