"""The topics of the exercises: what each is called in the learner's language, and the
sections of `lossdrill list`, the path through the subject.

A topic is written in English in the spec (``topics: [regression, losses]``). Its Chinese
comes from the spec when written there (``{en: robustness, zh: 稳健性}``), else from the
vocabulary below (zh.py holds it), so the built-in pack names a topic the same way in every
exercise and a pack of its own may bring its own.

An exercise belongs to the section named by the first of its topics that names one (so the
order of a spec's topics matters: ``[gradients, regression]`` is a gradient exercise), else
to "Other topics".
"""

from __future__ import annotations

from collections.abc import Iterable

from lossdrill.i18n import N_, _, language
from lossdrill.spec.model import Exercise

# In curriculum order: the order `lossdrill list` shows them in.
SECTIONS = (
    ("regression", N_("Regression losses")),
    ("classification", N_("Classification losses")),
    ("gradients", N_("Gradients")),
    ("regularisation", N_("Regularisation")),
    ("similarity", N_("Similarity")),
    ("optimisation", N_("Optimisation")),
    ("model selection", N_("Model selection")),
    ("other", N_("Other topics")),
)

# Topic → the section it places an exercise in (both spellings where English has two).
SECTION_OF_TOPIC = {
    "regression": "regression",
    "classification": "classification",
    "gradients": "gradients",
    "regularization": "regularisation",
    "regularisation": "regularisation",
    "normalization": "regularisation",
    "normalisation": "regularisation",
    "metric learning": "similarity",
    "similarity": "similarity",
    "optimisation": "optimisation",
    "optimization": "optimisation",
    "model selection": "model selection",
}

# The built-in pack's topics, marked for translation.
VOCABULARY = (
    N_("regression"), N_("classification"), N_("losses"), N_("metrics"), N_("numpy"),
    N_("robustness"), N_("robust losses"), N_("gradients"), N_("chain rule"),
    N_("probabilities"), N_("numerical stability"), N_("softmax"), N_("sigmoid"),
    N_("perceptron"), N_("svm"), N_("regularization"), N_("regularisation"),
    N_("linear models"), N_("model selection"), N_("linear algebra"),
    N_("neural networks"), N_("randomness"), N_("normalization"), N_("data augmentation"),
    N_("images"), N_("metric learning"), N_("embeddings"), N_("distances"),
    N_("siamese networks"), N_("gradient checking"), N_("numerical methods"),
    N_("subgradient descent"), N_("training loops"), N_("cross-validation"),
    N_("optimisation"), N_("imbalanced data"),
)


def section_of(ex: Exercise) -> str:
    return next((SECTION_OF_TOPIC[t] for t in ex.topics if t in SECTION_OF_TOPIC), "other")


def section_title(section: str) -> str:
    return _(dict(SECTIONS)[section])


def topic_text(ex: Exercise, i: int) -> str:
    """The exercise's i-th topic in the current language."""
    written = ex.translations.get(language(), {}).get(f"topics[{i}]")
    return written if written is not None else _(ex.topics[i])


def topics_text(ex: Exercise) -> str:
    return _(", ").join(topic_text(ex, i) for i in range(len(ex.topics)))


def has_translation(ex: Exercise, i: int, lang: str) -> bool:
    """Whether topic i reads in ``lang``: written in the spec, or in the vocabulary."""
    if lang == "en" or f"topics[{i}]" in ex.translations.get(lang, {}):
        return True
    from lossdrill.i18n.zh import CATALOG

    return lang == "zh" and ex.topics[i] in CATALOG


def by_section(exercises: Iterable[Exercise]) -> list[tuple[str, list[Exercise]]]:
    """The sections that hold an exercise, in curriculum order, each with its exercises in
    the order given."""
    groups: dict[str, list[Exercise]] = {name: [] for name, _title in SECTIONS}
    for ex in exercises:
        groups[section_of(ex)].append(ex)
    return [(name, found) for name, found in groups.items() if found]
