# lossdrill: ex1
"""Mean squared error in plain Python: no NumPy arithmetic, just lists and math."""
import math


def _to_list(x):
    return x.tolist() if hasattr(x, "tolist") else x


def _shape(x):
    if isinstance(x, (list, tuple)):
        inner = {_shape(item) for item in x}
        if len(inner) > 1:
            raise ValueError("ragged input")
        return (len(x),) + (inner.pop() if inner else ())
    return ()


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_flatten(item))
        return out
    return [float(x)]


def mse(y_true, y_pred):
    t = _to_list(y_true)
    p = _to_list(y_pred)
    if _shape(t) != _shape(p):
        raise ValueError(f"shapes differ: {_shape(t)} vs {_shape(p)}")
    flat_t = _flatten(t)
    flat_p = _flatten(p)
    squares = [math.pow(b - a, 2) for a, b in zip(flat_t, flat_p)]
    return math.fsum(squares) / len(squares)
