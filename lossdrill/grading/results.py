"""Result objects: what grading produces and what report and export read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, is_dataclass
from dataclasses import fields as fields_of
from typing import TYPE_CHECKING, Any

from lossdrill import escape

if TYPE_CHECKING:
    from lossdrill.grading.diagnosis.pinpoint import Pinpoint


@dataclass
class TestResult:
    name: str
    kind: str
    visibility: str
    status: str  # passed, failed, error, skipped
    score: float
    max_score: float
    message: str = ""
    # Shown for visible tests only: expected/got abbreviated, errors and where.
    details: dict[str, str] = field(default_factory=dict)
    curves: dict[str, list[float]] = field(default_factory=dict)
    pinpoint: Pinpoint | None = None  # which samples of a wrong loss disagree
    label: str = ""  # the name in the report's language (`name` stays English, for scripts)

    @property
    def hidden(self) -> bool:
        return self.visibility == "hidden"


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
    status: str  # passed, failed, error
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

    @property
    def passed(self) -> bool:
        return self.status == "passed"

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
    from lossdrill.grading.diagnosis.pinpoint import Pinpoint, SampleRow

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
