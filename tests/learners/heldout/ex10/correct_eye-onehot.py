# lossdrill: ex10
# heldout: correct — probabilities as exp(z − logsumexp(z)) and the one-hot rows taken from an identity matrix
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    n, k = z.shape
    probs = np.exp(z - np.logaddexp.reduce(z, axis=1, keepdims=True))
    onehot = np.eye(k)[y]
    return (probs - onehot) / n
