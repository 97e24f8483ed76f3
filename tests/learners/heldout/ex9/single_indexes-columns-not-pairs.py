# lossdrill: ex9
# heldout: indexes-columns-not-pairs — picks the true-class logits with z[:, labels], an (N, N) block of columns, instead of z[np.arange(N), labels]
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    true_logits = z[:, y]
    return float(np.mean(lse - true_logits))
