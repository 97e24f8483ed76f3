"""A plot with a family of curves (one series per value of a parameter): ex27's focal loss for
five values of γ. Each curve keeps a mark and a colour of its own in a terminal, the legend
breaks between entries only, and where no plot fits the table gives a row per curve, each
learner curve under its reference, with no number cut short.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console

from lossdrill.grading.curves import Sweep, reference_sweep
from lossdrill.i18n import set_language
from lossdrill.render.plots import render_sweep
from lossdrill.service.grade import learner_sweep
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
CORRECT = REPO / "tests" / "learners" / "ex27" / "imbalanced_vectorised.py"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GAMMAS = ["0", "0.5", "1", "2", "5"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(find_pack(REPO))


@pytest.fixture(scope="module")
def fixed_gamma(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ex27 with one mistake: the focal factor squared whatever γ is."""
    source = CORRECT.read_text(encoding="utf-8")
    assert source.count("(1 - p_t) ** gamma") == 1
    path = tmp_path_factory.mktemp("family") / "ex27.py"
    path.write_text(source.replace("(1 - p_t) ** gamma", "(1 - p_t) ** 2"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sweep(catalog: Catalog, fixed_gamma: Path) -> Sweep:
    found = learner_sweep(catalog.get("ex27"), fixed_gamma)
    assert found is not None and found.differs()
    return found


def test_the_focal_loss_fans_out_with_gamma(catalog: Catalog) -> None:
    ref = reference_sweep(catalog.get("ex27"))
    p = np.array(ref.x)
    assert [c.series for c in ref.curves] == [f"γ = {g}" for g in GAMMAS]
    curves = {c.series: np.array(c.y) for c in ref.curves}
    assert np.allclose(curves["γ = 0"], -np.log(p))  # γ = 0: the cross-entropy
    assert np.allclose(curves["γ = 2"], -(1 - p) ** 2 * np.log(p))
    stacked = np.array([curves[f"γ = {g}"] for g in GAMMAS])
    assert (np.diff(stacked, axis=0) < 0).all()  # a larger γ discounts every p_t further


def test_the_learners_family_is_drawn_over_the_references(sweep: Sweep) -> None:
    labels = [c.label for c in sweep.curves]
    assert labels == ([f"reference (γ = {g})" for g in GAMMAS]
                      + [f"yours (γ = {g})" for g in GAMMAS])
    mine = {c.series: np.array(c.y) for c in sweep.curves if c.role == "learner"}
    ref2 = next(np.array(c.y) for c in sweep.curves if c.series == "γ = 2"
                and c.role == "reference")
    assert all(np.allclose(y, ref2) for y in mine.values())  # every γ gives the γ = 2 curve


def _terminal(width: int, colour: bool) -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=width,
                   color_system="256" if colour else None, highlight=False)


def _plain(width: int) -> Console:
    return Console(file=io.StringIO(), force_terminal=False, width=width, color_system=None)


def _text(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [100, 72])
def test_each_curve_of_the_family_has_a_mark_of_its_own(sweep: Sweep, width: int) -> None:
    console = _terminal(width, colour=False)
    render_sweep(console, sweep, "focal")
    text = _text(console)
    entries = re.findall(r"(\S\S) ((?:reference|yours) \(γ = [\d.]+\))", text)
    assert [label for _, label in entries] == [c.label for c in sweep.curves]  # none broken
    marks = [mark for mark, _ in entries]
    assert len(set(marks)) == len(marks) == 10
    assert all(len(line) <= width for line in text.splitlines())


def test_each_curve_of_the_family_has_a_colour_of_its_own(sweep: Sweep) -> None:
    console = _terminal(100, colour=True)
    render_sweep(console, sweep, "focal")
    legend = _text(console).split("└", 1)[1]
    colours = re.findall(r"(\x1b\[[0-9;]*m)(\S\S)\x1b\[0m (?:reference|yours)", legend)
    assert len(colours) == 10 and len({code for code, _ in colours}) == 10


@pytest.mark.parametrize("width", [100, 80, 60])
def test_without_a_terminal_a_row_per_curve(sweep: Sweep, width: int) -> None:
    console = _plain(width)
    render_sweep(console, sweep, "focal")
    text = _text(console)
    rows = [line for line in text.splitlines() if re.match(r"(reference|yours) \(γ", line)]
    # Each learner curve right under its reference, marked where the two part.
    assert [r.split(")")[0] + ")" for r in rows] == [
        f"{who} (γ = {g})" for g in GAMMAS for who in ("reference", "yours")]
    for ref, mine, gamma in zip(rows[::2], rows[1::2], GAMMAS, strict=True):
        assert mine.rstrip().endswith("✗") == (gamma != "2"), mine
        assert not ref.rstrip().endswith("✗")
    header = text.splitlines()[1:4]
    assert any("0.01" in line and "0.99" in line for line in header)  # first and last p_t
    assert "…" not in text  # no number cut short
    assert all(len(line) <= width for line in text.splitlines())


@pytest.mark.parametrize("width", range(70, 81))
def test_chinese_labels_are_measured_in_cells(sweep: Sweep, width: int) -> None:
    # A Chinese character takes two cells: legend entries stay whole and the table's
    # numbers are not cut, whatever the width.
    set_language("zh")
    try:
        plot, table = _terminal(width, colour=False), _plain(width)
        render_sweep(plot, sweep, "焦点损失")
        render_sweep(table, sweep, "焦点损失")
    finally:
        set_language("en")
    entries = re.findall(r"\S\S (?:参考答案|你的) \(γ = [\d.]+\)", _text(plot))
    assert len(entries) == 10
    assert "…" not in _text(table) and "参考答案" in _text(table)
    assert all(cell_len(line) <= width for line in (_text(plot) + _text(table)).splitlines())


def _env() -> dict[str, str]:
    scrubbed = ("LOSSDRILL_EXERCISES", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
    return {k: v for k, v in os.environ.items() if k not in scrubbed}


def test_show_ex27_plot_tabulates_the_family(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "show", "ex27", "--plot"],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    table = result.stdout.split("focal_loss against probability of the true class p_t", 1)[1]
    rows = [line.split() for line in table.splitlines() if line.startswith("reference (γ")]
    assert [row[3].rstrip(")") for row in rows] == GAMMAS
    assert [row[4] for row in rows] == ["4.605", "4.582", "4.559", "4.514", "4.379"]  # p = 0.01


def test_a_failing_check_of_ex27_shows_the_family(tmp_path: Path, fixed_gamma: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lossdrill", "check", str(fixed_gamma),
                             "--seed", "1"], cwd=tmp_path, env=_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Your focal_loss against the reference's" in result.stdout
    marked = [line.split(")")[0] for line in result.stdout.splitlines()
              if line.startswith("yours (γ") and line.rstrip().endswith("✗")]
    assert marked == [f"yours (γ = {g}" for g in GAMMAS if g != "2"]
