# lossdrill: ex14
"""L1 and L2 penalties in plain Python: nested lists walked recursively."""


def _tolist(w):
    return w.tolist() if hasattr(w, "tolist") else w


def _flat(w):
    if isinstance(w, (list, tuple)):
        for item in w:
            yield from _flat(item)
    else:
        yield float(w)


def _map(w, f):
    if isinstance(w, (list, tuple)):
        return [_map(item, f) for item in w]
    return f(float(w))


def _sign(v):
    return (v > 0) - (v < 0)


def l1_penalty(w, lam):
    return lam * sum(abs(v) for v in _flat(_tolist(w)))


def l1_grad(w, lam):
    return _map(_tolist(w), lambda v: float(lam * _sign(v)))


def l2_penalty(w, lam):
    return 0.5 * lam * sum(v * v for v in _flat(_tolist(w)))


def l2_grad(w, lam):
    return _map(_tolist(w), lambda v: lam * v)
