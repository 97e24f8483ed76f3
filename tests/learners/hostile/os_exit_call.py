# lossdrill: ex1
# Hostile: kills its own process with status 0 from inside the call.
import os


def mse(y_true, y_pred):
    os._exit(0)
