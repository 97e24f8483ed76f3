# lossdrill: ex22
"""Triplet loss in plain Python with math.dist."""
import math


def _rows(x):
    return [[float(v) for v in row] for row in (x.tolist() if hasattr(x, "tolist") else x)]


def triplet_loss(anchor, positive, negative, margin=1.0):
    costs = []
    for a, p, n in zip(_rows(anchor), _rows(positive), _rows(negative)):
        costs.append(max(0.0, math.dist(a, p) - math.dist(a, n) + margin))
    return sum(costs) / len(costs)
