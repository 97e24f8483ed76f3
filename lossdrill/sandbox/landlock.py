"""Landlock (Linux ≥ 5.13, unprivileged) for the learner process: files readable only where
Python and its packages live and the learner's file, writable only in its temporary folder;
no TCP (ABI 4); no signals or abstract sockets beyond its own domain (ABI 6).

Landlock only grants, never denies, so the read rules are built *around* the exercise pack:
every allowed tree that contains a denied path is replaced by its other children, recursively
along the denied path, on resolved paths (readable.py). Those read rules are the same for
every learner process of a class: a warm process opens their paths once
(``prepare_read_rules``) and its children only add their own file, folder and /proc entry.
(A ruleset cannot be shared: it is one kernel object, and a rule a child added would be added
for all.)
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import platform
import stat

from lossdrill.sandbox.readable import readable_paths

# Syscall numbers are shared by every architecture for these late additions.
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_VERSION_FLAG = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1, 2, 4, 8
_FS_ALL_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1, 2
FULL_ABI = 6  # TCP (4) and the scoping of signals and abstract sockets (6)

READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | (1 << 14)  # + truncate
# Each process's own: opened through "/proc/self" by the process itself, never inherited.
_OWN_PROC = "/proc/self"


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@functools.cache
def load_libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


@functools.cache
def landlock_abi() -> int:
    if platform.system() != "Linux":
        return 0
    try:
        abi = load_libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), _VERSION_FLAG)
    except (OSError, AttributeError):
        return 0
    return max(int(abi), 0)


class _ReadRules:
    """The read rules every learner process of a class shares: each path opened once (O_PATH)
    and its rule built, in a warm process before it forks."""

    def __init__(self, denied: tuple[str, ...], fs_all: int) -> None:
        self.fds: list[int] = []
        rules = []
        for path in readable_paths(denied):
            try:
                # O_NOFOLLOW: the path is resolved already; a link put there since then is
                # not followed to wherever it leads.
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError:
                continue
            self.fds.append(fd)
            access = READ & fs_all
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                access &= _FILE_RIGHTS  # directory rights on a file are refused
            rules.append(_PathBeneath(access, fd))
        self.rules = (_PathBeneath * len(rules))(*rules)

    def close(self) -> None:
        for fd in self.fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.fds = []


_read_rules: dict[tuple[str, ...], _ReadRules] = {}


def _key(denied: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(denied)))


def _fs_all(abi: int) -> int:
    return _FS_ALL_BY_ABI[max(k for k in _FS_ALL_BY_ABI if k <= abi)]


def prepare_read_rules(denied: list[str]) -> None:
    """Open now the paths every learner process confined with ``denied`` may read (a warm
    process, before it forks: its children inherit them)."""
    abi = landlock_abi()
    key = _key(denied)
    if abi < 1 or key in _read_rules:
        return
    if len(_read_rules) >= 4:  # one entry per class graded at once: keep a few
        _read_rules.pop(next(iter(_read_rules))).close()
    _read_rules[key] = _ReadRules(key, _fs_all(abi))


def landlock(learner_file: str, writable: str, denied: list[str]) -> tuple[list[str], bool]:
    """Restrict this process's files (and, with ABI 4 and 6, TCP, signals, abstract
    sockets); what is in force in words, and whether all of it is."""
    abi = landlock_abi()
    if abi < 1:
        return ["Landlock: not available on this system (rlimits and process isolation only)"
                ], False
    libc = load_libc()
    fs_all = _fs_all(abi)
    attr = _RulesetAttr(fs_all, (_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0,
                        (_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    key = _key(denied)
    shared = _read_rules.pop(key, None) or _ReadRules(key, fs_all)
    try:
        ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), 0)
        if ruleset < 0:
            return [f"Landlock: could not create a ruleset ({os.strerror(ctypes.get_errno())})"
                    ], False
        try:
            for rule in shared.rules:
                libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
            _allow(libc, ruleset, _OWN_PROC, READ & fs_all)
            _allow(libc, ruleset, learner_file, _FS_READ_FILE)
            _allow(libc, ruleset, "/dev/null", _FS_READ_FILE | _FS_WRITE_FILE)
            _allow(libc, ruleset, writable, fs_all)
            if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
                return ["Landlock: could not set no_new_privs"], False
            if libc.syscall(_RESTRICT_SELF, ruleset, 0) != 0:
                return [f"Landlock: could not restrict ({os.strerror(ctypes.get_errno())})"
                        ], False
        finally:
            os.close(ruleset)
    finally:
        # What a warm process prepared is of no more use here, for this class or another.
        shared.close()
        for other in _read_rules.values():
            other.close()
        _read_rules.clear()
    said = [f"Landlock ABI {abi}: files readable only under Python's own folders (the exercise "
            "pack excluded) and your file; writable only in the process's temporary folder"]
    said.append("Landlock: no TCP connect or bind" if abi >= 4 else
                "Landlock: network not restricted (needs ABI 4, kernel 6.7)")
    said.append("Landlock: no signals to processes outside the sandbox" if abi >= 6 else
                "Landlock: signals not scoped (needs ABI 6, kernel 6.12)")
    return said, abi >= FULL_ABI


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, access: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            access &= _FILE_RIGHTS  # directory rights on a file are refused
        rule = _PathBeneath(access, fd)
        libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
    finally:
        os.close(fd)
