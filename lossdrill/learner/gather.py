"""The source of functions that live in this interpreter (a notebook's, a script's), to be
checked in a learner process like any file: their module's definitions, then each function's
own text, last so that it wins over earlier versions.

A module's *definitions* are its imports, functions, classes and assignments that call
nothing but NumPy or math: enough for the functions to run, without re-running the
experiments, training loops, plots, file reads, or the `check(...)` call itself that a notebook
or script also holds. A notebook's module is IPython's input history (`In`), in the order the
cells ran.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from lossdrill.errors import UsageError
from lossdrill.service.notebook import Gathered, clean_cell

# Calls of these (by their usual names) may build a module's constants.
_CONSTANT_MODULES = frozenset({"np", "numpy", "math"})
_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                ast.ClassDef)


def gather(functions: dict[str, Callable[..., Any]]) -> Gathered:
    """``functions`` maps the exercise's names to the learner's callables."""
    gathered = Gathered()
    seen: set[str] = set()
    for fn in functions.values():
        module = sys.modules.get(getattr(fn, "__module__", "") or "")
        if module is None or module.__name__ in seen:
            continue
        seen.add(module.__name__)
        for text, first, where, file in _module_chunks(module):
            for start, end in definitions(text):
                lines = text.split("\n")[start - 1:end]
                gathered.add("\n".join(lines), first + start - 1, where, file)
    for name, fn in functions.items():
        text, first, where, file = function_source(fn, name)
        gathered.add(text, first, where, file)
        if fn.__name__ != name:
            gathered.add(f"{name} = {fn.__name__}\n", 1, f"your call of check ({name})")
    return gathered


def definitions(text: str) -> list[tuple[int, int]]:
    """(first, last) line, 1-based, of each top-level definition; [] when it does not parse
    (an input that failed in IPython never defined anything)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    found = []
    for node in tree.body:
        if not _is_definition(node):
            continue
        decorators = getattr(node, "decorator_list", [])
        first = min([node.lineno] + [d.lineno for d in decorators])
        found.append((first, node.end_lineno or node.lineno))
    return found


def _is_definition(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        module = node.module if isinstance(node, ast.ImportFrom) else None
        names = [module or ""] + [alias.name for alias in node.names]
        # The grader itself is not the learner's code, and need not load in their box.
        return not any(n == "lossdrill" or n.startswith("lossdrill.") for n in names)
    if isinstance(node, _DEFINITIONS):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        return all(_harmless(n) for n in _walk_outside_lambdas(node.value)
                   if isinstance(n, ast.Call))
    return False


def _harmless(call: ast.Call) -> bool:
    """A call of NumPy or math (a constant array, a square root): the rest may train a
    model, read a file or call check() again."""
    func = call.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in _CONSTANT_MODULES and func is not call.func


def _walk_outside_lambdas(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    if isinstance(node, ast.Lambda):
        return  # its body runs only when called
    for child in ast.iter_child_nodes(node):
        yield from _walk_outside_lambdas(child)


def _module_chunks(module: ModuleType) -> list[tuple[str, int, str, str]]:
    """(text, first line, location format, file) of each piece of a module's source."""
    history = _ipython_history(module)
    if history is not None:
        return [(clean_cell(text), 1, f"cell In[{n}], line {{line}}", "")
                for n, text in enumerate(history) if n and isinstance(text, str)]
    file = getattr(module, "__file__", None)
    if not file:
        return []
    try:
        return [(Path(file).read_text(encoding="utf-8"), 1, "line {line}", str(file))]
    except (OSError, UnicodeDecodeError):
        return []


def _ipython_history(module: ModuleType) -> list[Any] | None:
    if module.__name__ != "__main__":
        return None
    history = vars(module).get("In")
    return history if isinstance(history, list) else None


def function_source(fn: Callable[..., Any], name: str) -> tuple[str, int, str, str]:
    """A function's own text, dedented, and where it starts."""
    if not inspect.isfunction(fn):
        raise UsageError(f"check: {name} must be a function defined with def, got "
                         f"{type(fn).__name__}")
    if fn.__name__ == "<lambda>":
        raise UsageError(f"check: {name} is a lambda; define it with def so that its source "
                         "can be read")
    try:
        lines, first = inspect.getsourcelines(fn)
    except (OSError, TypeError):
        raise UsageError(f"check: cannot read the source of {fn.__name__} (defined at an "
                         "interactive prompt?); define it in a file, a notebook cell, or "
                         "IPython") from None
    text = textwrap.dedent("".join(lines))
    module = sys.modules.get(fn.__module__ or "")
    history = _ipython_history(module) if module is not None else None
    if history is not None:
        for n in range(len(history) - 1, 0, -1):  # the latest input that holds it
            cell = history[n] if isinstance(history[n], str) else ""
            at = cell.find(text.split("\n")[0])
            if at >= 0:
                return text, cell[:at].count("\n") + 1, f"cell In[{n}], line {{line}}", ""
    file = fn.__code__.co_filename
    return text, max(first, 1), "line {line}", file
