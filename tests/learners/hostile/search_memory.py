# lossdrill: ex1
# Hostile: searches its own memory for the reference (sys.modules, every object the garbage
# collector knows) and uses any function called `mse` that is not its own. The learner
# process never holds reference code, so it finds none and answers wrongly.
import gc
import sys

import numpy as np


def _find():
    for name, module in list(sys.modules.items()):
        candidate = getattr(module, "mse", None)
        if callable(candidate) and name != __name__ and "MISTAKES" in vars(module):
            return candidate
    for obj in gc.get_objects():
        if callable(obj) and getattr(obj, "__name__", "") == "mse" and obj is not mse:
            return obj
        if isinstance(obj, dict) and "MISTAKES" in obj and callable(obj.get("mse")):
            return obj["mse"]
    return None


def mse(y_true, y_pred):
    found = _find()
    print("reference found in memory" if found else "no reference in memory")
    if found is not None:
        return found(y_true, y_pred)
    return -1.0
