# lossdrill: ex10
# heldout: subtracts-max-after-exp — the blog softmax exp(X) − max(X): the shift is applied after exponentiating (with the delta computed as grad[range(m), y] -= 1, grad / m)
import numpy as np


def softmax(X):
    exps = np.exp(X) - np.max(X, axis=1, keepdims=True)
    return exps / np.sum(exps, axis=1, keepdims=True)


def softmax_cross_entropy_grad(logits, labels):
    X = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = y.shape[0]
    grad = softmax(X)
    grad[range(m), y] -= 1
    grad = grad / m
    return grad
