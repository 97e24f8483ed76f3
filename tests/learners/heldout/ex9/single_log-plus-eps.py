# lossdrill: ex9
# heldout: log-plus-eps — computes stable softmax probabilities, then −log(p + 1e-12): finite, but the loss is capped near 27.6 when the true class is far below the best
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    picked = p[np.arange(len(y)), y]
    return float(np.mean(-np.log(picked + 1e-12)))
