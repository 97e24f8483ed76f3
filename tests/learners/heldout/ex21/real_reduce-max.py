# lossdrill: ex21
# heldout: max-reduction-instead-of-maximum — a reduce_max(margin − d, 0) port: np.max over the axis (one number) where an element-wise maximum was meant, with the margin fixed at 2
import numpy as np


def contrastive_loss(distance, same, margin=1.0):
    y_pred = np.asarray(distance, dtype=np.float64)
    y_true = np.asarray(same, dtype=np.float64)
    margin = 2.0
    return float(np.mean(y_true * np.square(y_pred)
                         + (1 - y_true) * np.square(np.max(margin - y_pred, 0))))
