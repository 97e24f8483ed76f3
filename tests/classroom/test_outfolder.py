"""An output folder that cannot be made (a file in its place or on the way to it, a folder that
cannot be written, a name too long, a loop of links) is one line and exit 2 on every command
that writes one, and nothing is written; one that can be made is checked without being made."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cli_inprocess import run_main

from lossdrill.classroom.outfolder import check_output_folder
from lossdrill.errors import UsageError

REPO = Path(__file__).resolve().parents[2]
# Each command that writes a folder, as (arguments before the folder, its option).
WRITERS = {
    "grade": (["grade", "subs", "--out"], "--out"),
    "release": (["release"], "OUT"),
    "export-gradescope": (["export", "gradescope"], "OUT"),
    "export-github": (["export", "github-classroom"], "OUT"),
}
LONG = "n" * 300


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subs = tmp_path / "subs" / "ada"
    subs.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py", subs / "ex1.py")
    (tmp_path / "afile").write_text("precious")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOSSDRILL_EXERCISES", raising=False)
    monkeypatch.setenv("LOSSDRILL_LANG", "en")
    return tmp_path


def tree(root: Path) -> list[tuple[str, bytes | None]]:
    return sorted((str(p.relative_to(root)), p.read_bytes() if p.is_file() else None)
                  for p in root.rglob("*"))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize(("out", "fragment"), [
    ("afile", "is a file; give a folder"),
    ("afile/x", "afile is a file, so no folder can be made under it"),
    ("afile/x/y", "afile is a file, so no folder can be made under it"),
    (LONG, "is too long for this file system"),
    (f"new/{LONG}/x", "is too long for this file system"),
    ("/".join(["deep" * 50] * 30), "too long"),
    ("loop/x", "Too many levels of symbolic links"),
], ids=["file-in-place", "through-a-file", "deeper-through-a-file", "long-name",
        "long-name-inside", "long-path", "link-loop"])
def test_an_output_folder_that_cannot_be_made_is_one_line(
        work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        writer: str, out: str, fragment: str) -> None:
    (work / "loop").symlink_to("loop")
    before = tree(work)
    args, option = WRITERS[writer]
    code, stdout, err = run_main(monkeypatch, capsys, *args, out)
    assert code == 2 and stdout == "", (code, stdout, err)
    assert len(err.splitlines()) == 1 and err.startswith("lossdrill: error: "), err
    assert f"{option} " in err and fragment in err, err
    assert tree(work) == before


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_folder_is_one_line(work: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str], writer: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes in a read-only folder")
    (work / "ro").mkdir()
    (work / "ro").chmod(0o555)
    try:
        before = tree(work)
        code, _, err = run_main(monkeypatch, capsys, *WRITERS[writer][0], "ro/x")
        assert code == 2 and len(err.splitlines()) == 1 and "cannot write in" in err, err
        assert tree(work) == before
    finally:
        (work / "ro").chmod(0o755)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_folder_even_root_cannot_write_is_one_line(
        work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        writer: str) -> None:
    if not Path("/proc/1").is_dir() or os.access("/proc/1", os.W_OK):
        pytest.skip("no /proc/1 that refuses writing")
    code, _, err = run_main(monkeypatch, capsys, *WRITERS[writer][0], "/proc/1/graded")
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "cannot write in /proc/1" in err


def test_a_folder_that_can_be_made_is_not_made(tmp_path: Path) -> None:
    check_output_folder(tmp_path / "a" / "b" / "c", "--out", beside=False)
    check_output_folder(tmp_path, "--out", beside=True)
    assert list(tmp_path.iterdir()) == []


def test_the_room_left_for_temporary_names(tmp_path: Path) -> None:
    # A name that fits alone but not with the suffix of the temporary folder built beside it.
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    with pytest.raises(UsageError, match="too long"):
        check_output_folder(tmp_path / ("x" * (name_max - 5)), "OUT", beside=True)
    check_output_folder(tmp_path / ("x" * (name_max - 32)), "OUT", beside=True)


def test_other_system_errors_are_one_line(work: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # `start` writes a file, not a folder: what the system refuses is still one line.
    code, _, err = run_main(monkeypatch, capsys, "start", "ex1", "afile/ex1.py")
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert (work / "afile").read_text() == "precious"
