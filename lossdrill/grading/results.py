"""Result objects: what grading produces and what the renderers and exports read.

A result leaves the engine already disclosed (disclosure.py): a hidden test's result holds
nothing that may not be shown, so whatever reads one shows what it finds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, is_dataclass
from dataclasses import fields as fields_of
from typing import Any

from lossdrill import escape
from lossdrill.spec.model import StrEnum, TestKind, Visibility


class TestStatus(StrEnum):
    """The verdict on one test."""

    __test__ = False  # a class of the package, not one for pytest to collect

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # the call raised, timed out or ended the process
    SKIPPED = "skipped"  # not run: the file did not load, or an earlier call hung


class CheckStatus(StrEnum):
    """The verdict on one file."""

    PASSED = "passed"
    FAILED = "failed"  # it loads, and some test does not pass
    ERROR = "error"  # it cannot be loaded, or a function is missing
    MISSING = "missing"  # `lossdrill grade`: the submission holds no file for the exercise


@dataclass
class SampleRow:
    """One sample of a wrong loss, called alone: its inputs, the reference's value, the
    learner's."""

    index: int
    inputs: dict[str, str]
    expected: str
    got: str


@dataclass
class Pinpoint:
    """Which samples of a wrong loss disagree (diagnosis/pinpoint.py)."""

    pattern: str  # in words
    differing: int
    total: int
    rows: list[SampleRow] = field(default_factory=list)  # none for a hidden test


@dataclass
class TestResult:
    __test__ = False  # a class of the package, not one for pytest to collect

    name: str
    kind: TestKind
    visibility: Visibility
    status: TestStatus
    score: float
    max_score: float
    message: str = ""
    # Expected/got abbreviated, errors and where: none for a hidden test.
    details: dict[str, str] = field(default_factory=dict)
    curves: dict[str, list[float]] = field(default_factory=dict)
    pinpoint: Pinpoint | None = None  # which samples of a wrong loss disagree
    label: str = ""  # the name in the report's language (`name` stays English, for scripts)

    def __post_init__(self) -> None:
        # Plain strings (a result read back from JSON, say) become the enums they name.
        self.kind = TestKind(self.kind)
        self.visibility = Visibility(self.visibility)
        self.status = TestStatus(self.status)

    @property
    def hidden(self) -> bool:
        return self.visibility is Visibility.HIDDEN


@dataclass(frozen=True)
class Diagnosis:
    id: str
    message: str


@dataclass
class CheckResult:
    exercise: str
    slug: str
    title: str
    file: str
    status: CheckStatus
    score: float
    max_score: float
    seed: int
    tests: list[TestResult]
    diagnoses: list[Diagnosis]
    learner_output: str
    duration_s: float
    protections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. output withheld from hidden tests
    label: str = ""  # the title in the report's language (`title` stays English)

    def __post_init__(self) -> None:
        self.status = CheckStatus(self.status)

    @property
    def passed(self) -> bool:
        return self.status is CheckStatus.PASSED

    def to_dict(self, version: str) -> dict[str, Any]:
        """The JSON document of DESIGN.md, key for key."""
        return {
            "lossdrill": version,
            "exercise": self.exercise,
            "slug": self.slug,
            "title": self.title,
            "file": self.file,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "seed": self.seed,
            "tests": [
                {
                    "name": t.name,
                    "kind": t.kind,
                    "visibility": t.visibility,
                    "status": t.status,
                    "score": t.score,
                    "max_score": t.max_score,
                    "message": t.message,
                }
                for t in self.tests
            ],
            "diagnoses": [{"id": d.id, "message": d.message} for d in self.diagnoses],
            "learner_output": self.learner_output,
            "duration_s": round(self.duration_s, 3),
        }


# -- as plain data (JSON), for caches and for results crossing a process boundary ---------


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, by class


def plain(value: Any) -> Any:
    """`json.dumps(default=plain)`: a result (any dataclass) as the dict of its fields — what
    result_to_data gives, without first copying the result whole into dicts — and NumPy
    scalars and arrays (a score, a line number) as the Python numbers and lists they hold."""
    names = _FIELDS.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in fields_of(value))
    if names is not None:
        return {name: getattr(value, name) for name in names}
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def result_to_data(result: CheckResult) -> dict[str, Any]:
    return asdict(result)


def result_from_data(data: dict[str, Any]) -> CheckResult:
    """The inverse of result_to_data; raises KeyError, TypeError or ValueError on bad data."""
    tests = []
    for t in data["tests"]:
        fields = dict(t)
        if fields.get("pinpoint") is not None:
            found = dict(fields["pinpoint"])
            found["rows"] = [SampleRow(**row) for row in found.get("rows", [])]
            fields["pinpoint"] = Pinpoint(**found)
        tests.append(TestResult(**fields))
    fields = dict(data)
    fields["tests"] = tests
    fields["diagnoses"] = [Diagnosis(**d) for d in data["diagnoses"]]
    return CheckResult(**fields)


def cleaned(result: CheckResult, clean: Callable[[str], str]) -> CheckResult:
    """A copy of ``result`` with ``clean`` (a function of escape.py) applied to every string
    in it: how each output makes the learner's text in it (messages, tracebacks, printed
    output, names, the file's name) inert, all at once where the result leaves for it."""
    return result_from_data(escape.deep(result_to_data(result), clean))  # type: ignore[arg-type]
