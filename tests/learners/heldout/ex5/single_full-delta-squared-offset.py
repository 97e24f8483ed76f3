# lossdrill: ex5
# heldout: full-delta-squared-offset — the linear branch subtracts δ² instead of ½δ², δ·|e| − δ², so the pieces do not meet at |e| = δ
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    e = np.abs(y_pred - y_true)
    quadratic = 0.5 * e ** 2
    linear = delta * e - delta ** 2
    return float(np.mean(np.where(e <= delta, quadratic, linear)))
