"""Atomic writes: a reader (or an interrupted run) sees the old file or the new one, never
half of one. Folders are built beside their target and swapped in whole."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from lossdrill.errors import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes, mode: int | None = None,
                 durable: bool = True) -> None:
    """Write beside the target, then rename over it. ``durable=False`` skips the fsync: the
    rename is still atomic for any reader, but a power cut may lose the file (fine for a
    cache, whose lost entries are simply graded again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic_chunks(path: Path, chunks: Iterable[str]) -> None:
    """write_atomic for a document produced piece by piece (never whole in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
