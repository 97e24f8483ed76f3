"""Kernel confinement of the learner process (Linux), applied inside it after NumPy is
imported and before the learner's file is read:

- a private network namespace: no interface but a down loopback, so no connection at all
  (a fork server's children inherit one it entered once: see "the network namespace");
- Landlock (landlock.py): files readable only where Python and its packages live and the
  learner's file, writable only in its temporary folder; no TCP (ABI 4); no signals or
  abstract sockets beyond its own domain (ABI 6);
- a seccomp filter (seccomp.py): no new processes, sockets of the Unix family only, no keys;
- no capabilities: a learner process started by root (or root in a user namespace of its own)
  keeps its user id, never the privileges that come with it.

What the kernel offers is used; what it lacks is reported, and grading goes on with the
rlimits and process isolation alone. A warm process calls ``prepare`` before it forks, so that
what is the same for every learner process (the read rules, the filter) is built once.
"""

from __future__ import annotations

import ctypes
import os
import platform

from lossdrill.sandbox import seccomp
from lossdrill.sandbox.landlock import (
    FULL_ABI,
    landlock,
    landlock_abi,
    load_libc,
    prepare_read_rules,
)

_PR_SET_NO_NEW_PRIVS = 38


def prepare(denied: list[str]) -> None:
    """Build now what every learner process confined with ``denied`` shares (a warm process,
    before it forks: its children inherit it and only add their own file and folder)."""
    seccomp.prepare()
    platform.machine()  # cached by the platform module: a child does not ask the kernel again
    prepare_read_rules(denied)


# -- the network namespace ----------------------------------------------------------------------
#
# A fresh interpreter enters a network namespace of its own. A fork server enters one once
# (``share_network``) and its children inherit it instead of paying for one each, which is
# as tight, for these reasons:
# - the namespace is as a new one is: a loopback interface, down, and nothing else;
# - nothing a learner process does in it outlives that process: changing an interface, an
#   address, a route or a sysctl takes CAP_NET_ADMIN (every learner process drops all its
#   capabilities) or writing under /proc/sys (Landlock); sockets, the only other per-namespace
#   state, die with their process. (Not root, the fork server enters a user namespace too,
#   which its children share: there, keys kept for the user would outlive a process, and
#   seccomp refuses them.)
# - no two learner processes are in it at once: the fork server lets a child inherit it only
#   when no other child of its is alive (the grader waits for a learner process's end before
#   it starts the next); a child that is not alone enters a namespace of its own;
# - and a child inherits it only with the rest of the confinement in force, as without the
#   namespace a learner process would still have no network: no socket but Unix ones
#   (seccomp), no TCP and no abstract socket or signal beyond its own domain (Landlock ABI 6).
#   A child whose Landlock or seccomp falls short enters a namespace of its own.

_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
PRIVATE_NETWORK = "network: a private, empty network namespace (no connection possible)"
SHARED_NETWORK = ("network: a private, empty network namespace (no connection possible), the "
                  "fork server's, which learner processes use one at a time")
_shared = False  # this process is in a private namespace it may hand down (a fork server)
_inherit = False  # this process may stay in the namespace its fork server entered


def _unshare_network() -> str:
    libc = load_libc()
    # As root a network namespace alone; otherwise inside a new user namespace.
    if libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return ""
    return os.strerror(ctypes.get_errno())


def share_network() -> bool:
    """In a fork server, before its first fork: enter a private network namespace for every
    child to inherit, where the kernel confines enough for that (see above)."""
    global _shared
    if platform.system() == "Linux" and landlock_abi() >= FULL_ABI and seccomp.supported():
        _shared = not _unshare_network()
    return _shared


def inherit_network(alone: bool) -> None:
    """In a fork server's child: whether it may stay in the namespace the server entered."""
    global _inherit
    _inherit = _shared and alone


def private_network() -> str:
    if platform.system() != "Linux":
        return "network: not isolated on this system"
    error = _unshare_network()
    return PRIVATE_NETWORK if not error else f"network: no private namespace ({error})"


def confine(learner_file: str, writable: str, denied: list[str]) -> list[str]:
    """Restrict this process for good; returns what is in force, in words."""
    seccomp.prepare()  # while /proc can still tell whether the kernel takes a filter
    inherit = _inherit
    network = "" if inherit else private_network()
    walls, full = landlock(learner_file, writable, denied)
    filtered, installed = seccomp.install(load_libc())
    if inherit and not (full and installed):
        inherit, network = False, private_network()  # while it still has the capabilities
    capabilities, dropped = drop_capabilities()
    if inherit and not dropped:
        inherit, network = False, private_network()
    if inherit:
        network = SHARED_NETWORK
    return [network, *walls, *filtered, capabilities]


# -- capabilities -------------------------------------------------------------------------------

_PR_SET_SECUREBITS = 28
# root is no one special on exec, and that cannot be undone (NOROOT, NO_SETUID_FIXUP, locked).
_SECURE_BITS = 0b1111
_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def drop_capabilities() -> tuple[str, bool]:
    """Give up every capability (effective, permitted, inheritable, hence ambient); with
    no_new_privs, an exec cannot give them back."""
    if platform.system() != "Linux":
        return "capabilities: not managed on this system", False
    libc = load_libc()
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    libc.prctl(_PR_SET_SECUREBITS, _SECURE_BITS, 0, 0, 0)  # needs CAP_SETPCAP: best effort
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    if libc.capset(ctypes.byref(header), ctypes.byref((_CapData * 2)())) != 0:
        return f"capabilities: not dropped ({os.strerror(ctypes.get_errno())})", False
    return "capabilities: none", True
