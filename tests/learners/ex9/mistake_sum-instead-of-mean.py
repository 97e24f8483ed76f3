# lossdrill: ex9
# Mistake: adds up the per-sample costs instead of averaging them.
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=float)
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    costs = lse - z[np.arange(len(z)), labels]
    return float(costs.sum())
