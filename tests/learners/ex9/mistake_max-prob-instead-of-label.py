# lossdrill: ex9
# Mistake: -log of the most probable class of each row (the prediction), not of the label.
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=float)
    m = z.max(axis=1, keepdims=True)
    log_probs = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    return float(-np.mean(log_probs.max(axis=1)))
