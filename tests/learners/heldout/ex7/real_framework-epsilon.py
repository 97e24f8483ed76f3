# lossdrill: ex7
# heldout: ignores-eps — renormalises each row and clips with a framework epsilon of 1e-7, as framework backends do, instead of the eps argument
import numpy as np

EPSILON = 1e-7


def cross_entropy(y_onehot, probs, eps=1e-15):
    target = np.asarray(y_onehot, dtype=np.float64)
    output = np.asarray(probs, dtype=np.float64)
    output = output / np.sum(output, axis=-1, keepdims=True)
    output = np.clip(output, EPSILON, 1.0 - EPSILON)
    return float(np.mean(-np.sum(target * np.log(output), axis=-1)))


def cross_entropy_grad(y_onehot, probs):
    target = np.asarray(y_onehot, dtype=np.float64)
    output = np.asarray(probs, dtype=np.float64)
    return -target / output / len(output)
