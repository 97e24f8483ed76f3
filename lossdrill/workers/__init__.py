"""The workers floor: grader children — the abandonable check of watch mode and the API, and
the pool of grade workers of a class — started, fed and stopped from the parent.

May import: service and every floor below it.
"""
