"""The workers floor: grader children — the grader's own code in processes of its own, which
grade through the service. One bootstrap and one serving loop for both kinds (child.py), one
typed protocol with its codec and its classification of failures (messages.py); the parent's
side of the abandonable checks of watch mode and the API (checks.py) and of a class's pool of
grade workers (pool.py).

May import: service and every floor below it.
"""
