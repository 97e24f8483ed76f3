# lossdrill: ex1
import numpy as np

def mse(y_true, y_pred)
    return float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))
