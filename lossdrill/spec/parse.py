"""Validate a spec's YAML text into an Exercise: strict YAML, per-language texts split out,
the schema of model.py checked by pydantic, then the cross-field rules pydantic cannot express.

Every problem is raised as a SpecError whose text is one line naming the file, the key path
and what was expected, e.g.
``exercises/ex2.yaml: tests[3].tolerance.rtol: expected a number, got 'tight'``.
Only a spec not seen before comes here (see load.py and cache.py): this is where YAML and
pydantic are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Discriminator, Field, Tag, TypeAdapter, ValidationError

from lossdrill.errors import SpecError
from lossdrill.i18n import _
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


# The unions model.py's annotations name, with the tags that make errors precise.
_TAGGED_INPUT = Annotated[
    Annotated[Generated, Tag("input:generated")] | Annotated[Literal_, Tag("input:literal")]
    | Annotated[RngInput, Tag("input:rng")] | Annotated[FunctionInput, Tag("input:function")]
    | Annotated[CopyOf, Tag("input:copy")] | Annotated[bool, Tag("input:bool")]
    | Annotated[int, Tag("input:int")] | Annotated[float, Tag("input:float")]
    | Annotated[str, Tag("input:str")] | Annotated[list[Any], Tag("input:list")],
    Discriminator(_input_tag),
]
_TAGGED_TEST = Annotated[ValueTest | RaisesTest | GradientTest | PropertyTest | TaskTest,
                         Field(discriminator="kind")]



def _exercise_validator() -> TypeAdapter[Exercise]:
    """The validator of a whole spec. model.py's annotations name pydantic's Field and
    AfterValidator and the tagged unions without defining them, so that loading a cached spec
    costs neither pydantic nor YAML: a TypeAdapter resolves the names a dataclass's module
    lacks in the locals of the function that builds it (pydantic's "parent frame"), these."""
    from pydantic import AfterValidator, Field  # noqa: F401

    TaggedInput, TaggedTest = _TAGGED_INPUT, _TAGGED_TEST  # noqa: F841, N806
    return TypeAdapter(Exercise)


_EXERCISE = _exercise_validator()


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that refuses a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, _("the key '{key}' is given twice", key=key), key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def parse_exercise(text: bytes, path: Path, solution_path: Path) -> Exercise:
    try:
        source = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(_("{path}: cannot read the spec (not UTF-8 text: {reason} at byte "
                          "{byte}); save it as UTF-8", path=path, reason=exc.reason,
                          byte=exc.start)) from None
    try:
        data = yaml.load(source, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError(_("{path}{where}: invalid YAML: {problem}; fix the syntax", path=path,
                          where=where, problem=problem)) from None
    if not isinstance(data, dict):
        raise SpecError(_("{path}: expected a mapping of keys (id, slug, title, …) at the top "
                          "level", path=path))
    translations: dict[str, dict[str, str]] = {}
    try:
        data = split_languages(data, "", translations)
    except ValueError as exc:
        raise SpecError(_("{path}: {problem}", path=path, problem=exc)) from None
    data = {**data, "path": path, "solution_path": solution_path, "translations": translations}
    try:
        exercise = _EXERCISE.validate_python(data)
    except ValidationError as exc:
        raise SpecError(_("{path}: {problem}", path=path,
                          problem=describe_validation_error(exc, TEST_KINDS))) from None
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
                raise SpecError(_(
                    "{path}: tests[{i}].{key}: '{name}' is not one of the exercise's functions "
                    "({names}); add it under functions or fix the name", path=path, i=i,
                    key=key, name=name, names=", ".join(sorted(names))))
        args = getattr(test, "args", {})
        for name, value in args.items():
            if isinstance(value, CopyOf) and value.copy_of not in args:
                raise SpecError(_("{path}: tests[{i}].args.{name}.copy_of: '{copied}' is not "
                                  "an argument of this test ({names})", path=path, i=i,
                                  name=name, copied=value.copy_of, names=", ".join(args)))
        if isinstance(test, GradientTest) and test.wrt not in test.args:
            raise SpecError(_(
                "{path}: tests[{i}].wrt: '{wrt}' is not one of the test's args ({names}); name "
                "the argument to differentiate", path=path, i=i, wrt=test.wrt,
                names=", ".join(test.args) or _("none")))
    first_named: dict[str, int] = {}
    for i, test in enumerate(ex.tests):
        if test.name in first_named:
            raise SpecError(_("{path}: tests[{i}].name: '{name}' is also the name of "
                              "tests[{first}]; test names must be unique (a name also seeds "
                              "the test's random inputs)", path=path, i=i, name=test.name,
                              first=first_named[test.name]))
        first_named[test.name] = i
    seen: set[str] = set()
    for i, mistake in enumerate(ex.mistakes):
        if mistake.id in seen:
            raise SpecError(_("{path}: mistakes[{i}].id: '{id}' is listed twice", path=path,
                              i=i, id=mistake.id))
        seen.add(mistake.id)
    if ex.plot is not None:
        problem = check_plot_call(ex.plot, ex.functions)
        if problem:
            raise SpecError(_("{path}: plot.{problem}", path=path, problem=problem))
