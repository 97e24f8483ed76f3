# lossdrill: ex19
# Mistake: np.flip without an axis on each image: rows and columns reversed.
import numpy as np


def random_flip(images, rng):
    out = np.array(images)
    flip = rng.random(len(out)) < 0.5
    for i in range(len(out)):
        if flip[i]:
            out[i] = np.flip(out[i])
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + sigma * rng.standard_normal(x.shape)
