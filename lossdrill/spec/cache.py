"""Validated specs cached by content, so a check loads its exercise without YAML or pydantic.

An entry's key hashes the spec's bytes, where it lives and where its reference is, and the
code that turns text into an Exercise (lossdrill's version and the loader modules' sizes and
times), so an edited spec or loader is validated afresh. Entries are pickles of model.py's
dataclasses, read back by an unpickler that will build nothing else: a tampered file can
fail to load, never run code. The folder is the user's cache (``LOSSDRILL_CACHE``, else
``$XDG_CACHE_HOME/lossdrill``, else ``~/.cache/lossdrill``), which learner code, confined to
its own temporary folder, cannot write. Any failure to read or write is a cache miss.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from lossdrill import __version__
from lossdrill.spec import model
from lossdrill.spec.model import Exercise

_HERE = Path(__file__).resolve().parent
_LOADER_MODULES = ("model.py", "parse.py", "text.py", "signature.py", "messages.py")
# What an entry may contain: the spec's own classes and the plain values inside them.
# (Paths pickle as their concrete class; the dataclasses by class alone, with no helper.)
_ALLOWED = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath")}


def folder() -> Path:
    explicit = os.environ.get("LOSSDRILL_CACHE")
    if explicit:
        return Path(explicit) / "specs"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lossdrill" / "specs"


@functools.cache  # once per process: a class's specs are keyed by the same loader
def _loader_fingerprint() -> str:
    parts = [__version__]
    for name in _LOADER_MODULES:
        try:
            st = (_HERE / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return "|".join(parts)


def key(text: bytes, path: Path, solution_path: Path) -> str:
    digest = hashlib.sha256(text)
    for extra in (str(path), str(solution_path), _loader_fingerprint()):
        digest.update(b"\0" + extra.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class _SpecUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = getattr(model, name, None) if module == model.__name__ else None
        if (isinstance(found, type) and found.__module__ == model.__name__) \
                or (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a spec")


def get(entry_key: str) -> Exercise | None:
    try:
        data = (folder() / f"{entry_key}.pickle").read_bytes()
        exercise = _SpecUnpickler(io.BytesIO(data)).load()
    except Exception:  # missing, unreadable, truncated, from another version: validate again
        return None
    return exercise if isinstance(exercise, Exercise) else None


def put(entry_key: str, exercise: Exercise) -> None:
    target = folder() / f"{entry_key}.pickle"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry-")
        try:
            with os.fdopen(fd, "wb") as out:
                pickle.dump(exercise, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)  # whole entries only: a reader never sees half of one
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only home: every check validates the spec, as it would without a cache
