"""Proof, from inside a confined learner process, that it can read no file of the pack.

lossdrill is installed from a wheel into a fresh venv under the system temp folder (the
``wheel_env`` fixture), as a user installs it. A probe submitted as a learner's file walks
every folder it can list — from the root, from every folder on its path and their parents,
from the places a user keeps things — follows links, and opens every file whose size is that
of a protected file, and every protected file at every path the test knows for it (through
the venv's ``lib64`` link too). It prints the paths of the files whose bytes equal a spec, a
reference, recorded answers, a cached spec or the autograder's config. Only the canary may be
found: a copy of a spec the test leaves in site-packages to prove that the probe finds what
is readable. The probe runs under ``lossdrill check``, in a ``lossdrill grade`` worker, in the
Gradescope ``run_autograder``, and with the pack bind-mounted into site-packages.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from wheel_install import REPO, installed_package, wheel_environment

from lossdrill.sandbox.landlock import landlock_abi

pytestmark = pytest.mark.skipif(landlock_abi() < 1, reason="Landlock is not available here")

PROBE_TIMEOUT = "120"
CORRECT = (REPO / "tests" / "learners" / "ex1" / "mse_vectorised.py").read_text()

PROBE = '''# lossdrill: ex1
# Not a solution: a probe that looks for the grader's protected files from inside the box.
import hashlib
import json
import os
import sys

import numpy as np

SIZES = {sizes!r}
DIGESTS = {digests!r}
STARTS = {starts!r}
TRY = {tries!r}
# Folders the box may refuse to list while granting some of their children (those that hold
# a protected tree): their names as the test sees them, to try one by one.
NAMES = {names!r}
SKIP = ("/proc", "/sys", "/dev")
found, listed, counted = [], set(), [0, 0]


def look(path, size):
    counted[0] += 1
    if size not in SIZES:
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return
    counted[1] += 1
    if hashlib.sha256(data).hexdigest() in DIGESTS:
        found.append(os.path.realpath(path))


def walk(top):
    stack = [top]
    while stack:
        folder = stack.pop()
        if folder.startswith(SKIP):
            continue
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in listed:
                continue
            children = [os.path.join(folder, e.name) for e in os.scandir(folder)]
            listed.add((st.st_dev, st.st_ino))  # listed here: elsewhere it is not new
        except OSError:
            children = [os.path.join(folder, n) for n in NAMES.get(folder, ())]
        for child in children:
            try:
                st = os.stat(child)
            except OSError:
                continue
            if os.path.isdir(child):
                stack.append(child)
            elif os.path.isfile(child):
                look(child, st.st_size)


starts = set(STARTS)
for path in sys.path + [sys.prefix, sys.base_prefix, sys.exec_prefix, os.getcwd()]:
    while path and path not in starts:
        starts.add(path)
        path = os.path.dirname(path)
for start in sorted(starts):
    walk(start)
for path in TRY:
    try:
        look(path, os.stat(path).st_size)
    except OSError:
        pass
found = sorted(set(found))
print("PROBE " + json.dumps({{"found": found[:10], "count": len(found), "files": counted[0],
                             "read": counted[1], "folders": len(listed)}}))


def mse(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same shape")
    return float(np.mean((y_true - y_pred) ** 2))
'''


def _files(*trees: Path) -> list[Path]:
    out: list[Path] = []
    for tree in trees:
        if tree.is_file():
            out.append(tree)
        elif tree.is_dir():
            out += [p for p in tree.rglob("*") if p.is_file()]
    return out


def _ancestors(path: Path) -> list[str]:
    return [str(p) for p in [path, *path.parents]]


def _held_folders(protected: list[Path]) -> dict[str, list[str]]:
    """The names in every folder that holds a protected file or a Python library folder
    (those are the folders carved around): as this process, unconfined, lists them."""
    held: set[Path] = set()
    libraries = [Path(p) for root in ("/usr", "/usr/local", sys.base_prefix, sys.prefix)
                 for pattern in ("lib*/python*/*-packages", "lib*/*-packages")
                 for p in glob.glob(f"{root}/{pattern}")]
    for path in protected + libraries:
        held.update(path.parents)
    names = {}
    for folder in held:
        with contextlib.suppress(OSError):
            names[str(folder)] = sorted(os.listdir(folder))
    return names


def probe_source(protected: list[Path], tries: list[str], extra_starts: list[Path]) -> str:
    assert protected, "nothing to look for"
    blobs = [p.read_bytes() for p in protected]
    starts = {"/", "/usr", "/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local",
              "/usr/local/lib", "/usr/share", "/etc", "/opt", "/var", "/tmp", "/home",
              "/root", "/srv", "/mnt", "/run", *_ancestors(REPO)}
    for path in extra_starts:
        starts.update(_ancestors(path))
    return PROBE.format(sizes=sorted({len(b) for b in blobs}),
                        digests=sorted({hashlib.sha256(b).hexdigest() for b in blobs}),
                        starts=sorted(starts), tries=sorted(set(tries)),
                        names=_held_folders(protected))


def probe_report(text: str) -> dict:
    lines = [line for line in text.splitlines() if line.startswith("PROBE ")]
    assert len(lines) == 1, f"the probe did not report: {text[-3000:]!r}"
    return json.loads(lines[0][len("PROBE "):])


def every_path_of(files: list[Path], venv: Path) -> list[str]:
    """Each file at its own path and through the venv's lib64 link."""
    out = [str(p) for p in files]
    lib, lib64 = str(venv / "lib") + "/", str(venv / "lib64") + "/"
    out += [p.replace(lib, lib64, 1) for p in out if p.startswith(lib)]
    return out


@pytest.fixture
def installed(wheel_env: Path, tmp_path: Path) -> Iterator[dict]:
    """The wheel install, warmed by one check (so references are compiled and specs cached,
    as after any use), with a canary left in site-packages."""
    package = installed_package(wheel_env)
    home = tmp_path / "home"
    home.mkdir()
    env = wheel_environment(home)
    warm = tmp_path / "warm"
    warm.mkdir()
    (warm / "ex1.py").write_text(CORRECT)
    run = subprocess.run([str(wheel_env / "bin" / "lossdrill"), "check", "ex1.py"], cwd=warm,
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    cache = Path(env["LOSSDRILL_CACHE"]) if "LOSSDRILL_CACHE" in env else home / ".cache"
    canary = package.parent / "lossdrill_probe_canary.txt"
    shutil.copy(package / "pack" / "exercises" / "ex1_mse.yaml", canary)
    try:
        yield {"venv": wheel_env, "package": package, "env": env, "canary": canary,
               "protected": _files(package / "pack", cache), "cache": cache}
    finally:
        canary.unlink()


def assert_only_the_canary(report: dict, canary: Path) -> None:
    assert report["found"] == [str(canary.resolve())] and report["count"] == 1, report
    # The walk went everywhere it could: thousands of files, site-packages among them.
    assert report["files"] > 2000 and report["folders"] > 200, report


def test_a_check_reads_no_protected_file(installed: dict, tmp_path: Path) -> None:
    venv, protected = installed["venv"], installed["protected"]
    assert any(p.suffix == ".pyc" for p in protected), "the references were compiled"
    work = tmp_path / "learner"
    work.mkdir()
    (work / "ex1.py").write_text(probe_source(
        protected, every_path_of(protected, venv), [venv, installed["cache"], work]))
    run = subprocess.run([str(venv / "bin" / "lossdrill"), "check", "ex1.py", "--json",
                          "--timeout", PROBE_TIMEOUT, "--verbose"], cwd=work,
                         env=installed["env"], capture_output=True, text=True, timeout=300)
    doc = json.loads(run.stdout)
    assert doc["status"] == "passed", run.stdout[-3000:]  # a sound file, graded as usual
    assert_only_the_canary(probe_report(doc["learner_output"]), installed["canary"])


def test_a_grade_worker_reads_no_protected_file(installed: dict, tmp_path: Path) -> None:
    venv, protected = installed["venv"], installed["protected"]
    submissions = tmp_path / "submissions"
    for student in ("ada", "bob"):
        (submissions / student).mkdir(parents=True)
    (submissions / "bob" / "ex1.py").write_text(CORRECT)
    (submissions / "ada" / "ex1.py").write_text(probe_source(
        protected, every_path_of(protected, venv), [venv, installed["cache"], submissions]))
    out = tmp_path / "graded"
    run = subprocess.run([str(venv / "bin" / "lossdrill"), "grade", str(submissions), "--out",
                          str(out), "--timeout", PROBE_TIMEOUT, "--exercises", "ex1"],
                         cwd=tmp_path, env=installed["env"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    doc = json.loads((out / "results.json").read_text())
    students = {s["id"]: s for s in doc["students"]}
    assert students["bob"]["total"] == students["bob"]["max_total"]
    ada = students["ada"]["exercises"]["ex1"]
    assert ada["status"] == "passed"
    assert_only_the_canary(probe_report(ada["learner_output"]), installed["canary"])


def test_the_gradescope_autograder_reads_no_protected_file(installed: dict, tmp_path: Path
                                                           ) -> None:
    venv = installed["venv"]
    bundle = tmp_path / "bundle"
    run = subprocess.run([str(venv / "bin" / "lossdrill"), "export", "gradescope", str(bundle),
                          "--exercises", "ex1", "--timeout", PROBE_TIMEOUT], cwd=tmp_path,
                         env=installed["env"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle / "autograder.zip") as archive:  # as Gradescope unpacks it
        archive.extractall(root / "source")
    source = root / "source"
    shutil.copy(source / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"sid": "1001"}]}))
    # The bundle's pack, its config (the course secret) and the installed pack.
    protected = [*_files(source / "pack", source / "lossdrill-autograder.json"),
                 *installed["protected"]]
    (root / "submission" / "ex1.py").write_text(probe_source(
        protected, every_path_of(protected, venv), [venv, root]))
    env = {**installed["env"], "AUTOGRADER_ROOT": str(root),
           "LOSSDRILL_PYTHON": str(venv / "bin" / "python")}
    run = subprocess.run(["bash", str(root / "run_autograder")], cwd=root, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    doc = json.loads((root / "results" / "results.json").read_text())
    assert doc["score"] == sum(t["max_score"] for t in doc["tests"]), doc["output"][-3000:]
    assert_only_the_canary(probe_report(doc["output"]), installed["canary"])


def test_a_bind_mount_of_the_pack_is_not_a_way_in(installed: dict, tmp_path: Path) -> None:
    """The pack mounted a second time inside site-packages (in a mount namespace of the
    test's own) is denied there too."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("no unprivileged mount namespace here")
    venv, package, protected = installed["venv"], installed["package"], installed["protected"]
    mount_point = package.parent / "lossdrill_probe_bound"
    mount_point.mkdir()
    try:
        aliases = [str(mount_point / p.relative_to(package / "pack")) for p in protected
                   if package / "pack" in p.parents]
        work = tmp_path / "learner"
        work.mkdir()
        (work / "ex1.py").write_text(probe_source(
            protected, every_path_of(protected, venv) + aliases, [venv, work]))
        script = (f'mount --bind "{package / "pack"}" "{mount_point}" && exec '
                  f'"{venv / "bin" / "lossdrill"}" check ex1.py --json --timeout {PROBE_TIMEOUT}')
        run = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=work,
                             env=installed["env"], capture_output=True, text=True, timeout=300)
        doc = json.loads(run.stdout)
        assert doc["status"] == "passed", run.stdout[-3000:] + run.stderr[-3000:]
        report = probe_report(doc["learner_output"])
        assert_only_the_canary(report, installed["canary"])
    finally:
        os.rmdir(mount_point)
