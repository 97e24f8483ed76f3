# lossdrill: ex10
# heldout: softmax-over-batch — subtracts each row's maximum but sums the exponentials down the columns (axis 0)
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    p[np.arange(len(y)), y] -= 1.0
    return p / len(y)
