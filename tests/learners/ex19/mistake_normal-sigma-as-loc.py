# lossdrill: ex19
# Mistake: rng.normal(sigma, ...) — the first parameter of normal is the mean, not the scale.
import numpy as np


def random_flip(images, rng):
    out = np.array(images)
    flip = rng.random(len(out)) < 0.5
    out[flip] = out[flip, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + rng.normal(sigma, size=x.shape)
