"""Kernel confinement of learner processes, and the fork server that starts them warm.

The seccomp program is checked by running it — through a small interpreter of the classic
BPF it is written in — on the system calls it must refuse and on those it must let through.
The rest runs real learner processes forked by a fork server: what they may do, what they
share with the learner processes before them (a network namespace, one at a time) and what
they do not, and that the warm start leaves nothing behind.
"""

from __future__ import annotations

import os
import platform
import struct
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossdrill.sandbox import seccomp
from lossdrill.sandbox.confine import landlock_abi
from lossdrill.sandbox.forkserver import ForkServer
from lossdrill.sandbox.process import LearnerProcess
from lossdrill.sandbox.protocol import pack, read_message_blocking, write_message
from lossdrill.sandbox.serve import learner_traceback

# -- the seccomp program ---------------------------------------------------------------------

ALLOW = 0x7FFF0000
EPERM, ENOSYS = 0x00050000 | 1, 0x00050000 | 38
X86_64, I386 = 0xC000003E, 0x40000003
CLONE_THREAD, SIGCHLD = 0x00010000, 17
CLONE_NEWNET, CLONE_NEWUSER, CLONE_NEWTIME = 0x40000000, 0x10000000, 0x80
AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET = 1, 2, 10, 16, 17


def run_filter(prog: list[tuple[int, int, int, int]], nr: int, arch: int = X86_64,
               args: tuple[int, ...] = ()) -> int:
    """What the kernel would do with the system call: the program's return value."""
    data = struct.pack("<iIQ6Q", nr, arch, 0, *(list(args) + [0] * (6 - len(args))))
    acc, pc = 0, 0
    while True:
        code, jt, jf, k = prog[pc]
        if code == 0x20:  # ld [k]
            acc = struct.unpack_from("<I", data, k)[0]
            pc += 1
        elif code in (0x15, 0x35, 0x45):  # jeq, jge, jset
            taken = {0x15: acc == k, 0x35: acc >= k, 0x45: bool(acc & k)}[code]
            pc += 1 + (jt if taken else jf)
        elif code == 0x06:  # ret
            return k
        else:
            raise AssertionError(f"unexpected instruction {code:#x}")


X86 = seccomp.program(*seccomp._ARCHES["x86_64"], x32=True)
NUMBERS = seccomp._ARCHES["x86_64"][1]


@pytest.mark.parametrize(("nr", "args", "expected"), [
    (0, (), ALLOW),  # read
    (NUMBERS["fork"], (), EPERM),
    (NUMBERS["vfork"], (), EPERM),
    (NUMBERS["clone"], (SIGCHLD,), EPERM),  # a process
    (NUMBERS["clone"], (CLONE_THREAD | 0x3D0F00,), ALLOW),  # a thread
    (NUMBERS["clone3"], (), ENOSYS),
    (NUMBERS["io_uring_setup"], (), ENOSYS),
    (NUMBERS["socket"], (AF_UNIX,), ALLOW),
    (NUMBERS["socket"], (AF_INET,), EPERM),
    (NUMBERS["socket"], (AF_INET6,), EPERM),
    (NUMBERS["socket"], (AF_NETLINK,), EPERM),
    (NUMBERS["socket"], (AF_PACKET,), EPERM),
    (NUMBERS["socket"], (AF_INET | 0x1_0000_0000,), EPERM),  # high bits do not hide it
    (NUMBERS["socketpair"], (AF_UNIX,), ALLOW),
    (NUMBERS["socketpair"], (AF_INET,), EPERM),
    (NUMBERS["add_key"], (), EPERM),
    (NUMBERS["request_key"], (), EPERM),
    (NUMBERS["keyctl"], (), EPERM),
    *[(NUMBERS[name], (), EPERM) for name in seccomp._IPC],
    (NUMBERS["fork"] | 0x40000000, (), EPERM),  # the x32 ABI's fork
    (0x40000000, (), EPERM),  # any x32 call
    *[(NUMBERS[name], (), EPERM) for name in seccomp._OTHERS],
    (NUMBERS["clone"], (CLONE_THREAD | CLONE_NEWNET,), EPERM),  # a thread in a new namespace
    (NUMBERS["clone"], (CLONE_THREAD | CLONE_NEWUSER,), EPERM),
    (NUMBERS["clone"], (CLONE_THREAD | CLONE_NEWTIME,), EPERM),
])
def test_the_filter_on_x86_64(nr: int, args: tuple[int, ...], expected: int) -> None:
    assert run_filter(X86, nr, args=args) == expected


def test_the_filter_refuses_every_call_of_another_abi() -> None:
    for nr in (0, 1, 2, 120, 190):  # read, exit, fork, clone, vfork on i386
        assert run_filter(X86, nr, arch=I386) == EPERM


def test_the_filter_on_aarch64() -> None:
    arch, numbers = seccomp._ARCHES["aarch64"]
    prog = seccomp.program(arch, numbers)
    assert run_filter(prog, 63, arch) == ALLOW  # read
    assert run_filter(prog, numbers["clone"], arch, (SIGCHLD,)) == EPERM
    assert run_filter(prog, numbers["clone"], arch, (CLONE_THREAD,)) == ALLOW
    assert run_filter(prog, numbers["socket"], arch, (AF_INET,)) == EPERM
    assert run_filter(prog, numbers["socket"], arch, (AF_UNIX,)) == ALLOW
    assert run_filter(prog, numbers["keyctl"], arch) == EPERM
    for name in (*seccomp._IPC, *seccomp._OTHERS):
        assert run_filter(prog, numbers[name], arch) == EPERM, name
    assert run_filter(prog, numbers["clone"], arch, (CLONE_THREAD | CLONE_NEWNET,)) == EPERM
    assert run_filter(prog, 0x40000000 | 63, arch) == ALLOW  # no x32 on aarch64


# -- learner processes forked by a fork server ------------------------------------------------

needs_kernel = pytest.mark.skipif(
    platform.system() != "Linux" or landlock_abi() < 6 or not seccomp.supported()
    or not ForkServer.available(),
    reason="needs Linux with Landlock ABI 6 and a seccomp filter for this machine")

PROBE = textwrap.dedent(
    """
    import os
    import socket

    KEYCTL = {keyctl}


    def probe(x):
        out = {"netns": os.readlink("/proc/self/ns/net")}
        for name, family, kind in (("inet", socket.AF_INET, socket.SOCK_DGRAM),
                                   ("netlink", socket.AF_NETLINK, socket.SOCK_RAW),
                                   ("unix", socket.AF_UNIX, socket.SOCK_STREAM)):
            try:
                socket.socket(family, kind).close()
                out[name] = "allowed"
            except OSError:
                out[name] = "refused"
        with open("/proc/self/status") as status:
            out["caps"] = [line.split()[1] for line in status if line.startswith("CapEff")][0]
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        # keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, create)
        out["keys"] = "refused" if libc.syscall(KEYCTL, 0, -4, 1) < 0 else "allowed"
        # shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0o600): a segment that would outlive us
        segment = libc.shmget(0, 4096, 0o1000 | 0o600)
        out["shm"] = "refused" if segment < 0 else "allowed"
        if segment >= 0:
            libc.shmctl(segment, 0, None)  # IPC_RMID: leave nothing behind
        try:
            with open(f"/proc/{os.getppid()}/cmdline") as parent:
                parent.read()
            out["parent"] = "readable"
        except OSError:
            out["parent"] = "unreadable"
        # No namespace of its own, no handle on or view into another process.
        out["unshare"] = "refused" if libc.unshare(0x40000000) < 0 else "allowed"
        try:
            os.close(os.pidfd_open(os.getppid()))
            out["pidfd"] = "allowed"
        except OSError:
            out["pidfd"] = "refused"
        # ptrace(PTRACE_ATTACH, parent)
        out["ptrace"] = "refused" if libc.ptrace(16, os.getppid(), 0, 0) < 0 else "allowed"
        # A file past the size cap: the write fails, the process lives on.
        try:
            with open("big", "wb") as big:
                big.truncate(100 << 20)
            out["fsize"] = "allowed"
        except OSError as exc:
            out["fsize"] = exc.__class__.__name__
        return out
    """
)


@pytest.fixture()
def probe(tmp_path: Path) -> Path:
    path = tmp_path / "probe.py"
    numbers = seccomp._ARCHES.get(platform.machine(), (0, {"keyctl": -1}))[1]
    path.write_text(PROBE.replace("{keyctl}", str(numbers["keyctl"])), encoding="utf-8")
    return path


def start(server: ForkServer, path: Path) -> tuple[LearnerProcess, list[str]]:
    proc = LearnerProcess(timeout=5, server=server, denied=[]).start()
    loaded = proc.load(path, [])
    assert loaded.ok, loaded
    return proc, loaded.protections


def probe_once(server: ForkServer, path: Path) -> tuple[dict[str, Any], list[str]]:
    proc, protections = start(server, path)
    try:
        got = proc.call("probe", {"x": 0})
        assert got.ok, got
        return got.value, protections
    finally:
        proc.close()


@needs_kernel
def test_a_forked_learner_process_has_no_network_socket_and_no_capability(probe: Path
                                                                          ) -> None:
    with ForkServer() as server:
        seen, protections = probe_once(server, probe)
    assert seen["inet"] == seen["netlink"] == seen["keys"] == seen["shm"] == "refused", seen
    assert seen["unshare"] == seen["pidfd"] == seen["ptrace"] == "refused", seen
    assert seen["fsize"] == "OSError", seen
    assert seen["unix"] == "allowed", seen
    assert int(seen["caps"], 16) == 0, seen
    # Its own /proc entry is readable (Python reads it), its fork server's is not.
    assert seen["parent"] == "unreadable", seen
    assert seen["netns"] != os.readlink("/proc/self/ns/net")
    assert "capabilities: none" in protections
    assert any(p.startswith("sockets: Unix ones only") for p in protections), protections


@needs_kernel
def test_learner_processes_one_after_another_share_a_namespace_two_at_once_do_not(
        probe: Path) -> None:
    with ForkServer() as server:
        first, said = probe_once(server, probe)
        second, _ = probe_once(server, probe)
        assert first["netns"] == second["netns"], (first, second)
        assert any(p.startswith("network: a private") and "fork server" in p for p in said)
        # While one lives, the next gets a namespace of its own, and says so.
        alive, _ = start(server, probe)
        try:
            during, said = probe_once(server, probe)
        finally:
            alive.close()
    assert during["netns"] != first["netns"], (first, during)
    assert any(p.startswith("network: a private") and "fork server" not in p for p in said)
    assert during["inet"] == "refused" and int(during["caps"], 16) == 0, during


@needs_kernel
def test_closing_a_learner_process_just_forked_ends_it(probe: Path) -> None:
    with ForkServer() as server:
        proc = LearnerProcess(timeout=5, server=server, denied=[]).start()
        child = proc._proc
        assert child is not None
        proc.close()  # before it could leave its fork server's process group
        assert child.pid not in _children_of(server)


def _children_of(server: ForkServer) -> set[int]:
    assert server._proc is not None
    pid = server._proc.pid
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        found |= {int(c) for c in text.split()}
    alive = set()
    for child in found:  # a zombie is over: only its reaping is left
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(child)
    return alive


# -- the warm start and the channel ----------------------------------------------------------


def test_the_warm_up_leaves_nothing_behind() -> None:
    from lossdrill.sandbox.zygote import warm_up

    modules, path = set(sys.modules), list(sys.path)
    fds = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    warm_up(rounds=3)
    assert "learner" not in sys.modules
    assert set(sys.modules) - modules <= {"functools"}, set(sys.modules) - modules
    assert sys.path == path
    if fds:
        assert set(os.listdir("/proc/self/fd")) == fds


def test_messages_are_read_whole_however_they_arrive() -> None:
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "rb", buffering=0), os.fdopen(write_fd, "wb", buffering=0) as out:
        first, second = {"op": "call", "n": 1}, {"op": "call", "n": [2.5] * 5000}
        out.write(pack(first) + pack(second)[:7])  # one and a bit of the next
        assert read_message_blocking(read_fd) == first
        rest = pack(second)[7:]
        out.write(rest[:10])
        out.write(rest[10:])
        assert read_message_blocking(read_fd) == second
        write_message(write_fd, first)
        assert read_message_blocking(read_fd) == first
        out.close()
        with pytest.raises(EOFError):
            read_message_blocking(read_fd)


def _traceback_of_every_frame(exc: BaseException, path: str) -> str:
    """How learner_traceback was written before it dropped other frames first."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    lines = traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip()


def test_the_learner_traceback_is_the_learners_frames_only(tmp_path: Path) -> None:
    path = tmp_path / "learner_file.py"
    path.write_text(textwrap.dedent(
        """
        import numpy as np


        def helper(a):
            return np.linalg.inv(a)


        def f(a):
            return helper(a) + 1
        """), encoding="utf-8")
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    with pytest.raises(np.linalg.LinAlgError) as raised:
        namespace["f"](np.zeros((2, 2)))
    text = learner_traceback(raised.value, str(path))
    assert text == _traceback_of_every_frame(raised.value, str(path))
    assert "helper(a)" in text and "np.linalg.inv(a)" in text and "linalg.py" not in text
