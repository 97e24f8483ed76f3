"""Topics in the learner's language and the sections of `lossdrill list`: every built-in topic
has its Chinese, a spec may bring its own, and each exercise sits in the section its first
section-naming topic says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from lossdrill.i18n import set_language
from lossdrill.i18n.zh import CATALOG
from lossdrill.spec.catalog import Catalog, find_pack
from lossdrill.spec.topics import (
    SECTIONS,
    VOCABULARY,
    by_section,
    section_of,
    section_title,
    topic_text,
    topics_text,
)

REPO = Path(__file__).resolve().parents[2]
EXERCISES = Catalog(find_pack(REPO)).all()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language(None)


def test_every_topic_of_the_pack_is_in_the_vocabulary_with_its_chinese() -> None:
    used = {t for ex in EXERCISES for t in ex.topics}
    assert used <= set(VOCABULARY), sorted(used - set(VOCABULARY))
    for topic in VOCABULARY:
        assert CATALOG.get(topic), topic
    for _name, title in SECTIONS:
        assert CATALOG.get(title), title


def test_each_exercise_sits_in_its_section() -> None:
    sections = {ex.id: section_of(ex) for ex in EXERCISES}
    assert [sections[f"ex{n}"] for n in (1, 4, 5)] == ["regression"] * 3
    assert [sections[f"ex{n}"] for n in (2, 3, 7, 8, 9, 11, 12, 13)] == ["classification"] * 8
    assert [sections[f"ex{n}"] for n in (6, 10, 23)] == ["gradients"] * 3
    assert [sections[f"ex{n}"] for n in (14, 15, 16, 17, 18, 19)] == ["regularisation"] * 6
    assert [sections[f"ex{n}"] for n in (20, 21, 22)] == ["similarity"] * 3
    assert sections["ex24"] == "optimisation" and sections["ex25"] == "model selection"
    assert "other" not in sections.values()


def test_sections_come_in_curriculum_order_each_in_exercise_order() -> None:
    grouped = by_section(EXERCISES)
    order = [name for name, _title in SECTIONS]
    assert [name for name, _ in grouped] == sorted((name for name, _ in grouped),
                                                   key=order.index)
    for _name, members in grouped:
        assert [ex.number for ex in members] == sorted(ex.number for ex in members)
    assert sum(len(m) for _, m in grouped) == len(EXERCISES)


def test_topics_and_sections_in_chinese() -> None:
    ex5 = next(ex for ex in EXERCISES if ex.id == "ex5")
    assert topics_text(ex5) == "regression, losses, robustness, numpy"
    set_language("zh")
    assert topics_text(ex5) == "回归、损失函数、稳健性、NumPy"
    assert section_title("regression") == "回归的损失函数"


def test_a_topic_outside_the_vocabulary_stays_english() -> None:
    ex1 = next(ex for ex in EXERCISES if ex.id == "ex1")
    custom = dataclasses.replace(ex1, topics=("regression", "kernel tricks"))
    set_language("zh")
    assert topic_text(custom, 1) == "kernel tricks" and topic_text(custom, 0) == "回归"
    assert section_of(custom) == "regression"


def test_a_spec_may_write_a_topic_per_language(tmp_path: Path) -> None:
    from lossdrill.spec.load import load_exercise

    text = (REPO / "exercises" / "ex1_mse.yaml").read_text(encoding="utf-8")
    text = text.replace("topics: [regression, losses, numpy]",
                        "topics: [regression, {en: kernel tricks, zh: 核技巧}]")
    path = tmp_path / "exercises" / "ex1_mse.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    ex = load_exercise(path, REPO / "solutions")
    assert ex.topics == ("regression", "kernel tricks")
    set_language("zh")
    assert topics_text(ex) == "回归、核技巧"


def test_an_exercise_without_a_section_topic_goes_under_other_topics() -> None:
    ex1 = next(ex for ex in EXERCISES if ex.id == "ex1")
    lone = dataclasses.replace(ex1, topics=("losses",))
    assert section_of(lone) == "other"
    assert by_section([lone]) == [("other", [lone])]
