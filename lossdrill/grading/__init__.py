"""The grading floor: an exercise × a learner (a confined process, or trusted functions) → a
result. Test kinds, tasks, the comparison of values, the diagnosis of what went wrong, loss
curves, and the validation of a pack. Never prints, never starts a learner process: it calls
what it is given (the service holds the process).

May import: spec, sandbox, the bottom modules, NumPy.
"""
