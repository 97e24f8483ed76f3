# lossdrill: ex1
# Hostile: an infinite loop while being imported.
while True:
    pass


def mse(y_true, y_pred):  # never reached
    return 0.0
