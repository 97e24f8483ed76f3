# lossdrill: ex10
# heldout: global-max-subtraction — subtracts the batch maximum instead of each row's, so a row of −1000 beside a row of +1000 becomes 0/0
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max())
    with np.errstate(invalid="ignore"):
        p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)
