# lossdrill: ex4
"""RMSE and MAE in plain Python: flatten, loop, divide by the count."""
import math


def _flat(x):
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_flat(item))
        return out
    return [float(x)]


def _shape(x):
    if hasattr(x, "shape"):
        return tuple(x.shape)
    if isinstance(x, (list, tuple)):
        return (len(x),) + (_shape(x[0]) if x else ())
    return ()


def _pairs(y_true, y_pred):
    if _shape(y_true) != _shape(y_pred):
        raise ValueError("y_true and y_pred have different shapes")
    return list(zip(_flat(y_true), _flat(y_pred)))


def rmse(y_true, y_pred):
    pairs = _pairs(y_true, y_pred)
    total = 0.0
    for t, p in pairs:
        total += (p - t) ** 2
    return math.sqrt(total / len(pairs))


def mae(y_true, y_pred):
    pairs = _pairs(y_true, y_pred)
    total = 0.0
    for t, p in pairs:
        total += abs(p - t)
    return total / len(pairs)
