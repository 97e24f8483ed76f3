"""`lossdrill validate`: the instructor's lint and the built-in pack's CI gate.

Every spec loads; ids and slugs are unique; hint ladders have three steps or more; every
reference passes all its tests under many fresh seeds; every starter fails; every listed
mistake has a variant that fails at least one test and is diagnosed as itself.
References and variants are trusted code, graded in this process.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lossdrill.errors import SpecError
from lossdrill.grading.engine import check_functions
from lossdrill.grading.reference import Functions, load_reference
from lossdrill.grading.results import TestStatus
from lossdrill.i18n import _
from lossdrill.spec.catalog import Pack
from lossdrill.spec.load import load_exercise
from lossdrill.spec.model import Exercise
from lossdrill.spec.starter import starter_source

MIN_HINTS = 3


@dataclass(frozen=True)
class Finding:
    exercise: str  # id, or the spec's file name when it does not load
    check: str
    ok: bool
    detail: str = ""  # what to change, when not ok


def validate_pack(pack: Pack, seeds: int = 20) -> list[Finding]:
    findings: list[Finding] = []
    exercises: list[Exercise] = []
    for path in pack.spec_paths():
        try:
            exercises.append(load_exercise(path, pack.solutions_dir))
        except SpecError as exc:
            findings.append(Finding(path.name, "spec loads", False, str(exc)))
    findings += _unique(exercises)
    for ex in exercises:
        findings += list(_validate_exercise(ex, seeds))
    return findings


def _unique(exercises: list[Exercise]) -> list[Finding]:
    findings = []
    for attr in ("id", "slug"):
        seen: dict[str, str] = {}
        for ex in exercises:
            value = getattr(ex, attr)
            if value in seen:
                findings.append(Finding(ex.id, f"unique {attr}", False,
                                        _("{first} and {second} share the {attr} '{value}'; "
                                          "rename one", first=ex.path.name, second=seen[value],
                                          attr=attr, value=value)))
            seen[value] = ex.path.name
    return findings


def _validate_exercise(ex: Exercise, seeds: int) -> Iterator[Finding]:
    yield Finding(ex.id, "spec loads", True)
    enough = len(ex.hints) >= MIN_HINTS
    yield Finding(ex.id, "hint ladder", enough,
                  _("{count} hints", count=len(ex.hints)) if enough else
                  _("{count} hint(s); write at least {least}, from a nudge to nearly the answer",
                    count=len(ex.hints), least=MIN_HINTS))
    yield _translated(ex)
    try:
        reference = load_reference(ex)
    except SpecError as exc:
        yield Finding(ex.id, "reference loads", False, str(exc))
        return
    yield _reference_passes(ex, reference.functions, seeds)
    yield _starter_fails(ex)
    listed = {m.id for m in ex.mistakes}
    for mistake in ex.mistakes:
        if mistake.id not in reference.variants:
            yield Finding(ex.id, f"mistake {mistake.id}", False,
                          _("no variant: add MISTAKES['{id}'] to {file}", id=mistake.id,
                            file=ex.solution_path.name))
            continue
        yield _mistake_recognised(ex, mistake.id, reference.with_mistake(mistake.id))
    for extra in sorted(set(reference.variants) - listed):
        yield Finding(ex.id, f"mistake {extra}", False,
                      _("MISTAKES['{id}'] is not listed under mistakes in {file}", id=extra,
                        file=ex.path.name))


def text_paths(ex: Exercise) -> list[str]:
    """The key paths of every learner-facing text of an exercise."""
    paths = ["title", "statement"] + [f"hints[{i}]" for i in range(len(ex.hints))]
    paths += [f"functions[{i}].summary" for i, f in enumerate(ex.functions) if f.summary]
    for i, test in enumerate(ex.tests):
        paths.append(f"tests[{i}].name")
        if getattr(test, "reason", ""):
            paths.append(f"tests[{i}].reason")
    paths += [f"mistakes[{i}].message" for i in range(len(ex.mistakes))]
    if ex.plot is not None:
        paths += ["plot.x"] if ex.plot.x else []
        paths += [f"plot.series[{i}].label" for i in range(len(ex.plot.series))]
        paths += [f"plot.marks[{i}].label" for i in range(len(ex.plot.marks))]
    return paths


def _translated(ex: Exercise) -> Finding:
    """Every text also in Chinese (`{en: …, zh: …}`); a topic may instead be one of the
    built-in vocabulary's."""
    from lossdrill.spec.topics import has_translation

    missing = [p for p in text_paths(ex) if p not in ex.translations.get("zh", {})]
    missing += [f"topics[{i}]" for i in range(len(ex.topics))
                if not has_translation(ex, i, "zh")]
    if missing:
        shown = ", ".join(missing[:6]) + (_(" and {count} more", count=len(missing) - 6)
                                          if len(missing) > 6 else "")
        return Finding(ex.id, "translations", False,
                       _("no zh text for {shown}: write them as {{en: …, zh: …}} in {file}",
                         shown=shown, file=ex.path.name))
    return Finding(ex.id, "translations", True, "en, zh")


def _reference_passes(ex: Exercise, functions: Functions, seeds: int) -> Finding:
    for _attempt in range(seeds):
        seed = secrets.randbelow(2**31)
        try:
            result = check_functions(ex, functions, seed=seed)
        except SpecError as exc:
            return Finding(ex.id, "reference passes", False, str(exc))
        failing = [t for t in result.tests if t.status is not TestStatus.PASSED]
        if failing:
            test = failing[0]
            return Finding(ex.id, "reference passes", False,
                           _("seed {seed}: test '{test}' {status}: {message} — fix the "
                             "reference, the test or its tolerance", seed=seed, test=test.name,
                             status=_(test.status), message=test.message))
    return Finding(ex.id, "reference passes", True, _("{seeds} seeds", seeds=seeds))


def _starter_fails(ex: Exercise) -> Finding:
    namespace: dict[str, Any] = {}
    exec(compile(starter_source(ex), f"{ex.id}.py", "exec"), namespace)
    missing = [f for f in ex.function_names if f not in namespace]
    if missing:
        return Finding(ex.id, "starter fails", False,
                       _("the starter does not define {names}; check the signatures",
                         names=", ".join(missing)))
    result = check_functions(ex, {f: namespace[f] for f in ex.function_names}, seed=0)
    if result.passed:
        return Finding(ex.id, "starter fails", False,
                       _("the starter passes every test: the tests check nothing"))
    return Finding(ex.id, "starter fails", True)


def _mistake_recognised(ex: Exercise, mistake_id: str, functions: Functions) -> Finding:
    check = f"mistake {mistake_id}"
    result = check_functions(ex, functions, seed=secrets.randbelow(2**31))
    if result.passed:
        return Finding(ex.id, check, False,
                       _("the variant passes every test: add a test it fails"))
    named = [d.id for d in result.diagnoses]
    if named[:1] != [mistake_id]:
        what = (_("diagnosed as {names}", names=", ".join(named)) if named else
                _("not diagnosed"))
        return Finding(ex.id, check, False,
                       _("fails but is {what}: make the variant differ on a failing test, or "
                         "list it before the mistake it is taken for", what=what))
    return Finding(ex.id, check, True)
