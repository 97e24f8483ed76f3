# lossdrill: ex7
"""Cross-entropy in plain Python over rows and classes (the gradient as nested lists)."""
import math


def _rows(x):
    if hasattr(x, "tolist"):
        x = x.tolist()
    return [[float(v) for v in row] for row in x]


def cross_entropy(y_onehot, probs, eps=1e-15):
    ys, ps = _rows(y_onehot), _rows(probs)
    total = 0.0
    for y_row, p_row in zip(ys, ps):
        for y, p in zip(y_row, p_row):
            if y != 0.0:
                total -= y * math.log(min(max(p, eps), 1.0))
    return total / len(ys)


def cross_entropy_grad(y_onehot, probs):
    ys, ps = _rows(y_onehot), _rows(probs)
    n = len(ys)
    grad = []
    for y_row, p_row in zip(ys, ps):
        grad.append([-y / (n * p) if y != 0.0 else 0.0 for y, p in zip(y_row, p_row)])
    return grad
