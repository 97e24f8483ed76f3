# lossdrill: ex1
# Hostile: inside the call, asks for an 8 GiB array (a 32768 x 32768 float64 matrix, the
# classic accidental pairwise matrix) and fills it. Under the grader's memory cap (1 GiB by
# default) the allocation fails at once; with no cap, the per-call timeout stops the
# filling. Nothing is allocated at import time, so importing this file is harmless;
# the call is meant to run only inside the grader's limits.
import numpy as np

SIDE = 32768  # SIDE**2 * 8 bytes = 8 GiB


def mse(y_true, y_pred):
    pairwise = np.ones((SIDE, SIDE), dtype=np.float64)  # np.ones writes every page
    return float(pairwise[0, 0])  # bounded: one 8 GiB request, never more
