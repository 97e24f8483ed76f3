# lossdrill: ex13
# heldout: forgets-keepdims — subtracts the (N,) vector of true-class scores from the (N, K) scores without making it a column
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    n = s.shape[0]
    correct = s[np.arange(n), y]
    terms = np.maximum(0.0, s - correct + margin)
    terms[np.arange(n), y] = 0.0
    return float(terms.sum() / n)
