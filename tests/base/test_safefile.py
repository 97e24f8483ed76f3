"""Reading a file a learner chose: regular files are read whole or by their head; a pipe, a
socket, a device, a folder, a link (when links are not followed) or a file over the cap is
refused with one line naming it — at once, never by waiting on it or reading it — and so is a
pipe put in a file's place after the look. `lossdrill check` on such a file is exit 2."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lossdrill import safefile
from lossdrill.safefile import NotAFile, read_bytes, read_head, require_file

SPARSE = 2 << 30  # 2 GB, of which nothing is on disk


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """A reader that blocks fails the test instead of hanging the suite."""
    def stuck(signum: int, frame: object) -> None:
        raise TimeoutError("the reader blocked")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refusal(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(NotAFile) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    message = str(caught.value)
    assert "\n" not in message
    return message


def sparse(path: Path, size: int = SPARSE) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_a_regular_file_is_read_whole_or_by_its_head(tmp_path: Path) -> None:
    path = tmp_path / "ex1.py"
    path.write_bytes(b"# lossdrill: ex1\n" + b"x = 1\n" * 2000)
    assert read_bytes(path) == path.read_bytes()
    assert read_head(path) == path.read_bytes()[:safefile.HEAD_BYTES]
    require_file(path)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "ex1.py"
    os.mkfifo(pipe)
    started = time.monotonic()
    for call in (read_bytes, read_head, require_file):
        assert "named pipe (FIFO)" in refusal(call, pipe)
        assert "named pipe (FIFO)" in refusal(call, pipe, follow=True)
    assert time.monotonic() - started < 1.0


def test_a_socket_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "ex1.py"))
        assert "is a socket" in refusal(read_bytes, tmp_path / "ex1.py")
    finally:
        server.close()
    for device in ("/dev/zero", "/dev/null"):
        assert f"{device}: is a character device, not a file" in refusal(read_bytes, device)
    assert "is a folder" in refusal(read_head, tmp_path)


def test_a_link_is_refused_unless_links_are_followed(tmp_path: Path) -> None:
    target = tmp_path / "alice.py"
    target.write_text("x = 1\n")
    link = tmp_path / "mallory.py"
    os.symlink(target, link)
    assert "mallory.py: is a symbolic link, which is not followed" in refusal(read_bytes, link)
    assert read_bytes(link, follow=True) == b"x = 1\n"  # a learner's own `check` of a link
    zero = tmp_path / "zero.py"
    os.symlink("/dev/zero", zero)
    assert "is a symbolic link" in refusal(read_head, zero)
    assert "is a character device" in refusal(read_head, zero, follow=True)
    dangling = tmp_path / "gone.py"
    os.symlink(tmp_path / "nowhere.py", dangling)
    assert "is a symbolic link" in refusal(require_file, dangling)
    assert "no such file" in refusal(require_file, dangling, follow=True)


def test_a_huge_sparse_file_is_refused_by_its_size_before_a_byte_is_read(
        tmp_path: Path) -> None:
    huge = sparse(tmp_path / "ex1.py")
    started = time.monotonic()
    message = refusal(read_bytes, huge)
    assert "ex1.py: is 2.0 GB, more than the 16.0 MB" in message
    assert "is 2.0 GB" in refusal(require_file, huge)
    assert time.monotonic() - started < 1.0
    assert read_head(huge) == bytes(safefile.HEAD_BYTES)  # its first lines, still


def test_the_cap_is_inclusive_and_enforced_while_reading(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    path = tmp_path / "ex1.py"
    path.write_bytes(b"a" * 100)
    assert read_bytes(path, limit=100) == b"a" * 100
    assert "more than the" in refusal(read_bytes, path, limit=99)
    # A file that grows after fstat reported its size: the read itself stops at the cap.
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 10  # st_size
        return os.stat_result(info)

    monkeypatch.setattr(safefile.os, "fstat", shrunk)
    assert "more than the" in refusal(read_bytes, path, limit=50)


def test_a_pipe_put_in_place_after_the_look_is_refused_by_fstat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regular = tmp_path / "regular.py"
    regular.write_text("x = 1\n")
    pipe = tmp_path / "ex1.py"
    os.mkfifo(pipe)
    looked = os.stat(regular)
    monkeypatch.setattr(safefile.os, "stat", lambda path, follow_symlinks=True: looked)
    assert "named pipe (FIFO)" in refusal(read_bytes, pipe)


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    pipe = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9\x1b[31m.py"))
    os.mkfifo(pipe)
    message = refusal(read_bytes, pipe)
    assert "caf\\xe9\\x1b[31m.py: is a named pipe" in message
    message.encode("utf-8")  # printable anywhere
    assert "no such file" in refusal(read_bytes, tmp_path / "missing.py")


def lossdrill(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60, check=False)


def test_check_refuses_a_pipe_a_device_and_a_giant_in_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "ex1.py")
    os.symlink("/dev/zero", tmp_path / "ex2.py")
    sparse(tmp_path / "ex3.py")
    cases = {"ex1.py": "is a named pipe (FIFO)", "ex2.py": "is a character device",
             "ex3.py": "is 2.0 GB", "/dev/zero": "is a character device"}
    for file, expected in cases.items():
        started = time.monotonic()
        run = lossdrill("check", file, "--exercise", "ex1", cwd=tmp_path)
        assert run.returncode == 2, run.stderr
        assert run.stdout == ""
        assert run.stderr.count("\n") == 1 and expected in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert time.monotonic() - started < 30
