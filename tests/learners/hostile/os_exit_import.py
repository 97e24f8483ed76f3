# lossdrill: ex1
# Hostile: kills its own process with status 0 while being imported (no cleanup, no exception).
import os

os._exit(0)


def mse(y_true, y_pred):  # never reached
    return 0.0
