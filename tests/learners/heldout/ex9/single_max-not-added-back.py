# lossdrill: ex9
# heldout: max-not-added-back — logsumexp is computed as log Σ exp(z − m), forgetting to add m back
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = np.max(z, axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(z - m), axis=1))
    return float(np.mean(lse - z[np.arange(len(z)), y]))
