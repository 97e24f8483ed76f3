"""A pydantic validation error as one line a spec author can act on:
``tests[3].tolerance.rtol: expected a number, got 'tight'``."""

from __future__ import annotations

from pydantic import ValidationError

from lossdrill.i18n import N_, _

_EXPECTED = {
    "float_parsing": N_("expected a number"),
    "float_type": N_("expected a number"),
    "int_parsing": N_("expected an integer"),
    "int_type": N_("expected an integer"),
    "int_from_float": N_("expected an integer"),
    "string_type": N_("expected text"),
    "bool_parsing": N_("expected true or false"),
    "list_type": N_("expected a list"),
    "tuple_type": N_("expected a list"),
    "dict_type": N_("expected a mapping"),
    "model_type": N_("expected a mapping"),
    "missing": N_("missing required key"),
    "extra_forbidden": N_("unknown key"),
    "unexpected_keyword_argument": N_("unknown key"),  # a dataclass field
    "dataclass_type": N_("expected a mapping"),
    "dataclass_args_type": N_("expected a mapping"),
}


def describe_validation_error(exc: ValidationError, test_kinds: tuple[str, ...]) -> str:
    """The first error as ``key.path[3]: expected …, got …`` (+ how many more)."""
    errors = exc.errors()
    first = errors[0]
    loc = format_location(first["loc"], test_kinds)
    kind = first["type"]
    more = _(" (and {count} more)", count=len(errors) - 1) if len(errors) > 1 else ""
    expected = _(_EXPECTED[kind]) if kind in _EXPECTED else None
    if kind in ("literal_error", "enum"):
        allowed = first.get("ctx", {}).get("expected")
        expected = (_("expected {allowed}", allowed=allowed) if allowed else
                    _("expected one of the allowed values"))
    elif kind == "union_tag_invalid":
        # The kinds as written in YAML, whatever pydantic makes of the enum's members.
        return _("{loc}.kind: expected one of {kinds}, got {tag}", loc=loc,
                 kinds=", ".join(repr(k) for k in test_kinds),
                 tag=repr(first.get("ctx", {}).get("tag", ""))) + more
    elif kind == "union_tag_not_found":
        expected = _("missing required key 'kind' (one of {kinds})", kinds=", ".join(test_kinds))
    elif expected is None:  # pydantic's own words, for a constraint the table does not name
        expected = first["msg"][0].lower() + first["msg"][1:]
        expected = expected.removeprefix("value error, ")
    if kind not in ("missing", "union_tag_not_found") and "input" in first:
        got = first["input"]
        shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
        if len(shown) > 40:
            shown = shown[:37] + "…"
        expected = _("{expected}, got {shown}", expected=expected, shown=shown)
    return f"{loc or _('(top level)')}: {expected}{more}"


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
