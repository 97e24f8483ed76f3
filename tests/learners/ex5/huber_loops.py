# lossdrill: ex5
"""Huber loss in plain Python, one element at a time."""


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


def huber_loss(y_true, y_pred, delta=1.0):
    if _shape(y_true) != _shape(y_pred):
        raise ValueError("shapes differ")
    d = float(delta)
    total = 0.0
    count = 0
    for t, p in zip(_flat(y_true), _flat(y_pred)):
        e = abs(p - t)
        if e <= d:
            total += 0.5 * e * e
        else:
            total += d * (e - 0.5 * d)
        count += 1
    return total / count
