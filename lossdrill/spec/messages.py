"""A pydantic validation error as one line a spec author can act on:
``tests[3].tolerance.rtol: expected a number, got 'tight'``."""

from __future__ import annotations

from pydantic import ValidationError

_EXPECTED = {
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "int_parsing": "expected an integer",
    "int_type": "expected an integer",
    "int_from_float": "expected an integer",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "missing": "missing required key",
    "extra_forbidden": "unknown key",
    "unexpected_keyword_argument": "unknown key",  # a dataclass field
    "dataclass_type": "expected a mapping",
    "dataclass_args_type": "expected a mapping",
}


def describe_validation_error(exc: ValidationError, test_kinds: tuple[str, ...]) -> str:
    """The first error as ``key.path[3]: expected …, got …`` (+ how many more)."""
    errors = exc.errors()
    first = errors[0]
    loc = format_location(first["loc"], test_kinds)
    kind = first["type"]
    expected = _EXPECTED.get(kind)
    if kind == "literal_error":
        expected = f"expected {first.get('ctx', {}).get('expected', 'one of the allowed values')}"
    elif kind == "union_tag_invalid":
        ctx = first.get("ctx", {})
        loc = f"{loc}.kind"
        return (f"{loc}: expected one of {ctx.get('expected_tags', '')}, got "
                f"{ctx.get('tag', '')!r}" + (f" (and {len(errors) - 1} more)"
                                              if len(errors) > 1 else ""))
    elif kind == "union_tag_not_found":
        expected = f"missing required key 'kind' (one of {', '.join(test_kinds)})"
    elif expected is None:
        expected = first["msg"][0].lower() + first["msg"][1:]
        expected = expected.removeprefix("value error, ")
    if kind not in ("missing", "union_tag_not_found") and "input" in first:
        got = first["input"]
        shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
        if len(shown) > 40:
            shown = shown[:37] + "…"
        expected = f"{expected}, got {shown}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc or '(top level)'}: {expected}{more}"


def format_location(loc: tuple[int | str, ...], test_kinds: tuple[str, ...]) -> str:
    parts: list[str] = []
    for i, item in enumerate(loc):
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif i > 0 and isinstance(loc[i - 1], int) and item in test_kinds:
            continue  # the discriminated union's tag, not a key the author wrote
        elif isinstance(item, str) and item.startswith("input:"):
            continue  # a member of the Input union, likewise
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)
