"""The class roster: a CSV with a header naming an id column and, optionally, the names.

Accepted id columns: id, student_id, sid, student, username, login, github, email (the first
present). Names: name / full name, or first name + last name. Matching is case-insensitive,
and a roster id may match any of a submission's ids (Gradescope's sid or email, Canvas's
user id, Moodle's participant id).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from lossdrill.errors import UsageError

ID_COLUMNS = ("id", "student_id", "student id", "sid", "student", "username", "login",
              "github", "github_username", "email")
NAME_COLUMNS = ("name", "full name", "full_name", "student name")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str


def read_roster(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such roster file; check the path to --roster") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError(f"{path}: cannot read the roster ({why}); save it as UTF-8 CSV") \
            from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UsageError(f"{path}: the roster is empty; give a CSV with a header line such as "
                         "`id,name`")
    header = [cell.strip().lower() for cell in rows[0]]
    id_col = next((header.index(c) for c in ID_COLUMNS if c in header), None)
    if id_col is None:
        raise UsageError(f"{path}:1: no id column in the header ({', '.join(rows[0])}); name "
                         "one of them id, student_id, sid, username, github or email")
    name_col = next((header.index(c) for c in NAME_COLUMNS if c in header), None)
    first = next((header.index(c) for c in ("first name", "first_name", "first") if c in header),
                 None)
    last = next((header.index(c) for c in ("last name", "last_name", "last") if c in header),
                None)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        ident = row[id_col].strip() if id_col < len(row) else ""
        if not ident:
            raise UsageError(f"{path}:{line}: no student id in column '{rows[0][id_col]}'; "
                             "fill it in or delete the line")
        if ident.lower() in seen:
            raise UsageError(f"{path}:{line}: student '{ident}' is listed twice (first on line "
                             f"{seen[ident.lower()]}); keep one line per student")
        seen[ident.lower()] = line
        entries.append(Entry(ident, _name(row, name_col, first, last)))
    return entries


def _name(row: list[str], name_col: int | None, first: int | None, last: int | None) -> str:
    def cell(i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    if name_col is not None:
        return cell(name_col)
    return " ".join(part for part in (cell(first), cell(last)) if part)
