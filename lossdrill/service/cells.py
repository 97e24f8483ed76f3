"""Which cells of a notebook an exercise needs: those defining its functions, and, over and
over, those defining what the needed cells use (imports, constants, helper functions).

A notebook holds more than the exercise: plots, experiments, a call of `check()`. Importing
all of it would make a cell that cannot run here — it imports matplotlib, say, which the
grader lacks — fail a correct function. So the needed cells are found by name analysis (ast)
and the others left out, each with the reason. A needed cell is always kept, whatever it
does: its errors are the learner's to see. A cell whose names cannot be told — one that does
not parse, or imports `*` — is kept, and so is every cell when no cell defines any of the
functions (the report then says what is missing, as for a file).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Names:
    defines: frozenset[str]  # bound at the notebook's top level (or changed there: x[0] = 1)
    uses: frozenset[str]  # read anywhere in the cell, in its functions' bodies too
    imports: tuple[str, ...]  # the modules it imports, for the report


def names_of(source: str) -> Names | None:
    """What a cell binds, reads and imports; None when that cannot be told."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    uses: set[str] = set()
    imports: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            uses.add(node.id)
        elif isinstance(node, ast.Import):
            imports += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if any(alias.name == "*" for alias in node.names):
                return None  # binds names no one can list
            imports.append("." * node.level + (node.module or ""))
    defines = _top_level_bindings(tree) | _global_names(tree) | _changed(tree)
    return Names(frozenset(defines), frozenset(uses), tuple(dict.fromkeys(imports)))


def _top_level_bindings(tree: ast.Module) -> set[str]:
    """Names bound by the cell's own statements, not inside a function or class body."""
    bound: set[str] = set()
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            pending += node.decorator_list  # a decorator may bind (rarely), reads surely
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        pending += ast.iter_child_nodes(node)
    return bound


def _global_names(tree: ast.Module) -> set[str]:
    return {name for node in ast.walk(tree) if isinstance(node, ast.Global)
            for name in node.names}


def _changed(tree: ast.Module) -> set[str]:
    """Names the cell's top level changes in place: `w[0] = 1`, `model.rate = 0.1`."""
    changed: set[str] = set()
    for statement in tree.body:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
            targets = [statement.target]
        for target in targets:
            while isinstance(target, (ast.Subscript, ast.Attribute)):
                target = target.value
            if isinstance(target, ast.Name):
                changed.add(target.id)
    return changed


def needed(sources: Sequence[str], functions: Sequence[str]) -> list[bool]:
    """For each cell's source, whether grading ``functions`` needs it."""
    names = [names_of(source) for source in sources]
    if not any(n is None or n.defines & set(functions) for n in names):
        return [True] * len(sources)  # nothing defines them: grade everything, as a file
    keep = [n is None for n in names]
    wanted = set(functions)
    grown = True
    while grown:
        grown = False
        for i, n in enumerate(names):
            if not keep[i] and n is not None and n.defines & wanted:
                keep[i] = grown = True
                wanted |= n.uses
    return keep
