"""Loss curves: the `plot` key of a spec, the sweep through the reference and the learner's
sandboxed process, and the drawing (plotext in a terminal, a table elsewhere), checked in
captured consoles and through the CLI.
"""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from rich.console import Console

from lossdrill.errors import SpecError
from lossdrill.grading.curves import Sweep, reference_sweep
from lossdrill.grading.results import CheckResult
from lossdrill.grading.results import TestResult as Outcome  # not collected as a test class
from lossdrill.render.plots import Line, plot_text, render_plots, render_sweep, sample_table
from lossdrill.render.terminal import render_check
from lossdrill.service.grade import learner_sweep
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.load import load_exercise
from lossdrill.spec.signature import parameters

REPO = Path(__file__).resolve().parents[2]
LEARNERS = REPO / "tests" / "learners"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(find_pack(REPO))


def terminal(width: int = 100, colour: bool = True) -> Console:
    """A captured console that behaves as a terminal of that width."""
    return Console(file=io.StringIO(), force_terminal=True, width=width,
                   color_system="256" if colour else None, highlight=False)


def plain(width: int = 100) -> Console:
    return Console(file=io.StringIO(), force_terminal=False, width=width, color_system=None)


def output(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined]


def sweep_of(catalog: Catalog, exercise: str, learner: Path) -> Sweep | None:
    return learner_sweep(catalog.get(exercise), learner.resolve())


# -- the spec key ---------------------------------------------------------------------------


def test_the_first_three_exercises_have_a_curve(catalog: Catalog) -> None:
    for ex in catalog.all()[:3]:
        assert ex.plot is not None, ex.id
        assert ex.plot.function in ex.function_names


def test_reference_curves_have_the_textbook_shapes(catalog: Catalog) -> None:
    mse = reference_sweep(catalog.get("ex1"))
    x = np.array(mse.x)
    assert np.allclose(mse.curves[0].y, x ** 2)  # one residual r costs r²
    bce = reference_sweep(catalog.get("ex2"))
    p = np.array(bce.x)
    by_label = {c.series: np.array(c.y) for c in bce.curves}
    assert np.allclose(by_label["y = 1"], -np.log(p)) and np.allclose(by_label["y = 0"],
                                                                        -np.log(1 - p))
    hinge = reference_sweep(catalog.get("ex3"))
    assert np.allclose(hinge.curves[0].y, np.maximum(0, 1 - np.array(hinge.x)))


def test_parameters_come_from_the_signature() -> None:
    assert parameters("binary_cross_entropy(y_true, p_pred, eps=1e-15) -> float") == [
        ("y_true", False), ("p_pred", False), ("eps", True)]
    assert parameters("not a signature (") == []


def _spec_with_plot(tmp_path: Path, plot: dict) -> Path:
    data = yaml.safe_load((REPO / "exercises" / "ex2_bce.yaml").read_text(encoding="utf-8"))
    data["plot"] = plot
    path = tmp_path / "exercises" / "ex2_bce.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("plot", "message"), [
    ({"function": "bce", "sweep": "p_pred", "range": [0.1, 0.9], "args": {"y_true": [1.0]}},
     "plot.function: 'bce' is not one of the exercise's functions (binary_cross_entropy)"),
    ({"function": "binary_cross_entropy", "sweep": "p", "range": [0.1, 0.9],
      "args": {"y_true": [1.0]}},
     "plot.sweep: 'p' is not a parameter of binary_cross_entropy(y_true, p_pred, eps)"),
    ({"function": "binary_cross_entropy", "sweep": "p_pred", "range": [0.1, 0.9]},
     "plot.args: missing y_true"),
    ({"function": "binary_cross_entropy", "sweep": "y_true", "range": [0.1, 0.9],
      "args": {"eps": 0.01}},
     "plot.args: missing p_pred"),
    ({"function": "binary_cross_entropy", "sweep": "p_pred", "range": [0.1, 0.9],
      "args": {"y_true": [1.0], "p_pred": [0.5]}},
     "plot.args.p_pred: is the swept argument"),
    ({"function": "binary_cross_entropy", "sweep": "p_pred", "range": [0.1, 0.9],
      "series": [{"label": "y = 1", "args": {"y_tru": [1.0]}}]},
     "plot.series[0].args.y_tru: not a parameter"),
    ({"function": "binary_cross_entropy", "sweep": "p_pred", "range": [0.9, 0.1],
      "args": {"y_true": [1.0]}},
     "plot.range: expected [low, high] with low < high"),
], ids=["function", "sweep", "missing", "missing-before-default", "swept-in-args", "series",
        "range"])
def test_a_bad_plot_key_is_one_line_naming_the_key(tmp_path: Path, plot: dict,
                                                   message: str) -> None:
    path = _spec_with_plot(tmp_path, plot)
    with pytest.raises(SpecError) as caught:
        load_exercise(path, REPO / "solutions")
    text = str(caught.value)
    assert "\n" not in text and text.startswith(f"{path}: ") and message in text, text


def test_arguments_may_not_skip_a_middle_parameter(tmp_path: Path) -> None:
    path = _spec_with_plot(tmp_path, {"function": "binary_cross_entropy", "sweep": "y_true",
                                      "range": [0.0, 1.0], "args": {"eps": 0.1}})
    with pytest.raises(SpecError, match="missing p_pred"):
        load_exercise(path, REPO / "solutions")


# -- the learner's curve --------------------------------------------------------------------


def test_a_mistake_bends_the_learners_curve(catalog: Catalog) -> None:
    sweep = sweep_of(catalog, "ex1", LEARNERS / "ex1" / "mistake_extra-half.py")
    assert sweep is not None and sweep.differs()
    mine = next(c for c in sweep.curves if c.role == "learner")
    assert np.allclose(mine.y, np.array(sweep.x) ** 2 / 2)


def test_a_correct_function_draws_nothing(catalog: Catalog) -> None:
    assert sweep_of(catalog, "ex2", LEARNERS / "ex2" / "bce_vectorised.py") is None


def test_failures_leave_gaps_and_say_where(tmp_path: Path, catalog: Catalog) -> None:
    learner = tmp_path / "ex3.py"
    learner.write_text("import numpy as np\n"
                       "def hinge_loss(y_true, scores):\n"
                       "    s = float(np.asarray(scores)[0])\n"
                       "    if s > 1.5:\n"
                       "        raise ValueError('too confident')\n"
                       "    return max(0.0, 1.0 - s)\n"
                       "def hinge_grad(y_true, scores):\n"
                       "    return np.zeros(len(scores))\n")
    sweep = sweep_of(catalog, "ex3", learner)
    assert sweep is not None
    mine = next(c for c in sweep.curves if c.role == "learner")
    x = np.array(sweep.x)
    assert np.isnan(np.array(mine.y)[x > 1.5]).all()
    assert np.allclose(np.array(mine.y)[x <= 1.5], np.maximum(0, 1 - x[x <= 1.5]))
    assert "ValueError: too confident" in mine.problem and "at x = 1.5" in mine.problem


# -- drawing --------------------------------------------------------------------------------


def test_the_curve_is_drawn_in_a_terminal(catalog: Catalog) -> None:
    sweep = sweep_of(catalog, "ex1", LEARNERS / "ex1" / "mistake_extra-half.py")
    assert sweep is not None
    console = terminal()
    render_sweep(console, sweep, "Your mse against the reference's")
    text = output(console)
    shown = ANSI.sub("", text)
    assert "Your mse against the reference's" in shown
    assert "residual ŷ − y" in shown  # the x axis
    assert "9.0┤" in shown and "0.0┤" in shown  # the y axis spans the reference's curve
    assert "┌" in shown and "└" in shown  # the frame
    assert "•" in shown and re.search("[⠁-⣿]", shown)  # the learner's marks, the reference's
    assert "reference" in shown and "yours" in shown  # the legend
    # The learner's marks in bright red, the reference's braille in bright green.
    assert "\x1b[91m•" in text and re.search("\x1b\\[92m[⠁-⣿]", text)
    rows = [line for line in shown.splitlines() if "┤" in line or "│" in line]
    assert len(rows) >= 8 and all(len(row) <= 100 for row in shown.splitlines())


def test_without_colour_the_marks_still_tell_the_curves_apart(catalog: Catalog) -> None:
    sweep = sweep_of(catalog, "ex2", LEARNERS / "ex2" / "mistake_log-base-2.py")
    assert sweep is not None and len(sweep.curves) == 4  # two series, two curves each
    console = terminal(colour=False)
    render_sweep(console, sweep, "bce")
    text = output(console)
    assert "\x1b[" not in text.replace("\x1b[0m", "")
    for mark in ("⠒⠒ reference (y = 1)", "·· reference (y = 0)", "•• yours (y = 1)",
                 "xx yours (y = 0)"):
        assert mark in text


@pytest.mark.parametrize("console", [plain(100), terminal(width=40)],
                         ids=["not-a-terminal", "too-narrow"])
def test_a_table_where_no_plot_fits(catalog: Catalog, console: Console) -> None:
    sweep = sweep_of(catalog, "ex1", LEARNERS / "ex1" / "mistake_extra-half.py")
    assert sweep is not None
    render_sweep(console, sweep, "mse")
    text = ANSI.sub("", output(console))
    assert "┤" not in text
    table, said = text.split("yours leaves the reference", 1)  # the table, then where
    assert " ".join(said.split()).startswith("where residual ŷ − y is in [-3, -0.1] ∪ [0.1, 3]")
    rows = [line.split() for line in table.splitlines() if re.match(r"\s*-?\d", line)]
    assert len(rows) == 11
    assert rows[0][:3] == ["-3", "9", "4.5"] and rows[0][-1] == "✗"
    assert ["0", "0", "0"] in rows  # equal at a residual of 0: no mark


def test_the_table_marks_only_the_points_that_differ() -> None:
    x = [0.0, 1.0, 2.0]
    lines = [Line("reference", "reference", x, [0.0, 1.0, 2.0], 10, "braille"),
             Line("yours", "learner", x, [0.0, 1.0, float("nan")], 9, "•")]
    console = plain()
    console.print(sample_table(lines, "x"))
    rows = [line.split() for line in output(console).splitlines() if re.match(r"\s*\d", line)]
    assert rows == [["0", "0", "0"], ["1", "1", "1"], ["2", "2", "—", "✗"]]


def test_plot_text_has_the_size_asked_for() -> None:
    x = list(np.linspace(-1, 1, 21))
    lines = [Line("reference", "reference", x, [v * v for v in x], 10, "braille")]
    text = plot_text(lines, "x", 60, 12, colour=False)
    assert len(text.splitlines()) == 12 and max(len(t) for t in text.splitlines()) <= 60


def _result(status: str, tests: list[Outcome]) -> CheckResult:
    return CheckResult("ex3", "hinge", "Hinge loss", "ex3.py", status, 0.0, 1.0, 1, tests, [],
                       "", 0.1)


def test_a_failing_task_plots_its_training_curve() -> None:
    curves = {"learner": [1.0, 0.9, 0.95, 1.0], "reference": [1.0, 0.6, 0.4, 0.3]}
    task = Outcome("train a classifier", "task", "visible", "failed", 0, 1, "accuracy too "
                      "low", curves=curves)
    console = terminal()
    render_plots(console, _result("failed", [task]), None)
    shown = ANSI.sub("", output(console))
    assert "Training loss by epoch — train a classifier" in shown and "epoch" in shown
    assert "┤" in shown and "yours" in shown and "reference" in shown
    passed = Outcome("train a classifier", "task", "visible", "passed", 1, 1, "",
                        curves=curves)
    quiet = terminal()
    render_plots(quiet, _result("passed", [passed]), None)
    assert output(quiet) == ""  # a passing task keeps its sparkline only


def test_the_hinge_task_of_a_real_check_plots_the_training(catalog: Catalog) -> None:
    from lossdrill.service.grade import Options, grade

    ex = catalog.get("ex3")
    result = grade(ex, (LEARNERS / "ex3" / "mistake_grad-wrong-sign.py").resolve(),
                   Options(seed=3, timeout=5)).result
    task = next(t for t in result.tests if t.kind == "task")
    assert task.status != "passed" and set(task.curves) == {"learner", "reference"}
    console = terminal()
    render_check(console, result)
    shown = ANSI.sub("", output(console))
    assert "Training loss by epoch" in shown


# -- through the command line ---------------------------------------------------------------


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _SCRUBBED}


def test_show_plot_draws_a_table_when_piped(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "show", "ex3", "--plot"],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    title = "hinge_loss against margin y·s"
    assert title in result.stdout
    table = result.stdout.split(title, 1)[1]
    rows = [line.split() for line in table.splitlines() if re.match(r"\s+-?\d", line)]
    assert len(rows) == 11 and rows[0] == ["-2", "3"] and rows[-1] == ["3", "0"]


def test_show_plot_of_an_exercise_without_a_curve(tmp_path: Path, catalog: Catalog) -> None:
    without = next(e for e in catalog.all() if e.plot is None)
    result = subprocess.run([sys.executable, "-m", "lossdrill", "show", without.id, "--plot"],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "no `plot` key" in lines[0] and without.path.name in lines[0]


def run_in_terminal(args: list[str], cwd: Path, columns: int = 110) -> str:
    """Run lossdrill on a pseudo-terminal of that width; what it printed."""
    controller, child = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "lossdrill", *args], cwd=cwd, env=_env(),
                            stdin=child, stdout=child, stderr=child)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(controller, 1 << 16)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_a_failing_check_draws_the_learners_curve_in_a_terminal(tmp_path: Path) -> None:
    shown = ANSI.sub("", run_in_terminal(
        ["check", str(LEARNERS / "ex2" / "mistake_missing-minus-sign.py"), "--seed", "1"],
        tmp_path))
    assert "Your binary_cross_entropy against the reference's" in shown
    assert "predicted probability p" in shown and "┤" in shown
    assert "yours (y = 1)" in shown


def test_a_passing_check_draws_no_curve(tmp_path: Path) -> None:
    shown = ANSI.sub("", run_in_terminal(
        ["check", str(LEARNERS / "ex1" / "mse_vectorised.py"), "--seed", "1"], tmp_path))
    assert "Score 12/12" in shown and "against the reference's" not in shown
