# lossdrill: ex1
# Hostile: returns an object that claims to equal anything, claims to be a float
# (isinstance(x, float) is True), converts to a plausible-looking but wrong number and
# poses as a NumPy scalar. Only a grader that trusts the object's own methods passes it.
import numpy as np


class Agreeable:
    def __init__(self, shown):
        self._shown = shown

    # isinstance(obj, float) -> True; type(obj) still tells the truth.
    @property
    def __class__(self):
        return float

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return False

    def __le__(self, other):
        return True

    def __ge__(self, other):
        return True

    __hash__ = object.__hash__

    def __bool__(self):
        return True

    def __abs__(self):
        return 0.0  # abs(result - expected) <= tol for any tolerance

    def __sub__(self, other):
        return 0.0

    def __rsub__(self, other):
        return 0.0

    def __float__(self):
        return self._shown

    def __int__(self):
        return int(self._shown)

    def __index__(self):
        return int(self._shown)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._shown, dtype=dtype)

    def item(self):
        return self._shown

    def __repr__(self):
        return repr(self._shown)

    __str__ = __repr__
    __format__ = lambda self, spec: format(self._shown, spec)  # noqa: E731

    shape = ()
    ndim = 0
    dtype = np.dtype(np.float64)


def mse(y_true, y_pred):
    a = np.asarray(y_true, dtype=np.float64)
    b = np.asarray(y_pred, dtype=np.float64)
    # Looks like a loss (non-negative, same order of magnitude) but is the MAE, not the MSE.
    return Agreeable(float(np.mean(np.abs(a - b))) + 0.125)
