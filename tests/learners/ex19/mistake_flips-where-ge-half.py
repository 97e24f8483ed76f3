# lossdrill: ex19
# Mistake: flips where the draw is >= 0.5.
import numpy as np


def random_flip(images, rng):
    out = np.array(images)
    flip = rng.random(len(out)) >= 0.5
    out[flip] = out[flip, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + sigma * rng.standard_normal(x.shape)
