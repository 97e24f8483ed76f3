"""The seccomp filter of a learner process (Linux): no new processes or namespaces, no other
process reached, sockets of the Unix family only, no keys, no System V IPC or POSIX message
queues.

- fork, vfork and clone without CLONE_THREAD are refused (threads stay allowed), which caps
  the process count at one whatever the user's rlimits; clone3 hides its flags in memory a
  filter cannot read, so it fails with ENOSYS and libc falls back to clone, whose flags it can;
- no namespace may be made or entered (unshare, setns, clone with a CLONE_NEW* flag), and no
  other process reached: pidfd_open, pidfd_send_signal, pidfd_getfd, ptrace and
  process_vm_readv/writev are refused (the process has no other process of its own);
- socket and socketpair are refused for every family but AF_UNIX (abstract Unix sockets are
  scoped by Landlock, named ones are files), and io_uring, which could create sockets behind
  the filter's back, is not available: no network socket of any kind, whatever namespace the
  process is in;
- the kernel's key management (add_key, request_key, keyctl) is refused: a key kept for the
  user outlives the process that added it, and the next learner process of the same user
  could read it;
- System V shared memory, semaphores and message queues, and POSIX message queues, are
  refused: they are kept by the kernel, not in a file Landlock could guard, and outlive the
  process, so a learner process could leave data there for the next one (another student's)
  or reach what other processes of the user keep there;
- a system call of another ABI than the process's own (32-bit calls from a 64-bit process,
  x32 numbers) is refused, so none of the above can be reached under another number.

The program is built once (a warm process builds it before forking, its children inherit
it) and installed by ``install`` in two system calls.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform

# (AUDIT_ARCH, system call numbers) by machine.
_ARCHES = {
    "x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435, "socket": 41,
                            "socketpair": 53, "io_uring_setup": 425, "add_key": 248,
                            "request_key": 249, "keyctl": 250,
                            "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65,
                            "semctl": 66, "shmdt": 67, "msgget": 68, "msgsnd": 69,
                            "msgrcv": 70, "msgctl": 71, "semtimedop": 220, "mq_open": 240,
                            "mq_unlink": 241, "mq_timedsend": 242, "mq_timedreceive": 243,
                            "mq_notify": 244, "mq_getsetattr": 245, "unshare": 272,
                            "setns": 308, "pidfd_send_signal": 424, "pidfd_open": 434,
                            "pidfd_getfd": 438, "ptrace": 101, "process_vm_readv": 310,
                            "process_vm_writev": 311}),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435, "socket": 198, "socketpair": 199,
                             "io_uring_setup": 425, "add_key": 217, "request_key": 218,
                             "keyctl": 219,
                             "mq_open": 180, "mq_unlink": 181, "mq_timedsend": 182,
                             "mq_timedreceive": 183, "mq_notify": 184, "mq_getsetattr": 185,
                             "msgget": 186, "msgctl": 187, "msgrcv": 188, "msgsnd": 189,
                             "semget": 190, "semctl": 191, "semtimedop": 192, "semop": 193,
                             "shmget": 194, "shmctl": 195, "shmat": 196, "shmdt": 197,
                             "unshare": 97, "setns": 268, "pidfd_send_signal": 424,
                             "pidfd_open": 434, "pidfd_getfd": 438, "ptrace": 117,
                             "process_vm_readv": 270, "process_vm_writev": 271}),
}
# Kept by the kernel beyond the process: refused like keys.
_IPC = ("shmget", "shmat", "shmctl", "shmdt", "semget", "semop", "semctl", "semtimedop",
        "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink", "mq_timedsend",
        "mq_timedreceive", "mq_notify", "mq_getsetattr")
# A process has none but itself to reach: no namespaces to enter or make, no process handles,
# no reading or steering another process's memory (the grader's among them, where Landlock
# is missing or older than its scoping of ptrace).
_OTHERS = ("unshare", "setns", "pidfd_open", "pidfd_send_signal", "pidfd_getfd", "ptrace",
           "process_vm_readv", "process_vm_writev")
_X32_BIT = 0x40000000  # x86_64: system calls of the x32 ABI carry this bit
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_NR, _ARCH, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data (ARG0: its low 32 bits)
_CLONE_THREAD = 0x00010000
# CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET.
_CLONE_NAMESPACES = 0x80 | 0x20000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 \
    | 0x20000000 | 0x40000000
_AF_UNIX = 1
_EPERM, _ENOSYS = 1, 38

Instruction = tuple[int, int, int, int]


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _refuse(errno: int) -> Instruction:
    return (_RET, 0, 0, _RET_ERRNO | errno)


_ALLOW: Instruction = (_RET, 0, 0, _RET_ALLOW)


def _on(number: int, body: list[Instruction]) -> list[Instruction]:
    """``body`` (which ends in a return) for the system call ``number``; the accumulator
    holds the call's number on entry."""
    return [(_JEQ, 0, len(body), number), *body]


def program(arch: int, numbers: dict[str, int], x32: bool = False) -> list[Instruction]:
    prog: list[Instruction] = [(_LD_ABS, 0, 0, _ARCH), (_JEQ, 1, 0, arch), _refuse(_EPERM),
                               (_LD_ABS, 0, 0, _NR)]
    if x32:
        prog += [(_JGE, 0, 1, _X32_BIT), _refuse(_EPERM)]
    prog += _on(numbers["clone3"], [_refuse(_ENOSYS)])
    prog += _on(numbers["io_uring_setup"], [_refuse(_ENOSYS)])
    for name in ("fork", "vfork", "add_key", "request_key", "keyctl", *_IPC, *_OTHERS):
        if name in numbers:
            prog += _on(numbers[name], [_refuse(_EPERM)])
    # A thread, in no new namespace.
    prog += _on(numbers["clone"], [(_LD_ABS, 0, 0, _ARG0), (_JSET, 1, 0, _CLONE_NAMESPACES),
                                   (_JSET, 1, 0, _CLONE_THREAD), _refuse(_EPERM), _ALLOW])
    for name in ("socket", "socketpair"):
        prog += _on(numbers[name], [(_LD_ABS, 0, 0, _ARG0), (_JEQ, 0, 1, _AF_UNIX), _ALLOW,
                                    _refuse(_EPERM)])
    return [*prog, _ALLOW]


@functools.cache
def supported() -> bool:
    """Whether this machine's kernel takes the filter (it says so in /proc when it can)."""
    if platform.system() != "Linux" or platform.machine() not in _ARCHES:
        return False
    try:
        with open("/proc/self/status", "rb") as status:
            return b"\nSeccomp:" in status.read()
    except OSError:
        return False


@functools.cache
def _compiled() -> tuple[_SockFprog, ctypes.Array[_SockFilter]] | None:
    """The filter in the kernel's form, and the array it points to (which must outlive it);
    kept alive, and inherited by forks, by the cache."""
    if not supported():
        return None
    machine = platform.machine()
    arch, numbers = _ARCHES[machine]
    prog = program(arch, numbers, x32=machine == "x86_64")
    filters = (_SockFilter * len(prog))(*[_SockFilter(*ins) for ins in prog])
    return _SockFprog(len(prog), filters), filters


def prepare() -> None:
    """Build the filter now (in a warm process, before it forks)."""
    _compiled()


def install(libc: ctypes.CDLL) -> tuple[list[str], bool]:
    """Install the filter in this process for good: what is in force, in words, and whether
    it is."""
    compiled = _compiled()
    if compiled is None:
        return ["processes: not capped on this system"], False
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(compiled[0]), 0, 0) != 0:
        return [f"processes: not capped ({os.strerror(ctypes.get_errno())})"], False
    return ["processes: none may be started (seccomp)",
            "sockets: Unix ones only, no network socket of any kind (seccomp)",
            "kernel keys: none may be added or read (seccomp)",
            "System V IPC and message queues: none (seccomp)",
            "namespaces and other processes: none may be made, entered or reached (seccomp)"
            ], True
