"""Whether an output folder the instructor names can be made and written, asked before
anything is written: a path that cannot work (a file in its place or on the way to it, a
folder that is not writable, a name too long) is one line and exit 2, not a traceback once
a class's grading is under way, and nothing is left half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from lossdrill.errors import UsageError
from lossdrill.escape import visible
from lossdrill.i18n import _

# Outputs are written under temporary names beside their targets (`.NAME.building-XXXXXXXX`,
# `.NAME.0123456789ab.tmp`), and files are written inside the folder: room for both.
NAME_ROOM = 32
PATH_ROOM = 512


def check_output_folder(out: Path, option: str, *, beside: bool) -> None:
    """Raise a UsageError unless ``out`` is a folder that exists and is writable, or one that
    can be made. ``beside``: the output is built next to ``out`` and swapped in whole, so the
    folder that holds ``out`` is written too."""
    where = visible(str(out), one_line=True)
    absolute = Path(os.path.abspath(out))
    existing, missing = _nearest(absolute, option, where)
    name_max, path_max = _limits(existing)
    for name in [*missing, absolute.name] if absolute.name else missing:
        if len(os.fsencode(name)) + NAME_ROOM > name_max:
            raise UsageError(_("{option} {out}: the name {name}… is too long for this file system "
                               "(at most {limit} bytes here); choose a shorter one",
                               option=option, out=where, name=visible(name[:24], one_line=True),
                               limit=name_max - NAME_ROOM))
    if len(os.fsencode(str(absolute))) + PATH_ROOM > path_max:
        raise UsageError(_("{option} {out}: the path is too long for this file system; choose a "
                           "shorter one", option=option, out=where))
    if not existing.is_dir():
        if existing == absolute:
            raise UsageError(_("{option} {out}: is a file; give a folder (new, or a previous "
                               "output of this command)", option=option, out=where))
        raise UsageError(_("{option} {out}: {file} is a file, so no folder can be made under it; "
                           "give a path through folders", option=option, out=where,
                           file=visible(str(existing), one_line=True)))
    writes = [existing]
    if existing == absolute and beside:
        writes.append(absolute.parent)
    for folder in writes:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise UsageError(_("{option} {out}: cannot write in {folder} (read-only or not "
                               "yours); choose a folder you can write", option=option, out=where,
                               folder=visible(str(folder), one_line=True)))


def _nearest(path: Path, option: str, where: str) -> tuple[Path, list[str]]:
    """The nearest of ``path`` and its parents that exists, and the names under it to make."""
    missing: list[str] = []
    while True:
        try:
            os.stat(path)
            return path, missing[::-1]
        except OSError as exc:
            # Not there, under a file, or a name too long (said below): look further up.
            walk_on = exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG)
            if not walk_on or path.parent == path:  # a loop of links, a folder not searchable
                raise UsageError(_("{option} {out}: {why}; choose another folder",
                                   option=option, out=where, why=exc.strerror)) from None
            missing.append(path.name)
            path = path.parent


def _limits(folder: Path) -> tuple[int, int]:
    """The longest name and path the file system that holds ``folder`` takes."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (AttributeError, ValueError, OSError):  # no pathconf: the common limits
        return 255, 4096
