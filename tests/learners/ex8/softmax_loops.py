# lossdrill: ex8
"""Softmax row by row in plain Python (math.exp), for inputs of any number of axes."""
import math

import numpy as np


def _softmax_row(row):
    m = max(row)
    exps = [math.exp(v - m) for v in row]
    total = sum(exps)
    return [v / total for v in exps]


def _log_softmax_row(row):
    m = max(row)
    lse = m + math.log(sum(math.exp(v - m) for v in row))
    return [v - lse for v in row]


def _apply(fn, logits):
    z = np.asarray(logits, dtype=np.float64)
    rows = z.reshape(-1, z.shape[-1])
    out = [fn([float(v) for v in row]) for row in rows]
    return np.array(out, dtype=np.float64).reshape(z.shape)


def softmax(logits):
    return _apply(_softmax_row, logits)


def log_softmax(logits):
    return _apply(_log_softmax_row, logits)
