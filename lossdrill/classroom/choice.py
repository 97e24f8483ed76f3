"""Which file is graded when a student handed in more than one for an exercise: one rule,
the same for every layout, that depends only on the files' names, places and first lines —
never on their modification times, which unpacking or copying a download changes.

Of the regular files (a link, pipe or device is never graded, so it is chosen only when
there is nothing else, for the student's row to say what is wrong with it), the file graded
is, in this order of precedence:

1. the one whose first line names the exercise (``# lossdrill: ex3``);
2. the one named exactly for it (``ex3.py``, ``hinge.py``, ``ex3_hinge.py``, after a
   student's prefix) over one whose name matches only ignoring case (``EX3.py``);
3. the latest resubmission: ``ex3-2.py`` over ``ex3-1.py`` over ``ex3.py`` (how Canvas
   renames a file uploaded again; a browser's ``ex3 (2).py`` likewise), and of two Canvas
   uploads the later one (its larger file id);
4. the one nearest the top of the student's folder, then the first in name order.

Every file set aside is listed with the reason the other won.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

HEADER, EXACT, ANY_CASE = "header", "name", "name ignoring case"
RESUBMISSION = re.compile(r"^(?P<stem>.+?)(?:-(?P<n>\d+)| \((?P<m>\d+)\))$")

# Why the winner won, by the first element of the ranking key that differs.
_REASONS = ("a regular file", "its first line names {exercise}",
            "its name is exactly {exercise}'s", "a later resubmission", "a later resubmission",
            "nearer the top of the folder", "first in name order")


@dataclass(frozen=True)
class Candidate:
    path: Path
    how: str = EXACT  # HEADER, EXACT or ANY_CASE: what tied the file to its exercise
    upload: int = 0  # Canvas's file id (later uploads have larger ones); 0 elsewhere


def resubmission(stem: str) -> int:
    """``ex3-2`` → 2, ``ex3 (2)`` → 2, ``ex3`` → 0."""
    match = RESUBMISSION.match(stem)
    return int(match["n"] or match["m"]) if match else 0


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _key(candidate: Candidate) -> tuple[bool, bool, bool, int, int, int, str]:
    """Smaller is better."""
    path = candidate.path
    return (not _regular(path), candidate.how != HEADER, candidate.how == ANY_CASE,
            -resubmission(path.stem), -candidate.upload, len(path.parts), str(path))


def choose(first: Candidate, second: Candidate, exercise: str
           ) -> tuple[Candidate, Candidate, str]:
    """(the file graded, the one set aside, why), by the rule above."""
    a, b = _key(first), _key(second)
    winner, loser = (first, second) if a <= b else (second, first)
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y),
                 len(_REASONS) - 1)
    return winner, loser, _REASONS[index].format(exercise=exercise)


def set_aside(loser: Candidate, winner: Candidate, exercise: str, reason: str) -> str:
    """The line that lists a file set aside."""
    return f"{loser.path} (another file for {exercise}; graded {winner.path.name}: {reason})"
