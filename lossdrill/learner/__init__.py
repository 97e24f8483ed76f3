"""The learner floor: watch mode, progress records and the Python API
(``from lossdrill import check``).

May import: workers and every floor below them; never classroom or cli.
"""
