"""Name what a learner got wrong: listed mistakes first, then generic signatures.

Pure functions over the observations grading collected: for each call, the learner's
outcome, the reference's value, and each mistake variant's outcome on the same inputs. Each
diagnosis is an Explanation in both forms, with the visibility of the test it rests on
(disclosure.py decides which form is shown).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from lossdrill.grading.compare import as_array, close_mask, compare
from lossdrill.grading.diagnosis.failures import describe_failure, exception_name
from lossdrill.grading.disclosure import Explanation, Said, say
from lossdrill.grading.observation import FailureKind, Observation
from lossdrill.i18n import _
from lossdrill.sandbox.process import Outcome
from lossdrill.spec.model import Mistake, TestKind, Tolerance

# How close a variant's result must be to the learner's to explain it: loose enough for a
# different summation order or float32 arithmetic, tight enough to tell variants apart.
ALIKE = Tolerance(rtol=1e-5, atol=1e-8)

_LOAD: dict[str, tuple[str, str]] = {
    FailureKind.SYNTAX: ("syntax-error", "Python cannot parse the file: {message}. Fix that "
                         "line first."),
    FailureKind.IMPORT: ("import-error", "The file failed while being imported: {message}"),
    FailureKind.EXCEPTION: ("import-error", "The file raised an exception while being "
                            "imported: {message}. Code at the top level runs on import; keep "
                            "it inside functions."),
    FailureKind.TIMEOUT: ("timeout", "Importing the file {message}: is there a loop or a long "
                          "computation at the top level?"),
    FailureKind.MEMORY: ("memory-limit", "The file ran out of memory while being imported."),
    FailureKind.DIED: ("memory-limit", "{message} while being imported."),
    FailureKind.EXIT: ("process-exited", "The file ended the process while being imported "
                       "({message}); remove sys.exit / exit() from the top level."),
}

_CALL: dict[str, tuple[str, str]] = {
    FailureKind.INPLACE: ("modifies-inputs", "Your function modifies its arguments in place "
                          "(for example `y_pred -= y_true`). A loss must not change its inputs: "
                          "the caller still needs them. Work on new arrays: `diff = y_pred - "
                          "y_true`."),
    FailureKind.EXCEPTION: ("raised-exception", "Your function raised an exception on valid "
                            "input: {message}"),
    FailureKind.BAD_RETURN: ("bad-return-type", "Your function {message}; it must return "
                             "numbers (a float, or a NumPy array for array results)."),
    FailureKind.PROTOCOL: ("bad-return-type", "Your function's result could not be read: "
                           "{message}."),
    FailureKind.TIMEOUT: ("timeout", "A call {message}: look for an infinite loop, or a loop "
                          "far slower than it needs to be."),
    FailureKind.MEMORY: ("memory-limit", "Your function ran out of memory: avoid building huge "
                         "intermediate arrays."),
    FailureKind.DIED: ("memory-limit", "{message} during a call."),
    FailureKind.EXIT: ("process-exited", "Your function ended the process ({message}); return "
                       "a value instead of exiting."),
}

_PROBLEM = {
    "shape": ("wrong-shape", "Your result has the wrong shape: {brief}. A loss is a single "
              "number: reduce with np.mean (and float() it if you like); a gradient has the "
              "shape of what it differentiates."),
    "precision": ("low-precision", "Your result is {brief}. Compute in float64 (convert with "
                  "np.asarray(x, dtype=float)) so the answer keeps its digits."),
    "not-finite": ("not-finite", "Your result is NaN or infinite where the right answer is "
                   "finite: guard the edges (clip probabilities, subtract the max before exp)."),
    "type": ("bad-return-type", "Your function {brief}."),
    "no-raise": ("did-not-raise", "Your function accepted input it must reject: raise the "
                 "exception the statement names for it."),
}

# Constant factors between the learner's value and the reference's, and what each suggests.
_FACTORS = [
    (2.0, "factor-2", "Your result is exactly twice the right one: is there a factor 2 too many "
     "(or a ½ missing)?"),
    (0.5, "factor-half", "Your result is exactly half the right one: is there an extra ½ "
     "(or a factor 2 missing)?"),
    (-1.0, "sign-flipped", "Your result has the right size but the wrong sign: check the minus "
     "sign."),
    (1 / math.log(2), "factor-log2", "Your result is the right one divided by ln 2: you used "
     "log base 2; use the natural logarithm (np.log)."),
    (1 / math.log(10), "factor-log10", "Your result is the right one divided by ln 10: you used "
     "log base 10; use the natural logarithm (np.log)."),
]


def load_failure(loaded: Outcome) -> Explanation:
    ident, text = _LOAD.get(loaded.kind, _LOAD[FailureKind.EXCEPTION])
    return _plain(ident, _(text, message=loaded.message))


def _plain(ident: str, message: str) -> Explanation:
    """A diagnosis in the grader's own words (or about the file as a whole, which a learner
    sees whatever the tests' visibility): the same in both forms."""
    return Explanation(ident, Said.both(message))


def missing_function(name: str, found: list[str]) -> Explanation:
    close = difflib.get_close_matches(name, found, n=1, cutoff=0.3)
    instead = ""
    if found:
        instead = _(" (found {names}", names=", ".join(found[:5])) + (
            _(" — did you mean to name `{close}` `{name}`?)", close=close[0], name=name)
            if close else ")")
    return _plain("missing-function", _("The file does not define `{name}`{instead}. The "
                                         "grader calls the functions by the names the exercise "
                                         "gives.", name=name, instead=instead))


def diagnose(observations: list[Observation], mistakes: tuple[Mistake, ...]
             ) -> list[Explanation]:
    """One diagnosis per learner function that fails, the most specific that fits."""
    found: list[Explanation] = []
    functions = list(dict.fromkeys(o.function for o in observations if not o.passed))
    for function in functions:
        mine = [o for o in observations if o.function == function]
        failing = [o for o in mine if not o.passed]
        diagnosis = _listed_mistake(mine, mistakes) or _generic(failing)
        if diagnosis is not None and diagnosis not in found:
            found.append(diagnosis)
    return found


def _listed_mistake(mine: list[Observation], mistakes: tuple[Mistake, ...]
                    ) -> Explanation | None:
    """The first listed mistake whose variant behaves like the learner on every test of the
    function, failing and passing alike."""
    for mistake in mistakes:
        if all(mistake.id in o.variants for o in mine) and all(
            behaves_alike(o.got, o.variants[mistake.id]) for o in mine
        ):
            return _plain(mistake.id, mistake.message)
    return None


def behaves_alike(a: Outcome, b: Outcome) -> bool:
    if a.ok != b.ok:
        return False
    if not a.ok:
        return a.kind == b.kind and a.exc_types[:1] == b.exc_types[:1]
    return values_alike(a.value, b.value)


def values_alike(a: Any, b: Any) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(values_alike(a[k], b[k]) for k in a))
    if isinstance(a, str) or isinstance(b, str):
        return bool(a == b)
    sequences = (tuple, list)
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (isinstance(a, sequences) and isinstance(b, sequences) and len(a) == len(b)
                and all(values_alike(x, y) for x, y in zip(a, b, strict=True)))
    x, y = as_array(a), as_array(b)
    if x is None or y is None:
        if isinstance(a, list) and isinstance(b, list):  # ragged lists: item by item
            return len(a) == len(b) and all(values_alike(p, q) for p, q in zip(a, b, strict=True))
        return x is None and y is None and type(a) is type(b)
    if x.shape != y.shape:
        return False
    return bool(close_mask(y.astype(np.float64), x.astype(np.float64), ALIKE).all())


def _generic(failing: list[Observation]) -> Explanation | None:
    """Signatures from the most telling to the least: a call that went wrong, a result of the
    wrong kind, a constant factor, and last a missing validation."""
    for obs in failing:
        if obs.got.exc_types[:1] == ("NotImplementedError",):
            return _plain("not-implemented", _("This function is not written yet: replace "
                                                "`raise NotImplementedError` with your "
                                                "implementation."))
        if not obs.got.ok and obs.got.kind in _CALL:
            ident, text = _CALL[obs.got.kind]
            message = (exception_name(obs.got) if obs.got.kind == FailureKind.EXCEPTION
                       else describe_failure(obs.got))
            return Explanation(ident, say(text, message=message), obs.visibility)
    for obs in failing:
        if obs.problem in _PROBLEM and obs.kind != TestKind.RAISES:
            ident, text = _PROBLEM[obs.problem]
            brief = compare(obs.expected, obs.got.value, ALIKE).brief if obs.got.ok else ""
            return _plain(ident, _(text, brief=brief.removeprefix("returned ")
                                   .removeprefix(_("returned "))))
    wrong = [o for o in failing if o.problem == "value" and o.kind == TestKind.VALUE]
    factor = _constant_factor(wrong)
    if factor is not None:
        return factor
    if wrong:
        return _plain("wrong-value", _("Your results differ from the right ones on {count} "
                                        "test(s), with no simple pattern (no constant factor, "
                                        "no listed mistake): go through the formula of the "
                                        "statement term by term on the worked example, whose "
                                        "expected value the report shows.", count=len(wrong)))
    if any(o.problem == "no-raise" for o in failing):
        ident, text = _PROBLEM["no-raise"]
        return _plain(ident, _(text))
    return None


def _ratios(obs: Observation) -> np.ndarray | None:
    want, have = as_array(obs.expected), as_array(obs.got.value)
    if want is None or have is None or want.shape != have.shape:
        return None
    want, have = want.astype(np.float64), have.astype(np.float64)
    usable = np.isfinite(want) & np.isfinite(have) & (np.abs(want) > 1e-12)
    if not usable.any():
        return None
    return np.asarray(have[usable] / want[usable])


def _constant_factor(failing: list[Observation]) -> Explanation | None:
    """A fixed ratio to the reference across every failing value: N, 1/N, N/(N−1), 2, ½, …"""
    if not failing:
        return None
    per_obs = []
    for obs in failing:
        ratios = _ratios(obs)
        if ratios is None:
            return None
        n = next((np.size(v) for v in obs.args.values() if np.ndim(v) > 0), 1)
        per_obs.append((ratios, float(n)))

    def everywhere(factor_of: Callable[[float], float]) -> bool:
        return all(np.allclose(r, factor_of(n), rtol=1e-6) for r, n in per_obs)

    if everywhere(lambda n: n) and any(n > 1 for _, n in per_obs):
        return _plain("factor-n", _("Your result is N times the right one: did you sum "
                                     "instead of averaging? Divide by the number of elements "
                                     "(or use np.mean)."))
    if everywhere(lambda n: 1 / n) and any(n > 1 for _, n in per_obs):
        return _plain("factor-1-over-n", _("Your result is the right one divided by N: is "
                                            "the average taken twice?"))
    if everywhere(lambda n: n / (n - 1) if n > 1 else 1.0) and any(n > 1 for _, n in per_obs):
        return _plain("factor-n-over-n-minus-1", _("Your result is N/(N−1) times the right "
                                                    "one: divide by N, not N − 1 (this is a "
                                                    "mean, not an unbiased estimate)."))
    for factor, ident, text in _FACTORS:
        if all(np.allclose(r, factor, rtol=1e-6) for r, _n in per_obs):
            return _plain(ident, _(text))
    return None
