# lossdrill: ex19
"""One draw per image, one per element, in order (the same numbers as single calls)."""
import numpy as np


def random_flip(images, rng):
    out = np.array(images, dtype=np.float64)
    for i in range(out.shape[0]):
        if rng.random() < 0.5:
            out[i] = np.fliplr(out[i])  # a 2-D image: fliplr reverses its columns
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    for idx in np.ndindex(x.shape):
        out[idx] = x[idx] + sigma * rng.standard_normal()
    return out
