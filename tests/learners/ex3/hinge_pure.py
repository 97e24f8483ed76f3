# lossdrill: ex3
"""Hinge loss and gradient in plain Python (the gradient is returned as a list of floats)."""


def _tolist(x):
    return x.tolist() if hasattr(x, "tolist") else x


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_flatten(item))
        return out
    return [float(x)]


def _shape(x):
    if isinstance(x, (list, tuple)):
        return (len(x),) + (_shape(x[0]) if x else ())
    return ()


def _unflatten(flat, shape):
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [_unflatten(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def _prepare(y_true, scores):
    y_list, s_list = _tolist(y_true), _tolist(scores)
    if _shape(y_list) != _shape(s_list):
        raise ValueError("shapes differ")
    ys, ss = _flatten(y_list), _flatten(s_list)
    for y in ys:
        if y not in (-1.0, 1.0):
            raise ValueError("labels must be in {-1, +1}")
    return ys, ss, _shape(s_list)


def hinge_loss(y_true, scores):
    ys, ss, _ = _prepare(y_true, scores)
    return sum(max(0.0, 1.0 - y * s) for y, s in zip(ys, ss)) / len(ys)


def hinge_grad(y_true, scores):
    ys, ss, shape = _prepare(y_true, scores)
    n = len(ys)
    flat = [(-y / n) if y * s < 1.0 else 0.0 for y, s in zip(ys, ss)]
    return _unflatten(flat, shape)
