"""Exercise specs: YAML in, validated immutable objects out.

Every problem with a spec is raised as a SpecError whose text is one line naming the
file, the key path and what was expected, e.g.
``exercises/ex2.yaml: tests[3].tolerance.rtol: expected a number, got 'tight'``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from lossdrill.errors import SpecError
from lossdrill.spec_errors import describe_validation_error
from lossdrill.spec_text import split_languages

FORMAT_VERSION = 1

GENERATORS = ("normal", "uniform", "integers", "labels", "probabilities", "one_hot")
DTYPES = ("float64", "float32", "float16", "int64", "int32", "bool")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Tolerance(_Frozen):
    """|got − expected| ≤ atol + rtol·|expected|, element-wise."""

    rtol: float = Field(default=1e-9, ge=0)
    atol: float = Field(default=1e-12, ge=0)


class Generated(_Frozen):
    """An input drawn from a seeded generator (see vectors.py)."""

    generate: Literal["normal", "uniform", "integers", "labels", "probabilities", "one_hot"]
    shape: tuple[int, ...] = Field(min_length=1)
    loc: float = 0.0
    scale: float = 1.0
    low: float = 0.0
    high: float = 1.0
    values: tuple[float, ...] = (-1.0, 1.0)
    classes: int = Field(default=3, ge=1)
    dtype: Literal["float64", "float32", "float16", "int64", "int32", "bool"] | None = None

    @field_validator("shape")
    @classmethod
    def _positive(cls, shape: tuple[int, ...]) -> tuple[int, ...]:
        if any(n < 1 for n in shape):
            raise ValueError("every dimension must be at least 1")
        return shape


class Literal_(_Frozen):
    """A literal value with an explicit dtype (``{value: [1, 2], dtype: int64}``)."""

    value: Any
    dtype: Literal["float64", "float32", "float16", "int64", "int32", "bool"]


class RngInput(_Frozen):
    """A NumPy Generator argument (``{rng: 3}``, or ``{rng: null}`` to seed from the test):
    the learner and the reference each get a fresh generator with the same seed."""

    rng: int | None


class FunctionInput(_Frozen):
    """A callable argument: a function of lossdrill/sandbox/testfns.py with arguments bound."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    function: str
    bound: dict[str, Input] = Field(default_factory=dict, alias="with")


class CopyOf(_Frozen):
    """The same value as another argument of the test (``{copy_of: y_true}``)."""

    copy_of: str


# A plain YAML number, string or (nested) list is a literal; a mapping is one of the above.
def _input_tag(value: Any) -> str | None:
    """Which kind of input a YAML value is, from the keys it has (or its Python type): the
    one member of the union whose errors are then reported."""
    if isinstance(value, dict):
        for key, tag in (("generate", "generated"), ("value", "literal"), ("rng", "rng"),
                         ("function", "function"), ("copy_of", "copy")):
            if key in value:
                return f"input:{tag}"
        return "input:generated"  # a mapping with none of them: say what a generator needs
    if isinstance(value, (Generated, Literal_, RngInput, FunctionInput, CopyOf)):
        tag = {Generated: "generated", Literal_: "literal", RngInput: "rng",
               FunctionInput: "function", CopyOf: "copy"}[type(value)]
        return f"input:{tag}"
    for kind in (bool, int, float, str, list):
        if isinstance(value, kind):
            return f"input:{kind.__name__}"
    return None


Input = Annotated[
    Annotated[Generated, Tag("input:generated")] | Annotated[Literal_, Tag("input:literal")]
    | Annotated[RngInput, Tag("input:rng")] | Annotated[FunctionInput, Tag("input:function")]
    | Annotated[CopyOf, Tag("input:copy")] | Annotated[bool, Tag("input:bool")]
    | Annotated[int, Tag("input:int")] | Annotated[float, Tag("input:float")]
    | Annotated[str, Tag("input:str")] | Annotated[list[Any], Tag("input:list")],
    Discriminator(_input_tag),
]
FunctionInput.model_rebuild()


class _Test(_Frozen):
    name: str = Field(min_length=1)
    visibility: Literal["visible", "hidden"] = "visible"
    points: float = Field(default=1.0, ge=0)
    # Generators in visible tests use this fixed seed so learners see the same vectors each
    # time; hidden tests draw from the check's seed unless the test pins one.
    seed: int | None = None
    tolerance: Tolerance | None = None


class ValueTest(_Test):
    kind: Literal["value"]
    function: str
    args: dict[str, Input] = Field(default_factory=dict)


class RaisesTest(_Test):
    kind: Literal["raises"]
    function: str
    args: dict[str, Input] = Field(default_factory=dict)
    exception: str = "ValueError"
    # What a learner whose function does not raise is told (the rule it should enforce).
    reason: str = ""


class GradientTest(_Test):
    kind: Literal["gradient"]
    function: str  # the learner's gradient function
    loss: str  # the learner's loss function it must be the gradient of
    wrt: str  # the argument differentiated
    args: dict[str, Input] = Field(default_factory=dict)
    against: tuple[Literal["reference", "finite-differences"], ...] = (
        "reference",
        "finite-differences",
    )
    step: float = Field(default=1e-6, gt=0)


class PropertyTest(_Test):
    """An invariant the grader checks by calling the learner's function (properties.py)."""

    kind: Literal["property"]
    property: str
    function: str
    args: dict[str, Input] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)


class TaskTest(_Test):
    kind: Literal["task"]
    task: str  # a task in lossdrill.tasks
    functions: tuple[str, ...] = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)


Test = Annotated[ValueTest | RaisesTest | GradientTest | PropertyTest | TaskTest,
                 Field(discriminator="kind")]
TEST_KINDS = ("value", "raises", "gradient", "property", "task")


class FunctionSpec(_Frozen):
    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    signature: str = Field(min_length=1)  # "mse(y_true, y_pred) -> float"
    summary: str = ""
    # Supplied by the reference, not written by the learner: e.g. the loss whose gradient
    # the learner writes, for a gradient test's finite differences.
    given: bool = False


class Mistake(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    message: str = Field(min_length=1)


class PlotSeries(_Frozen):
    """One curve of a plot: its legend label and the arguments that differ from the plot's."""

    label: str = Field(min_length=1)
    args: dict[str, Input] = Field(default_factory=dict)


class Plot(_Frozen):
    """How to draw the loss as a curve of one variable (`lossdrill show EX --plot`, and a
    failing check): ``function`` is called once per point, with ``sweep`` set to the
    one-sample array ``[x]`` and the other arguments from ``args`` (merged with each
    ``series``' own), positionally in the order of the function's signature."""

    function: str
    sweep: str  # the argument that receives each x
    x: str = ""  # what the x axis shows (default: the swept argument's name)
    range: tuple[float, float]
    points: int = Field(default=61, ge=5, le=400)
    args: dict[str, Input] = Field(default_factory=dict)
    series: tuple[PlotSeries, ...] = ()

    @field_validator("range")
    @classmethod
    def _increasing(cls, bounds: tuple[float, float]) -> tuple[float, float]:
        if not bounds[0] < bounds[1]:
            raise ValueError("expected [low, high] with low < high")
        return bounds


class Exercise(_Frozen):
    format_version: Literal[1]
    id: str = Field(pattern=r"^ex[0-9]+$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    difficulty: int = Field(ge=1, le=5)
    topics: tuple[str, ...] = ()
    statement: str = Field(min_length=1)
    functions: tuple[FunctionSpec, ...] = Field(min_length=1)
    tolerance: Tolerance = Tolerance()
    timeout: float = Field(default=10.0, gt=0)
    hints: tuple[str, ...] = Field(min_length=1)
    tests: tuple[Test, ...] = Field(min_length=1)
    mistakes: tuple[Mistake, ...] = ()
    # Filled in by the loader, not by the author.
    path: Path = Path()
    solution_path: Path = Path()
    # Texts written per language ({en: …, zh: …}): language → key path → text. The fields
    # above hold the English.
    translations: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Declared after `functions` and `path`, which its validator reads.
    plot: Plot | None = None

    @field_validator("plot")
    @classmethod
    def _plot_calls_a_function(cls, plot: Plot | None, info: ValidationInfo) -> Plot | None:
        # A SpecError (not a ValueError) passes through pydantic unchanged, so the message
        # keeps its own key path and fix rather than pydantic's ", got dict".
        if plot is not None and "functions" in info.data:  # else that error is reported
            from lossdrill.signature import check_plot_call

            problem = check_plot_call(plot, info.data.get("functions", ()))
            if problem:
                raise SpecError(f"{info.data.get('path', '')}: plot.{problem}")
        return plot

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

    def tolerance_for(self, test: _Test) -> Tolerance:
        return test.tolerance or self.tolerance


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that refuses a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_exercise(path: Path, solutions_dir: Path | None = None) -> Exercise:
    """Read and validate one spec; the reference is ``solutions/<same stem>.py``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{path}: cannot read the spec ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError(f"{path}{where}: invalid YAML: {problem}; fix the syntax") from None
    if not isinstance(data, dict):
        raise SpecError(f"{path}: expected a mapping of keys (id, slug, title, …) at the top level")
    solutions = solutions_dir if solutions_dir is not None else path.parent.parent / "solutions"
    translations: dict[str, dict[str, str]] = {}
    try:
        data = split_languages(data, "", translations)
    except ValueError as exc:
        raise SpecError(f"{path}: {exc}") from None
    data = {**data, "path": path, "solution_path": solutions / f"{path.stem}.py",
            "translations": translations}
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as exc:
        raise SpecError(f"{path}: {describe_validation_error(exc, TEST_KINDS)}") from None
    _check_references(path, exercise)
    return exercise


def _check_references(path: Path, ex: Exercise) -> None:
    """Cross-field rules pydantic cannot express: tests name functions the spec defines."""
    names = set(ex.all_function_names)
    for i, test in enumerate(ex.tests):
        used = [("function", getattr(test, "function", None))]
        if isinstance(test, GradientTest):
            used.append(("loss", test.loss))
        if isinstance(test, TaskTest):
            used += [("functions", f) for f in test.functions]
        for key, name in used:
            if name is not None and name not in names:
                raise SpecError(
                    f"{path}: tests[{i}].{key}: '{name}' is not one of the exercise's "
                    f"functions ({', '.join(sorted(names))}); add it under functions or fix the "
                    "name"
                )
        args = getattr(test, "args", {})
        for name, value in args.items():
            if isinstance(value, CopyOf) and value.copy_of not in args:
                raise SpecError(f"{path}: tests[{i}].args.{name}.copy_of: '{value.copy_of}' is "
                                f"not an argument of this test ({', '.join(args)})")
        if isinstance(test, GradientTest) and test.wrt not in test.args:
            raise SpecError(
                f"{path}: tests[{i}].wrt: '{test.wrt}' is not one of the test's args "
                f"({', '.join(test.args) or 'none'}); name the argument to differentiate"
            )
    first_named: dict[str, int] = {}
    for i, test in enumerate(ex.tests):
        if test.name in first_named:
            raise SpecError(f"{path}: tests[{i}].name: '{test.name}' is also the name of "
                            f"tests[{first_named[test.name]}]; test names must be unique (a "
                            "name also seeds the test's random inputs)")
        first_named[test.name] = i
    seen: set[str] = set()
    for i, mistake in enumerate(ex.mistakes):
        if mistake.id in seen:
            raise SpecError(f"{path}: mistakes[{i}].id: '{mistake.id}' is listed twice")
        seen.add(mistake.id)
