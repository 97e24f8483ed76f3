# lossdrill: ex1
# Hostile: makes every closeness check in *this* process answer "equal", then returns a
# wrong value. A grader that compares in the learner's process would pass it.
import math
import unittest

import numpy as np
import numpy.testing


def _always_true(*args, **kwargs):
    return True


def _all_close_array(a, b, *args, **kwargs):
    return np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, dtype=bool)


def _never_fails(*args, **kwargs):
    return None


def _patch():
    np.isclose = _all_close_array
    np.allclose = _always_true
    np.array_equal = _always_true
    np.testing.assert_allclose = _never_fails
    np.testing.assert_array_almost_equal = _never_fails
    np.testing.assert_almost_equal = _never_fails
    np.testing.assert_array_equal = _never_fails
    np.testing.assert_equal = _never_fails
    math.isclose = _always_true
    unittest.TestCase.assertAlmostEqual = _never_fails
    unittest.TestCase.assertEqual = _never_fails


_patch()


def mse(y_true, y_pred):
    _patch()  # again, in case the grader restored anything after the import
    return 42.0  # wrong for every input
