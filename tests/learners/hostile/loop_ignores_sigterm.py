# lossdrill: ex1
# Hostile: ignores SIGTERM and SIGINT, then loops forever inside the call, so only
# SIGKILL stops it.
import signal


def mse(y_true, y_pred):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        pass
