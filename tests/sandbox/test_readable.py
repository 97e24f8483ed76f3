"""What a learner process may read, computed on resolved paths (sandbox/readable.py).

Landlock grants through the inode a rule opens, so these check the property that matters:
no granted path, once resolved, is or holds a denied tree — whatever links, loops and mounts
lie between. Proved end to end, from inside confined processes, in test_wheel_confinement.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from lossdrill.sandbox import readable
from lossdrill.sandbox.readable import _around, _importable, shown_at, within


def granted(root: Path, deny: list[Path]) -> list[str]:
    out: list[str] = []
    _around(os.path.realpath(root), [os.path.realpath(d) for d in deny], set(), out)
    return out


def assert_never_reaches(paths: list[str], denied: Path) -> None:
    secret = os.path.realpath(denied)
    for path in paths:
        real = os.path.realpath(path)
        assert not within(real, secret) and not within(secret, real), (path, secret)


@pytest.mark.parametrize(("path", "tree", "inside"), [
    ("/a/b", "/a/b", True), ("/a/b/c", "/a/b", True), ("/a/bc", "/a/b", False),
    ("/a", "/a/b", False), ("/x", "/", True), ("/", "/", True),
])
def test_within(path: str, tree: str, inside: bool) -> None:
    assert within(path, tree) is inside


def venv_like(tmp_path: Path) -> tuple[Path, Path]:
    """A venv's shape: lib/…/site-packages/lossdrill/pack, and lib64 -> lib."""
    venv = tmp_path / "venv"
    site = venv / "lib" / "python3" / "site-packages"
    pack = site / "lossdrill" / "pack"
    (pack / "solutions").mkdir(parents=True)
    (pack / "solutions" / "ex1.py").write_text("secret")
    (site / "numpy").mkdir()
    (site / "numpy" / "__init__.py").write_text("")
    (site / "lossdrill" / "__init__.py").write_text("")
    (venv / "bin").mkdir()
    (venv / "lib64").symlink_to("lib")
    return venv, pack


def test_a_lib64_link_does_not_grant_the_tree_it_leads_to(tmp_path: Path) -> None:
    venv, pack = venv_like(tmp_path)
    paths = granted(venv, [pack])
    assert_never_reaches(paths, pack)
    site = os.path.realpath(venv / "lib" / "python3" / "site-packages")
    assert os.path.join(site, "numpy") in paths
    assert os.path.join(site, "lossdrill", "__init__.py") in paths
    assert str(venv / "lib64") not in paths  # judged where it leads, never as itself


def test_links_out_of_and_back_into_the_tree_are_followed_and_judged(tmp_path: Path) -> None:
    venv, pack = venv_like(tmp_path)
    (venv / "to_pack").symlink_to(pack / "solutions")
    (venv / "to_root").symlink_to(venv)  # a loop
    (venv / "lib" / "up").symlink_to("..")  # another
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pack_again").symlink_to(pack)
    (venv / "out").symlink_to(elsewhere)
    (venv / "dangling").symlink_to(tmp_path / "nothing")
    paths = granted(venv, [pack])
    assert_never_reaches(paths, pack)
    # A link inside a granted tree grants nothing: Landlock judges a file where it is.
    assert os.path.realpath(elsewhere) in paths
    assert len(paths) == len(set(paths))


def test_a_root_inside_a_denied_tree_is_not_granted(tmp_path: Path) -> None:
    _, pack = venv_like(tmp_path)
    assert granted(pack / "solutions", [pack]) == []
    assert granted(pack, [pack]) == []


def test_mount_table_paths_are_unescaped(tmp_path: Path) -> None:
    table = tmp_path / "mountinfo"
    table.write_bytes(b"22 1 254:0 / / rw - ext4 /dev/vda rw\n"
                      b"66 22 254:0 /srv/my\\040pack /mnt/a\\134b rw - ext4 /dev/vda rw\n")
    assert readable.mounts(str(table)) == [("254:0", "/", "/"),
                                           ("254:0", "/srv/my pack", "/mnt/a\\b")]


def test_a_bind_mount_shows_a_denied_tree_at_a_second_place() -> None:
    table = [("254:0", "/", "/"), ("0:30", "/", "/proc"),
             ("254:0", "/srv/course", "/usr/lib/bound"),  # /srv/course bound again
             ("254:0", "/srv", "/opt/srv"),  # and its parent
             ("254:1", "/srv/course", "/elsewhere")]  # another device: not the same tree
    assert shown_at("/srv/course/pack", table) == [
        "/srv/course/pack", "/usr/lib/bound/pack", "/opt/srv/course/pack"]
    # From inside the second mount, the first place is found too.
    assert set(shown_at("/usr/lib/bound/pack", table)) == {
        "/srv/course/pack", "/usr/lib/bound/pack", "/opt/srv/course/pack"}
    assert shown_at("/proc/self", table) == ["/proc/self"]


def test_a_folder_a_pth_file_names_grants_only_what_imports(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "pkg").mkdir(parents=True)
    (checkout / "pkg" / "__init__.py").write_text("")
    (checkout / "module.py").write_text("")
    (checkout / "ext.cpython-311-x86_64-linux-gnu.so").write_text("")
    for data in ("tests", ".git", "docs", "__pycache__"):
        (checkout / data).mkdir()
    (checkout / "tests" / "answer.py").write_text("a correct solution")
    (checkout / "README.md").write_text("")
    found = {os.path.basename(p) for p in _importable(str(checkout))}
    assert found == {"pkg", "module.py", "ext.cpython-311-x86_64-linux-gnu.so"}


def test_the_interpreter_s_own_roots_leave_out_the_pack_and_other_libraries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On this interpreter: a project folder on sys.path (as a .pth file puts it) with a
    package and a pack beside it; another site-packages on the way."""
    project = tmp_path / "project"
    (project / "mylib").mkdir(parents=True)
    (project / "mylib" / "__init__.py").write_text("")
    (project / "exercises").mkdir()
    (project / "exercises" / "ex1.yaml").write_text("hidden")
    monkeypatch.setattr(sys, "path", [*sys.path, str(project)])
    readable.readable_paths.cache_clear()
    try:
        paths = readable.readable_paths((str(project / "exercises"),))
    finally:
        readable.readable_paths.cache_clear()
    assert os.path.realpath(project / "mylib") in paths
    assert_never_reaches(list(paths), project / "exercises")
    assert os.path.realpath(project) not in paths
    for path in paths:  # no library folder but those this interpreter imports from
        if os.path.basename(path) in ("site-packages", "dist-packages"):
            assert path in {os.path.realpath(p) for p in sys.path}, path
