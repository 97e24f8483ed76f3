# lossdrill: ex9
# heldout: forgets-keepdims — subtracts logits.max(axis=1) without keepdims: (N, K) − (N,) fails unless N = K, and then shifts the wrong entries
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    shifted = logits - logits.max(axis=1)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())
