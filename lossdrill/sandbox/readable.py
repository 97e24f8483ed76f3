"""What a learner process may read: the paths Landlock's read rules grant, computed on
resolved paths.

Landlock grants a tree through the inode a rule's file descriptor opens, and a file is then
readable through every path that leads to it. So:

- a rule opened through a symbolic link grants the link's target (a venv's ``lib64 -> lib``
  grants ``lib``, pack and all): every path here is resolved before it is judged or granted,
  and a child that is a link is judged where it leads;
- a tree a mount shows at a second place (a bind mount) is readable there too: each denied
  tree is denied at every place the mount table shows it;
- what Python does not need is not granted: of a folder on ``sys.path`` that is not a library
  folder (a project checkout a ``.pth`` file names, the folder the grader's package is in),
  only what can be imported (packages, modules); a ``site-packages`` this interpreter does not
  import from (the base interpreter's, the system's) is denied like the pack.

Links inside a granted tree need no care: Landlock judges a file where it is, not by the
path that named it. Standard library only: this runs in the learner process.
"""

from __future__ import annotations

import functools
import glob
import os
import re
import sys
import sysconfig

_MODULE_SUFFIXES = (".py", ".pyc", ".so", ".pyd", ".zip", ".egg")
_LIBRARY_NAMES = ("site-packages", "dist-packages")


def within(path: str, tree: str) -> bool:
    """Whether resolved ``path`` is ``tree`` or lies inside it."""
    return path == tree or path.startswith(tree if tree.endswith("/") else tree + "/")


# -- the mount table: a tree may be shown at more than one place --------------------------------

def _unescape(field: bytes) -> str:
    # mountinfo writes space, tab, newline and backslash as octal escapes.
    raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), field)
    return raw.decode("utf-8", "surrogateescape")


def mounts(table: str = "/proc/self/mountinfo") -> list[tuple[str, str, str]]:
    """(device, root of the mount within its file system, mount point), in mount order."""
    try:
        with open(table, "rb") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 5:
            out.append((fields[2].decode("ascii", "replace"), _unescape(fields[3]),
                        _unescape(fields[4])))
    return out


def shown_at(path: str, table: list[tuple[str, str, str]]) -> list[str]:
    """Every place the mount table shows resolved ``path`` at, ``path`` included."""
    holder = None
    for mount in table:  # the innermost mount point holds it; of equal ones, the last mounted
        if within(path, mount[2]) and (holder is None or len(mount[2]) >= len(holder[2])):
            holder = mount
    if holder is None:
        return [path]
    device, root, point = holder
    inside = os.path.normpath(os.path.join(root, os.path.relpath(path, point)))
    places = [path]
    for other_device, other_root, other_point in table:
        if other_device == device and within(inside, other_root):
            place = os.path.normpath(os.path.join(other_point,
                                                  os.path.relpath(inside, other_root)))
            if place not in places:
                places.append(place)
    return places


# -- the roots Python reads, and the trees carved out of them -----------------------------------

def _library_dirs() -> set[str]:
    paths = sysconfig.get_paths()
    found = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    found.update(p for p in sys.path if os.path.basename(p) in _LIBRARY_NAMES)
    found.update(p for p in sys.path if os.path.basename(p) == "lib-dynload")
    return {os.path.realpath(p) for p in found}


def read_roots() -> tuple[list[str], list[str]]:
    """(trees Python and its packages need whole, folders of which only the importable
    entries are needed), resolved."""
    libraries = _library_dirs()
    whole = set(libraries)
    whole.update(os.path.realpath(p) for p in (
        "/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib", "/usr/share/zoneinfo",
        "/etc/ld.so.cache", "/etc/localtime", "/dev/null", "/dev/urandom"))
    importable: set[str] = set()
    for entry in sys.path:
        real = os.path.realpath(entry or ".")
        if real not in libraries and entry:
            (whole if os.path.isfile(real) else importable).add(real)  # a zip: whole
    existing = sorted(p for p in whole if os.path.exists(p))
    return existing, sorted(p for p in importable - whole if os.path.isdir(p))


def _foreign_libraries(roots: list[str]) -> list[str]:
    """site-packages folders under ``roots`` that this interpreter does not import from."""
    used = {os.path.realpath(p) for p in sys.path if p}
    found = set()
    for root in roots:
        for pattern in ("{}", "{}/*-packages", "{}/python*/*-packages",
                        "{}/lib*/python*/*-packages"):
            for path in glob.glob(pattern.format(glob.escape(root))):
                if os.path.basename(path) in _LIBRARY_NAMES:
                    found.add(os.path.realpath(path))
    return sorted(p for p in found - used if os.path.isdir(p))


def denied_trees(denied: tuple[str, ...], roots: list[str]) -> list[str]:
    """``denied`` resolved, at every place a mount shows it, with the foreign libraries."""
    table = mounts()
    trees: list[str] = []
    for path in [os.path.realpath(d) for d in denied] + _foreign_libraries(roots):
        trees += [p for p in shown_at(path, table) if p not in trees]
    return trees


def _around(root: str, deny: list[str], seen: set[str], out: list[str]) -> None:
    """Grant resolved ``root``, or — where a denied tree lies inside it — its children, each
    judged where it resolves to."""
    if root in seen or any(within(root, d) for d in deny):
        return
    seen.add(root)
    if not any(within(d, root) for d in deny):
        out.append(root)
        return
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return
    for name in names:
        _around(os.path.realpath(os.path.join(root, name)), deny, seen, out)


def _importable(folder: str) -> list[str]:
    """A folder's packages (with ``__init__.py``) and modules, resolved; hidden names aside."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    out = []
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith(".") or name == "__pycache__":
            continue
        if os.path.isfile(os.path.join(path, "__init__.py")) or (
                name.endswith(_MODULE_SUFFIXES) and os.path.isfile(path)):
            out.append(os.path.realpath(path))
    return out


@functools.lru_cache(maxsize=8)
def readable_paths(denied: tuple[str, ...]) -> tuple[str, ...]:
    """Every path to grant read access to, resolved, with every denied tree carved out
    wherever it is shown. Cached: a warm process computes it once and every learner process
    forked from it inherits it."""
    whole, importable = read_roots()
    deny = denied_trees(denied, whole + importable)
    out: list[str] = []
    seen: set[str] = set()
    for root in whole:
        _around(root, deny, seen, out)
    for folder in importable:
        for path in _importable(folder):
            _around(path, deny, seen, out)
    return tuple(out)
