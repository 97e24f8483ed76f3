"""`lossdrill list` by section — regression losses, classification losses, gradients,
regularisation, similarity, optimisation, model selection — with its topics, in English and
in Chinese; `list --json` names each exercise's section and keeps curriculum order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_inprocess import run_main

from lossdrill.i18n import set_language
from lossdrill.spec.catalog import Catalog, find_pack

SECTIONS_EN = ["Regression losses", "Classification losses", "Gradients", "Regularisation",
               "Similarity", "Optimisation", "Model selection"]
SECTIONS_ZH = ["回归的损失函数", "分类的损失函数", "梯度", "正则化", "相似度与度量学习", "优化",
               "模型选择"]


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for name in ("LOSSDRILL_EXERCISES", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    # Set, so that what `--lang` writes there is undone afterwards.
    monkeypatch.setenv("LOSSDRILL_LANG", "en")
    monkeypatch.setenv("COLUMNS", "160")
    yield
    set_language(None)


def _sections_and_rows(out: str, headings: list[str]) -> list[tuple[str, list[str]]]:
    """Each heading in the order printed, with the ids under it."""
    found: list[tuple[str, list[str]]] = []
    for line in out.splitlines():
        text = line.strip()
        if text in headings:
            found.append((text, []))
        elif re.match(r"ex\d+\s", text):
            found[-1][1].append(text.split()[0])
    return found


def test_list_groups_the_exercises_by_section(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(monkeypatch, capsys, "list")
    assert code == 0, err
    sections = _sections_and_rows(out, SECTIONS_EN)
    assert [name for name, _ in sections] == SECTIONS_EN
    ids = dict(sections)
    assert ids["Regression losses"][:3] == ["ex1", "ex4", "ex5"]
    assert ids["Gradients"][:3] == ["ex6", "ex10", "ex23"]
    assert ids["Similarity"] == ["ex20", "ex21", "ex22"]
    assert ids["Optimisation"] == ["ex24", "ex26"] and ids["Model selection"] == ["ex25"]
    listed = sorted(i for members in ids.values() for i in members)
    assert listed == sorted(ex.id for ex in Catalog(find_pack(None)).all())  # each once
    assert "regression, losses," in out and "numerical stability" in " ".join(out.split())


def test_list_in_chinese_translates_sections_and_topics(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(monkeypatch, capsys, "--lang", "zh", "list")
    assert code == 0, err
    assert [name for name, _ in _sections_and_rows(out, SECTIONS_ZH)] == SECTIONS_ZH
    assert "回归、损失函数、NumPy" in out  # ex1's topics
    for english in ("metric learning", "classification", "numerical stability"):
        assert english not in out


def test_list_json_names_the_section_in_curriculum_order(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(monkeypatch, capsys, "--lang", "zh", "list", "--json")
    assert code == 0, err
    exercises = json.loads(out)["exercises"]
    assert [e["id"] for e in exercises][:3] == ["ex1", "ex2", "ex3"]
    by_id = {e["id"]: e for e in exercises}
    assert by_id["ex6"]["section"] == "gradients" and by_id["ex2"]["section"] == "classification"
    assert by_id["ex1"]["topics"] == ["regression", "losses", "numpy"]  # keys stay English
