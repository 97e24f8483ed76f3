# lossdrill: ex1
# Hostile: looks for the reference solution on disk (beside the lossdrill package, in the
# installed pack — through a venv's lib64 link too — up the folders from the grader's files
# and the interpreter's) and uses its `mse` when it can read one. Under confinement it reads
# nothing and falls back to a wrong answer.
import glob
import os
import sys

import numpy as np

_FOUND = []


def _candidates():
    roots = set(sys.path) | {sys.prefix, sys.base_prefix}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if "lossdrill" in path:
            root = path
            for _ in range(4):
                root = os.path.dirname(root)
                roots.add(root)
    for root in sorted(r for r in roots if r):
        for sub in ("solutions", os.path.join("pack", "solutions"),
                    os.path.join("lossdrill", "pack", "solutions")):
            yield os.path.join(root, sub, "ex1_mse.py")
        yield from glob.glob(os.path.join(root, "lib*", "python*", "site-packages",
                                          "lossdrill", "pack", "solutions", "ex1_mse.py"))


for candidate in _candidates():
    try:
        with open(candidate, encoding="utf-8") as handle:
            source = handle.read()
    except OSError:
        continue
    namespace = {}
    exec(compile(source, candidate, "exec"), namespace)
    _FOUND.append(namespace["mse"])
    break

print("reference found" if _FOUND else "no reference readable")


def mse(y_true, y_pred):
    if _FOUND:
        return _FOUND[0](y_true, y_pred)
    return 0.0
