# lossdrill: ex1
# Hostile: exits "successfully" from inside the call (raises SystemExit(0)).
import sys


def mse(y_true, y_pred):
    sys.exit(0)
