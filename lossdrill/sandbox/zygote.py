"""The warm start: a clean process (NumPy imported, nothing of any exercise loaded) that forks
learner processes on request, so a check costs a fork, not an interpreter start.

The grader asks it over a socket to fork a learner process, handing over the three pipes of
that process. The child serves the grader exactly as a freshly spawned one would (own session,
limits, then confinement when the file is loaded). The zygote reaps its children and tells
the grader how they ended.

What every child would otherwise do for itself is done here once, before the first fork:
the network namespace and the read rules of the confinement (confine.py), and a warm-up
(``warm_up``) of the code every learner process runs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from typing import Any

import numpy as np

from lossdrill.sandbox import confine as confinement
from lossdrill.sandbox.protocol import (
    encode,
    forget_unread,
    read_message_blocking,
    write_message,
)
from lossdrill.sandbox.serve import call, serve


def main(argv: list[str]) -> None:
    """The fork server (forkserver.py starts it): ``argv`` holds its socket's descriptor."""
    serve_forks(int(argv[0]))


def serve_forks(sock_fd: int) -> None:
    sock = socket.socket(fileno=sock_fd)
    ended: dict[int, int] = {}
    alive: set[int] = set()

    def reap(signum: int, frame: Any) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            ended[pid] = os.waitstatus_to_exitcode(status)
            alive.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    confinement.share_network()  # once, for every child (see confine.py)
    warm_up()
    sock.send(json.dumps({"ready": True}).encode())
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(sock, 1 << 16, 3)
        except OSError:
            return
        if not data:
            return  # the grader is gone
        request = json.loads(data)
        if request["op"] == "spawn":
            if request.get("denied") is not None:
                confinement.prepare(request["denied"])  # built once, inherited by forks
            reap(signal.SIGCHLD, None)
            alone = not alive  # then it may stay in this process's network namespace
            # Not reaped before it is counted alive.
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD])
            pid = os.fork()
            if pid == 0:
                confinement.inherit_network(alone)
                _become_learner_process(sock, fds, request)
            alive.add(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGCHLD])
            for fd in fds:
                os.close(fd)
            sock.send(json.dumps({"pid": pid}).encode())
        elif request["op"] == "status":
            reap(signal.SIGCHLD, None)
            sock.send(json.dumps({"status": ended.pop(int(request["pid"]), None)}).encode())


def _become_learner_process(sock: socket.socket, fds: list[int], request: dict[str, Any]) -> None:
    """In the forked child: take the learner process's place, never return to the zygote."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGCHLD])
        sock.close()
        os.setsid()
        request_fd, response_fd, output_fd = fds
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(output_fd)
        os.chdir(request["cwd"])
        # The same environment as this process's but for a few entries (its folder).
        env = request["env"]
        for key in [key for key in os.environ if key not in env]:
            del os.environ[key]
        for key, value in env.items():
            if os.environ.get(key) != value:
                os.environ[key] = value
        # TMPDIR changed: a tempfile already loaded must forget the folder it chose. (Not
        # imported for that: its import, random and shutil with it, costs milliseconds.)
        tempfile: Any = sys.modules.get("tempfile")
        if tempfile is not None:
            tempfile.tempdir = None
        serve(request_fd, response_fd)  # no "ready" message: a fork serves at once
    finally:
        os._exit(0)


# -- the warm-up --------------------------------------------------------------------------------
#
# Python specialises a function's bytecode as it runs it, writing into the code object. Code
# that a learner process runs for the first time therefore costs it copies of the memory pages
# that code lives on (they are shared with the zygote until written) besides the work of
# specialising. Run here first, on made-up data and functions of this module only, the code of
# the channel and of calls, failures and tracebacks comes to every child already specialised.

WARM_UP_ROUNDS = 16  # enough: a code object is specialised after a few runs


def _square_error(a: Any, b: Any) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    return float(np.mean((b - a) ** 2))


def _difference(a: Any, b: Any) -> Any:
    return (np.asarray(b) - np.asarray(a), len(a))


def _cannot_travel(a: Any, b: Any) -> Any:
    return object()


def warm_up(rounds: int = WARM_UP_ROUNDS) -> None:
    """Calls that return, raise and return what cannot travel, through the channel's code."""
    same = {"y_true": encode(np.arange(6.0)), "y_pred": encode(np.ones(6))}
    mismatched = {"y_true": encode(np.zeros((3, 1))), "y_pred": encode([1.0, 2.0, 3.0])}
    functions = (_square_error, _difference, _cannot_travel)
    request_r, request_w = os.pipe()
    response_r, response_w = os.pipe()
    try:
        for _ in range(rounds):
            for function in functions:
                for args in (same, mismatched):
                    write_message(response_w, call(function, args, __file__))
                    read_message_blocking(response_r)
        # The serving loop itself, as far as it goes without a learner's file.
        for _ in range(rounds):
            write_message(request_w, {"op": "call", "function": "f", "args": same})
        write_message(request_w, {"op": "stop"})
        serve(request_r, response_w)
        for _ in range(rounds):
            read_message_blocking(response_r)
    finally:
        for fd in (request_r, request_w, response_r, response_w):
            forget_unread(fd)
            os.close(fd)
