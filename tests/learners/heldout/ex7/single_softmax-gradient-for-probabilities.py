# lossdrill: ex7
# heldout: softmax-gradient-for-probabilities — returns (P − Y)/N, the gradient with respect to the logits of a softmax, not with respect to the probabilities
import numpy as np


def cross_entropy(y_onehot, probs, eps=1e-15):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.clip(np.asarray(probs, dtype=np.float64), eps, 1.0)
    return float(-np.mean(np.sum(y * np.log(p), axis=1)))


def cross_entropy_grad(y_onehot, probs):
    y = np.asarray(y_onehot, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    return (p - y) / y.shape[0]
