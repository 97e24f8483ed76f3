"""Exercise specs as immutable objects: plain frozen dataclasses, cheap to import.

The annotations double as the spec's schema: parse.py validates a YAML document against them
with pydantic, which reads the ``Field``/``AfterValidator`` constraints and the
``TaggedInput`` and ``TaggedTest`` unions. Those names are not defined here but in parse.py,
where pydantic resolves them when it builds the validator (the unions there carry the tags
that make errors precise); for the type checker they are the plain ``Input`` and ``Test``.
So importing this module — which every check does — costs neither pydantic nor YAML; a spec
seen before is loaded from the cache (cache.py) without either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from lossdrill.i18n import _

if TYPE_CHECKING:  # resolved in parse.py's namespace when the validator is built
    from pydantic import AfterValidator, Field

FORMAT_VERSION = 1

GENERATORS = ("normal", "uniform", "integers", "labels", "probabilities", "one_hot")
DTYPES = ("float64", "float32", "float16", "int64", "int32", "bool")


class StrEnum(str, Enum):
    """An enum whose members are their text: they compare, hash, print, format and serialise
    (JSON, CSV, pickle) as the plain string, so a document holding one is byte for byte the
    one holding the string (what ``enum.StrEnum`` is from Python 3.11)."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)


class TestKind(StrEnum):
    """What a test checks (the ``kind`` key of a spec's test)."""

    __test__ = False  # a class of the package, not one for pytest to collect

    VALUE = "value"
    RAISES = "raises"
    GRADIENT = "gradient"
    PROPERTY = "property"
    TASK = "task"


class Visibility(StrEnum):
    """Whether a learner may see a test's inputs, expected values and details."""

    VISIBLE = "visible"
    HIDDEN = "hidden"


TEST_KINDS = tuple(kind.value for kind in TestKind)

# Unknown keys are errors (a misspelt `tolerence` must not be ignored).
_STRICT = {"extra": "forbid"}


def _positive_dimensions(shape: tuple[int, ...]) -> tuple[int, ...]:
    if any(n < 1 for n in shape):
        raise ValueError(_("every dimension must be at least 1"))
    return shape


def _increasing(bounds: tuple[float, float]) -> tuple[float, float]:
    if not bounds[0] < bounds[1]:
        raise ValueError(_("expected [low, high] with low < high"))
    return bounds


@dataclass(frozen=True, kw_only=True)
class Tolerance:
    """|got − expected| ≤ atol + rtol·|expected|, element-wise."""

    __pydantic_config__ = _STRICT
    rtol: Annotated[float, Field(ge=0)] = 1e-9
    atol: Annotated[float, Field(ge=0)] = 1e-12


@dataclass(frozen=True, kw_only=True)
class Generated:
    """An input drawn from a seeded generator (see lossdrill/grading/inputs.py)."""

    __pydantic_config__ = _STRICT
    generate: Literal["normal", "uniform", "integers", "labels", "probabilities", "one_hot"]
    shape: Annotated[tuple[int, ...], Field(min_length=1), AfterValidator(_positive_dimensions)]
    loc: float = 0.0
    scale: float = 1.0
    low: float = 0.0
    high: float = 1.0
    values: tuple[float, ...] = (-1.0, 1.0)
    classes: Annotated[int, Field(ge=1)] = 3
    dtype: Literal["float64", "float32", "float16", "int64", "int32", "bool"] | None = None


@dataclass(frozen=True, kw_only=True)
class Literal_:
    """A literal value with an explicit dtype (``{value: [1, 2], dtype: int64}``)."""

    __pydantic_config__ = _STRICT
    value: Any
    dtype: Literal["float64", "float32", "float16", "int64", "int32", "bool"]


@dataclass(frozen=True, kw_only=True)
class RngInput:
    """A NumPy Generator argument (``{rng: 3}``, or ``{rng: null}`` to seed from the test):
    the learner and the reference each get a fresh generator with the same seed."""

    __pydantic_config__ = _STRICT
    rng: int | None


def _with_alias(name: str) -> str:
    return "with" if name == "bound" else name


@dataclass(frozen=True, kw_only=True)
class FunctionInput:
    """A callable argument: a function of lossdrill/sandbox/testfns.py with arguments bound."""

    # `with` in YAML (a Python keyword, so not the field's name).
    __pydantic_config__ = {**_STRICT, "populate_by_name": True, "alias_generator": _with_alias}
    function: str
    bound: dict[str, TaggedInput] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class CopyOf:
    """The same value as another argument of the test (``{copy_of: y_true}``)."""

    __pydantic_config__ = _STRICT
    copy_of: str


@dataclass(frozen=True, kw_only=True)
class _Test:
    __pydantic_config__ = _STRICT
    name: Annotated[str, Field(min_length=1)]
    visibility: Visibility = Visibility.VISIBLE
    points: Annotated[float, Field(ge=0)] = 1.0
    # Generators in visible tests use this fixed seed so learners see the same vectors each
    # time; hidden tests draw from the check's seed unless the test pins one.
    seed: int | None = None
    tolerance: Tolerance | None = None


@dataclass(frozen=True, kw_only=True)
class ValueTest(_Test):
    kind: Literal[TestKind.VALUE]
    function: str
    args: dict[str, TaggedInput] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class RaisesTest(_Test):
    kind: Literal[TestKind.RAISES]
    function: str
    args: dict[str, TaggedInput] = field(default_factory=dict)
    exception: str = "ValueError"
    # What a learner whose function does not raise is told (the rule it should enforce).
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class GradientTest(_Test):
    kind: Literal[TestKind.GRADIENT]
    function: str  # the learner's gradient function
    loss: str  # the learner's loss function it must be the gradient of
    wrt: str  # the argument differentiated
    args: dict[str, TaggedInput] = field(default_factory=dict)
    against: tuple[Literal["reference", "finite-differences"], ...] = (
        "reference",
        "finite-differences",
    )
    step: Annotated[float, Field(gt=0)] = 1e-6


@dataclass(frozen=True, kw_only=True)
class PropertyTest(_Test):
    """An invariant the grader checks by calling the learner's function (one of
    lossdrill/grading/kinds/invariants.py)."""

    kind: Literal[TestKind.PROPERTY]
    property: str
    function: str
    args: dict[str, TaggedInput] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class TaskTest(_Test):
    kind: Literal[TestKind.TASK]
    task: str  # a task in lossdrill.grading.tasks
    functions: Annotated[tuple[str, ...], Field(min_length=1)]
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class FunctionSpec:
    __pydantic_config__ = _STRICT
    name: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
    signature: Annotated[str, Field(min_length=1)]  # "mse(y_true, y_pred) -> float"
    summary: str = ""
    # Supplied by the reference, not written by the learner: e.g. the loss whose gradient
    # the learner writes, for a gradient test's finite differences.
    given: bool = False


@dataclass(frozen=True, kw_only=True)
class Mistake:
    __pydantic_config__ = _STRICT
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    message: Annotated[str, Field(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class PlotSeries:
    """One curve of a plot: its legend label and the arguments that differ from the plot's."""

    __pydantic_config__ = _STRICT
    label: Annotated[str, Field(min_length=1)]
    args: dict[str, TaggedInput] = field(default_factory=dict)
    # Another of the exercise's functions for this curve (default: the plot's), so related
    # losses (RMSE and MAE) share one plot.
    function: str = ""


@dataclass(frozen=True, kw_only=True)
class PlotMark:
    """A vertical line across the plot at ``x`` (a threshold such as Huber's δ)."""

    __pydantic_config__ = _STRICT
    x: float
    label: Annotated[str, Field(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Plot:
    """How to draw the loss as a curve of one variable (`lossdrill show EX --plot`, and a
    failing check): ``function`` is called once per point, with ``sweep`` set to
    ``origin + x·direction`` (by default the one-sample array ``[x]``) and the other
    arguments from ``args`` (merged with each ``series``' own), positionally in the order of
    the function's signature."""

    __pydantic_config__ = _STRICT
    function: str
    sweep: str  # the argument that receives each x
    x: str = ""  # what the x axis shows (default: the swept argument's name)
    range: Annotated[tuple[float, float], AfterValidator(_increasing)]
    points: Annotated[int, Field(ge=5, le=400)] = 61
    args: dict[str, TaggedInput] = field(default_factory=dict)
    series: tuple[PlotSeries, ...] = ()
    # Where x sits inside a larger input (a score of a row, one residual of two): numeric
    # arrays of one shape, written as literals (None: [0.0] and [1.0]).
    origin: Any = None
    direction: Any = None
    marks: tuple[PlotMark, ...] = ()

    def functions(self) -> tuple[str, ...]:
        """The function each curve calls: one per series, or the plot's alone."""
        return tuple(s.function or self.function for s in self.series) or (self.function,)


@dataclass(frozen=True, kw_only=True)
class Exercise:
    __pydantic_config__ = _STRICT
    format_version: Literal[1]
    id: Annotated[str, Field(pattern=r"^ex[0-9]+$")]
    slug: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Annotated[str, Field(min_length=1)]
    difficulty: Annotated[int, Field(ge=1, le=5)]
    topics: tuple[str, ...] = ()
    statement: Annotated[str, Field(min_length=1)]
    functions: Annotated[tuple[FunctionSpec, ...], Field(min_length=1)]
    tolerance: Tolerance = Tolerance()
    timeout: Annotated[float, Field(gt=0)] = 10.0
    hints: Annotated[tuple[str, ...], Field(min_length=1)]
    tests: Annotated[tuple[TaggedTest, ...], Field(min_length=1)]
    mistakes: tuple[Mistake, ...] = ()
    # Filled in by the loader, not by the author.
    path: Path = Path()
    solution_path: Path = Path()
    # Texts written per language ({en: …, zh: …}): language → key path → text. The fields
    # above hold the English.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    plot: Plot | None = None

    def text(self, path: str, lang: str = "en") -> str:
        """A text by its key path (``statement``, ``hints[0]``, ``mistakes[2].message``) in
        ``lang``, falling back to English."""
        translated = self.translations.get(lang, {}).get(path)
        if translated is not None:
            return translated
        value: Any = self
        for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path):
            value = value[int(part[1:-1])] if part.startswith("[") else getattr(value, part)
        return str(value)

    @property
    def number(self) -> int:
        return int(self.id[2:])

    @property
    def function_names(self) -> tuple[str, ...]:
        """The functions the learner writes."""
        return tuple(f.name for f in self.functions if not f.given)

    @property
    def all_function_names(self) -> tuple[str, ...]:
        """The learner's functions and those the reference supplies (``given``)."""
        return tuple(f.name for f in self.functions)

    @property
    def max_score(self) -> float:
        return sum(t.points for t in self.tests)

    def tolerance_for(self, test: Test) -> Tolerance:
        return test.tolerance or self.tolerance


# A test of any kind, and an input of any form: the engine's types.
Test = ValueTest | RaisesTest | GradientTest | PropertyTest | TaskTest
Input = (Generated | Literal_ | RngInput | FunctionInput | CopyOf | bool | int | float | str
         | list[Any])

if TYPE_CHECKING:  # the same unions, with the validator's tags, are defined in parse.py
    TaggedTest = Test
    TaggedInput = Input
