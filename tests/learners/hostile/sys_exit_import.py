# lossdrill: ex1
# Hostile: exits "successfully" while being imported.
import sys

sys.exit(0)


def mse(y_true, y_pred):  # never reached
    return 0.0
