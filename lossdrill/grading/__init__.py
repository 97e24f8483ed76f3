"""The grading floor: an exercise × a learner (a confined process, or trusted functions) → a
result. Test kinds (kinds/), tasks, the comparison of values, the diagnosis of what went
wrong, loss curves, and the validation of a pack. Never prints, never starts a learner process:
it calls what it is given (the service holds the process).

A result leaves the engine (engine.py) through disclosure.py, the one place that applies the
hidden-test rule: what reads a result shows what it holds.

May import: spec, sandbox, the bottom modules, NumPy.
"""
