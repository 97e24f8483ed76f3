"""Kernel confinement of the learner process (Linux), applied inside it after NumPy is
imported and before the learner's file is read:

- a private network namespace: no interface but a down loopback, so no connection at all;
- Landlock (≥ 5.13, unprivileged): files readable only where Python and its packages live and
  the learner's file, writable only in its temporary folder; no TCP (ABI 4); no signals or
  abstract sockets beyond its own domain (ABI 6). Landlock only grants, never denies, so the
  read rules are built *around* the exercise pack: every allowed tree that contains a denied
  path is replaced by its other children, recursively along the denied path;
- a seccomp filter refusing new processes (fork, vfork, clone without CLONE_THREAD), which
  caps the process count at one whatever the user's rlimits.

What the kernel offers is used; what it lacks is reported, and grading goes on with the
rlimits and process isolation alone.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import sys
from pathlib import Path

# Syscall numbers are shared by every architecture for these late additions.
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_VERSION_FLAG = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1, 2, 4, 8
_FS_ALL_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1, 2

READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | (1 << 14)  # + truncate


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    if platform.system() != "Linux":
        return 0
    try:
        abi = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), _VERSION_FLAG)
    except (OSError, AttributeError):
        return 0
    return max(int(abi), 0)


def allowed_around(root: Path, denied: list[Path]) -> list[Path]:
    """`root`, or — when a denied path lies inside it — its children, recursively."""
    inside = [d for d in denied if d == root or root in d.parents]
    if not inside:
        return [root]
    if root in inside or not root.is_dir():
        return []
    out: list[Path] = []
    try:
        children = sorted(root.iterdir())
    except OSError:
        return []
    for child in children:
        out += allowed_around(child, inside)
    return out


@functools.lru_cache(maxsize=8)
def readable_paths(denied: tuple[str, ...]) -> tuple[Path, ...]:
    """Every path to grant read access to, the denied ones carved out. Cached: a warm
    process computes it once and every learner process forked from it inherits it."""
    deny = [Path(d).resolve() for d in denied]
    paths: list[Path] = []
    for root in read_roots():
        paths += allowed_around(root.resolve(), deny)
    return tuple(paths)


def read_roots() -> list[Path]:
    """What Python and its packages need to go on importing and running."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, "/usr/lib", "/usr/lib64", "/lib",
             "/lib64", "/usr/local/lib", "/usr/share/zoneinfo", "/etc/ld.so.cache",
             "/etc/localtime", "/dev/null", "/dev/urandom", "/proc/self"}
    roots.update(p for p in sys.path if p)
    return [Path(p) for p in sorted(roots) if os.path.exists(p)]


def confine(learner_file: str, writable: str, denied: list[str]) -> list[str]:
    """Restrict this process for good; returns what is in force, in words."""
    said = [private_network()]
    said += landlock(learner_file, writable, denied)
    said.append(no_new_processes())
    return said


_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def private_network() -> str:
    if platform.system() != "Linux":
        return "network: not isolated on this system"
    libc = _libc()
    # As root a network namespace alone; otherwise inside a new user namespace.
    if libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return "network: a private, empty network namespace (no connection possible)"
    return f"network: no private namespace ({os.strerror(ctypes.get_errno())})"


# seccomp: refuse to create processes, allow threads.
_AUDIT_ARCH = {"x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435}),
               "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435})}
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_LD_ABS, _JEQ, _JSET, _RET = 0x20, 0x15, 0x45, 0x06
_CLONE_THREAD = 0x00010000
_EPERM, _ENOSYS = 1, 38


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _no_process_filter(arch: int, numbers: dict[str, int]) -> list[tuple[int, int, int, int]]:
    deny = (_RET, 0, 0, _RET_ERRNO | _EPERM)
    prog = [(_LD_ABS, 0, 0, 4), (_JEQ, 1, 0, arch), (_RET, 0, 0, _RET_ALLOW), (_LD_ABS, 0, 0, 0)]
    # clone3 hides its flags in memory the filter cannot read: ENOSYS makes libc fall back
    # to clone, whose flags it can.
    prog += [(_JEQ, 0, 1, numbers["clone3"]), (_RET, 0, 0, _RET_ERRNO | _ENOSYS)]
    for name in ("fork", "vfork"):
        if name in numbers:
            prog += [(_JEQ, 0, 1, numbers[name]), deny]
    prog += [(_JEQ, 0, 3, numbers["clone"]), (_LD_ABS, 0, 0, 16),
             (_JSET, 1, 0, _CLONE_THREAD), deny, (_RET, 0, 0, _RET_ALLOW)]
    return prog


def no_new_processes() -> str:
    machine = platform.machine()
    if platform.system() != "Linux" or machine not in _AUDIT_ARCH:
        return "processes: not capped on this system"
    arch, numbers = _AUDIT_ARCH[machine]
    prog = _no_process_filter(arch, numbers)
    filters = (_SockFilter * len(prog))(*[_SockFilter(*ins) for ins in prog])
    fprog = _SockFprog(len(prog), filters)
    libc = _libc()
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"processes: not capped ({os.strerror(ctypes.get_errno())})"
    return "processes: none may be started (seccomp)"


def landlock(learner_file: str, writable: str, denied: list[str]) -> list[str]:
    abi = landlock_abi()
    if abi < 1:
        return ["Landlock: not available on this system (rlimits and process isolation only)"]
    libc = _libc()
    fs_all = _FS_ALL_BY_ABI[max(k for k in _FS_ALL_BY_ABI if k <= abi)]
    attr = _RulesetAttr(fs_all, (_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0,
                        (_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), 0)
    if ruleset < 0:
        return [f"Landlock: could not create a ruleset ({os.strerror(ctypes.get_errno())})"]
    try:
        for path in readable_paths(tuple(denied)):
            _allow(libc, ruleset, path, READ & fs_all)
        _allow(libc, ruleset, Path(learner_file), _FS_READ_FILE)
        _allow(libc, ruleset, Path("/dev/null"), _FS_READ_FILE | _FS_WRITE_FILE)
        _allow(libc, ruleset, Path(writable), fs_all)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return ["Landlock: could not set no_new_privs"]
        if libc.syscall(_RESTRICT_SELF, ruleset, 0) != 0:
            return [f"Landlock: could not restrict ({os.strerror(ctypes.get_errno())})"]
    finally:
        os.close(ruleset)
    said = [f"Landlock ABI {abi}: files readable only under Python's own folders (the exercise "
            "pack excluded) and your file; writable only in the process's temporary folder"]
    said.append("Landlock: no TCP connect or bind" if abi >= 4 else
                "Landlock: network not restricted (needs ABI 4, kernel 6.7)")
    said.append("Landlock: no signals to processes outside the sandbox" if abi >= 6 else
                "Landlock: signals not scoped (needs ABI 6, kernel 6.12)")
    return said


def _allow(libc: ctypes.CDLL, ruleset: int, path: Path, access: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not path.is_dir():
            access &= _FILE_RIGHTS  # directory rights on a file are refused
        rule = _PathBeneath(access, fd)
        libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
    finally:
        os.close(fd)
