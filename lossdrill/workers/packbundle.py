"""A pack as it travels to a cluster's workers, which share no file system with the grader:
its files as bytes by relative path (`exercises/…`, `solutions/…` and a released pack's
`answers/…`), named by the hash of their content.

A worker unpacks a bundle once into the user's cache, in a folder named by that hash
(`packs/<digest>/`, readable by the user alone), so a later run with the same pack finds it
unpacked and its specs already validated in the spec cache, which keys them by path. The
folder is made whole under a temporary name and renamed into place: two workers on one
machine unpacking at once each make their own, and one rename wins.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lossdrill.spec.cache import folder as spec_cache_folder

_PARTS = ("exercises", "solutions", "answers")


@dataclass(frozen=True)
class PackBundle:
    digest: str
    files: dict[str, bytes]  # "exercises/ex1_mse.yaml" → its bytes


def bundle(exercises: Path, solutions: Path) -> PackBundle:
    """The pack whose specs are in ``exercises`` and references in ``solutions`` (and the
    recorded answers of a released pack beside them), as bytes."""
    files: dict[str, bytes] = {}
    for part, top in zip(_PARTS, (exercises, solutions, solutions.parent / "answers"),
                         strict=True):
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*")):
            relative = path.relative_to(top)
            if "__pycache__" in relative.parts or not path.is_file():
                continue
            files[f"{part}/{relative.as_posix()}"] = path.read_bytes()
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return PackBundle(digest.hexdigest()[:32], files)


def packs_folder() -> Path:
    """Where workers keep unpacked packs: beside the spec cache, in the user's cache."""
    return spec_cache_folder().parent / "packs"


def unpack(pack: PackBundle) -> Path:
    """The folder holding ``pack`` (`exercises/`, `solutions/`, `answers/`), unpacked now
    unless an earlier run left it."""
    root = packs_folder()
    target = root / pack.digest
    if (target / "exercises").is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    building = Path(tempfile.mkdtemp(dir=root, prefix=".unpacking-"))
    try:
        for name, data in pack.files.items():
            path = building / name
            if ".." in Path(name).parts or Path(name).is_absolute():
                raise ValueError(f"a pack file outside the pack: {name!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (building / "exercises").mkdir(exist_ok=True)
        (building / "solutions").mkdir(exist_ok=True)
        with contextlib.suppress(OSError):  # another worker's rename came first: keep it
            os.rename(building, target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target
