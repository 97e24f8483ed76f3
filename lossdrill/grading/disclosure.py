"""What a result may show, decided in one place: the hidden-test rule.

Grading finds more than a learner may see. A failing value test knows its inputs, the
expected value and where the two differ; a failed call knows what the learner's code wrote.
So whatever grading says about a test it says in two forms (``Said``): in full, and as a
hidden test may show it — the grader's own words, without an input, an expected value, an
index or anything the learner's code wrote. A test kind returns a ``Verdict`` holding all it
found, the diagnosis an ``Explanation``, and what the learner's code printed is kept with the
visibility of the test it printed during.

``disclose`` turns these into what leaves the engine: for a hidden test its name, verdict,
score and the public form of its message, with no details, sample rows or curves; for a
diagnosis resting on a hidden test's call, its public form; of the printed output, what
visible tests printed (and how much the hidden ones did). The renderers, exports and caches
show what they are given and decide nothing again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from lossdrill.grading.results import Diagnosis, Pinpoint, SampleRow, TestResult, TestStatus
from lossdrill.i18n import _
from lossdrill.spec.model import Test, Visibility


@dataclass(frozen=True)
class Said:
    """A text in two forms: ``full``, and ``public``, what a hidden test may show of it
    ("" when nothing)."""

    full: str
    public: str

    @classmethod
    def both(cls, text: str) -> Said:
        """The grader's own words, naming nothing hidden: the same in both forms."""
        return cls(text, text)

    def __add__(self, other: Said | str) -> Said:
        more = other if isinstance(other, Said) else Said.both(other)
        return Said(self.full + more.full, self.public + more.public)

    def __radd__(self, other: str) -> Said:
        return Said(other + self.full, other + self.public)

    def then(self, separator: str, more: Said | None) -> Said:
        """This text, then ``more`` after ``separator`` in each form where it says anything."""
        if more is None:
            return self
        return Said(self.full + separator + more.full if more.full else self.full,
                    self.public + separator + more.public if more.public else self.public)


NOTHING = Said("", "")


def say(template: str, **fields: object) -> Said:
    """``_(template, **fields)`` in both forms, each ``Said`` field in the form being made."""
    def form(public: bool) -> str:
        return _(template, **{name: (value.public if public else value.full)
                              if isinstance(value, Said) else value
                              for name, value in fields.items()})

    return Said(form(public=False), form(public=True))


@dataclass
class Samples:
    """Which samples of a wrong loss disagree, as pinpointing found them."""

    pattern: Said
    differing: int
    total: int
    rows: list[SampleRow] = field(default_factory=list)


@dataclass
class Verdict:
    """One test's result before the rule: everything grading found."""

    status: TestStatus
    message: Said = NOTHING
    details: dict[str, str] = field(default_factory=dict)  # inputs, expected, got, error
    curves: dict[str, list[float]] = field(default_factory=dict)  # a task's training losses
    samples: Samples | None = None


@dataclass(frozen=True)
class Explanation:
    """A diagnosis before the rule: its message in both forms, and the visibility of the
    test whose call it rests on."""

    id: str
    message: Said
    visibility: Visibility = Visibility.VISIBLE


class Disclosed(NamedTuple):
    tests: list[TestResult]
    diagnoses: list[Diagnosis]
    learner_output: str
    notes: list[str]


def disclose(tests: Sequence[Test], verdicts: Sequence[Verdict],
             explanations: Sequence[Explanation],
             printed: Sequence[tuple[Visibility, str]]) -> Disclosed:
    """The results of a check's tests, its diagnoses and the learner's printed output, as
    they may be shown."""
    results = [_test_result(test, verdict) for test, verdict in zip(tests, verdicts, strict=True)]
    diagnoses: list[Diagnosis] = []
    for explanation in explanations:
        diagnosis = Diagnosis(explanation.id, _form(explanation.message, explanation.visibility))
        if diagnosis not in diagnoses:  # two explanations may read alike once disclosed
            diagnoses.append(diagnosis)
    shown = "".join(text for visibility, text in printed if visibility is Visibility.VISIBLE)
    withheld = sum(len(text) for visibility, text in printed if visibility is Visibility.HIDDEN)
    notes = [_("{count} characters printed during hidden tests are not shown",
               count=withheld)] if withheld else []
    return Disclosed(results, diagnoses, shown, notes)


def _form(said: Said, visibility: Visibility) -> str:
    return said.public if visibility is Visibility.HIDDEN else said.full


def _test_result(test: Test, verdict: Verdict) -> TestResult:
    hidden = test.visibility is Visibility.HIDDEN
    samples = verdict.samples
    pinpoint = None if samples is None else Pinpoint(
        _form(samples.pattern, test.visibility), samples.differing, samples.total,
        [] if hidden else samples.rows)
    return TestResult(
        test.name, test.kind, test.visibility, verdict.status,
        test.points if verdict.status is TestStatus.PASSED else 0.0, test.points,
        _form(verdict.message, test.visibility),
        details={} if hidden else verdict.details,
        curves={} if hidden else verdict.curves,
        pinpoint=pinpoint,
    )
