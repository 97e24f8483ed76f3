# lossdrill: ex9
# Mistake: log-sum-exp taken literally, np.log(np.sum(np.exp(z))), without subtracting the
# row maximum: exp(1000) overflows and a row of -1000s gives log(0).
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    n = z.shape[0]
    lse = np.log(np.sum(np.exp(z), axis=1))
    return float(np.mean(lse - z[np.arange(n), labels]))
