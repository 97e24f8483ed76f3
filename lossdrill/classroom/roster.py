"""The class roster: a CSV with a header naming an id column and, optionally, the names.

Accepted id columns: id, student_id, sid, student, username, login, github, email (the first
present). Names: name / full name, or first name + last name. Matching is case-insensitive,
and a roster id may match any of a submission's ids (Gradescope's sid or email, Canvas's
user id, Moodle's participant id).

The file is whatever a spreadsheet saved: comma, semicolon (European locales) or tab
delimited, UTF-8 with or without a byte-order mark (or UTF-16, Excel's "Unicode text"), CRLF or
LF line ends. Only a regular file of at most MAX_BYTES is read, opened without blocking (a pipe
or a device is refused, not waited on). An error never quotes the file's lines beyond the id
column: a file given by mistake (a key, a password file) is not shown on a terminal or in a CI
log.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lossdrill.errors import UsageError
from lossdrill.escape import visible
from lossdrill.i18n import _

ID_COLUMNS = ("id", "student_id", "student id", "sid", "student", "username", "login",
              "github", "github_username", "email")
NAME_COLUMNS = ("name", "full name", "full_name", "student name")
MAX_BYTES = 8 << 20  # a class of 100,000 with names and emails is a few megabytes
DELIMITERS = ",;\t"
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


@dataclass(frozen=True)
class Entry:
    id: str
    name: str


def read_roster(path: Path) -> list[Entry]:
    where = visible(str(path), one_line=True)
    rows = _rows(where, _text(where, _read(path, where)))
    if not rows:
        raise UsageError(_("{path}: the roster is empty; give a CSV with a header line such as "
                           "`id,name`", path=where))
    head_line, head = rows[0]
    header = [cell.strip().lower() for cell in head]
    id_col = _column(header, ID_COLUMNS)
    if id_col is None:
        # The header is not quoted: a file given by mistake must not be shown.
        raise UsageError(_("{path}:{line}: no id column in the header; name one of its columns "
                           "id, student_id, sid, username, github or email", path=where,
                           line=head_line))
    name_col = _column(header, NAME_COLUMNS)
    first = _column(header, ("first name", "first_name", "first"))
    last = _column(header, ("last name", "last_name", "last"))
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        ident = row[id_col].strip() if id_col < len(row) else ""
        if not ident:
            raise UsageError(_("{path}:{line}: no student id in column '{column}'; fill it in or "
                               "delete the line", path=where, line=line,
                               column=visible(head[id_col], one_line=True)))
        if ident.lower() in seen:
            raise UsageError(_("{path}:{line}: student '{id}' is listed twice (first on line "
                               "{first}); keep one line per student", path=where, line=line,
                               id=visible(ident, one_line=True), first=seen[ident.lower()]))
        seen[ident.lower()] = line
        entries.append(Entry(ident, _name(row, name_col, first, last)))
    return entries


def _read(path: Path, where: str) -> bytes:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UsageError(_("{path}: no such roster file; check the path to --roster",
                           path=where)) from None
    except OSError as exc:
        raise UsageError(_("{path}: cannot read the roster ({why}); save it as UTF-8 CSV",
                           path=where, why=exc.strerror)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(_("{path}: not a regular file (a folder, a pipe or a device); give "
                               "the roster's CSV file to --roster", path=where))
        chunks, size = [], 0
        while size <= MAX_BYTES:  # the size fstat gave may change while it is read
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise UsageError(_("{path}: cannot read the roster ({why}); save it as UTF-8 CSV",
                           path=where, why=exc.strerror)) from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise UsageError(_("{path}: larger than {limit} MB, too large for a roster; give the "
                           "class list as CSV", path=where, limit=MAX_BYTES >> 20))
    return b"".join(chunks)


def _text(where: str, data: bytes) -> str:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"  # refused below, with the same message
    if "\x00" in text:
        raise UsageError(_("{path}: cannot read the roster (not UTF-8 text); save it as UTF-8 CSV",
                           path=where))
    return text


def _rows(where: str, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise UsageError(_("{path}:{line}: not readable as CSV ({error}); save the roster as "
                           "CSV", path=where, line=line, error=exc)) from None
    return rows


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: as csv.Sniffer reads a sample, if the header line holds what
    it found; else the one the header line holds most of (a comma if none)."""
    sample = text[:16384]
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or too little text to tell
        found = ""
    if found and found in header:
        return found
    return max(DELIMITERS, key=header.count)  # max keeps the first (a comma) on a tie


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((header.index(c) for c in names if c in header), None)


def _name(row: list[str], name_col: int | None, first: int | None, last: int | None) -> str:
    def cell(i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    if name_col is not None:
        return cell(name_col)
    return " ".join(part for part in (cell(first), cell(last)) if part)
