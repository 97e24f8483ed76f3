# lossdrill: ex1
# Hostile: sleeps for 1000 s while being imported (idle, so CPU limits do not catch it).
import time

time.sleep(1000)


def mse(y_true, y_pred):  # never reached
    return 0.0
