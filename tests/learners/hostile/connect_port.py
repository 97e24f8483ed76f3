# lossdrill: ex1
# Hostile: tries to reach a local service (the e2e test listens on 127.0.0.1:47613 and checks
# that nothing connected), then answers wrongly. It reports what happened.
import socket

import numpy as np

PORT = 47613


def mse(y_true, y_pred):
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=0.5) as conn:
            conn.sendall(b"hello from the learner")
        print("connected")
    except OSError as exc:
        print(f"connection refused: {type(exc).__name__}: {exc}")
    return 1234.5
