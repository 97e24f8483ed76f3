"""The classroom floor: a class's submissions (layouts, roster), the plan of checks and their
seeds, the cache, the outputs (gradebook, results, feedback, JUnit), similarity, student packs
(release) and the LMS exports (lms/).

May import: workers and every floor below them; never learner or cli.
"""
