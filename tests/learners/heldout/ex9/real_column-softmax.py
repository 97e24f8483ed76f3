# lossdrill: ex9
# heldout: softmax-over-batch — the popular blog version: softmax with a global max and a sum over axis 0, then −log p[range(m), y]
import numpy as np


def softmax(X):
    exps = np.exp(X - np.max(X))
    return exps / np.sum(exps, axis=0)


def softmax_cross_entropy(logits, labels):
    X = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = y.shape[0]
    p = softmax(X)
    log_likelihood = -np.log(p[range(m), y])
    return float(np.sum(log_likelihood) / m)
