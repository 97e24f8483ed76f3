# lossdrill: ex12
"""Perceptron loss in plain Python, on nested lists."""


def _flat(x):
    x = x.tolist() if hasattr(x, "tolist") else x
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_flat(item))
        return out
    return [x]


def perceptron_loss(y_true, scores):
    ys, ss = _flat(y_true), _flat(scores)
    if any(y not in (1, -1) for y in ys):
        raise ValueError("labels must be -1 or +1")
    costs = [max(0.0, -float(y) * float(s)) for y, s in zip(ys, ss)]
    return sum(costs) / len(costs)
