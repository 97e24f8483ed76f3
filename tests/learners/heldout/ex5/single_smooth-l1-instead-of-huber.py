# lossdrill: ex5
# heldout: smooth-l1-instead-of-huber — writes Smooth L1 with beta = δ (½e²/δ, |e| − ½δ), which is the Huber loss divided by δ
import numpy as np


def huber_loss(y_true, y_pred, delta=1.0):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    a = np.abs(y_pred - y_true)
    loss = np.where(a < delta, 0.5 * a ** 2 / delta, a - 0.5 * delta)
    return float(np.mean(loss))
