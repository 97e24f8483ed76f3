# lossdrill: ex1
# Hostile: sleeps for 1000 s inside the call.
import time


def mse(y_true, y_pred):
    time.sleep(1000)
    return 0.0
