"""Exports to the systems schools grade in: Gradescope's autograder bundle (and the script it
runs inside Gradescope), and a GitHub Classroom template repository.

May import: the classroom floor and every floor below it.
"""
