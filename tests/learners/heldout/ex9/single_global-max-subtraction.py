# lossdrill: ex9
# heldout: global-max-subtraction — subtracts the maximum of the whole batch instead of each row's, so a row of −1000 next to a row of +1000 gives log 0
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = np.max(z)
    with np.errstate(divide="ignore"):
        lse = m + np.log(np.sum(np.exp(z - m), axis=1))
    return float(np.mean(lse - z[np.arange(z.shape[0]), y]))
