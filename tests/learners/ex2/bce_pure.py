# lossdrill: ex2
"""Binary cross-entropy in plain Python lists and the math module."""
import math


def _flatten(x):
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_flatten(item))
        return out
    return [float(x)]


def _shape(x):
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, (list, tuple)):
        return (len(x),) + (_shape(x[0]) if x else ())
    return ()


def binary_cross_entropy(y_true, p_pred, eps=1e-15):
    if _shape(y_true) != _shape(p_pred):
        raise ValueError("shapes differ")
    ys = _flatten(y_true)
    ps = [min(max(p, eps), 1.0 - eps) for p in _flatten(p_pred)]
    terms = [y * math.log(p) + (1.0 - y) * math.log(1.0 - p) for y, p in zip(ys, ps)]
    return -math.fsum(terms) / len(terms)
