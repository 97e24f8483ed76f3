# lossdrill: ex9
"""Softmax cross-entropy one row at a time with the math module."""
import math


def softmax_cross_entropy(logits, labels):
    rows = [[float(v) for v in row] for row in logits]
    total = 0.0
    for row, label in zip(rows, labels):
        best = max(row)
        acc = 0.0
        for v in row:
            acc += math.exp(v - best)
        total += best + math.log(acc) - row[int(label)]
    return total / len(rows)
