# lossdrill: ex10
"""Gradient of softmax cross-entropy row by row, in plain Python (returns nested lists)."""
import math


def softmax_cross_entropy_grad(logits, labels):
    rows = [[float(v) for v in row] for row in logits]
    n = len(rows)
    grad = []
    for row, label in zip(rows, labels):
        top = max(row)
        exps = [math.exp(v - top) for v in row]
        total = sum(exps)
        g = [e / total for e in exps]
        g[int(label)] -= 1.0
        grad.append([v / n for v in g])
    return grad
