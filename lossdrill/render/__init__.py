"""The render floor: a result shown to a person or a program — the terminal report, the
compact report of watch mode and the API, loss-curve plots, machine formats (JSON, JUnit,
Gradescope, GitHub). Every learner-controlled string passes through escape on its way out.

May import: grading (its results), spec, the bottom modules, rich, plotext.
"""
