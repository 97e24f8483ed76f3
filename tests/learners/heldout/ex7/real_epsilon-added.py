# lossdrill: ex7
# heldout: log-plus-eps — adds a fixed 1e-10 to every probability before the log, as many from-scratch layers do
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    targets = np.asarray(y_onehot, dtype=np.float64)
    epsilon = 1e-10
    a_hat = np.asarray(probs, dtype=np.float64) + epsilon
    batch = targets.shape[0]
    return float(-np.sum(targets * np.log(a_hat)) / batch)


def cross_entropy_grad(y_onehot, probs):
    targets = np.asarray(y_onehot, dtype=np.float64)
    dvalues = np.asarray(probs, dtype=np.float64)
    samples = len(dvalues)
    return -targets / dvalues / samples
