"""What a learner got wrong, in words: the failure of one call, where in an array the error
lies, and which listed mistake or generic signature explains the failing tests.

May import: the grading floor below it (compare, results, run), spec, sandbox, bottom modules.
"""
