"""Chinese (and any wide-character) text in the check report wraps as cleanly as English:
no line wider than the terminal, no message cut with an ellipsis, nothing left out."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from lossdrill.grading.results import CheckResult, Diagnosis, TestResult
from lossdrill.i18n import set_language
from lossdrill.render.terminal import render_check, summary_text
from lossdrill.render.wrap import breaks, units
from lossdrill.service.grade import Options, grade
from lossdrill.spec.catalog import Catalog, find_pack

LEARNERS = Path(__file__).resolve().parents[1] / "learners"
WIDTHS = (80, 100, 120)
CLOSING = "，。、：；！？）」』》〉】,.:;!?)"


@pytest.fixture(scope="module")
def chinese_results() -> list[CheckResult]:
    """Real reports in Chinese: a wrong raise, a wrong gradient (hidden tests failing too, a
    training task), a syntax error."""
    set_language("zh")
    try:
        catalog = Catalog(find_pack(None))
        files = ("ex1/mistake_broadcasts-mismatched-shapes.py", "ex3/mistake_grad-wrong-sign.py",
                 "ex2/mistake_no-clipping.py", "broken/ex1_syntax_error.py")
        results = []
        for name in files:
            path = LEARNERS / name
            if not path.exists():
                continue
            exercise = catalog.get(path.parent.name if path.parent.name != "broken" else "ex1")
            results.append(grade(exercise, path, Options(seed=1)).result)
        assert len(results) >= 3
        return results
    finally:
        set_language(None)


def synthetic() -> CheckResult:
    """What a real check seldom gives at once: a long message without a clause break, a long
    hidden message, a traceback, a long test name, all in Chinese."""
    long = "你的函数" + "返回的数组形状与参考实现不一致并且每一个元素都不相同" * 4
    tests = [
        TestResult("a", "value", "visible", "failed", 0, 1, long, label="一个非常长的测试名称" * 3),
        TestResult("b", "value", "hidden", "failed", 0, 1,
                   "值错误；" + "每个元素都差了同一个倍数" * 5),
        TestResult("c", "value", "visible", "error", 0, 1,
                   "ZeroDivisionError: 除以零\nTraceback (most recent call last):\n"
                   "  第 3 行，在 mse 中"),
        TestResult("d", "value", "visible", "failed", 0, 1,
                   "4 个元素中有 3 个不同；最大偏差（索引 (1,)）：应为 0.25，实际为 -0.25",
                   details={"input y_true": "[ 1. -1.  1. -1.]", "expected": "[0.25 0.5]"}),
    ]
    return CheckResult("ex1", "mse", "MSE", "作业/第一题.py", "failed", 0, 4, 7, tests,
                       [Diagnosis("sum-instead-of-mean", "你把所有元素加了起来却没有除以元素个"
                                  "数 N，所以结果大了 N 倍。请用 np.mean 代替 np.sum。")], "", 0.1,
                       label="均方误差")


def rendered(result: CheckResult, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, emoji=False)
    set_language("zh")
    try:
        render_check(console, result)
    finally:
        set_language(None)
    return out.getvalue()


def squeezed(text: str) -> str:
    """``text`` without layout: spaces, line ends and the borders of panels."""
    return re.sub(r"[\s│╭╮╰╯─]+", "", text)


def check_layout(result: CheckResult, width: int) -> None:
    text = rendered(result, width)
    for line in text.splitlines():
        assert cell_len(line) <= width, (width, line)
        # A line of a wrapped sentence never starts with the punctuation that closes it.
        assert not line.strip() or line.strip()[0] not in "，。、：；！？）", (width, line)
    sources = [t.message for t in result.tests] + [d.message for d in result.diagnoses]
    if "…" not in "".join(sources):
        assert "…" not in text, (width, text)
    flat = squeezed(text)
    for test in result.tests:
        if test.status in ("failed", "error"):
            # Hidden: whole in its cell; visible: whole below the table (a traceback's first
            # line at least, the rest following it).
            message = test.message if test.hidden else test.message.splitlines()[0]
            assert squeezed(message) in flat, (width, message, text)
        assert squeezed(test.label or test.name) in flat
    for diagnosis in result.diagnoses:
        assert squeezed(diagnosis.message) in flat


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chinese_report_fits_and_says_everything(chinese_results: list[CheckResult],
                                                    width: int) -> None:
    for result in chinese_results:
        check_layout(result, width)
    check_layout(synthetic(), width)


def test_the_result_cell_shows_a_whole_clause_or_points_below() -> None:
    set_language("zh")
    try:
        for test in synthetic().tests:
            shown, message = summary_text(test), test.message.strip()
            assert shown == message or shown == "详见下文" or (
                message.startswith(shown) and message[len(shown):][:1] in "：；:;，,\n"), shown
            if not test.hidden:
                assert cell_len(shown) <= 60
    finally:
        set_language(None)


def test_the_garbled_cell_of_a_wrong_raise_reads_cleanly(chinese_results: list[CheckResult]
                                                         ) -> None:
    text = rendered(chinese_results[0], 80)
    row = [line for line in text.splitlines() if line.startswith("✗")][0]
    # The verdict whole, without a trailing fragment of the spec's message.
    assert row.rstrip().endswith("而没有抛出") or row.rstrip().endswith("ValueError"), text
    assert "(N, 1…" not in text


@pytest.mark.parametrize("sentence", [
    "returned 2.33333 instead of raising ValueError: y_true and y_pred must have the same shape",
    "call f(x) now, then (again) and again: 1.5, 2.5",
])
@pytest.mark.parametrize("width", [10, 23, 40])
def test_english_breaks_where_rich_breaks_it(sentence: str, width: int) -> None:
    ours = [0, *breaks(sentence, width), len(sentence)]
    lines = [sentence[a:b].rstrip() for a, b in zip(ours, ours[1:], strict=False)]
    assert lines == [line.plain.rstrip() for line in Text(sentence).wrap(Console(), width)]


def test_chinese_breaks_between_characters_never_before_closing_punctuation() -> None:
    sentence = ("返回了 2.33333，而没有抛出 ValueError: y_true 与 y_pred 的形状必须相同："
                "（N, 1）的列向量")
    assert "".join(sentence[a:b] for a, b in units(sentence)) == sentence
    for width in range(12, 40):  # from the widest unit (`ValueError: `) on
        cut = [0, *breaks(sentence, width), len(sentence)]
        lines = [sentence[a:b] for a, b in zip(cut, cut[1:], strict=False)]
        assert "".join(lines) == sentence
        for line in lines:
            assert cell_len(line.rstrip()) <= width
            assert line[0] not in CLOSING
            assert line.rstrip()[-1] not in "（「"
