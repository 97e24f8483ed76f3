"""Every export, produced and validated: `lossdrill check --format …`, the Gradescope
autograder bundle run against a fake /autograder tree, and the GitHub Classroom template's
workflow steps run as GitHub would run them."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from lossdrill.grading.results import CheckResult, Diagnosis
from lossdrill.grading.results import TestResult as Outcome
from lossdrill.render import formats as export
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
CATALOG = Catalog(find_pack(REPO))
BIN = Path(sys.executable).parent


def lossdrill(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=180, check=False)


# --- Gradescope's results.json, as documented ---------------------------------------------
# https://gradescope-autograders.readthedocs.io/en/latest/specs/#output-format

VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
TOP_KEYS: dict[str, Any] = {"score": (int, float), "execution_time": (int, float), "output": str,
            "output_format": str, "test_output_format": str, "test_name_format": str,
            "visibility": str, "stdout_visibility": str, "extra_data": dict, "tests": list,
            "leaderboard": list}
TEST_KEYS: dict[str, Any] = {
    "score": (int, float), "max_score": (int, float), "status": str, "name": str,
    "name_format": str, "number": str, "output": str, "output_format": str, "tags": list,
    "visibility": str, "extra_data": dict}


def validate_gradescope(doc: dict[str, Any]) -> None:
    assert set(doc) <= set(TOP_KEYS), set(doc) - set(TOP_KEYS)
    for key, kind in TOP_KEYS.items():
        if key in doc:
            assert isinstance(doc[key], kind), key
    assert "score" in doc or all("score" in t for t in doc["tests"])
    assert doc.get("stdout_visibility", "hidden") in VISIBILITIES
    for test in doc.get("tests", []):
        assert set(test) <= set(TEST_KEYS), set(test) - set(TEST_KEYS)
        for key, kind in TEST_KEYS.items():
            if key in test:
                assert isinstance(test[key], kind), key
        assert test.get("visibility", "visible") in VISIBILITIES
        assert test.get("status", "passed") in ("passed", "failed")
        assert 0 <= test["score"] <= test["max_score"]
    assert doc["score"] == pytest.approx(sum(t["score"] for t in doc["tests"]))


# --- GitHub Classroom's runner result, as its reporter reads it ---------------------------

def validate_github(doc: dict[str, Any]) -> None:
    assert doc["version"] == 1
    assert doc["status"] in ("pass", "fail", "error")
    assert isinstance(doc["max_score"], (int, float))
    assert doc["tests"]
    for test in doc["tests"]:
        assert isinstance(test["name"], str) and test["status"] in ("pass", "fail", "error")
        assert isinstance(test["score"], (int, float))
        assert isinstance(test.get("message", ""), str)
    assert sum(t["score"] for t in doc["tests"]) <= doc["max_score"]


def _result() -> CheckResult:
    return CheckResult(
        "ex1", "mse", "Mean squared error", "ex1.py", "failed", 2.0, 4.0, 7,
        [Outcome("worked example", "value", "visible", "passed", 1.0, 1.0),
         Outcome("shapes", "value", "visible", "failed", 0.0, 1.0, "expected 1, got 2",
                    {"input y_true": "[1. 2.]", "expected": "1", "got": "2"}),
         # As grading gives a hidden test (grading/disclosure.py): no details.
         Outcome("random", "value", "hidden", "failed", 0.0, 1.0, "wrong value"),
         Outcome("raises", "raises", "hidden", "passed", 1.0, 1.0)],
        [Diagnosis("sum-instead-of-mean", "Divide by N.")], "hello\n", 0.4)


def test_gradescope_results_follow_the_format() -> None:
    # (That a hidden test shows nothing of its inputs, in this format and every other, is
    # tests/e2e/test_hidden_in_every_format.py's.)
    doc = export.gradescope_results([_result()], hidden="after_published")
    validate_gradescope(doc)
    by_name = {t["name"]: t for t in doc["tests"]}
    assert by_name["ex1 · shapes"]["output"].endswith("got: 2")
    assert by_name["ex1 · random"]["visibility"] == "after_published"
    assert by_name["ex1 · random"]["output"] == "wrong value"
    assert "sum-instead-of-mean" in doc["output"] and "hello" in doc["output"]
    assert export.gradescope_results([_result()], hidden="hidden")["tests"][2][
        "visibility"] == "hidden"
    with pytest.raises(ValueError):
        export.gradescope_results([_result()], hidden="secret")
    # The seconds as measured, a quick run included (a whole number would say 0).
    timed = export.gradescope_results([_result()], execution_time=0.4213)
    assert timed["execution_time"] == 0.421


def test_junit_counts_and_says_each_test() -> None:
    text = export.junit_xml([("alice · ex1", _result())])
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "0")
    failures = {c.get("name"): c.find("failure") for c in suite.iter("testcase")}
    assert failures["shapes"] is not None and "got: 2" in (failures["shapes"].text or "")
    assert failures["random"] is not None and failures["random"].text == "wrong value"


def test_github_result_and_gradebook() -> None:
    line = export.github_line(_result())
    doc = json.loads(base64.b64decode(line))
    validate_github(doc)
    assert [t["score"] for t in doc["tests"]] == [1.0, 0.0, 0.0, 1.0]
    csv_text = export.gradebook_csv(["ex1", "ex2"], [
        {"student": "ann", "name": "Ann, A.", "scores": {"ex1": 2.5}}])
    assert csv_text == 'student,name,ex1,ex2,total\nann,"Ann, A.",2.5,0,2.5\n'


# --- lossdrill check --format ------------------------------------------------------------

@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess]:
    work = tmp_path_factory.mktemp("formats")
    file = work / "ex2.py"
    file.write_text((LEARNERS / "ex2" / "mistake_no-clipping.py").read_text())
    runs = {fmt: lossdrill("check", str(file), "--seed", "3", "--format", fmt, cwd=work)
            for fmt in ("text", "json", "junit", "gradescope", "github")}
    runs["--json"] = lossdrill("check", str(file), "--seed", "3", "--json", cwd=work)
    return runs


def test_every_format_exits_1_for_failing_work(formats: dict[str, Any]) -> None:
    assert {name: run.returncode for name, run in formats.items()} == dict.fromkeys(formats, 1)


def test_json_format_is_the_json_flag(formats: dict[str, Any]) -> None:
    a, b = json.loads(formats["json"].stdout), json.loads(formats["--json"].stdout)
    a.pop("duration_s"), b.pop("duration_s")
    assert a == b and a["status"] == "failed"


def test_gradescope_format(formats: dict[str, Any]) -> None:
    doc = json.loads(formats["gradescope"].stdout)
    validate_gradescope(doc)
    assert doc["score"] == json.loads(formats["json"].stdout)["score"]


def test_junit_format(formats: dict[str, Any]) -> None:
    root = ET.fromstring(formats["junit"].stdout)
    assert root.tag == "testsuites" and int(root.get("failures", "0")) >= 1


def test_github_format_prints_the_runner_result_and_the_report_on_stderr(
        formats: dict[str, Any]) -> None:
    run = formats["github"]
    assert len(run.stdout.strip().splitlines()) == 1
    doc = json.loads(base64.b64decode(run.stdout.strip()))
    validate_github(doc)
    assert doc["status"] == "fail" and doc["max_score"] == CATALOG.get("ex2").max_score
    assert "no-clipping" in run.stderr


def test_unknown_format_is_bad_input(tmp_path: Path) -> None:
    run = lossdrill("check", str(LEARNERS / "ex1" / "mse_pure.py"), "--format", "xml",
                    cwd=tmp_path)
    assert run.returncode == 2 and "--format 'xml': expected one of" in run.stderr
    assert not run.stdout


# --- The Gradescope bundle ------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gradescope") / "bundle"
    run = lossdrill("export", "gradescope", str(out), "--exercises", "ex1,ex3", "--secret",
                    "bundle-secret-1234", "--timeout", "3")
    assert run.returncode == 0, run.stderr
    return out


def test_bundle_zip_has_the_scripts_at_its_root(bundle: Path) -> None:
    with zipfile.ZipFile(bundle / "autograder.zip") as zf:
        names = set(zf.namelist())
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in zf.infolist()}
    assert {"setup.sh", "run_autograder", "lossdrill-autograder.json", "requirements.txt",
            "lossdrill/cli/app.py", "pack/exercises/ex1_mse.yaml",
            "pack/solutions/ex3_hinge.py"} <= names
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    assert not any("__pycache__" in n for n in names)
    setup = (bundle / "setup.sh").read_text()
    assert setup.startswith("#!/usr/bin/env bash") and "requirements.txt" in setup
    assert "numpy" in (bundle / "requirements.txt").read_text()


def fake_autograder(tmp_path: Path, bundle: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle / "autograder.zip") as zf:  # as Gradescope unpacks it
        zf.extractall(root / "source")
    for name in ("run_autograder", "setup.sh"):
        (root / "source" / name).chmod(0o755)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    for name, fixture in files.items():
        target = root / "submission" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((LEARNERS / fixture).read_text())
    (root / "submission").mkdir(exist_ok=True)
    (root / "submission_metadata.json").write_text(json.dumps(
        {"id": 123, "users": [{"email": "ada@uni.edu", "id": 9, "name": "Ada", "sid": "1001"}]}))
    return root


def run_autograder(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "LOSSDRILL_PYTHON": sys.executable}
    env.pop("PYTHONPATH", None)
    return subprocess.run(["bash", str(root / "run_autograder")], capture_output=True,
                          text=True, env=env, cwd=root, timeout=180, check=False)


def test_run_autograder_grades_the_submission(bundle: Path, tmp_path: Path) -> None:
    root = fake_autograder(tmp_path, bundle, {"src/mse.py": "ex1/mistake_sum-instead-of-mean.py"})
    started = time.monotonic()
    run = run_autograder(root)
    wall = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    assert str(root / "source" / "lossdrill") in run.stdout  # the bundle's own lossdrill
    doc = json.loads((root / "results" / "results.json").read_text())
    validate_gradescope(doc)
    tests = {t["name"]: t for t in doc["tests"]}
    ex1 = CATALOG.get("ex1")
    ex3 = CATALOG.get("ex3")
    assert len(tests) == len(ex1.tests) + len(ex3.tests)
    for test in ex1.tests:
        entry = tests[f"ex1 · {test.name}"]
        assert entry["visibility"] == ("visible" if test.visibility == "visible"
                                       else "after_published")
        if test.visibility == "hidden":
            assert "input" not in entry["output"]
    assert 0 < doc["score"] < ex1.max_score
    # The real time the grading took: neither rounded to a whole 0 nor made up.
    assert 0 < doc["execution_time"] < wall and doc["execution_time"] != round(
        doc["execution_time"])
    assert "sum-instead-of-mean" in doc["output"]
    assert all(t["score"] == 0 for n, t in tests.items() if n.startswith("ex3"))
    assert "name it ex3.py" in doc["output"]
    # A regrade of the same submission is the same (the seed comes from the student).
    again = run_autograder(root)
    assert again.returncode == 0
    assert json.loads((root / "results" / "results.json").read_text())["tests"] == doc["tests"]


def test_run_autograder_writes_results_even_when_it_breaks(bundle: Path, tmp_path: Path
                                                           ) -> None:
    root = fake_autograder(tmp_path, bundle, {"ex1.py": "ex1/mse_pure.py"})
    (root / "source" / "lossdrill-autograder.json").write_text("{broken")
    run = run_autograder(root)
    assert run.returncode == 0
    doc = json.loads((root / "results" / "results.json").read_text())
    validate_gradescope({**doc, "tests": doc["tests"]})
    assert doc["score"] == 0 and "autograder failed" in doc["output"]


def test_gradescope_export_bad_input(tmp_path: Path) -> None:
    run = lossdrill("export", "gradescope", str(tmp_path / "b"), "--hidden-visibility", "soon")
    assert run.returncode == 2 and "--hidden-visibility 'soon'" in run.stderr
    assert not (tmp_path / "b").exists()


# --- The GitHub Classroom template --------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("github") / "template"
    run = lossdrill("export", "github-classroom", str(out), "--exercises", "ex1,ex2")
    assert run.returncode == 0, run.stderr
    return out


def test_workflow_has_one_graded_step_per_exercise(template: Path) -> None:
    flow = yaml.safe_load((template / ".github/workflows/classroom.yml").read_text())
    assert set(flow["on"]) >= {"push"}  # a quoted key: YAML 1.1 reads a bare `on` as true
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    graded = {s["id"]: s for s in steps if s.get("id")}
    assert list(graded) == ["ex1", "ex2"]
    reporter = steps[-1]
    assert reporter["uses"].startswith("classroom-resources/autograding-grading-reporter@")
    assert reporter["with"]["runners"] == "ex1,ex2"
    assert reporter["env"] == {"EX1_RESULTS": "${{steps.ex1.outputs.result}}",
                               "EX2_RESULTS": "${{steps.ex2.outputs.result}}"}
    config = json.loads((template / ".github/classroom/autograding.json").read_text())
    for entry, ex in zip(config["tests"], ("ex1", "ex2"), strict=True):
        assert set(entry) == {"name", "setup", "run", "input", "output", "comparison",
                              "timeout", "points"}
        assert entry["points"] == sum(t.points for t in CATALOG.get(ex).tests
                                      if t.visibility == "visible")
    assert (template / "ex1.py").read_text().startswith("# lossdrill: ex1")
    assert (template / "lossdrill-pack" / "answers" / "ex1_mse.json").is_file()
    assert not (template / "lossdrill-pack" / "solutions").exists()


def run_step(template: Path, step_id: str) -> dict[str, Any]:
    flow = yaml.safe_load((template / ".github/workflows/classroom.yml").read_text())
    step = next(s for s in flow["jobs"]["run-autograding-tests"]["steps"]
                if s.get("id") == step_id)
    output = template / f".output-{step_id}"
    output.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=template, env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    (line,) = output.read_text().splitlines()
    key, _, value = line.partition("=")
    assert key == "result"
    return json.loads(base64.b64decode(value))


def test_workflow_steps_report_partial_credit(template: Path) -> None:
    (template / "ex1.py").write_text((LEARNERS / "ex1" / "mistake_extra-half.py").read_text())
    doc = run_step(template, "ex1")
    validate_github(doc)
    assert doc["status"] == "fail"
    assert 0 < sum(t["score"] for t in doc["tests"]) < doc["max_score"]
    (template / "ex1.py").write_text((LEARNERS / "ex1" / "mse_vectorised.py").read_text())
    doc = run_step(template, "ex1")
    assert doc["status"] == "pass" and sum(t["score"] for t in doc["tests"]) == doc["max_score"]


def test_a_missing_file_still_gives_the_reporter_a_result(template: Path) -> None:
    (template / "ex2.py").unlink()
    doc = run_step(template, "ex2")
    validate_github(doc)
    assert doc["status"] == "error" and doc["tests"][0]["score"] == 0


def check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """GitHub's workflow schema (as check-jsonschema vendors it, offline) against a file."""
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(path)], capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_workflow_passes_githubs_schema(template: Path, tmp_path: Path) -> None:
    checked = check_workflow(template / ".github/workflows/classroom.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The checker does check: a step with neither `run` nor `uses`, a job without `runs-on`.
    flow = yaml.safe_load((template / ".github/workflows/classroom.yml").read_text())
    job = flow["jobs"]["run-autograding-tests"]
    for broken in ({**job, "steps": [*job["steps"], {"name": "nothing to do"}]},
                   {k: v for k, v in job.items() if k != "runs-on"}):
        bad = tmp_path / "bad.yml"
        bad.write_text(yaml.safe_dump({**flow, "jobs": {"run-autograding-tests": broken}}))
        assert check_workflow(bad).returncode != 0


def test_the_template_carries_its_wheel_and_installs_from_it(template: Path) -> None:
    (wheel,) = (template / "lossdrill-wheel").glob("lossdrill-*.whl")
    install = f"python -m pip install ./lossdrill-wheel/{wheel.name}"
    flow = yaml.safe_load((template / ".github/workflows/classroom.yml").read_text())
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    assert [s["run"] for s in steps if s.get("name") == "Install lossdrill"] == [install]
    config = json.loads((template / ".github/classroom/autograding.json").read_text())
    assert {t["setup"] for t in config["tests"]} == {install}
    assert install in (template / "README.md").read_text()
    assert "pip install lossdrill\n" not in (template / "README.md").read_text()


def test_a_template_from_an_installed_wheel_installs_in_a_fresh_environment(
        wheel_env: Path, tmp_path: Path) -> None:
    """As a student's CI runs it: the template of a pip-installed lossdrill carries that very
    wheel (rebuilt from the installed files), and its install step, run in a new venv, gives
    a lossdrill that grades the starter."""
    out = tmp_path / "template"
    run = subprocess.run([str(wheel_env / "bin" / "lossdrill"), "export", "github-classroom",
                          str(out), "--exercises", "ex1"], capture_output=True, text=True,
                         timeout=300, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (wheel,) = (out / "lossdrill-wheel").glob("lossdrill-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        record = zf.read("lossdrill-0.1.0.dist-info/RECORD").decode()
    assert {"lossdrill/__init__.py", "lossdrill/classroom/templates/report.html.j2",
            "lossdrill/pack/exercises/ex1_mse.yaml"} <= names
    assert not any("__pycache__" in n or n.endswith(("INSTALLER", "direct_url.json"))
                   for n in names)
    assert {line.split(",")[0] for line in record.splitlines()} == names
    venv = tmp_path / "ci"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    flow = yaml.safe_load((out / ".github/workflows/classroom.yml").read_text())
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    installed = subprocess.run(["bash", "-e", "-c", next(
        s["run"] for s in steps if s.get("name") == "Install lossdrill") + " --quiet"],
        cwd=out, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert installed.returncode == 0, installed.stderr
    env["GITHUB_OUTPUT"] = str(tmp_path / "output")
    graded = subprocess.run(["bash", "-e", "-c", next(s["run"] for s in steps
                                                      if s.get("id") == "ex1")],
                            cwd=out, env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    assert graded.returncode == 0, graded.stderr
    result = (tmp_path / "output").read_text().strip().partition("=")[2]
    doc = json.loads(base64.b64decode(result))
    validate_github(doc)
    assert doc["status"] == "fail"  # the starter, graded by the installed lossdrill
    assert (venv / "bin" / "lossdrill").exists()


def test_install_overrides_the_wheel_and_a_bad_wheel_is_refused(template: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "t"
    shutil.copytree(template, out)
    run = lossdrill("export", "github-classroom", str(out), "--exercises", "ex1,ex2",
                    "--install", "lossdrill==0.1.0")
    assert run.returncode == 0, run.stderr
    assert not (out / "lossdrill-wheel").exists()  # the earlier export's wheel is gone
    flow = (out / ".github/workflows/classroom.yml").read_text()
    assert "run: python -m pip install lossdrill==0.1.0" in flow
    assert "python -m pip install lossdrill==0.1.0" in (out / "README.md").read_text()
    (out / "README.md").write_text("# Our course\n")  # an edited README is kept
    assert lossdrill("export", "github-classroom", str(out), "--install", "x").returncode == 0
    assert (out / "README.md").read_text() == "# Our course\n"
    fake = tmp_path / "lossdrill-0.1.0-py3-none-any.whl"
    fake.write_bytes(b"not a zip")
    for args, message in (
            (["--wheel", str(tmp_path / "nowhere.whl")], "not a lossdrill wheel file"),
            (["--wheel", str(fake)], "not a lossdrill wheel (no lossdrill package"),
            (["--wheel", str(fake), "--install", "x"], "--wheel and --install: give one")):
        bad = lossdrill("export", "github-classroom", str(tmp_path / "new"), *args)
        assert bad.returncode == 2 and message in bad.stderr, bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
        assert not (tmp_path / "new").exists()


def test_a_given_wheel_is_carried(template: Path, tmp_path: Path) -> None:
    (wheel,) = (template / "lossdrill-wheel").glob("*.whl")
    given = tmp_path / "dist" / wheel.name
    given.parent.mkdir()
    shutil.copy(wheel, given)
    out = tmp_path / "t"
    run = lossdrill("export", "github-classroom", str(out), "--exercises", "ex1",
                    "--wheel", str(given))
    assert run.returncode == 0, run.stderr
    assert (out / "lossdrill-wheel" / wheel.name).read_bytes() == given.read_bytes()


@pytest.mark.parametrize("target", ["github-classroom", "gradescope"])
def test_export_help_says_what_exercises_means(target: str) -> None:
    run = lossdrill("export", target, "--help")
    text = " ".join(run.stdout.replace("│", " ").split())
    assert "every exercise of the pack" in text
    assert "submissions" not in text
