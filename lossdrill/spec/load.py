"""Validate a spec's YAML text into an Exercise: strict YAML, per-language texts split out,
the schema of spec.py checked by pydantic, then the cross-field rules pydantic cannot express.

Every problem is raised as a SpecError whose text is one line naming the file, the key path
and what was expected, e.g.
``exercises/ex2.yaml: tests[3].tolerance.rtol: expected a number, got 'tight'``.
Only a spec not seen before comes here (see spec_cache.py): this is where YAML and pydantic
are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, Discriminator, Field, Tag, TypeAdapter, ValidationError

from lossdrill.errors import SpecError
from lossdrill.spec import model as spec
from lossdrill.spec.messages import describe_validation_error
from lossdrill.spec.model import (
    TEST_KINDS,
    CopyOf,
    Exercise,
    FunctionInput,
    Generated,
    GradientTest,
    Literal_,
    PropertyTest,
    RaisesTest,
    RngInput,
    TaskTest,
    ValueTest,
)
from lossdrill.spec.signature import check_plot_call
from lossdrill.spec.text import split_languages

_INPUT_TAGS = {Generated: "generated", Literal_: "literal", RngInput: "rng",
               FunctionInput: "function", CopyOf: "copy"}


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
    if type(value) in _INPUT_TAGS:
        return f"input:{_INPUT_TAGS[type(value)]}"
    for kind in (bool, int, float, str, list):
        if isinstance(value, kind):
            return f"input:{kind.__name__}"
    return None


# The unions spec.py's annotations name, with the tags that make errors precise.
Input = Annotated[
    Annotated[Generated, Tag("input:generated")] | Annotated[Literal_, Tag("input:literal")]
    | Annotated[RngInput, Tag("input:rng")] | Annotated[FunctionInput, Tag("input:function")]
    | Annotated[CopyOf, Tag("input:copy")] | Annotated[bool, Tag("input:bool")]
    | Annotated[int, Tag("input:int")] | Annotated[float, Tag("input:float")]
    | Annotated[str, Tag("input:str")] | Annotated[list[Any], Tag("input:list")],
    Discriminator(_input_tag),
]
Test = Annotated[ValueTest | RaisesTest | GradientTest | PropertyTest | TaskTest,
                 Field(discriminator="kind")]

# spec.py's annotations name pydantic's Field and AfterValidator and the unions above without
# importing them, so that loading a cached spec costs neither. pydantic resolves a dataclass's
# annotations in the namespace of its module: they are given to spec.py before the validator
# is built.
for _name, _value in (("Field", Field), ("AfterValidator", AfterValidator), ("Input", Input),
                      ("Test", Test)):
    setattr(spec, _name, _value)
_EXERCISE: TypeAdapter[Exercise] = TypeAdapter(Exercise)


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


def parse_exercise(text: bytes, path: Path, solution_path: Path) -> Exercise:
    try:
        source = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(f"{path}: cannot read the spec (not UTF-8 text: {exc.reason} at byte "
                        f"{exc.start}); save it as UTF-8") from None
    try:
        data = yaml.load(source, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError(f"{path}{where}: invalid YAML: {problem}; fix the syntax") from None
    if not isinstance(data, dict):
        raise SpecError(f"{path}: expected a mapping of keys (id, slug, title, …) at the top level")
    translations: dict[str, dict[str, str]] = {}
    try:
        data = split_languages(data, "", translations)
    except ValueError as exc:
        raise SpecError(f"{path}: {exc}") from None
    data = {**data, "path": path, "solution_path": solution_path, "translations": translations}
    try:
        exercise = _EXERCISE.validate_python(data)
    except ValidationError as exc:
        raise SpecError(f"{path}: {describe_validation_error(exc, TEST_KINDS)}") from None
    _check_references(path, exercise)
    return exercise


def _check_references(path: Path, ex: Exercise) -> None:
    """Cross-field rules pydantic cannot express: tests and the plot name functions the spec
    defines, and arguments the test has."""
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
    if ex.plot is not None:
        problem = check_plot_call(ex.plot, ex.functions)
        if problem:
            raise SpecError(f"{path}: plot.{problem}")
