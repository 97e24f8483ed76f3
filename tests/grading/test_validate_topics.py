"""`lossdrill validate` asks for the Chinese of a topic that neither the spec nor the built-in
vocabulary translates, and of a plot's marks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lossdrill.grading.validate import _translated, text_paths
from lossdrill.spec.catalog import Catalog, find_pack

REPO = Path(__file__).resolve().parents[2]
EXERCISES = {ex.id: ex for ex in Catalog(find_pack(REPO)).all()}


def test_a_topic_nobody_translated_is_named() -> None:
    custom = dataclasses.replace(EXERCISES["ex1"], topics=("regression", "kernel tricks"))
    finding = _translated(custom)
    assert not finding.ok and "topics[1]" in finding.detail
    assert "topics[0]" not in finding.detail  # the vocabulary's
    zh = {**custom.translations["zh"], "topics[1]": "核技巧"}
    written = dataclasses.replace(custom, translations={**custom.translations, "zh": zh})
    assert _translated(written).ok


def test_the_marks_of_a_plot_are_texts_to_translate() -> None:
    ex5 = EXERCISES["ex5"]
    assert "plot.marks[3].label" in text_paths(ex5)
    zh = {k: v for k, v in ex5.translations["zh"].items() if k != "plot.marks[3].label"}
    missing = dataclasses.replace(ex5, translations={**ex5.translations, "zh": zh})
    finding = _translated(missing)
    assert not finding.ok and "plot.marks[3].label" in finding.detail
