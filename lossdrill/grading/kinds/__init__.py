"""The test kinds, one module each: value, raises, gradient, property (with its catalogue of
invariants) and task. ``run_test`` runs one test of a spec against the learner and returns
its Verdict, which disclosure.py turns into the result that may be shown.

The property and task kinds are imported by the tests that use them: a check of an exercise
without them does not pay for their modules.
"""

from __future__ import annotations

from lossdrill.grading.disclosure import Said, Verdict
from lossdrill.grading.inputs import VISIBLE_SEED, resolve_args, rng_for
from lossdrill.grading.kinds.gradient import run_gradient
from lossdrill.grading.kinds.raises import run_raises
from lossdrill.grading.kinds.value import run_value
from lossdrill.grading.results import TestStatus
from lossdrill.grading.run import Run
from lossdrill.i18n import _
from lossdrill.spec.model import (
    GradientTest,
    PropertyTest,
    RaisesTest,
    TaskTest,
    Test,
    ValueTest,
    Visibility,
)


def run_test(run: Run, test: Test) -> Verdict:
    needed = test.functions if isinstance(test, TaskTest) else (
        (test.function, test.loss) if isinstance(test, GradientTest) else (test.function,))
    given = set(run.exercise.all_function_names) - set(run.exercise.function_names)
    absent = [f for f in needed if f not in run.available and f not in given]
    if absent:
        return Verdict(TestStatus.ERROR, Said.both(_("not run: `{name}` is not defined",
                                                     name=absent[0])))
    seed = test.seed if test.seed is not None else (
        VISIBLE_SEED if test.visibility is Visibility.VISIBLE else run.seed)
    rng = rng_for(seed, test.name)
    if isinstance(test, TaskTest):
        from lossdrill.grading.kinds.task import run_task

        return run_task(run, test, rng)
    args = resolve_args(test.args, rng)
    if isinstance(test, ValueTest):
        return run_value(run, test, args)
    if isinstance(test, RaisesTest):
        return run_raises(run, test, args)
    if isinstance(test, PropertyTest):
        from lossdrill.grading.kinds.property import run_property

        return run_property(run, test, args, rng)
    return run_gradient(run, test, args)
