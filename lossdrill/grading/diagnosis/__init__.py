"""What a learner got wrong, in words: the failure of one call, where in an array the error
lies, and which listed mistake or generic signature explains the failing tests. Each is said
in both forms (disclosure.py): in full, and as a hidden test may show it.

May import: the grading modules it works from (compare, disclosure, observation, results),
spec, sandbox, bottom modules — never run, kinds or engine, which use it.
"""
