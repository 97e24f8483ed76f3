"""Reading a file whose kind and size someone else chose: a learner's file or notebook.

A name ending in `.py` may be a named pipe (opening it waits for a writer, forever), a device
(`/dev/zero` never ends), a socket, a symbolic link to another student's work, or a sparse
file of gigabytes. So a file is opened only when `stat` says it is a regular one; it is opened
with O_NONBLOCK (a pipe put in its place after that look cannot block the open) and checked
again with `fstat` on the descriptor, whose answer is the file actually read; its size is
checked against a cap before a byte is read, and the read stops at the cap whatever the size
said. Every refusal is a UsageError: one line naming the file (escaped: its name may hold any
byte) and the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from lossdrill import escape
from lossdrill.errors import UsageError
from lossdrill.i18n import N_, _

# A notebook with a few plots in its outputs fits; a learner's source alone is far smaller.
MAX_BYTES = 16 << 20
HEAD_BYTES = 4096  # where a `# lossdrill: exN` header is looked for

_KINDS = {
    stat.S_IFIFO: N_("a named pipe (FIFO)"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFCHR: N_("a character device"),
    stat.S_IFBLK: N_("a block device"),
    stat.S_IFDIR: N_("a folder"),
}


class NotAFile(UsageError):
    """A path that is not a regular file of a readable size, or cannot be read."""


def shown(path: Path | str) -> str:
    """A path as one line of text, whatever bytes its name holds."""
    return escape.visible(str(path), one_line=True)


def renamed(message: str, path: Path | str, name: str) -> str:
    """A message about ``path`` as it reads about ``name`` (a submission's path from the
    class's folder, say, rather than the grader's absolute one)."""
    return message.replace(shown(path), shown(name))


def size_text(size: int) -> str:
    return f"{size / (1 << 30):.1f} GB" if size >= 1 << 30 else f"{size / (1 << 20):.1f} MB"


def _refused(path: Path | str, mode: int) -> NotAFile:
    if stat.S_ISLNK(mode):
        return NotAFile(_("{file}: is a symbolic link, which is not followed; put the file "
                          "itself there", file=shown(path)))
    kind = _KINDS.get(stat.S_IFMT(mode), N_("not a regular file"))
    return NotAFile(_("{file}: is {kind}, not a file; use the Python file or notebook "
                      "itself", file=shown(path), kind=_(kind)))


def _unreadable(path: Path | str, exc: OSError) -> NotAFile:
    if isinstance(exc, FileNotFoundError):
        return NotAFile(_("{file}: no such file; check the path", file=shown(path)))
    return NotAFile(_("{file}: cannot be read ({reason}); check that it is a file you may "
                      "read", file=shown(path), reason=exc.strerror or type(exc).__name__))


def _too_big(path: Path | str, size: int, limit: int) -> NotAFile:
    return NotAFile(_("{file}: is {size}, more than the {limit} a learner's file may be; "
                      "keep the source alone (clear a notebook's outputs)", file=shown(path),
                      size=size_text(size), limit=size_text(limit)))


@contextlib.contextmanager
def opened(path: Path | str, *, follow: bool) -> Iterator[tuple[int, os.stat_result]]:
    """A descriptor on ``path`` and its fstat, once both say it is a regular file.
    ``follow``: a symbolic link is followed (a learner's own `check` of a link to their
    file) rather than refused (a class's submissions, where it could reach anywhere)."""
    try:
        before = os.stat(path, follow_symlinks=follow)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(before.st_mode):
        raise _refused(path, before.st_mode)
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):  # where the platform has them
        flags |= getattr(os, name, 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # made a link after the look
            raise _refused(path, stat.S_IFLNK) from None
        raise _unreadable(path, exc) from None
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode):
            raise _refused(path, after.st_mode)
        yield fd, after
    finally:
        os.close(fd)


def read_bytes(path: Path | str, *, follow: bool = False, limit: int = MAX_BYTES) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes."""
    with opened(path, follow=follow) as (fd, info):
        if info.st_size > limit:
            raise _too_big(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except OSError as exc:
                raise _unreadable(path, exc) from None
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew since fstat
                raise _too_big(path, total, limit)


def read_head(path: Path | str, *, follow: bool = False, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a regular file, whatever its length."""
    with opened(path, follow=follow) as (fd, _info):
        try:
            return os.read(fd, size)
        except OSError as exc:
            raise _unreadable(path, exc) from None


def require_file(path: Path | str, *, follow: bool = False, limit: int = MAX_BYTES) -> None:
    """Refuse, as read_bytes would, a path that is not a regular file of at most ``limit``
    bytes — for a file another process will read."""
    with opened(path, follow=follow) as (_fd, info):
        if info.st_size > limit:
            raise _too_big(path, info.st_size, limit)
