"""The command line: parse, call one service, render; nothing else. The console entry
(launch) starts a check's learner process before anything heavy is imported, and reads a
plain `check FILE [options]` without the CLI framework (fastpath).

May import: every floor.
"""
