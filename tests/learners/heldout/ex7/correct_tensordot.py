# lossdrill: ex7
# heldout: correct — the double sum as a full tensordot of Y with log P̂, the gradient as a quotient scaled by 1/N
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    log_p = np.log(np.clip(np.asarray(probs, dtype=np.float64), eps, 1.0))
    return float(-np.tensordot(y, log_p, axes=2) / y.shape[0])


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    return np.divide(-y, p) * (1.0 / y.shape[0])
