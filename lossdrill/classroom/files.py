"""Atomic writes: a reader (or an interrupted run) sees the old file or the new one, never
half of one. Folders are built beside their target and swapped in whole."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lossdrill.errors import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _replacing(path: Path, mode: int | None, durable: bool, text: bool) -> Iterator[IO[Any]]:
    """A new file beside ``path`` that is renamed over it when the block ends without an
    error, and removed otherwise. Its name is chosen before the file is made, so an
    interruption (Ctrl-C) anywhere still removes it: tempfile.mkstemp can be interrupted
    after making its file and before its caller learns the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w" if text else "wb", encoding="utf-8" if text else None) as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: str | bytes, mode: int | None = None,
                 durable: bool = True) -> None:
    """Write beside the target, then rename over it. ``durable=False`` skips the fsync: the
    rename is still atomic for any reader, but a power cut may lose the file (fine for a
    cache, whose lost entries are simply graded again)."""
    with _replacing(path, mode, durable, text=False) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def atomic_text(path: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """write_atomic for a document written piece by piece (never whole in memory): the file
    appears at ``path`` whole when the block ends without an error."""
    return _replacing(path, None, True, text=True)


@contextlib.contextmanager
def building(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; on success it replaces ``target`` whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.building-"))
    try:
        yield work
        os.chmod(work, 0o777 & ~_umask())  # mkdtemp's 0700 is for the building, not the result
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(work, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def writable_output(out: Path, marker: str, what: str) -> None:
    """OUT may be new, empty, or a previous output of the same command (it has ``marker``)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; give a folder for the {what}")
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise UsageError(f"{out}: not empty and not a previous {what}; choose a new or empty "
                         "folder")
