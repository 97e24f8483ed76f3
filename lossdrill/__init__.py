"""lossdrill: learn machine-learning loss functions by writing them.

This module stays import-free: the learner process imports ``lossdrill.sandbox`` and must
not pull in any of the grader with it.
"""

__version__ = "0.1.0"
