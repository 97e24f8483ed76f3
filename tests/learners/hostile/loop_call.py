# lossdrill: ex1
# Hostile: an infinite loop inside the call.


def mse(y_true, y_pred):
    n = 0
    while True:
        n += 1
