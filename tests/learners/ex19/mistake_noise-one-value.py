# lossdrill: ex19
# Mistake: no shape given to the draw: one noise value shared by every element.
import numpy as np


def random_flip(images, rng):
    out = np.array(images)
    flip = rng.random(len(out)) < 0.5
    out[flip] = out[flip, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + sigma * rng.standard_normal()
