"""Notebooks and Python: `lossdrill check notebook.ipynb` on real .ipynb files in
tests/notebooks/, and `from lossdrill import check; check("ex1", mse)` from a script and from
a real IPython shell running those notebooks' cells, in the same isolated learner process.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.console import Console

from lossdrill.errors import UsageError
from lossdrill.grading.results import CheckResult, Diagnosis
from lossdrill.grading.results import TestResult as Outcome  # not collected as a test class
from lossdrill.learner.api import CheckReport
from lossdrill.learner.gather import definitions
from lossdrill.service.notebook import Gathered, clean_cell, gather_notebook, read_notebook

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "tests" / "notebooks"
_SCRUBBED = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env["IPYTHONDIR"] = str(cwd / ".ipython")  # IPython's history database, not in ~
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def lossdrill(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(["-m", "lossdrill", *map(str, args)], cwd)


def flat(text: str) -> str:
    return " ".join(text.split())


# -- converting cells -----------------------------------------------------------------------


def test_ipython_only_lines_become_pass_and_keep_blocks_valid() -> None:
    cell = ("%matplotlib inline\n"
            "!pip install numpy\n"
            "files = !ls\n"
            "np.mean?\n"
            "if True:\n"
            "    %time x = 1\n"
            "s = '''\n"
            "%not a magic inside a string\n"
            "'''\n"
            "y = 10 % 3\n")
    cleaned = clean_cell(cell).split("\n")
    assert [line.strip().startswith("pass  #") for line in cleaned[:6]] == [
        True, True, True, True, False, True]
    assert cleaned[5].startswith("    pass")  # still inside the if
    assert cleaned[7] == "%not a magic inside a string" and cleaned[9] == "y = 10 % 3"
    compile(clean_cell(cell), "cell", "exec")
    assert clean_cell("%%time\nanything at all\n") == ""


def test_notebook_cells_keep_their_numbers() -> None:
    cells = read_notebook(NOTEBOOKS / "sum_not_mean.ipynb")
    assert [number for number, _ in cells] == [1, 3]  # cell 2 is markdown
    gathered = gather_notebook(NOTEBOOKS / "sum_not_mean.ipynb")
    line = gathered.source.split("\n").index("    return float(np.sum((y_pred - y_true) ** 2))")
    segment = gathered.locate(line + 1)
    assert segment is not None and segment.where.format(line=segment.first + line + 1
                                                        - segment.start) == "cell 3, line 6"


@pytest.mark.parametrize(("content", "fragment"), [
    ("{not json", "not a Jupyter notebook (invalid JSON at line 1)"),
    ('{"worksheets": [], "nbformat": 3}', "save it with a current Jupyter (nbformat 4)"),
    ('{"cells": [{"cell_type": "code", "source": 5}]}', "cells[0].source: expected text"),
    ("[1, 2]", "not a Jupyter notebook (no 'cells' list)"),
    ('{"cells": 1, "nbformat": "4"}', "not a Jupyter notebook (no 'cells' list)"),
    ('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}", "its JSON nests too deep"),
    ('{"cells": [{"cell_type": "code", "source": ["x = \'\\ud800\'"]}]}',
     "cells[0].source holds \\ud800, half of a character (a lone surrogate)"),
    ('{"cells": [{"cell_type": "code", "source": "x = \'\udfff\'"}]}'.encode(
        "utf-8", "surrogatepass"), "not UTF-8 text (byte 0xed at offset 49)"),
], ids=["json", "nbformat-3", "source", "list", "nbformat-text", "nested", "surrogate-escape",
        "surrogate-bytes"])
def test_a_bad_notebook_is_one_line(tmp_path: Path, content: str | bytes, fragment: str
                                    ) -> None:
    path = tmp_path / "bad.ipynb"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(UsageError) as caught:
        read_notebook(path)
    assert str(caught.value).startswith(f"{path}: ") and fragment in str(caught.value)
    assert "\n" not in str(caught.value)
    str(caught.value).encode("utf-8")  # a lone surrogate is shown, never carried


def test_a_surrogate_outside_code_cells_is_no_concern(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": "\ud800"},
        {"cell_type": "code", "source": "x = 1\n", "outputs": [{"text": "\udc00"}]}]}))
    assert read_notebook(path) == [(2, "x = 1\n")]


def test_a_notebook_that_is_a_pipe_or_a_giant_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.ipynb")
    with pytest.raises(UsageError, match=r"pipe.ipynb: is a named pipe \(FIFO\)"):
        read_notebook(tmp_path / "pipe.ipynb")
    with open(tmp_path / "huge.ipynb", "wb") as handle:
        handle.truncate(2 << 30)
    with pytest.raises(UsageError, match="huge.ipynb: is 2.0 GB"):
        read_notebook(tmp_path / "huge.ipynb")


def test_locations_are_rewritten_into_the_learners_own() -> None:
    gathered = Gathered()
    gathered.add("import numpy as np\n", 1, "cell 1, line {line}", "nb.ipynb")
    gathered.add("def f():\n    raise ValueError\n", 1, "cell 4, line {line}", "nb.ipynb")
    gathered.add("def g():\n    pass\n", 10, "cell In[7], line {line}")
    tmp = Path("/tmp/x/nb.py")
    text = gathered.relabel_text(
        'File "/tmp/x/nb.py", line 4, in f\nFile "/tmp/x/nb.py", line 7, in g\n'
        "SyntaxError: invalid syntax (line 3)\n/tmp/x/nb.py:4: RuntimeWarning: overflow", tmp)
    assert text.splitlines() == ['File "nb.ipynb", cell 4, line 2, in f',
                                 "Cell In[7], line 11, in g",
                                 "SyntaxError: invalid syntax (cell 4, line 1)",
                                 "nb.ipynb, cell 4, line 2: RuntimeWarning: overflow"]


# -- lossdrill check notebook.ipynb ---------------------------------------------------------


def test_a_notebook_that_passes(tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "ex1_mse.ipynb", "--exercise", "ex1", "--seed", "3",
                       cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Score 12/12" in result.stdout and "ex1_mse.ipynb" in result.stdout
    # Its exploration and its own check() call are not what the exercise needs: left out.
    assert "worked example: 1.3125" not in result.stdout
    text = flat(result.stdout.replace("│", " "))
    assert "cell 5 not graded: nothing it defines is used by mse" in text
    assert "cell 6 not graded: nothing it defines is used by mse (it imports lossdrill)" in text
    assert "check() skipped" not in result.stdout  # its cell did not run
    progress = json.loads((tmp_path / ".lossdrill" / "progress.json").read_text())
    assert progress["ex1"]["first_pass"]


def test_a_notebook_names_its_exercise_in_its_first_cell(tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "sum_not_mean.ipynb", "--json", "--seed", "3",
                       cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc["exercise"] == "ex1" and doc["file"].endswith("sum_not_mean.ipynb")
    assert "sum-instead-of-mean" in [d["id"] for d in doc["diagnoses"]]


def test_a_traceback_points_at_the_cell(tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "raises_in_cell.ipynb", "--json", "--seed", "3",
                       cwd=tmp_path)
    doc = json.loads(result.stdout)
    first = doc["tests"][0]
    assert first["status"] == "error"
    assert f'File "{NOTEBOOKS / "raises_in_cell.ipynb"}", cell 3, line 4, in mse' in \
        first["message"]
    assert "lossdrill-notebook-" not in result.stdout  # no temporary path leaks out


def test_a_syntax_error_points_at_the_cell(tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "syntax_error.ipynb", "--json", cwd=tmp_path)
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["status"] == "error"
    assert "(cell 2, line 1)" in doc["diagnoses"][0]["message"]


def test_a_notebook_that_is_not_json_is_exit_2(tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "not_json.ipynb", "-e", "ex1", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "not_json.ipynb: not a Jupyter notebook" in lines[0]


# -- check() from Python --------------------------------------------------------------------


def test_the_package_stays_import_free(tmp_path: Path) -> None:
    code = ("import sys, lossdrill\n"
            "print(sorted(m for m in sys.modules if m.startswith('lossdrill')))\n"
            "print('numpy' in sys.modules, 'rich' in sys.modules)")
    result = run(["-c", code], tmp_path)
    assert result.stdout.split("\n")[:2] == ["['lossdrill']", "False False"], result.stderr


def test_definitions_leave_the_experiments_out() -> None:
    source = textwrap.dedent("""\
        import numpy as np
        from lossdrill import check
        EPS = 1e-12
        WEIGHTS = np.array([1.0, 2.0])
        history = train(model)
        @decorated
        def mse(y_true, y_pred):
            return 0.0
        check("ex1", mse)
        for i in range(3):
            print(i)
        square = lambda v: v * v
        class Model:
            pass
        """)
    kept = ["\n".join(source.splitlines()[a - 1:b]) for a, b in definitions(source)]
    assert kept == ["import numpy as np", "EPS = 1e-12", "WEIGHTS = np.array([1.0, 2.0])",
                    "@decorated\ndef mse(y_true, y_pred):\n    return 0.0",
                    "square = lambda v: v * v", "class Model:\n    pass"]
    assert definitions("def broken(:\n") == []


_SCRIPT = textwrap.dedent("""\
    import json
    import numpy as np
    from lossdrill import check

    SCALE = 1.0


    def helper(d):
        return d ** 2 * SCALE


    def my_mse(y_true, y_pred):
        d = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
        if np.shape(y_pred) != np.shape(y_true):
            raise ValueError("shapes differ")
        return float(np.mean(helper(d)))


    def hinge_loss(y_true, scores):
        return float(np.mean(np.maximum(0.0, 1.0 - np.asarray(y_true) * np.asarray(scores))))


    def hinge_grad(y_true, scores):
        raise NotImplementedError("todo")


    def report(name, r):
        print(json.dumps({"name": name, "passed": r.passed, "score": r.score,
                          "max": r.max_score, "tests": len(r.tests), "file": r.result.file,
                          "diagnoses": [d.id for d in r.diagnoses],
                          "messages": [t.message for t in r.tests]}))


    if __name__ == "__main__":
        report("renamed", check("ex1", my_mse, seed=1))
        report("keywords", check("ex3", hinge_loss=hinge_loss, hinge_grad=hinge_grad, seed=1,
                                 record=False))
        r = check("ex1", my_mse, seed=1)
        print("REPR:" + repr(r).splitlines()[0])
        for bad in ('check("ex1", lambda a, b: 0.0)', 'check("ex99", my_mse)',
                    'check("ex3", my_mse)'):
            try:
                eval(bad)
            except Exception as exc:
                print("ERROR:" + type(exc).__name__ + ": " + str(exc))
    """)


def test_check_from_a_script(tmp_path: Path) -> None:
    script = tmp_path / "losses.py"
    script.write_text(_SCRIPT)
    result = run([str(script)], tmp_path)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    renamed, keywords = docs
    assert renamed["passed"] and renamed["score"] == renamed["max"] == 12
    assert renamed["file"] == str(script)  # the learner's own file, not a temporary one
    assert not keywords["passed"] and keywords["tests"] > 5
    line = _SCRIPT.splitlines().index('    raise NotImplementedError("todo")') + 1
    assert any(f'File "{script}", line {line}, in hinge_grad' in m
               for m in keywords["messages"]), keywords["messages"]
    assert "REPR:ex1 · Mean squared error" in result.stdout
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 3
    assert "is a lambda; define it with def" in errors[0]
    assert "unknown exercise 'ex99'" in errors[1]
    assert "my_mse is not one of the exercise's functions (hinge_loss, hinge_grad)" in errors[2]
    progress = json.loads((tmp_path / ".lossdrill" / "progress.json").read_text())
    assert progress["ex1"]["attempts"] == 2 and "ex3" not in progress  # record=False


_IN_IPYTHON = textwrap.dedent("""\
    import json, sys
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    notebook = json.load(open(sys.argv[1], encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            shell.run_cell("".join(cell["source"]), store_history=True)
    shell.run_cell("from lossdrill import check\\nreport = check('ex1', seed=2)",
                   store_history=True)
    report = shell.user_ns["report"]
    print(json.dumps({"passed": report.passed, "score": report.score,
                      "text": str(report), "html": report._repr_html_(),
                      "messages": [t.message for t in report.tests]}))
    """)


def in_ipython(notebook: Path, cwd: Path) -> dict:
    pytest.importorskip("IPython")
    result = run(["-c", _IN_IPYTHON, str(notebook)], cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_in_ipython_on_a_real_notebook(tmp_path: Path) -> None:
    doc = in_ipython(NOTEBOOKS / "ex1_mse.ipynb", tmp_path)
    assert doc["passed"] and doc["score"] == 12
    assert doc["text"].startswith("ex1 · Mean squared error  your notebook")
    assert "\x1b[" not in doc["text"]  # plain text for a plain console
    assert doc["html"].startswith("<pre style=") and "Mean squared error" in doc["html"]
    assert "<span style=" in doc["html"]  # rich's colours, inline


def test_check_in_ipython_points_at_the_input_cell(tmp_path: Path) -> None:
    doc = in_ipython(NOTEBOOKS / "raises_in_cell.ipynb", tmp_path)
    assert not doc["passed"]
    # The cells ran as In[1..3]: the function is in In[3], the raise on its 4th line.
    assert "Cell In[3], line 4, in mse" in doc["messages"][0]


# -- the report object ----------------------------------------------------------------------


def _report() -> CheckReport:
    tests = [Outcome("worked example", "value", "visible", "passed", 1, 1),
             Outcome("random vectors", "value", "hidden", "failed", 0, 1, "wrong value")]
    result = CheckResult("ex1", "mse", "Mean squared error", "nb.ipynb", "failed", 1.0, 2.0, 5,
                         tests, [Diagnosis("extra-half", "Drop the factor 0.5.")], "", 0.2)
    return CheckReport(result)


def test_the_report_object_renders_everywhere() -> None:
    report = _report()
    assert (report.passed, report.score, report.max_score, len(report.tests)) == (
        False, 1.0, 2.0, 2)
    text = repr(report)
    assert text == str(report) and "\x1b[" not in text
    assert "Score 1/2 — failed" in text and "extra-half: Drop the factor 0.5." in flat(text)
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="256")
    console.print(report)  # __rich_console__
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[" in shown and "random vectors (hidden)" in shown
    assert max(len(line) for line in text.splitlines()) <= 100


def test_a_notebook_with_no_exercise_to_infer_is_exit_2(tmp_path: Path) -> None:
    notebook = json.loads((NOTEBOOKS / "sum_not_mean.ipynb").read_text())
    notebook["cells"][0]["source"] = ["import numpy as np\n"]  # no `# lossdrill:` header
    (tmp_path / "draft.ipynb").write_text(json.dumps(notebook))
    result = lossdrill("check", "draft.ipynb", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "draft.ipynb: cannot tell which exercise this notebook is for" \
        in lines[0] and "lossdrill-notebook-" not in lines[0]


def test_a_notebook_naming_an_unknown_exercise_says_which(tmp_path: Path) -> None:
    # Only "names no exercise" is said of the notebook; an unknown one named in its header
    # is reported as it is (the two are told apart by their class, not by their text).
    notebook = json.loads((NOTEBOOKS / "sum_not_mean.ipynb").read_text())
    notebook["cells"][0]["source"] = ["# lossdrill: ex99\n", "import numpy as np\n"]
    (tmp_path / "draft.ipynb").write_text(json.dumps(notebook))
    result = lossdrill("check", "draft.ipynb", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "unknown exercise 'ex99'" in lines[0]
    assert "cannot tell" not in lines[0]


# -- the cells an exercise needs --------------------------------------------------------------


def write_notebook(folder: Path, *cells: str, name: str = "ex1.ipynb") -> Path:
    doc = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None,
                      "outputs": [], "source": cell} for cell in cells],
           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = folder / name
    path.write_text(json.dumps(doc))
    return path


MSE_CELL = ("def mse(y_true, y_pred):\n"
            "    y_true = np.asarray(y_true, dtype=float)\n"
            "    y_pred = np.asarray(y_pred, dtype=float)\n"
            "    if y_true.shape != y_pred.shape:\n"
            "        raise ValueError('shapes differ')\n"
            "    return float(np.mean(squared(y_pred - y_true)))\n")


def test_a_plotting_cell_the_grader_cannot_import_does_not_fail_a_correct_mse(
        tmp_path: Path) -> None:
    result = lossdrill("check", NOTEBOOKS / "mse_with_a_plot.ipynb", "--seed", "2",
                       cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = flat(result.stdout)
    assert "12/12" in text
    text = flat(result.stdout.replace("│", " "))
    # Which cells were left out, and why (cells count from 1, the Markdown one too).
    assert ("cell 3 not graded: nothing it defines is used by mse (it imports "
            "matplotlib_absent.pyplot)") in text
    assert "cell 6 not graded: nothing it defines is used by mse" in text
    assert "cell 2 not graded" not in text and "cell 4 not graded" not in text


def test_a_needed_cell_that_fails_to_import_is_still_an_error(tmp_path: Path) -> None:
    # squared() uses the module the failing cell imports: the failure is a real one.
    path = write_notebook(tmp_path, "# lossdrill: ex1\nimport numpy as np",
                          "import scipy_absent as sp",
                          "def squared(d):\n    return sp.square(d)\n", MSE_CELL,
                          "print(mse([1], [2]))")
    result = lossdrill("check", path, "--json", "--seed", "1", cwd=tmp_path)
    doc = json.loads(result.stdout)
    assert doc["status"] == "error" and doc["score"] == 0
    assert "No module named 'scipy_absent'" in json.dumps(doc["diagnoses"])


def test_the_report_of_a_left_out_cell_is_in_chinese_too(tmp_path: Path) -> None:
    result = lossdrill("--lang", "zh", "check", NOTEBOOKS / "mse_with_a_plot.ipynb",
                       "--seed", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "第3个单元格未参与评分" in re.sub(r"[\s│]", "", result.stdout)


@pytest.mark.parametrize(("cells", "kept"), [
    # the function, its import, a helper and the constant the helper reads
    (["import numpy as np", "import matplotlib.pyplot as plt", "K = 2",
      "def sq(d):\n    return d ** K", "def mse(a, b):\n    return np.mean(sq(a - b))",
      "plt.plot([mse(1, 2)])"], [True, False, True, True, True, False]),
    # a global changed in place by a later cell, and one bound by `global` in a function
    (["W = [1.0]", "W[0] = 2.0", "def setup():\n    global R\n    R = 3",
      "def mse(a, b):\n    return W[0] * R * (a - b) ** 2", "x = 5"],
     [True, True, True, True, False]),
    # what cannot be told is kept: a cell that does not parse, a `*` import
    (["def mse(a, b)\n    return 0", "from numpy import *", "import os"],
     [True, True, False]),
    # nothing defines the function: every cell, as a file is graded
    (["import numpy as np", "import matplotlib.pyplot as plt"], [True, True]),
    # an import under an alias, a dotted one, a class
    (["import numpy.linalg", "import pandas as pd", "class Loss:\n    scale = 2",
      "def mse(a, b):\n    return numpy.linalg.norm(a - b) * Loss.scale"],
     [True, False, True, True]),
])
def test_the_needed_cells_are_found_by_name(cells: list[str], kept: list[bool]) -> None:
    from lossdrill.service.cells import needed

    assert needed(cells, ["mse"]) == kept


def test_cells_keep_their_numbers_when_others_are_left_out(tmp_path: Path) -> None:
    path = write_notebook(tmp_path, "import numpy as np", "import absent_plots",
                          "def squared(d):\n    return d ** 2\n", MSE_CELL)
    gathered = gather_notebook(path, ("mse",))
    assert gathered.left_out == [(2, ("absent_plots",))]
    assert "absent_plots" not in gathered.source
    line = gathered.source.split("\n").index("    return float(np.mean(squared(y_pred - "
                                             "y_true)))") + 1
    segment = gathered.locate(line)
    assert segment is not None
    assert segment.where.format(line=segment.first + line - segment.start) == "cell 4, line 6"


def test_check_called_in_a_needed_cell_is_skipped_inside_the_check(tmp_path: Path) -> None:
    path = write_notebook(tmp_path, "import numpy as np\nfrom lossdrill import check",
                          "def squared(d):\n    return d ** 2\n",
                          MSE_CELL + "check('ex1', mse)\n")
    result = lossdrill("check", path, "--seed", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check() skipped: this code is being checked already" in result.stdout
