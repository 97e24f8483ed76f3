"""English and Simplified Chinese: the language chosen, every built-in exercise rendered in
both, Chinese labels and diagnoses in a failing check, a catalog entry for every `_()`
literal, and tables with wide characters that line up."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from lossdrill.grading.diagnosis import diagnose, failures
from lossdrill.i18n import language, set_language
from lossdrill.i18n.zh import CATALOG
from lossdrill.render.terminal import render_check, render_exercise, render_list
from lossdrill.service.grade import Options, grade
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
FAILING = REPO / "tests" / "learners" / "ex1" / "mistake_sum-instead-of-mean.py"
EXERCISES = Catalog(find_pack(None)).all()
_LANG_VARS = ("LOSSDRILL_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LOSSDRILL_EXERCISES")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language(None)


def console() -> Console:
    return Console(file=io.StringIO(), width=100, no_color=True, highlight=False,
                   soft_wrap=False)


def lossdrill(*args: str, cwd: Path, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in _LANG_VARS}
    return subprocess.run([sys.executable, "-m", "lossdrill", *args], cwd=cwd,
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          timeout=90)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_show_in_both_languages(ex) -> None:
    set_language("en")
    en = console()
    render_exercise(en, ex)
    english = en.file.getvalue()  # type: ignore[attr-defined]
    assert ex.title in english
    set_language("zh")
    zh = console()
    render_exercise(zh, ex)
    chinese = zh.file.getvalue()  # type: ignore[attr-defined]
    assert ex.text("title", "zh") != ex.title
    assert ex.text("title", "zh") in chinese
    first = ex.statement.strip().splitlines()[0].strip()
    assert first not in chinese  # the English statement is not shown
    assert "需要定义" in chinese


def test_a_failing_check_in_chinese(tmp_path: Path) -> None:
    set_language("zh")
    ex = Catalog(find_pack(None)).get("ex1")
    result = grade(ex, FAILING, Options(seed=1)).result
    out = console()
    render_check(out, result)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    assert "得分" in text and "诊断" in text and "测试" in text
    message = ex.text("mistakes[0].message", "zh")
    assert [d.message for d in result.diagnoses] == [message]
    assert "你的结果大了 N 倍" in text.replace("\n", "")
    # The JSON keeps the English test names, for scripts.
    doc = result.to_dict("x")
    assert doc["tests"][0]["name"] == "worked example"
    assert "应为" in doc["tests"][0]["message"]


def test_the_environment_chooses_the_language(tmp_path: Path) -> None:
    for env in ({"LOSSDRILL_LANG": "zh"}, {"LANG": "zh_CN.UTF-8"}):
        run = lossdrill("show", "ex1", cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr
        assert "均方误差" in run.stdout
    run = lossdrill("show", "ex1", cwd=tmp_path, env={"LANG": "en_US.UTF-8"})
    assert "Mean squared error" in run.stdout
    run = lossdrill("--lang", "zh", "show", "ex1", cwd=tmp_path, env={"LANG": "en_US.UTF-8"})
    assert "均方误差" in run.stdout
    run = lossdrill("--lang", "en", "show", "ex1", cwd=tmp_path,
                    env={"LOSSDRILL_LANG": "zh"})
    assert "Mean squared error" in run.stdout


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    run = lossdrill("--lang", "fr", "list", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "--lang" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_check_json_keeps_english_names(tmp_path: Path) -> None:
    run = lossdrill("--lang", "zh", "check", str(FAILING), "-e", "ex1", "--json",
                    "--seed", "1", cwd=tmp_path)
    assert run.returncode == 1
    import json

    doc = json.loads(run.stdout)
    assert doc["tests"][0]["name"] == "worked example"
    assert "你的结果大了 N 倍" in doc["diagnoses"][0]["message"]


def _literals() -> list[str]:
    found = []
    for path in sorted((REPO / "lossdrill").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append(node.args[0].value)
    return found


def test_every_message_has_a_chinese_entry() -> None:
    templates = _literals()
    assert len(templates) > 100
    for table in (diagnose._LOAD, diagnose._CALL, diagnose._PROBLEM):
        templates += [text for _, text in table.values()]
    templates += [text for _, _, text in diagnose._FACTORS]
    templates += list(failures._HIDDEN_TEXT.values())
    missing = sorted({t for t in templates if t not in CATALOG})
    assert not missing
    for english, chinese in CATALOG.items():  # the same fields on both sides
        fields = sorted(set(_fields(english)))
        assert sorted(set(_fields(chinese))) == fields, english


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_wide_characters_line_up_in_tables() -> None:
    set_language("zh")
    out = Console(file=io.StringIO(), width=160, no_color=True, highlight=False,
                  soft_wrap=False)
    render_list(out, EXERCISES, {})
    lines = [line for line in out.file.getvalue().splitlines() if line.strip()]  # type: ignore
    # Every row is padded to the table's width: the columns line up.
    assert len({cell_len(line) for line in lines}) == 1
    ex = Catalog(find_pack(None)).get("ex1")
    result = grade(ex, FAILING, Options(seed=1)).result
    out = Console(file=io.StringIO(), width=120, no_color=True, highlight=False,
                  soft_wrap=False)
    render_check(out, result)
    rows = out.file.getvalue().splitlines()  # type: ignore[attr-defined]
    # The table runs from the header to the first blank line (details follow) or the score.
    end = next(i for i, r in enumerate(rows) if i > 1 and (not r.strip() or r.startswith("得分")))
    table = rows[1:end]
    assert len(table) > 3
    assert len({cell_len(line) for line in table}) == 1


def test_language_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _LANG_VARS:
        monkeypatch.delenv(name, raising=False)
    set_language(None)
    assert language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language() == "zh"
    monkeypatch.setenv("LC_ALL", "C")
    assert language() == "en"
    monkeypatch.setenv("LOSSDRILL_LANG", "zh")
    assert language() == "zh"
    with pytest.raises(ValueError):
        set_language("fr")


# Sentences of the gradient tests, the tasks and the plots that must not stay English in zh.
_ENGLISH = ("does not match the reference gradient", "is not the derivative of",
            "central differences", "finite differences could not", "training stopped",
            "held-out accuracy", "the loss curve leaves", "accuracy too low", "at epoch",
            "Training loss by epoch", "yours", "largest error", "abs error", "not run:",
            "did not finish within", "the learner process")


def test_a_failing_gradient_test_and_task_in_chinese(tmp_path: Path) -> None:
    wrong_sign = REPO / "tests" / "learners" / "ex3" / "mistake_grad-wrong-sign.py"
    run = lossdrill("--lang", "zh", "check", str(wrong_sign), "--seed", "1", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    text = run.stdout.replace("\n", "")
    assert "与参考实现的梯度不符" in text
    assert "留出集准确率" in text and "损失曲线在第" in text and "轮偏离了参考实现" in text
    assert "各轮训练损失" in text
    for english in _ENGLISH:
        assert english not in run.stdout, english


def test_finite_differences_and_a_stopped_training_in_chinese(tmp_path: Path) -> None:
    # The right subgradient of a loss twice too large, and a loss that fails at w = 0.
    source = (REPO / "tests" / "learners" / "ex3" / "hinge_vectorised.py").read_text()
    source = source.replace(
        "    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))",
        "    if not s.any():\n        raise RuntimeError('boom')\n"
        "    return 2 * float(np.mean(np.maximum(0.0, 1.0 - y * s)))")
    learner = tmp_path / "ex3.py"
    learner.write_text(source)
    set_language("zh")
    ex = Catalog(find_pack(None)).get("ex3")
    result = grade(ex, learner, Options(seed=1)).result
    messages = {t.name: t.message for t in result.tests}
    assert "hinge_grad 不是你自己的 hinge_loss 的导数：在索引" in messages[
        "gradient at margin exactly 1"]
    assert "中心差分给出" in messages["gradient at margin exactly 1"]
    assert messages["train a linear classifier"].startswith("训练中止：第 0 轮的 hinge_loss 失败")
    out = console()
    render_check(out, result)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    for english in _ENGLISH:
        assert english not in text, english
