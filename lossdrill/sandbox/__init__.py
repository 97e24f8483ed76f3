"""The sandbox floor: the learner process — how it is spawned or forked warm, limited and
confined (Landlock, seccomp, a network namespace, rlimits), and the plain-data protocol of its
calls. The code that runs inside the learner process lives here too.

May import: the standard library, NumPy, and its own modules; nothing else of lossdrill (the
learner process must not load any of the grader).
"""
